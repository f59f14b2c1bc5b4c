package org.xmppsfs.model.crypto;

/**
 * The ciphertext cannot be decrypted at all: too short to hold the GCM tag, a length that is not a whole number
 * of AES-CBC blocks, invalid PKCS#7 padding (usually a wrong key), or longer than the mode permits.
 *
 * <p>As with every {@link CiphertextException}, plaintext already obtained from the stream MUST be discarded.
 * Note that AES-CBC has no integrity check: a CBC file that decrypts without this exception is not thereby
 * proven genuine; the XEP-0448 {@code <hash>} of the plaintext is what proves it.
 */
public final class MalformedCiphertextException extends CiphertextException {

    private static final long serialVersionUID = 1L;

    MalformedCiphertextException(String message) {
        super(message);
    }

    MalformedCiphertextException(String message, Throwable cause) {
        super(message, cause);
    }
}
