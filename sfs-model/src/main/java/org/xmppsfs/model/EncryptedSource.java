package org.xmppsfs.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.xmppsfs.model.hash.Hash;
import org.xmppsfs.model.xml.XmlElement;

/**
 * XEP-0448 {@code <encrypted xmlns='urn:xmpp:esfs:0' cipher>}: key, IV, optional hashes of the
 * <em>ciphertext</em>, and the nested sources where the ciphertext can be fetched.
 *
 * <p>Key and IV are copied in and out. Their lengths are not enforced here (lenient reading must be able to
 * hold a wrong one to report it); {@link #hasValidKeyAndIv()} says whether they fit the cipher, and the strict
 * reader refuses them when they do not.
 */
public record EncryptedSource(EsfsCipher cipher, byte[] key, byte[] iv, List<Hash> hashes, List<Source> sources,
        List<XmlElement> extensions) implements Source {

    public EncryptedSource {
        Objects.requireNonNull(cipher, "cipher");
        key = Objects.requireNonNull(key, "key").clone();
        iv = Objects.requireNonNull(iv, "iv").clone();
        hashes = List.copyOf(hashes);
        sources = List.copyOf(sources);
        extensions = List.copyOf(extensions);
    }

    public EncryptedSource(EsfsCipher cipher, byte[] key, byte[] iv, List<Hash> hashes, List<Source> sources) {
        this(cipher, key, iv, hashes, sources, List.of());
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public byte[] iv() {
        return iv.clone();
    }

    /** XEP-0448 §Ciphers: key and IV have the lengths the cipher fixes. */
    public boolean hasValidKeyAndIv() {
        return key.length == cipher.keyLength() && iv.length == cipher.ivLength();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncryptedSource e && cipher == e.cipher && Arrays.equals(key, e.key) && Arrays.equals(iv, e.iv)
                && hashes.equals(e.hashes) && sources.equals(e.sources) && extensions.equals(e.extensions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cipher, Arrays.hashCode(key), Arrays.hashCode(iv), hashes, sources, extensions);
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "EncryptedSource[cipher=" + cipher + ", key=<" + key.length + " bytes>, iv=<" + iv.length + " bytes>, hashes="
                + hashes + ", sources=" + sources + "]";
    }
}
