package org.xmppsfs.model.hash;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Published test vectors: NIST FIPS 180-4 / FIPS 202 examples for "abc", RFC 7693 Appendix A for BLAKE2b-512. */
class HashVectorsTest {

    private static final byte[] ABC = "abc".getBytes(US_ASCII);

    @Test
    void nistAndRfc7693VectorsForAbc() {
        Map<HashAlgorithm, Hash> h = oneShot(ABC, EnumSet.allOf(HashAlgorithm.class));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", h.get(HashAlgorithm.SHA_256).hex());
        assertEquals("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f", h.get(HashAlgorithm.SHA_512).hex());
        assertEquals("3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532", h.get(HashAlgorithm.SHA3_256).hex());
        assertEquals("b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e"
                + "10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0", h.get(HashAlgorithm.SHA3_512).hex());
        // RFC 7693 Appendix A
        assertEquals("ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
                + "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923", h.get(HashAlgorithm.BLAKE2B_512).hex());
        // BLAKE2b-256("abc"), from the BLAKE2 reference implementation (b2sum -l 256)
        assertEquals("bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319", h.get(HashAlgorithm.BLAKE2B_256).hex());
    }

    @Test
    void streamingInPiecesEqualsOneShot() {
        byte[] data = new byte[1_000_003];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + (i >>> 7));
        }
        MultiHasher pieces = MultiHasher.of(EnumSet.allOf(HashAlgorithm.class));
        for (int off = 0; off < data.length; ) {
            int n = Math.min(data.length - off, 1 + (off % 8191));
            pieces.update(data, off, n);
            off += n;
        }
        assertEquals(data.length, pieces.byteCount());
        assertEquals(oneShot(data, EnumSet.allOf(HashAlgorithm.class)), pieces.finish());
    }

    @Test
    void namesAndAliases() {
        assertEquals(HashAlgorithm.BLAKE2B_256, HashAlgorithm.fromName("id-blake2b256").orElseThrow());
        assertEquals(HashAlgorithm.BLAKE2B_256, HashAlgorithm.fromName("blake2b-256").orElseThrow());
        assertTrue(HashAlgorithm.fromName("sha-1").isEmpty(), "SHA-1 is never computed (XEP-0414 SHOULD NOT)");
        assertTrue(HashAlgorithm.isForbidden("MD5"));
        assertFalse(HashAlgorithm.isForbidden("sha-256"));
    }

    private static Map<HashAlgorithm, Hash> oneShot(byte[] data, EnumSet<HashAlgorithm> algos) {
        MultiHasher m = MultiHasher.of(algos);
        m.update(data, 0, data.length);
        return m.finish();
    }
}
