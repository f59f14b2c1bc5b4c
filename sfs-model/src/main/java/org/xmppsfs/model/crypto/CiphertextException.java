package org.xmppsfs.model.crypto;

import java.io.IOException;

/**
 * Decryption failed: the bytes handed over are not what the sender encrypted with this key.
 *
 * <p>It is an {@link IOException} because it surfaces from {@code read()} and {@code close()} of the decrypting
 * streams. Whatever plaintext was read or written before it MUST be discarded: a streaming decryptor releases
 * plaintext before it has seen the end of the ciphertext, and only the end says whether the whole was genuine.
 */
public abstract sealed class CiphertextException extends IOException
        permits AuthenticationFailedException, MalformedCiphertextException, PlaintextTooShortException {

    private static final long serialVersionUID = 1L;

    CiphertextException(String message) {
        super(message);
    }

    CiphertextException(String message, Throwable cause) {
        super(message, cause);
    }
}
