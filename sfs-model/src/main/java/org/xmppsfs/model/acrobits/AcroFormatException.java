package org.xmppsfs.model.acrobits;

/** A {@code application/x-acro-filetransfer+json} document that cannot be read. */
public final class AcroFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public AcroFormatException(String message) {
        super(message);
    }

    public AcroFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
