package org.xmppsfs.model.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.xmppsfs.model.crypto.CryptoTestSupport.hex;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Published known-answer vectors, run through the streaming API in both directions.
 *
 * <p>GCM: "The Galois/Counter Mode of Operation (GCM)", McGrew and Viega, Appendix B, test cases without
 * additional data (XEP-0448 and XEP-0454 use none), with the 128-bit tag appended as XEP-0448 §Ciphers
 * recommends and XEP-0454 §The AESGCM URI scheme requires. CBC and CTR: NIST SP 800-38A Appendix F.
 */
class KnownAnswerTest {

    private static final String GCM_SPEC_PLAINTEXT = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
            + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";

    @ParameterizedTest(name = "GCM spec test case {0}")
    @CsvSource({
        // case, key, iv, plaintext, ciphertext, tag
        "1, 00000000000000000000000000000000, 000000000000000000000000, '', '', 58e2fccefa7e3061367f1d57a4e7455a",
        "2, 00000000000000000000000000000000, 000000000000000000000000, 00000000000000000000000000000000,"
                + " 0388dace60b6a392f328c2b971b2fe78, ab6e47d42cec13bdf53a67b21257bddf",
        "3, feffe9928665731c6d6a8f9467308308, cafebabefacedbaddecaf888, " + GCM_SPEC_PLAINTEXT + ","
                + " 42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
                + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985, 4d5c2af327cd64a62cf35abd2ba6fab4",
        "13, 0000000000000000000000000000000000000000000000000000000000000000, 000000000000000000000000, '', '',"
                + " 530f8afbc74536b9a963b4f1c4cb738b",
        "14, 0000000000000000000000000000000000000000000000000000000000000000, 000000000000000000000000,"
                + " 00000000000000000000000000000000, cea7403d4d606b6e074ec5d3baf39d18, d0d1c8a799996bf0265b98b5d48ab919",
        "15, feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308, cafebabefacedbaddecaf888, "
                + GCM_SPEC_PLAINTEXT + ","
                + " 522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad, b094dac5d93471bdec1a502270e3cc6c",
    })
    void gcmSpecVectorsWithAppendedTag(int testCase, String key, String iv, String plaintext, String ciphertext, String tag)
            throws IOException {
        FileCipher cipher = key.length() == 32 ? FileCipher.AES_128_GCM_NOPADDING : FileCipher.AES_256_GCM_NOPADDING;
        FileKey fileKey = new FileKey(cipher, hex(key), hex(iv));
        byte[] p = hex(plaintext);
        byte[] expected = hex(ciphertext + tag);

        assertEquals(hex(expected), hex(fileKey.encrypt(new ByteArrayInputStream(p)).readAllBytes()), "encrypt, input stream");
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (var enc = fileKey.encryptTo(sink)) {
            enc.write(p);
        }
        assertEquals(hex(expected), hex(sink.toByteArray()), "encrypt, output stream");
        assertEquals(cipher.ciphertextSize(p.length), expected.length, "XEP-0454 §Implementation Notes: size = plaintext + tag");

        assertArrayEquals(p, fileKey.decrypt(new ByteArrayInputStream(expected), p.length).readAllBytes(), "decrypt");
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try (var dec = fileKey.decryptTo(plain, p.length)) {
            dec.write(expected);
        }
        assertArrayEquals(p, plain.toByteArray(), "decrypt, output stream");

        // XEP-0448 §Ciphers: the tag is only RECOMMENDED; without it the same keystream applies.
        assertArrayEquals(p, fileKey.decryptWithoutTag(new ByteArrayInputStream(hex(ciphertext)), p.length).readAllBytes(),
                "decrypt without tag");
    }

    private static final String SP800_38A_PLAINTEXT = "6bc1bee22e409f96e93d7e117393172a" + "ae2d8a571e03ac9c9eb76fac45af8e51"
            + "30c81c46a35ce411e5fbc1191a0a52ef" + "f69f2445df4f9b17ad2b417be66c3710";

    /** SP 800-38A F.2.5/F.2.6 CBC-AES256; with PKCS#7 the 64-byte plaintext gains one whole block of padding. */
    @Test
    void cbcAes256Sp800_38aF25() throws IOException {
        FileKey key = new FileKey(FileCipher.AES_256_CBC_PKCS7,
                hex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4"), hex("000102030405060708090a0b0c0d0e0f"));
        byte[] p = hex(SP800_38A_PLAINTEXT);
        String vector = "f58c4c04d6e5f1ba779eabfb5f7bfbd6" + "9cfc4e967edb808d679f777bc6702c7d"
                + "39f23369a9d9bacfa530e26304231461" + "b2eb05e2c39be9fcda6c19078c6a9d1b";

        byte[] c = key.encrypt(new ByteArrayInputStream(p)).readAllBytes();
        assertEquals(80, c.length);
        assertEquals(80, FileCipher.AES_256_CBC_PKCS7.ciphertextSize(64));
        assertEquals(vector, hex(Arrays.copyOf(c, 64)));
        assertArrayEquals(p, key.decrypt(new ByteArrayInputStream(c), 64).readAllBytes());
    }

    @ParameterizedTest(name = "SP 800-38A {0}")
    @CsvSource({
        "F.5.1 CTR-AES128, 2b7e151628aed2a6abf7158809cf4f3c, 874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff"
                + "5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee",
        "F.5.3 CTR-AES192, 8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b, 1abc932417521ca24f2b0459fe7e6e0b090339ec0aa6faefd5ccc2c6f4ce8e94"
                + "1e36b26bd1ebc670d1bd1d665620abf74f78a7f6d29809585a97daec58c6b050",
        "F.5.5 CTR-AES256, 603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4,"
                + " 601ec313775789a5b7a7f504bbf3d228f443e3ca4d62b59aca84e990cacaf5c52b0930daa23de94ce87017ba2d84988d"
                + "dfc9c58db67aada613c2dd08457941a6",
    })
    void ctrSp800_38a(String name, String key, String ciphertext) throws IOException {
        byte[] counter = hex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
        byte[] p = hex(SP800_38A_PLAINTEXT);
        InputStream enc = new TransformingInputStream(new ByteArrayInputStream(p),
                StreamTransform.ctr(hex(key), counter), TransformingInputStream.UNLIMITED);
        assertEquals(ciphertext, hex(enc.readAllBytes()));
        InputStream dec = new TransformingInputStream(new ByteArrayInputStream(hex(ciphertext)),
                StreamTransform.ctr(hex(key), counter), TransformingInputStream.UNLIMITED);
        assertEquals(SP800_38A_PLAINTEXT, hex(dec.readAllBytes()));
    }

    /**
     * Acrobits CTR starts from an all-zero counter block (an interoperability choice, see AcrobitsKey), so
     * the keystream's first block is AES_K(0^128): for the all-zero AES-128 key that is the classic value
     * 66e94bd4ef8a2c3b884cfa59ca342b2e, for the all-zero AES-256 key dc95c078a2408989ad48a21492842087.
     */
    @Test
    void acrobitsCtrUsesZeroCounterBlock() throws IOException {
        byte[] zeros = new byte[16];
        assertEquals("66e94bd4ef8a2c3b884cfa59ca342b2e",
                hex(new AcrobitsKey(new byte[16]).encrypt(new ByteArrayInputStream(zeros)).readAllBytes()));
        assertEquals("dc95c078a2408989ad48a21492842087",
                hex(new AcrobitsKey(new byte[32]).encrypt(new ByteArrayInputStream(zeros)).readAllBytes()));
    }
}
