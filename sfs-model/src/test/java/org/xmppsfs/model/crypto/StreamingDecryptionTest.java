package org.xmppsfs.model.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xmppsfs.model.crypto.CryptoTestSupport.randomBytes;
import static org.xmppsfs.model.crypto.CryptoTestSupport.readInOddChunks;
import static org.xmppsfs.model.crypto.CryptoTestSupport.writeInOddChunks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xmppsfs.model.crypto.CryptoTestSupport.CountingInputStream;

/**
 * Encryption and decryption as streams, for every XEP-0448 §Ciphers cipher: multi-megabyte round-trips read and
 * written in odd-sized pieces, output that flows before the input ends, tag checks (XEP-0454: tag appended),
 * and truncation to the declared size (XEP-0448 §Receiving a file).
 */
class StreamingDecryptionTest {

    /** A little over 3 MiB and not a multiple of the AES block, so partial blocks are exercised at the end. */
    private static final int SIZE = 3 * 1024 * 1024 + 12_345;

    /** A fresh random key, as a sender makes one per file (XEP-0448 §Sharing a file). */
    private static FileKey key(FileCipher cipher) {
        return cipher.newKey();
    }

    @ParameterizedTest
    @EnumSource(FileCipher.class)
    void roundTripOfMegabytesInOddChunksThroughInputStreams(FileCipher cipher) throws IOException {
        byte[] plain = randomBytes(SIZE, 1);
        FileKey key = key(cipher);
        byte[] encrypted = readInOddChunks(key.encrypt(new ByteArrayInputStream(plain)));
        assertEquals(cipher.ciphertextSize(SIZE), encrypted.length, "XEP-0454 §Implementation Notes: announced size = actual size");
        assertFalse(Arrays.equals(Arrays.copyOf(encrypted, 64), Arrays.copyOf(plain, 64)));
        assertArrayEquals(plain, readInOddChunks(key.decrypt(new ByteArrayInputStream(encrypted), SIZE)));
    }

    @ParameterizedTest
    @EnumSource(FileCipher.class)
    void roundTripOfMegabytesInOddChunksThroughOutputStreams(FileCipher cipher) throws IOException {
        byte[] plain = randomBytes(SIZE, 2);
        FileKey key = key(cipher);
        ByteArrayOutputStream encrypted = new ByteArrayOutputStream();
        writeInOddChunks(plain, key.encryptTo(encrypted));
        // Both directions agree: what the output stream wrote equals what the input stream produces.
        assertArrayEquals(key.encrypt(new ByteArrayInputStream(plain)).readAllBytes(), encrypted.toByteArray());
        ByteArrayOutputStream decrypted = new ByteArrayOutputStream();
        writeInOddChunks(encrypted.toByteArray(), key.decryptTo(decrypted, SIZE));
        assertArrayEquals(plain, decrypted.toByteArray());
    }

    /** Streaming, not buffering: the first output appears after only a small part of the input was consumed. */
    @ParameterizedTest
    @EnumSource(FileCipher.class)
    void outputFlowsBeforeTheInputEnds(FileCipher cipher) throws IOException {
        byte[] plain = randomBytes(SIZE, 3);
        FileKey key = key(cipher);
        CountingInputStream plainSource = new CountingInputStream(new ByteArrayInputStream(plain));
        InputStream encrypting = key.encrypt(plainSource);
        assertTrue(encrypting.readNBytes(1000).length == 1000);
        assertTrue(plainSource.taken <= 256 * 1024, "encryption read " + plainSource.taken + " bytes for its first output");

        byte[] encrypted = key.encrypt(new ByteArrayInputStream(plain)).readAllBytes();
        CountingInputStream cipherSource = new CountingInputStream(new ByteArrayInputStream(encrypted));
        InputStream decrypting = key.decrypt(cipherSource, SIZE);
        assertArrayEquals(Arrays.copyOf(plain, 1000), decrypting.readNBytes(1000));
        assertTrue(cipherSource.taken <= 256 * 1024, "decryption read " + cipherSource.taken + " bytes for its first output");
    }

    /** XEP-0448 §Receiving a file: the decrypted data is truncated to the {@code <size>} of the metadata. */
    @ParameterizedTest
    @EnumSource(FileCipher.class)
    void xep0448ReceivingAFileTruncatesToDeclaredSize(FileCipher cipher) throws IOException {
        byte[] file = randomBytes(100_000, 4);
        byte[] padded = Arrays.copyOf(file, file.length + 777); // a sender that padded the plaintext
        FileKey key = key(cipher);
        byte[] encrypted = key.encrypt(new ByteArrayInputStream(padded)).readAllBytes();

        assertArrayEquals(file, readInOddChunks(key.decrypt(new ByteArrayInputStream(encrypted), file.length)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeInOddChunks(encrypted, key.decryptTo(out, file.length));
        assertArrayEquals(file, out.toByteArray());
        assertEquals(0, key.decrypt(new ByteArrayInputStream(encrypted), 0).readAllBytes().length);
    }

    @ParameterizedTest
    @EnumSource(FileCipher.class)
    void plaintextShorterThanDeclaredSizeIsRefused(FileCipher cipher) throws IOException {
        byte[] file = randomBytes(5000, 5);
        FileKey key = key(cipher);
        byte[] encrypted = key.encrypt(new ByteArrayInputStream(file)).readAllBytes();
        PlaintextTooShortException e = assertThrows(PlaintextTooShortException.class,
                () -> key.decrypt(new ByteArrayInputStream(encrypted), 5001).readAllBytes());
        assertEquals(5001, e.declaredSize());
        assertEquals(5000, e.actualSize());
        assertThrows(PlaintextTooShortException.class, () -> writeInOddChunks(encrypted, key.decryptTo(new ByteArrayOutputStream(), 5001)));
    }

    /** XEP-0454 §The AESGCM URI scheme: the appended tag authenticates the file; any flipped bit is caught. */
    @ParameterizedTest
    @EnumSource(value = FileCipher.class, names = {"AES_128_GCM_NOPADDING", "AES_256_GCM_NOPADDING"})
    void gcmTamperingAnywhereIsDetected(FileCipher cipher) throws IOException {
        byte[] plain = randomBytes(200_000, 6);
        FileKey key = key(cipher);
        byte[] encrypted = key.encrypt(new ByteArrayInputStream(plain)).readAllBytes();
        for (int position : new int[] {0, 70_000, encrypted.length - 17, encrypted.length - 16, encrypted.length - 1}) {
            byte[] tampered = encrypted.clone();
            tampered[position] ^= 0x01;
            assertThrows(AuthenticationFailedException.class,
                    () -> readInOddChunks(key.decrypt(new ByteArrayInputStream(tampered), plain.length)), "flip at " + position);
            assertThrows(AuthenticationFailedException.class,
                    () -> writeInOddChunks(tampered, key.decryptTo(new ByteArrayOutputStream(), plain.length)), "flip at " + position);
            assertThrows(AuthenticationFailedException.class,
                    () -> key.decrypt(new ByteArrayInputStream(tampered)).readAllBytes(), "flip at " + position);
        }
    }

    /** Reading exactly the declared size, and no further, still checks the tag: the last bytes wait for it. */
    @Test
    void readingExactlyTheDeclaredSizeStillChecksTheTag() throws IOException {
        byte[] plain = randomBytes(150_000, 7);
        FileKey key = key(FileCipher.AES_256_GCM_NOPADDING);
        byte[] tampered = key.encrypt(new ByteArrayInputStream(plain)).readAllBytes();
        tampered[tampered.length - 1] ^= (byte) 0x80;
        InputStream in = key.decrypt(new ByteArrayInputStream(tampered), plain.length);
        assertThrows(AuthenticationFailedException.class, () -> in.readNBytes(plain.length));
        // The failure sticks: the stream does not pretend to recover.
        assertThrows(AuthenticationFailedException.class, () -> in.read());
    }

    @Test
    void wrongKeyFailsAuthentication() throws IOException {
        byte[] plain = randomBytes(10_000, 8);
        byte[] encrypted = key(FileCipher.AES_256_GCM_NOPADDING).encrypt(new ByteArrayInputStream(plain)).readAllBytes();
        FileKey other = key(FileCipher.AES_256_GCM_NOPADDING);
        assertThrows(AuthenticationFailedException.class, () -> other.decrypt(new ByteArrayInputStream(encrypted), plain.length).readAllBytes());
    }

    @Test
    void gcmCiphertextTruncatedOrShorterThanTheTag() throws IOException {
        FileKey key = key(FileCipher.AES_128_GCM_NOPADDING);
        byte[] encrypted = key.encrypt(new ByteArrayInputStream(randomBytes(1000, 10))).readAllBytes();
        byte[] lostTail = Arrays.copyOf(encrypted, encrypted.length - 5);
        assertThrows(AuthenticationFailedException.class, () -> key.decrypt(new ByteArrayInputStream(lostTail)).readAllBytes());
        MalformedCiphertextException e = assertThrows(MalformedCiphertextException.class,
                () -> key.decrypt(new ByteArrayInputStream(new byte[15]), 0).readAllBytes());
        assertTrue(e.getMessage().contains("too short"), e.getMessage());
    }

    @Test
    void cbcWithBadLengthOrPaddingIsMalformed() throws IOException {
        FileKey key = key(FileCipher.AES_256_CBC_PKCS7);
        byte[] encrypted = key.encrypt(new ByteArrayInputStream(randomBytes(1000, 11))).readAllBytes();
        byte[] partialBlock = Arrays.copyOf(encrypted, encrypted.length - 3);
        MalformedCiphertextException length = assertThrows(MalformedCiphertextException.class,
                () -> key.decrypt(new ByteArrayInputStream(partialBlock), 990).readAllBytes());
        assertTrue(length.getMessage().contains("multiple of 16"), length.getMessage());
        // Last byte of the padding block forced to 0x00, which no PKCS#7 padding contains.
        byte[] badPadding = encrypted.clone();
        byte[] lastBlockPlain = lastBlockPlaintext(key, encrypted);
        badPadding[badPadding.length - 17] ^= lastBlockPlain[15];
        assertThrows(MalformedCiphertextException.class, () -> key.decrypt(new ByteArrayInputStream(badPadding), 990).readAllBytes());
    }

    /** Raw CBC decryption of the final block, to aim a bit flip at the padding byte. */
    private static byte[] lastBlockPlaintext(FileKey key, byte[] encrypted) {
        try {
            javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("AES/CBC/NoPadding");
            c.init(javax.crypto.Cipher.DECRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key.key(), "AES"),
                    new javax.crypto.spec.IvParameterSpec(key.iv()));
            byte[] all = c.doFinal(encrypted);
            return Arrays.copyOfRange(all, all.length - 16, all.length);
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * XEP-0448 §Ciphers: appending the GCM tag is only RECOMMENDED, "as a hash of the resulting file is
     * transported independently". A tagless GCM file decrypts with the keystream alone.
     */
    @ParameterizedTest
    @EnumSource(value = FileCipher.class, names = {"AES_128_GCM_NOPADDING", "AES_256_GCM_NOPADDING"})
    void xep0448CiphersGcmFileUploadedWithoutTag(FileCipher cipher) throws IOException {
        byte[] plain = randomBytes(SIZE, 14);
        FileKey key = key(cipher);
        byte[] tagged = key.encrypt(new ByteArrayInputStream(plain)).readAllBytes();
        byte[] untagged = Arrays.copyOf(tagged, plain.length);
        assertArrayEquals(plain, readInOddChunks(key.decryptWithoutTag(new ByteArrayInputStream(untagged), plain.length)));
        // A tagged download decrypts too (the tag bytes fall beyond the declared size), unauthenticated.
        assertArrayEquals(plain, key.decryptWithoutTag(new ByteArrayInputStream(tagged), plain.length).readAllBytes());
    }

    @Test
    void decryptWithoutTagOnlyForGcmWithTwelveByteIv() {
        FileKey cbc = key(FileCipher.AES_256_CBC_PKCS7);
        assertThrows(IllegalStateException.class, () -> cbc.decryptWithoutTag(InputStream.nullInputStream(), 0));
        FileKey legacyIv = new FileKey(FileCipher.AES_256_GCM_NOPADDING, new byte[32], new byte[16]);
        assertThrows(IllegalArgumentException.class, () -> legacyIv.decryptWithoutTag(InputStream.nullInputStream(), 0));
    }

    @Test
    void negativeDeclaredSizeIsRefused() {
        FileKey key = key(FileCipher.AES_256_GCM_NOPADDING);
        assertThrows(IllegalArgumentException.class, () -> key.decrypt(new ByteArrayInputStream(new byte[16]), -1));
        assertThrows(IllegalArgumentException.class, () -> key.decryptTo(new ByteArrayOutputStream(), -1));
    }

    @Test
    void singleByteReadsAndEmptyFiles() throws IOException {
        for (FileCipher cipher : FileCipher.values()) {
            FileKey key = key(cipher);
            byte[] encryptedEmpty = key.encrypt(InputStream.nullInputStream()).readAllBytes();
            assertEquals(cipher.ciphertextSize(0), encryptedEmpty.length);
            assertEquals(-1, key.decrypt(new ByteArrayInputStream(encryptedEmpty), 0).read());

            byte[] plain = randomBytes(40, 13);
            InputStream in = key.decrypt(new ByteArrayInputStream(key.encrypt(new ByteArrayInputStream(plain)).readAllBytes()), 40);
            for (byte b : plain) {
                assertEquals(b & 0xff, in.read());
            }
            assertEquals(-1, in.read());
        }
    }
}
