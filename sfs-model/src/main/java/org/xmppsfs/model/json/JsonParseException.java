package org.xmppsfs.model.json;

/** Text that is not JSON (RFC 8259), or JSON beyond the reader's limits. */
public final class JsonParseException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int offset;

    public JsonParseException(String message, int offset) {
        super(message + " at offset " + offset);
        this.offset = offset;
    }

    /** Character offset in the input where the problem was seen. */
    public int offset() {
        return offset;
    }
}
