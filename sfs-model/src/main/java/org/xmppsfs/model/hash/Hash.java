package org.xmppsfs.model.hash;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * One XEP-0300 hash value: {@code <hash xmlns='urn:xmpp:hashes:2' algo='…'>base64</hash>}.
 *
 * <p>{@code algo} is kept exactly as received so that a hash in an unknown algorithm survives a round-trip;
 * {@link #algorithm()} says whether this project can compute it. The digest bytes are copied in and out:
 * the value is immutable.
 */
public record Hash(String algo, byte[] digest) {

    public Hash {
        Objects.requireNonNull(algo, "algo");
        Objects.requireNonNull(digest, "digest");
        digest = digest.clone();
    }

    /** A hash in a supported algorithm, named with its XEP-0300 spelling. */
    public static Hash of(HashAlgorithm algorithm, byte[] digest) {
        return new Hash(algorithm.xepName(), digest);
    }

    /** Parses the element text (RFC 4648 §4 Base64, no whitespace) as XEP-0300 §Hash Values requires. */
    public static Hash ofBase64(String algo, String base64) {
        return new Hash(algo, Base64.getDecoder().decode(base64));
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    /** The algorithm, when this project supports it. */
    public Optional<HashAlgorithm> algorithm() {
        return HashAlgorithm.fromName(algo);
    }

    /** Standard padded Base64, the element text. */
    public String base64() {
        return Base64.getEncoder().encodeToString(digest);
    }

    /** Unpadded base64url, as used in {@code /hash/{algo}/{value}} lookup URLs. */
    public String base64Url() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    /** Lowercase hex, for logs and storage keys. */
    public String hex() {
        StringBuilder sb = new StringBuilder(digest.length * 2);
        for (byte b : digest) {
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }

    /** Same algorithm (by any accepted spelling) and same bytes. */
    public boolean matches(Hash other) {
        Optional<HashAlgorithm> a = algorithm();
        boolean sameAlgo = a.isPresent() ? a.equals(other.algorithm()) : algo.equals(other.algo);
        return sameAlgo && Arrays.equals(digest, other.digest);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hash h && algo.equals(h.algo) && Arrays.equals(digest, h.digest);
    }

    @Override
    public int hashCode() {
        return 31 * algo.hashCode() + Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return algo + ":" + base64();
    }
}
