package org.xmppsfs.model.hash;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * The XEP-0300 hash algorithms this project computes, with their textual names.
 *
 * <p>Names follow the IANA "Hash Function Textual Names" registry, plus the XEP-0300 §Registrar names for
 * SHA-3 and BLAKE2b. XEP-0447/0448 spell BLAKE2b as {@code id-blake2b256}; both spellings are accepted and
 * the XEP-0300 spelling ({@code blake2b-256}) is emitted. MD2/MD4/MD5 are refused (XEP-0414: MUST NOT),
 * and SHA-1 is never computed or emitted (XEP-0414: SHOULD NOT).
 */
public enum HashAlgorithm {
    SHA_256("sha-256", 32, "id-sha256"),
    SHA_512("sha-512", 64, "id-sha512"),
    SHA3_256("sha3-256", 32, "id-sha3-256"),
    SHA3_512("sha3-512", 64, "id-sha3-512"),
    BLAKE2B_256("blake2b-256", 32, "id-blake2b256"),
    BLAKE2B_512("blake2b-512", 64, "id-blake2b512");

    /** Names that XEP-0414 forbids outright; parsing them is an error, not merely "unsupported". */
    private static final List<String> FORBIDDEN = List.of("md2", "md4", "md5");

    private final String xepName;
    private final int digestLength;
    private final String alias;

    HashAlgorithm(String xepName, int digestLength, String alias) {
        this.xepName = xepName;
        this.digestLength = digestLength;
        this.alias = alias;
    }

    /** The name written in {@code <hash algo='…'>}. */
    public String xepName() {
        return xepName;
    }

    /** Digest length in bytes. */
    public int digestLength() {
        return digestLength;
    }

    /** The disco feature of XEP-0300 §Discovering Support: {@code urn:xmpp:hash-function-text-names:…}. */
    public String discoFeature() {
        return "urn:xmpp:hash-function-text-names:" + xepName;
    }

    /** Looks an algorithm up by any accepted spelling, case-insensitively; empty when unknown or unsupported. */
    public static Optional<HashAlgorithm> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (HashAlgorithm a : values()) {
            if (a.xepName.equals(n) || a.alias.equals(n)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** True for names XEP-0414 says MUST NOT be used (MD2, MD4, MD5). */
    public static boolean isForbidden(String name) {
        return name != null && FORBIDDEN.contains(name.trim().toLowerCase(Locale.ROOT));
    }

    /** A fresh digest for this algorithm. SHA-2 and SHA-3 use the JDK (hardware intrinsics); BLAKE2b uses BouncyCastle. */
    public StreamingDigest newDigest() {
        return switch (this) {
            case SHA_256 -> jdk("SHA-256");
            case SHA_512 -> jdk("SHA-512");
            case SHA3_256 -> jdk("SHA3-256");
            case SHA3_512 -> jdk("SHA3-512");
            case BLAKE2B_256 -> new StreamingDigest.Bouncy(new Blake2bDigest(256));
            case BLAKE2B_512 -> new StreamingDigest.Bouncy(new Blake2bDigest(512));
        };
    }

    private static StreamingDigest jdk(String name) {
        try {
            return new StreamingDigest.Jdk(MessageDigest.getInstance(name));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + name + ", which Java 17 always provides", e);
        }
    }
}
