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
import org.xmppsfs.model.xml.XmlAttribute;
import org.xmppsfs.model.xml.XmlElement;
import org.xmppsfs.model.xml.XmlNode;
import org.xmppsfs.model.xml.XmlText;

/** Reads the element at a Smack parser's position into an {@link XmlElement}, enforcing depth, count and text limits. */
final class SmackXml {

    private SmackXml() {
    }

    /** The parser must be on the element's START_ELEMENT; it is left on the matching END_ELEMENT. */
    static XmlElement read(XmlPullParser p, ParserLimits limits) throws XmlPullParserException, IOException, SfsParseException {
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(start(p, limits));
        int elements = 1;
        while (true) {
            XmlPullParser.Event event = p.next();
            switch (event) {
                case START_ELEMENT -> {
                    if (++elements > limits.maxElements()) {
                        throw new SfsParseException(p.getName(), "more than " + limits.maxElements() + " elements");
                    }
                    if (stack.size() + 1 > limits.maxDepth()) {
                        throw new SfsParseException(p.getName(), "nesting deeper than " + limits.maxDepth());
                    }
                    stack.push(start(p, limits));
                }
                case TEXT_CHARACTERS, IGNORABLE_WHITESPACE, ENTITY_REFERENCE -> {
                    String text = p.getText();
                    if (text != null) {
                        Frame f = stack.peek();
                        f.textLength += text.length();
                        if (f.textLength > limits.maxTextLength()) {
                            throw new SfsParseException(f.name, "text longer than " + limits.maxTextLength() + " characters");
                        }
                        f.children.add(new XmlText(text));
                    }
                }
                case END_ELEMENT -> {
                    Frame f = stack.pop();
                    XmlElement e = new XmlElement(f.namespace, f.name, f.prefix, f.attributes, f.children);
                    if (stack.isEmpty()) {
                        return e;
                    }
                    stack.peek().children.add(e);
                }
                case END_DOCUMENT -> throw new SfsParseException(stack.peek().name, "document ended inside the element");
                default -> {
                    // comments, processing instructions: not kept
                }
            }
        }
    }

    private static Frame start(XmlPullParser p, ParserLimits limits) throws SfsParseException {
        Frame f = new Frame(nullToEmpty(p.getNamespace()), p.getName(), nullToEmpty(p.getPrefix()));
        for (int i = 0; i < p.getAttributeCount(); i++) {
            String prefix = nullToEmpty(p.getAttributePrefix(i));
            String name = p.getAttributeName(i);
            if (prefix.equals("xmlns") || (prefix.isEmpty() && name.equals("xmlns"))) {
                continue;
            }
            String ns = prefix.equals("xml") ? XmlAttribute.XML_NAMESPACE : nullToEmpty(p.getAttributeNamespace(i));
            String value = p.getAttributeValue(i);
            if (value.length() > limits.maxTextLength()) {
                throw new SfsParseException(f.name, "attribute '" + name + "' longer than " + limits.maxTextLength() + " characters");
            }
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

        Frame(String namespace, String name, String prefix) {
            this.namespace = namespace;
            this.name = name;
            this.prefix = prefix;
        }
    }
}
