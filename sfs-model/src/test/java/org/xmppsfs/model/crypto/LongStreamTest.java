package org.xmppsfs.model.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xmppsfs.model.crypto.CryptoTestSupport.CountingInputStream;
import org.xmppsfs.model.crypto.CryptoTestSupport.PatternInputStream;

/**
 * Files over 2 GiB: counters, limits and sizes are longs. One real 2.1 GiB pipeline runs through AES-CTR (the
 * JDK's hardware AES takes a few seconds for it); the truncation and counting logic it exercises is shared by
 * every cipher, and the GCM/CBC size arithmetic beyond 2^31 is checked in {@link FileCipherTest}.
 *
 * <p>The same pipeline for each XEP-0448 cipher takes over a minute (BouncyCastle's GCM has no AES
 * instructions), too long for every build; it runs with {@code -Dsfs.slowTests=true}.
 */
class LongStreamTest {

    private static final long OVER_2_GIB = (1L << 31) + 100L * 1024 * 1024 + 7;

    @Test
    void decryptsAndTruncatesAStreamLongerThan2GiB() throws IOException {
        byte[] pattern = CryptoTestSupport.randomBytes(1024 * 1024 + 1, 31);
        AcrobitsKey key = AcrobitsKey.generate();
        long declared = OVER_2_GIB - 3; // the last three bytes are beyond the declared size and get dropped
        InputStream plain = key.decrypt(key.encrypt(new PatternInputStream(pattern, OVER_2_GIB)), declared);

        AcrobitsCrc crc = new AcrobitsCrc();
        byte[] buffer = new byte[256 * 1024];
        for (int n; (n = plain.read(buffer)) >= 0; ) {
            crc.update(buffer, 0, n);
        }
        assertEquals(declared, crc.byteCount());
        assertEquals(((TransformingInputStream) plain).delivered(), declared);

        AcrobitsCrc expected = new AcrobitsCrc();
        InputStream original = new PatternInputStream(pattern, declared);
        for (int n; (n = original.read(buffer)) >= 0; ) {
            expected.update(buffer, 0, n);
        }
        assertEquals(expected.value(), crc.value(), "the decrypted 2.1 GiB equal the original");
    }

    @ParameterizedTest
    @EnumSource(FileCipher.class)
    @EnabledIfSystemProperty(named = "sfs.slowTests", matches = "true")
    void everyXep0448CipherEncryptsAndDecryptsMoreThan2GiB(FileCipher cipher) throws IOException {
        byte[] pattern = CryptoTestSupport.randomBytes(1024 * 1024 + 1, 32);
        FileKey key = cipher.newKey();
        CountingInputStream ciphertext = new CountingInputStream(key.encrypt(new PatternInputStream(pattern, OVER_2_GIB)));
        InputStream plain = key.decrypt(ciphertext, OVER_2_GIB);

        AcrobitsCrc crc = new AcrobitsCrc();
        byte[] buffer = new byte[256 * 1024];
        for (int n; (n = plain.read(buffer)) >= 0; ) {
            crc.update(buffer, 0, n);
        }
        assertEquals(OVER_2_GIB, crc.byteCount());
        assertEquals(cipher.ciphertextSize(OVER_2_GIB), ciphertext.taken, "XEP-0454 §Implementation Notes: size as announced");
        assertEquals(AcrobitsCrc.of(new PatternInputStream(pattern, OVER_2_GIB)), crc.decimal());
    }

    /** The limit logic with a declared size beyond Integer.MAX_VALUE, without moving gigabytes. */
    @Test
    void sizesBeyondIntRangeNeverOverflow() throws IOException {
        FileKey key = FileCipher.AES_256_GCM_NOPADDING.newKey();
        long huge = 5L << 30;
        byte[] small = key.encrypt(new PatternInputStream(new byte[] {1, 2, 3}, 1000)).readAllBytes();
        PlaintextTooShortException e = assertThrows(PlaintextTooShortException.class,
                () -> key.decrypt(new java.io.ByteArrayInputStream(small), huge).readAllBytes());
        assertEquals(huge, e.declaredSize());
        assertEquals(1000, e.actualSize());

        OutputStream out = key.decryptTo(new ByteArrayOutputStream(), huge);
        out.write(small);
        assertThrows(PlaintextTooShortException.class, out::close);
    }
}
