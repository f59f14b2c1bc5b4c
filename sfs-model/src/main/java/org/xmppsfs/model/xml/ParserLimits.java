package org.xmppsfs.model.xml;

/**
 * Bounds on what the reader accepts, so that hostile input costs little. Every stanza this project reads is
 * small; the defaults leave a wide margin.
 *
 * @param maxDepth        deepest element nesting, the root counting as 1
 * @param maxElements     total number of elements
 * @param maxTextLength   longest single text run or attribute value, in characters
 * @param maxInputBytes   total input size, in bytes
 */
public record ParserLimits(int maxDepth, int maxElements, int maxTextLength, long maxInputBytes) {

    public static final ParserLimits DEFAULT = new ParserLimits(32, 10_000, 1 << 20, 4L << 20);

    public ParserLimits {
        if (maxDepth < 1 || maxElements < 1 || maxTextLength < 1 || maxInputBytes < 1) {
            throw new IllegalArgumentException("parser limits must be positive: " + maxDepth + "/" + maxElements
                    + "/" + maxTextLength + "/" + maxInputBytes);
        }
    }

    public ParserLimits withMaxDepth(int value) {
        return new ParserLimits(value, maxElements, maxTextLength, maxInputBytes);
    }

    public ParserLimits withMaxElements(int value) {
        return new ParserLimits(maxDepth, value, maxTextLength, maxInputBytes);
    }

    public ParserLimits withMaxTextLength(int value) {
        return new ParserLimits(maxDepth, maxElements, value, maxInputBytes);
    }

    public ParserLimits withMaxInputBytes(long value) {
        return new ParserLimits(maxDepth, maxElements, maxTextLength, value);
    }
}
