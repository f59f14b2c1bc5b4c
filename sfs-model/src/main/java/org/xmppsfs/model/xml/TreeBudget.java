package org.xmppsfs.model.xml;

/**
 * Enforces {@link ParserLimits} on a tree that is built from an already-parsed source (a Smack pull parser, a
 * dom4j element), element by element, so that a hostile tree is refused before this project copies it. Where
 * there are no input bytes to count, the total of text and attribute values (in characters) stands in for
 * {@link ParserLimits#maxInputBytes()}. Not thread-safe: one budget per tree.
 */
public final class TreeBudget {

    private final ParserLimits limits;
    private int elements;
    private long characters;

    public TreeBudget(ParserLimits limits) {
        this.limits = limits;
    }

    /**
     * An element starts.
     *
     * @param depth                   its depth, the root counting as 1
     * @param attributesAndNamespaces its attributes plus namespace declarations
     */
    public void element(String name, int depth, int attributesAndNamespaces) throws SfsParseException {
        if (++elements > limits.maxElements()) {
            throw new SfsParseException(name, "more than " + limits.maxElements() + " elements");
        }
        if (depth > limits.maxDepth()) {
            throw new SfsParseException(name, "nesting deeper than " + limits.maxDepth());
        }
        if (attributesAndNamespaces > limits.maxAttributes()) {
            throw new SfsParseException(name, "more than " + limits.maxAttributes() + " attributes and namespace declarations");
        }
    }

    public void attribute(String element, String attribute, String value) throws SfsParseException {
        if (value.length() > limits.maxTextLength()) {
            throw new SfsParseException(element, "attribute '" + attribute + "' longer than " + limits.maxTextLength() + " characters");
        }
        spend(element, value.length());
    }

    /** Text was added to an element; {@code elementTextLength} is the element's text so far, this run included. */
    public void text(String element, long elementTextLength, int added) throws SfsParseException {
        if (elementTextLength > limits.maxTextLength()) {
            throw new SfsParseException(element, "text longer than " + limits.maxTextLength() + " characters");
        }
        spend(element, added);
    }

    private void spend(String element, int length) throws SfsParseException {
        characters += length;
        if (characters > limits.maxInputBytes()) {
            throw new SfsParseException(element, "more than " + limits.maxInputBytes() + " characters of text and attribute values");
        }
    }
}
