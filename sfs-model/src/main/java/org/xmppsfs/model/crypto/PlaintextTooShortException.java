package org.xmppsfs.model.crypto;

/**
 * The ciphertext decrypted (and, for GCM, authenticated) to fewer bytes than the declared plaintext size.
 *
 * <p>XEP-0448 §Receiving a file has the receiver truncate the decrypted data to the {@code <size>} of the file
 * metadata; data shorter than that size is not the file that was announced, so it is refused rather than
 * passed on short. Plaintext already obtained from the stream MUST be discarded.
 */
public final class PlaintextTooShortException extends CiphertextException {

    private static final long serialVersionUID = 1L;

    private final long declaredSize;
    private final long actualSize;

    PlaintextTooShortException(long declaredSize, long actualSize) {
        super("the ciphertext decrypts to " + actualSize + " bytes, but the declared plaintext size is " + declaredSize);
        this.declaredSize = declaredSize;
        this.actualSize = actualSize;
    }

    /** The size the sender announced ({@code <size>}). */
    public long declaredSize() {
        return declaredSize;
    }

    /** The number of plaintext bytes the ciphertext actually held. */
    public long actualSize() {
        return actualSize;
    }
}
