package org.xmppsfs.model.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.xmppsfs.model.crypto.AesGcmUrl;
import org.xmppsfs.model.crypto.CiphertextException;
import org.xmppsfs.model.crypto.FileCipher;
import org.xmppsfs.model.crypto.FileKey;

/**
 * The client-side crypto entry points that take untrusted input: an aesgcm:// URL from a message body, and a
 * ciphertext from a download.
 */
class CryptoFuzzTest {

    /** A fixed key and IV: what is fuzzed is the ciphertext, and a fixed key keeps findings reproducible. */
    private static final byte[] KEY = new byte[32];
    private static final byte[] IV = new byte[16];

    static {
        for (int i = 0; i < KEY.length; i++) {
            KEY[i] = (byte) (i * 7 + 1);
        }
        for (int i = 0; i < IV.length; i++) {
            IV[i] = (byte) (i * 13 + 5);
        }
    }

    /** Only IllegalArgumentException, naming the problem; what parses prints back to a URL that parses equal. */
    @FuzzTest(maxDuration = "5m")
    void aesGcmUrlParse(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        AesGcmUrl url;
        try {
            url = AesGcmUrl.parse(text);
        } catch (IllegalArgumentException refused) {
            assertEquals(false, refused.getMessage() == null || refused.getMessage().isEmpty(), "the refusal names the problem");
            return;
        }
        AesGcmUrl again = AesGcmUrl.parse(url.toUrlString());
        assertEquals(url, again);
        assertEquals(url.toUrlString(), again.toUrlString());
    }

    /**
     * Decrypting arbitrary bytes, through every decrypting entry point, throws nothing but IOException (of which
     * {@link CiphertextException} is the typed refusal). A ciphertext that does decrypt in full is exactly what
     * encrypting its plaintext gives back.
     */
    @FuzzTest(maxDuration = "5m")
    void fileKeyDecrypt(FuzzedDataProvider data) throws IOException {
        FileCipher cipher = data.pickValue(FileCipher.values());
        int ivLength = cipher.isGcm() && data.consumeBoolean() ? 16 : cipher.ivLength();
        byte[] iv = java.util.Arrays.copyOf(IV, ivLength);
        FileKey key = new FileKey(cipher, java.util.Arrays.copyOf(KEY, cipher.keyLength()), iv);
        int mode = data.consumeInt(0, 3);
        long declaredSize = data.consumeLong(0, 1L << 20);
        int chunk = data.consumeInt(1, 4096);
        byte[] ciphertext = data.consumeRemainingAsBytes();
        try {
            switch (mode) {
                case 0 -> {
                    byte[] plaintext = readAll(key.decrypt(new ByteArrayInputStream(ciphertext)), chunk);
                    assertArrayEquals(ciphertext, readAll(key.encrypt(new ByteArrayInputStream(plaintext)), 8192),
                            "a ciphertext that decrypts is the encryption of its plaintext");
                }
                case 1 -> readAll(key.decrypt(new ByteArrayInputStream(ciphertext), declaredSize), chunk);
                case 2 -> {
                    try (OutputStream sink = key.decryptTo(new ByteArrayOutputStream(), declaredSize)) {
                        for (int off = 0; off < ciphertext.length; off += chunk) {
                            sink.write(ciphertext, off, Math.min(chunk, ciphertext.length - off));
                        }
                    }
                }
                default -> {
                    if (cipher.isGcm() && ivLength == cipher.ivLength()) {
                        byte[] plaintext = readAll(key.decryptWithoutTag(new ByteArrayInputStream(ciphertext), declaredSize), chunk);
                        assertEquals(Math.min(ciphertext.length, declaredSize), plaintext.length);
                    }
                }
            }
        } catch (CiphertextException refused) {
            // the typed refusal: tag, padding or length
        }
    }

    private static byte[] readAll(InputStream in, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[chunk];
        try (in) {
            for (int n; (n = in.read(buffer, 0, buffer.length)) >= 0; ) {
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }
}
