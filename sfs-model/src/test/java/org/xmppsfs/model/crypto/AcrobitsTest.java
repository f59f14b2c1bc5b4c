package org.xmppsfs.model.crypto;

import static java.nio.charset.StandardCharsets.US_ASCII;
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
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** Acrobits x-acro-filetransfer+json: {@code encryption-key} (hex AES key, CTR, zero IV) and {@code hash} (CRC-32). */
class AcrobitsTest {

    /** CRC-32/IEEE check value: CRC of the ASCII digits "123456789" is 0xCBF43926 = 3421780262. */
    @Test
    void crc32CheckValueAsDecimalString() throws IOException {
        byte[] digits = "123456789".getBytes(US_ASCII);
        assertEquals("3421780262", AcrobitsCrc.of(new ByteArrayInputStream(digits)));
        AcrobitsCrc crc = new AcrobitsCrc();
        crc.update(digits, 0, 4);
        crc.update(ByteBuffer.wrap(digits, 4, 5));
        assertEquals(0xCBF43926L, crc.value());
        assertEquals(9, crc.byteCount());
        assertTrue(crc.matches("3421780262"));
        assertTrue(crc.matches(" 3421780262 "));
        assertFalse(crc.matches("-873187034"), "a signed rendering is not the documented decimal form");
        assertFalse(crc.matches("cbf43926"));
        assertFalse(crc.matches(null));
        assertEquals("0", new AcrobitsCrc().decimal());
    }

    @Test
    void encryptionKeyHexOfEachSize() {
        for (int bits : new int[] {128, 192, 256}) {
            AcrobitsKey key = AcrobitsKey.generate(bits, new SecureRandom());
            assertEquals(bits, key.bits());
            assertEquals(bits / 4, key.hex().length());
            assertEquals(key.hex().toUpperCase(java.util.Locale.ROOT), key.hex());
            assertEquals(key, AcrobitsKey.fromHex(key.hex()));
            assertEquals(key, AcrobitsKey.fromHex(key.hex().toLowerCase(java.util.Locale.ROOT)));
            assertFalse(key.toString().contains(key.hex()));
        }
        assertEquals(256, AcrobitsKey.generate().bits());
        assertFalse(AcrobitsKey.generate().equals(AcrobitsKey.generate()), "a fresh key for every file");
    }

    @Test
    void badEncryptionKeysAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AcrobitsKey.fromHex("0102f03cab"))
                .getMessage().contains("5 bytes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AcrobitsKey.fromHex("0102f03cab0"))
                .getMessage().contains("odd"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AcrobitsKey.fromHex("zz" + "00".repeat(15)))
                .getMessage().contains("not hex"));
        assertThrows(IllegalArgumentException.class, () -> AcrobitsKey.generate(512, new SecureRandom()));
        assertThrows(IllegalArgumentException.class, () -> new AcrobitsKey(new byte[20]));
    }

    @Test
    void ctrRoundTripKeepsTheSizeAndTheCrcChecksThePlaintext() throws IOException {
        byte[] plain = randomBytes(2 * 1024 * 1024 + 3, 21);
        AcrobitsKey key = AcrobitsKey.generate();
        byte[] encrypted = readInOddChunks(key.encrypt(new ByteArrayInputStream(plain)));
        assertEquals(plain.length, encrypted.length, "CTR: ciphertext size = plaintext size");

        byte[] decrypted = readInOddChunks(key.decrypt(new ByteArrayInputStream(encrypted)));
        assertArrayEquals(plain, decrypted);
        String hash = AcrobitsCrc.of(new ByteArrayInputStream(plain));
        assertEquals(hash, AcrobitsCrc.of(new ByteArrayInputStream(decrypted)));

        ByteArrayOutputStream viaOutput = new ByteArrayOutputStream();
        writeInOddChunks(encrypted, key.decryptTo(viaOutput));
        assertArrayEquals(plain, viaOutput.toByteArray());
        ByteArrayOutputStream encryptedViaOutput = new ByteArrayOutputStream();
        writeInOddChunks(plain, key.encryptTo(encryptedViaOutput));
        assertArrayEquals(encrypted, encryptedViaOutput.toByteArray());

        // CTR cannot notice a wrong key; the CRC of the result can.
        byte[] wrong = AcrobitsKey.generate().decrypt(new ByteArrayInputStream(encrypted)).readAllBytes();
        AcrobitsCrc crc = new AcrobitsCrc();
        crc.update(wrong, 0, wrong.length);
        assertFalse(crc.matches(hash));
    }

    @Test
    void contentSizeTruncatesAndRefusesShortData() throws IOException {
        AcrobitsKey key = AcrobitsKey.generate(128, new SecureRandom());
        byte[] plain = randomBytes(10_000, 22);
        byte[] encrypted = key.encrypt(new ByteArrayInputStream(plain)).readAllBytes();
        assertArrayEquals(java.util.Arrays.copyOf(plain, 9000), key.decrypt(new ByteArrayInputStream(encrypted), 9000).readAllBytes());
        assertThrows(PlaintextTooShortException.class, () -> key.decrypt(new ByteArrayInputStream(encrypted), 10_001).readAllBytes());
    }
}
