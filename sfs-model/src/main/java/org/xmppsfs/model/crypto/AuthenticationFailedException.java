package org.xmppsfs.model.crypto;

/**
 * The AES-GCM authentication tag at the end of the file does not match: the ciphertext was altered or
 * truncated, or the key or IV is wrong.
 *
 * <p>Every byte of plaintext obtained from the same stream before this exception MUST be discarded (deleted
 * from disk, not shown to the user): it was released before the tag could be checked.
 */
public final class AuthenticationFailedException extends CiphertextException {

    private static final long serialVersionUID = 1L;

    AuthenticationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
