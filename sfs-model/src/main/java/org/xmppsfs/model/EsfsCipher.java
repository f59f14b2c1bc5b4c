package org.xmppsfs.model;

import java.util.Optional;

/**
 * The ciphers of XEP-0448 §Ciphers, with the key and IV lengths the table fixes. Any other {@code cipher}
 * value cannot be decrypted by anyone who follows the XEP, so reading one is an error.
 */
public enum EsfsCipher {
    AES_128_GCM_NOPADDING("urn:xmpp:ciphers:aes-128-gcm-nopadding:0", 16, 12),
    AES_256_GCM_NOPADDING("urn:xmpp:ciphers:aes-256-gcm-nopadding:0", 32, 12),
    AES_256_CBC_PKCS7("urn:xmpp:ciphers:aes-256-cbc-pkcs7:0", 32, 16);

    private final String urn;
    private final int keyLength;
    private final int ivLength;

    EsfsCipher(String urn, int keyLength, int ivLength) {
        this.urn = urn;
        this.keyLength = keyLength;
        this.ivLength = ivLength;
    }

    /** The {@code cipher} attribute value. */
    public String urn() {
        return urn;
    }

    /** Key length in bytes. */
    public int keyLength() {
        return keyLength;
    }

    /** IV length in bytes. */
    public int ivLength() {
        return ivLength;
    }

    public static Optional<EsfsCipher> fromUrn(String urn) {
        for (EsfsCipher c : values()) {
            if (c.urn.equals(urn)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
