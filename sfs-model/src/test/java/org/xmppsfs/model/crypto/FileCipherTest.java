package org.xmppsfs.model.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** XEP-0448 §Ciphers: names, key and IV lengths, key generation and ciphertext sizes. */
class FileCipherTest {

    @Test
    void xep0448CiphersTableLookupByUrn() {
        assertEquals(FileCipher.AES_128_GCM_NOPADDING, FileCipher.fromUrn("urn:xmpp:ciphers:aes-128-gcm-nopadding:0").orElseThrow());
        assertEquals(FileCipher.AES_256_GCM_NOPADDING, FileCipher.fromUrn("urn:xmpp:ciphers:aes-256-gcm-nopadding:0").orElseThrow());
        assertEquals(FileCipher.AES_256_CBC_PKCS7, FileCipher.fromUrn("urn:xmpp:ciphers:aes-256-cbc-pkcs7:0").orElseThrow());
        assertTrue(FileCipher.fromUrn("urn:xmpp:ciphers:aes-256-gcm-nopadding:1").isEmpty());
        assertTrue(FileCipher.fromUrn(null).isEmpty());
    }

    @Test
    void xep0448CiphersTableKeyAndIvLengths() {
        assertEquals(16, FileCipher.AES_128_GCM_NOPADDING.keyLength());
        assertEquals(12, FileCipher.AES_128_GCM_NOPADDING.ivLength());
        assertEquals(32, FileCipher.AES_256_GCM_NOPADDING.keyLength());
        assertEquals(12, FileCipher.AES_256_GCM_NOPADDING.ivLength());
        assertEquals(32, FileCipher.AES_256_CBC_PKCS7.keyLength());
        assertEquals(16, FileCipher.AES_256_CBC_PKCS7.ivLength());
    }

    /** XEP-0448 §Sharing a file: the sender MUST create a random key and IV as the cipher requires. */
    @Test
    void xep0448SharingAFileGeneratesFreshRandomKeyAndIv() {
        SecureRandom random = new SecureRandom();
        for (FileCipher c : FileCipher.values()) {
            FileKey a = c.newKey(random);
            FileKey b = c.newKey();
            assertEquals(c.keyLength(), a.key().length, c + " key");
            assertEquals(c.ivLength(), a.iv().length, c + " iv");
            assertFalse(Arrays.equals(a.key(), b.key()), "two keys for two files differ");
            assertFalse(Arrays.equals(a.iv(), b.iv()), "two IVs for two files differ");
            assertNotEquals(a, b);
        }
    }

    @Test
    void wrongKeyOrIvLengthIsRefusedNamingTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FileKey(FileCipher.AES_256_GCM_NOPADDING, new byte[16], new byte[12]));
        assertTrue(e.getMessage().contains("32-byte key"), e.getMessage());
        assertTrue(e.getMessage().contains("16 bytes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FileKey(FileCipher.AES_128_GCM_NOPADDING, new byte[32], new byte[12]));
        assertThrows(IllegalArgumentException.class, () -> new FileKey(FileCipher.AES_256_GCM_NOPADDING, new byte[32], new byte[8]));
        IllegalArgumentException iv = assertThrows(IllegalArgumentException.class,
                () -> new FileKey(FileCipher.AES_256_CBC_PKCS7, new byte[32], new byte[12]));
        assertTrue(iv.getMessage().contains("16-byte IV"), iv.getMessage());
        // The legacy 16-byte GCM IV (XEP-0454 senders) is accepted for decryption.
        assertEquals(16, new FileKey(FileCipher.AES_256_GCM_NOPADDING, new byte[32], new byte[16]).iv().length);
    }

    /** XEP-0448 example: {@code <key>} and {@code <iv>} are Base64 of 32 and 12 bytes. */
    @Test
    void xep0448ExampleKeyAndIvFromBase64() {
        FileKey key = FileKey.fromBase64(FileCipher.AES_256_GCM_NOPADDING,
                "SuRJ2agVm/pQbJQlPq/B23Xt1YOOJCcEGJA5HrcYOGQ=", "T8RDMBaiqn6Ci4Nw");
        assertEquals(32, key.key().length);
        assertEquals(12, key.iv().length);
        assertEquals("SuRJ2agVm/pQbJQlPq/B23Xt1YOOJCcEGJA5HrcYOGQ=", key.keyBase64());
        assertEquals("T8RDMBaiqn6Ci4Nw", key.ivBase64());
        assertFalse(key.toString().contains(key.keyBase64()), "toString keeps the key out of logs");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FileKey.fromBase64(FileCipher.AES_256_GCM_NOPADDING, "not base64!", "T8RDMBaiqn6Ci4Nw"));
        assertTrue(e.getMessage().contains("<key>"), e.getMessage());
    }

    @Test
    void keyArraysAreCopiedInAndOut() {
        byte[] raw = new byte[32];
        FileKey key = new FileKey(FileCipher.AES_256_GCM_NOPADDING, raw, new byte[12]);
        raw[0] = 1;
        key.key()[1] = 1;
        assertEquals(0, key.key()[0]);
        assertEquals(0, key.key()[1]);
    }

    /** XEP-0454 §Implementation Notes and XEP-0363 slot size: GCM adds the 16-byte tag, CBC pads to whole blocks. */
    @Test
    void ciphertextSizesAsLongs() {
        assertEquals(16, FileCipher.AES_256_GCM_NOPADDING.ciphertextSize(0));
        assertEquals(1016, FileCipher.AES_128_GCM_NOPADDING.ciphertextSize(1000));
        long threeGiB = 3L << 30;
        assertEquals(threeGiB + 16, FileCipher.AES_256_GCM_NOPADDING.ciphertextSize(threeGiB));
        assertEquals(FileCipher.GCM_MAX_PLAINTEXT + 16, FileCipher.AES_256_GCM_NOPADDING.ciphertextSize(FileCipher.GCM_MAX_PLAINTEXT));
        assertThrows(IllegalArgumentException.class, () -> FileCipher.AES_256_GCM_NOPADDING.ciphertextSize(FileCipher.GCM_MAX_PLAINTEXT + 1));
        assertThrows(IllegalArgumentException.class, () -> FileCipher.AES_256_GCM_NOPADDING.ciphertextSize(-1));

        FileCipher cbc = FileCipher.AES_256_CBC_PKCS7;
        assertEquals(16, cbc.ciphertextSize(0));
        assertEquals(16, cbc.ciphertextSize(15));
        assertEquals(32, cbc.ciphertextSize(16), "PKCS#7 adds a whole block when the plaintext fills the last one");
        assertEquals(threeGiB + 16, cbc.ciphertextSize(threeGiB));
        assertEquals(threeGiB + 16, cbc.ciphertextSize(threeGiB + 5));
        assertEquals(Long.MAX_VALUE - 15 + 16 - 16, cbc.ciphertextSize(Long.MAX_VALUE - 16));
        assertThrows(ArithmeticException.class, () -> cbc.ciphertextSize(Long.MAX_VALUE));
    }

    @Test
    void maxPlaintextSizeForADownloadedCiphertext() {
        assertEquals((3L << 30), FileCipher.AES_256_GCM_NOPADDING.maxPlaintextSize((3L << 30) + 16));
        assertTrue(FileCipher.AES_256_GCM_NOPADDING.maxPlaintextSize(15) < 0, "shorter than the tag");
        assertEquals(31, FileCipher.AES_256_CBC_PKCS7.maxPlaintextSize(32));
        assertTrue(FileCipher.AES_256_CBC_PKCS7.maxPlaintextSize(33) < 0, "not whole blocks");
        assertTrue(FileCipher.AES_256_CBC_PKCS7.maxPlaintextSize(0) < 0);
    }
}
