package org.xmppsfs.model.smack;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.xmppsfs.model.xml.ParserLimits;
import org.xmppsfs.model.xml.SfsParseException;
import org.xmppsfs.model.xml.TreeBudget;
import org.xmppsfs.model.xml.XmlAttribute;
import org.xmppsfs.model.xml.XmlElement;
import org.xmppsfs.model.xml.XmlNode;
import org.xmppsfs.model.xml.XmlText;

/**
 * Reads the element at a Smack parser's position into an {@link XmlElement}, enforcing every {@link ParserLimits}
 * bound (depth, element count, attributes, text per element, and text in all as a stand-in for input size):
 * Smack has parsed the XML, but what this class builds from it must stay bounded whatever the server let through.
 */
final class SmackXml {

    private SmackXml() {
    }

    /** The parser must be on the element's START_ELEMENT; it is left on the matching END_ELEMENT. */
    static XmlElement read(XmlPullParser p, ParserLimits limits) throws XmlPullParserException, IOException, SfsParseException {
        TreeBudget budget = new TreeBudget(limits);
        Deque<Frame> stack = new ArrayDeque<>();
        budget.element(p.getName(), 1, p.getAttributeCount() + namespaceDeclarations(p));
        stack.push(start(p, budget));
        while (true) {
            XmlPullParser.Event event = p.next();
            switch (event) {
                case START_ELEMENT -> {
                    budget.element(p.getName(), stack.size() + 1, p.getAttributeCount() + namespaceDeclarations(p));
                    stack.push(start(p, budget));
                }
                case TEXT_CHARACTERS, IGNORABLE_WHITESPACE, ENTITY_REFERENCE -> {
                    String text = p.getText();
                    if (text != null) {
                        Frame f = stack.peek();
                        f.textLength += text.length();
                        budget.text(f.name, f.textLength, text.length());
                        f.text(text);
                    }
                }
                case END_ELEMENT -> {
                    Frame f = stack.pop();
                    XmlElement e = new XmlElement(f.namespace, f.name, f.prefix, f.attributes, f.finish());
                    if (stack.isEmpty()) {
                        return e;
                    }
                    stack.peek().child(e);
                }
                case END_DOCUMENT -> throw new SfsParseException(stack.peek().name, "document ended inside the element");
                default -> {
                    // comments, processing instructions: not kept
                }
            }
        }
    }

    /**
     * Namespace declarations of the current element, which the StAX-backed parser does not list as attributes. An
     * XPP3-backed parser counts those in scope instead, which only makes the bound tighter.
     */
    private static int namespaceDeclarations(XmlPullParser p) throws XmlPullParserException {
        return p.getNamespaceCount();
    }

    private static Frame start(XmlPullParser p, TreeBudget budget) throws SfsParseException {
        Frame f = new Frame(nullToEmpty(p.getNamespace()), p.getName(), nullToEmpty(p.getPrefix()));
        for (int i = 0; i < p.getAttributeCount(); i++) {
            String prefix = nullToEmpty(p.getAttributePrefix(i));
            String name = p.getAttributeName(i);
            if (prefix.equals("xmlns") || (prefix.isEmpty() && name.equals("xmlns"))) {
                continue;
            }
            String ns = prefix.equals("xml") ? XmlAttribute.XML_NAMESPACE : nullToEmpty(p.getAttributeNamespace(i));
            String value = p.getAttributeValue(i);
            budget.attribute(f.name, name, value);
            f.attributes.add(new XmlAttribute(ns, prefix, name, value));
        }
        return f;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static final class Frame {
        final String namespace;
        final String name;
        final String prefix;
        final List<XmlAttribute> attributes = new ArrayList<>();
        final List<XmlNode> children = new ArrayList<>();
        long textLength;
        /**
         * Text since the last child element, kept as one run: a dropped comment or processing instruction (or
         * a parser that splits text) must not leave two text nodes where the re-read XML has one.
         */
        private final StringBuilder pendingText = new StringBuilder();

        Frame(String namespace, String name, String prefix) {
            this.namespace = namespace;
            this.name = name;
            this.prefix = prefix;
        }

        void text(String text) {
            pendingText.append(text);
        }

        void child(XmlElement element) {
            flushText();
            children.add(element);
        }

        List<XmlNode> finish() {
            flushText();
            return children;
        }

        private void flushText() {
            if (pendingText.length() > 0) {
                children.add(new XmlText(pendingText.toString()));
                pendingText.setLength(0);
            }
        }
    }
}
