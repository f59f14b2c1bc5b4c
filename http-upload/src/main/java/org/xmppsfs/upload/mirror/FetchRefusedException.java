package org.xmppsfs.upload.mirror;

/** A mirror source was refused before or while fetching; the message is safe to show to the requester. */
public final class FetchRefusedException extends Exception {
    public FetchRefusedException(String message) {
        super(message);
    }

    public FetchRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
