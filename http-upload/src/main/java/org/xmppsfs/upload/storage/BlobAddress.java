package org.xmppsfs.upload.storage;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.xmppsfs.model.hash.Hash;
import org.xmppsfs.model.hash.HashAlgorithm;

/**
 * Where stored content lives: the SHA-256 of its bytes. Every blob store and the metadata key their rows and
 * objects by it, so the same content is stored once (deduplication) and a name can never point at other bytes.
 *
 * @param hex the digest as 64 lowercase hex characters, the form used in file names, object keys and rows
 */
public record BlobAddress(String hex) implements Comparable<BlobAddress> {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public BlobAddress {
        Objects.requireNonNull(hex, "hex");
        if (!SHA256_HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("not a lowercase hex SHA-256: " + hex);
        }
    }

    /** The address of content with this SHA-256. */
    public static BlobAddress of(Hash sha256) {
        if (sha256.algorithm().orElse(null) != HashAlgorithm.SHA_256) {
            throw new IllegalArgumentException("a blob address is a sha-256 hash, got " + sha256.algo());
        }
        return new BlobAddress(sha256.hex());
    }

    /** The address spelled {@code hex}, or empty when it is not 64 lowercase hex characters. */
    public static Optional<BlobAddress> parse(String hex) {
        return hex != null && SHA256_HEX.matcher(hex).matches() ? Optional.of(new BlobAddress(hex)) : Optional.empty();
    }

    /** The SHA-256 as an XEP-0300 hash value. */
    public Hash hash() {
        byte[] digest = new byte[32];
        for (int i = 0; i < digest.length; i++) {
            digest[i] = (byte) Integer.parseInt(hex, 2 * i, 2 * i + 2, 16);
        }
        return Hash.of(HashAlgorithm.SHA_256, digest);
    }

    @Override
    public int compareTo(BlobAddress other) {
        return hex.compareTo(other.hex);
    }

    @Override
    public String toString() {
        return hex;
    }
}
