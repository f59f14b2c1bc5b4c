package org.xmppsfs.model.dom4j;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.dom4j.Attribute;
import org.dom4j.DocumentException;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.Node;
import org.xmppsfs.model.AttachTo;
import org.xmppsfs.model.FileSharing;
import org.xmppsfs.model.SharedFileMessage;
import org.xmppsfs.model.SourceList;
import org.xmppsfs.model.xml.Parsed;
import org.xmppsfs.model.xml.ParserLimits;
import org.xmppsfs.model.xml.SfsParseException;
import org.xmppsfs.model.xml.SfsReader;
import org.xmppsfs.model.xml.SfsWriter;
import org.xmppsfs.model.xml.TreeBudget;
import org.xmppsfs.model.xml.XmlElement;
import org.xmppsfs.model.xml.XmlWriter;

/**
 * Bridges dom4j elements (Tinder/Whack packets, Openfire) and the model.
 *
 * <p>Only API present in both dom4j 1.6.1 (what an Openfire 4.2 plugin sees) and 2.1.x is used: elements cross
 * the boundary as text, via {@link Element#asXML()} on the way in (then the hardened {@link SfsReader}, so limits
 * apply) and {@link DocumentHelper#parseText(String)} on the way out (input this module wrote itself).
 * dom4j is an optional dependency of this module: only callers of this class need it.
 */
public final class Dom4jAdapter {

    private Dom4jAdapter() {
    }

    /**
     * The element as a neutral tree, read with the reader's limits. The dom4j tree is measured against those
     * limits first, without recursion: {@link Element#asXML()} recurses once per level (a tree thousands of levels
     * deep overflows the stack) and copies the whole element into a string, which a hostile element must not cost.
     */
    public static XmlElement fromElement(Element element, SfsReader reader) throws SfsParseException {
        checkLimits(element, reader.limits());
        return reader.tree(element.asXML());
    }

    private record Pending(Element element, int depth) {
    }

    private static void checkLimits(Element root, ParserLimits limits) throws SfsParseException {
        TreeBudget budget = new TreeBudget(limits);
        Deque<Pending> pending = new ArrayDeque<>();
        budget.element(root.getName(), 1, root.attributeCount() + root.declaredNamespaces().size());
        pending.push(new Pending(root, 1));
        while (!pending.isEmpty()) {
            Pending next = pending.pop();
            Element e = next.element();
            for (int i = 0; i < e.attributeCount(); i++) {
                Attribute a = e.attribute(i);
                budget.attribute(e.getName(), a.getName(), a.getValue());
            }
            long textLength = 0;
            for (int i = 0; i < e.nodeCount(); i++) {
                Node n = e.node(i);
                if (n instanceof Element child) {
                    // Counted when found, so that the queue never holds more than the limits allow.
                    budget.element(child.getName(), next.depth() + 1, child.attributeCount() + child.declaredNamespaces().size());
                    pending.push(new Pending(child, next.depth() + 1));
                } else if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE
                        || n.getNodeType() == Node.ENTITY_REFERENCE_NODE) {
                    String text = n.getText();
                    if (text != null) {
                        textLength += text.length();
                        budget.text(e.getName(), textLength, text.length());
                    }
                }
            }
        }
    }

    /** A detached dom4j copy of the tree, ready to add to a packet. */
    public static Element toElement(XmlElement element) {
        try {
            Element root = DocumentHelper.parseText(XmlWriter.write(element)).getRootElement();
            root.detach();
            return root;
        } catch (DocumentException e) {
            throw new IllegalStateException("dom4j refused XML this module wrote: " + e.getMessage(), e);
        }
    }

    /** Reads the file-sharing view of a {@code <message>} (e.g. Tinder's {@code message.getElement()}). */
    public static Parsed<SharedFileMessage> readMessage(Element message, SfsReader reader) throws SfsParseException {
        return reader.message(fromElement(message, reader));
    }

    public static Parsed<FileSharing> readFileSharing(Element fileSharing, SfsReader reader) throws SfsParseException {
        return reader.fileSharing(fromElement(fileSharing, reader));
    }

    public static Parsed<SourceList> readSources(Element sources, SfsReader reader) throws SfsParseException {
        return reader.sourceList(fromElement(sources, reader));
    }

    public static AttachTo readAttachTo(Element attachTo, SfsReader reader) throws SfsParseException {
        return reader.attachTo(fromElement(attachTo, reader)).value();
    }

    /** The XEP-0367 {@code <attach-to/>} that refers to this message (see {@link AttachTo#referringTo}). */
    public static Optional<AttachTo> attachToFor(Element message, SfsReader reader) throws SfsParseException {
        return AttachTo.referringTo(fromElement(message, reader));
    }

    public static Element toElement(FileSharing value) {
        return toElement(SfsWriter.element(value));
    }

    public static Element toElement(SourceList value) {
        return toElement(SfsWriter.element(value));
    }

    public static Element toElement(AttachTo value) {
        return toElement(SfsWriter.element(value));
    }

    /** The message's children except {@code <body>} (set that with the packet API), as detached dom4j elements. */
    public static List<Element> extensionElements(SharedFileMessage message) {
        return message.extensionElements().stream().map(Dom4jAdapter::toElement).toList();
    }

    /** Adds the message's extension elements to a dom4j {@code <message>} element and sets its body. */
    public static void addTo(Element messageElement, SharedFileMessage message) {
        message.body().ifPresent(text -> {
            Element body = messageElement.element("body");
            if (body == null) {
                body = messageElement.addElement("body", messageElement.getNamespaceURI());
            }
            body.setText(text);
        });
        for (Element e : extensionElements(message)) {
            messageElement.add(e);
        }
    }
}
