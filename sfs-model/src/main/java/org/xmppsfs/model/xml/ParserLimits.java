package org.xmppsfs.model.xml;

/**
 * Bounds on what the reader accepts, so that hostile input costs little. Every stanza this project reads is
 * small; the defaults leave a wide margin.
 *
 * @param maxDepth        deepest element nesting, the root counting as 1
 * @param maxElements     total number of elements
 * @param maxTextLength   longest single text run or attribute value, in characters
 * @param maxInputBytes   total input size, in bytes; for a tree that arrives already parsed (Smack, dom4j), the
 *                        total of its text and attribute values, in characters
 * @param maxAttributes   most attributes plus namespace declarations on one element
 */
public record ParserLimits(int maxDepth, int maxElements, int maxTextLength, long maxInputBytes, int maxAttributes) {

    /** Real stanzas carry a handful of attributes per element; 128 leaves room for many namespace declarations. */
    public static final int DEFAULT_MAX_ATTRIBUTES = 128;

    public static final ParserLimits DEFAULT = new ParserLimits(32, 10_000, 1 << 20, 4L << 20, DEFAULT_MAX_ATTRIBUTES);

    public ParserLimits {
        if (maxDepth < 1 || maxElements < 1 || maxTextLength < 1 || maxInputBytes < 1 || maxAttributes < 1) {
            throw new IllegalArgumentException("parser limits must be positive: " + maxDepth + "/" + maxElements
                    + "/" + maxTextLength + "/" + maxInputBytes + "/" + maxAttributes);
        }
    }

    /** The first four limits, with {@link #DEFAULT_MAX_ATTRIBUTES}. */
    public ParserLimits(int maxDepth, int maxElements, int maxTextLength, long maxInputBytes) {
        this(maxDepth, maxElements, maxTextLength, maxInputBytes, DEFAULT_MAX_ATTRIBUTES);
    }

    public ParserLimits withMaxDepth(int value) {
        return new ParserLimits(value, maxElements, maxTextLength, maxInputBytes, maxAttributes);
    }

    public ParserLimits withMaxElements(int value) {
        return new ParserLimits(maxDepth, value, maxTextLength, maxInputBytes, maxAttributes);
    }

    public ParserLimits withMaxTextLength(int value) {
        return new ParserLimits(maxDepth, maxElements, value, maxInputBytes, maxAttributes);
    }

    public ParserLimits withMaxInputBytes(long value) {
        return new ParserLimits(maxDepth, maxElements, maxTextLength, value, maxAttributes);
    }

    public ParserLimits withMaxAttributes(int value) {
        return new ParserLimits(maxDepth, maxElements, maxTextLength, maxInputBytes, value);
    }
}
