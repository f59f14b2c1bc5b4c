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
import org.xmppsfs.model.xml.OpenElement;
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
        Deque<OpenElement> stack = new ArrayDeque<>();
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
                        stack.peek().text(text);
                    }
                }
                case END_ELEMENT -> {
                    XmlElement e = stack.pop().close();
                    if (stack.isEmpty()) {
                        return e;
                    }
                    stack.peek().child(e);
                }
                case END_DOCUMENT -> throw new SfsParseException(stack.peek().name(), "document ended inside the element");
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

    private static OpenElement start(XmlPullParser p, TreeBudget budget) throws SfsParseException {
        OpenElement f = new OpenElement(budget, nullToEmpty(p.getNamespace()), p.getName(), nullToEmpty(p.getPrefix()));
        for (int i = 0; i < p.getAttributeCount(); i++) {
            String prefix = nullToEmpty(p.getAttributePrefix(i));
            String name = p.getAttributeName(i);
            if (prefix.equals("xmlns") || (prefix.isEmpty() && name.equals("xmlns"))) {
                continue;
            }
            String ns = prefix.equals("xml") ? XmlAttribute.XML_NAMESPACE : nullToEmpty(p.getAttributeNamespace(i));
            f.attribute(new XmlAttribute(ns, prefix, name, p.getAttributeValue(i)));
        }
        return f;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
