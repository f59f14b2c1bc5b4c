package org.xmppsfs.model.dom4j;

import java.util.List;
import java.util.Optional;
import org.dom4j.DocumentException;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.xmppsfs.model.AttachTo;
import org.xmppsfs.model.FileSharing;
import org.xmppsfs.model.SharedFileMessage;
import org.xmppsfs.model.SourceList;
import org.xmppsfs.model.xml.Parsed;
import org.xmppsfs.model.xml.SfsParseException;
import org.xmppsfs.model.xml.SfsReader;
import org.xmppsfs.model.xml.SfsWriter;
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

    /** The element as a neutral tree, read with the reader's limits. */
    public static XmlElement fromElement(Element element, SfsReader reader) throws SfsParseException {
        return reader.tree(element.asXML());
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
