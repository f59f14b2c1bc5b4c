package org.xmppsfs.model.xml;

import java.util.ArrayList;
import java.util.List;

/**
 * An element a reader has started but not yet closed: collects attributes, text and children under a
 * {@link TreeBudget}, and becomes an {@link XmlElement} when closed. Shared by the StAX reader and the Smack
 * providers so both build the same tree under the same limits. Not thread-safe; one per open element.
 */
public final class OpenElement {

    private final TreeBudget budget;
    private final String namespace;
    private final String name;
    private final String prefix;
    private final List<XmlAttribute> attributes = new ArrayList<>();
    private final List<XmlNode> children = new ArrayList<>();
    private long textLength;
    /**
     * Text since the last child element, kept as one run: a dropped comment or processing instruction (or
     * a parser that splits text) must not leave two text nodes where the re-read XML has one.
     */
    private final StringBuilder pendingText = new StringBuilder();

    public OpenElement(TreeBudget budget, String namespace, String name, String prefix) {
        this.budget = budget;
        this.namespace = namespace;
        this.name = name;
        this.prefix = prefix;
    }

    public String name() {
        return name;
    }

    /** Adds an attribute, counted against the budget. */
    public void attribute(XmlAttribute attribute) throws SfsParseException {
        budget.attribute(name, attribute.name(), attribute.value());
        attributes.add(attribute);
    }

    /** Adds character data, counted against the budget. */
    public void text(String text) throws SfsParseException {
        textLength += text.length();
        budget.text(name, textLength, text.length());
        pendingText.append(text);
    }

    public void child(XmlElement element) {
        flushText();
        children.add(element);
    }

    /** The finished element. */
    public XmlElement close() {
        flushText();
        return new XmlElement(namespace, name, prefix, attributes, children);
    }

    private void flushText() {
        if (pendingText.length() > 0) {
            children.add(new XmlText(pendingText.toString()));
            pendingText.setLength(0);
        }
    }
}
