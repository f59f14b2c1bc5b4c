package org.xmppsfs.model.crypto;

import java.security.SecureRandom;
import java.util.Optional;
import org.xmppsfs.model.EsfsCipher;

/**
 * The ciphers of XEP-0448 §Ciphers ({@code <encrypted cipher='…'>}), with the key and IV lengths its table
 * fixes, and the ciphertext size each one produces.
 *
 * <p>GCM files carry the 16-byte authentication tag appended to the ciphertext: XEP-0448 §Ciphers RECOMMENDS
 * it "for compatibility" and XEP-0454 §The AESGCM URI scheme makes it a MUST, so it is the only layout
 * supported.
 */
public enum FileCipher {
    AES_128_GCM_NOPADDING(EsfsCipher.AES_128_GCM_NOPADDING),
    AES_256_GCM_NOPADDING(EsfsCipher.AES_256_GCM_NOPADDING),
    AES_256_CBC_PKCS7(EsfsCipher.AES_256_CBC_PKCS7);

    /** AES block size in bytes. */
    static final int BLOCK = 16;

    /**
     * The most plaintext one GCM key and IV may encrypt: 2^39 - 256 bits (NIST SP 800-38D §5.2.1.1),
     * i.e. 64 GiB minus 32 bytes.
     */
    public static final long GCM_MAX_PLAINTEXT = (1L << 36) - 32;

    /** IV length of the aesgcm:// URLs many clients still send (XEP-0454 predates the 12-byte rule). */
    static final int LEGACY_GCM_IV_LENGTH = 16;

    /** The wire value (URN, key and IV lengths); the model owns that table, this enum adds the arithmetic. */
    private final EsfsCipher wire;

    FileCipher(EsfsCipher wire) {
        this.wire = wire;
    }

    /** The cipher that implements a parsed {@code <encrypted cipher='…'>}. */
    public static FileCipher of(EsfsCipher wire) {
        return valueOf(wire.name());
    }

    /** The model value, for building an {@code EncryptedSource}. */
    public EsfsCipher wire() {
        return wire;
    }

    /** The {@code cipher} attribute value. */
    public String urn() {
        return wire.urn();
    }

    /** Key length in bytes. */
    public int keyLength() {
        return wire.keyLength();
    }

    /** Length in bytes of the IVs this project generates: the one XEP-0448 §Ciphers names. */
    public int ivLength() {
        return wire.ivLength();
    }

    /** True for the AES-GCM ciphers, whose files end in a 16-byte authentication tag. */
    public boolean isGcm() {
        return this != AES_256_CBC_PKCS7;
    }

    /**
     * Whether an IV of this length can be used to decrypt. GCM also accepts 16-byte IVs, which GCM defines
     * (SP 800-38D §7.1, hashed into the initial counter) and which legacy aesgcm:// senders use; CBC needs
     * exactly one block.
     */
    public boolean acceptsIvLength(int length) {
        return length == ivLength() || (isGcm() && length == LEGACY_GCM_IV_LENGTH);
    }

    /** Looks a cipher up by its {@code cipher} attribute value; empty for any other value. */
    public static Optional<FileCipher> fromUrn(String urn) {
        return EsfsCipher.fromUrn(urn).map(FileCipher::of);
    }

    /**
     * A fresh random key and IV from a new {@link SecureRandom}: XEP-0448 §Sharing a file says the sender MUST
     * create them randomly, and a GCM key/IV pair must never encrypt two files.
     */
    public FileKey newKey() {
        return newKey(new SecureRandom());
    }

    /** A fresh random key and IV from the given source of randomness. */
    public FileKey newKey(SecureRandom random) {
        byte[] key = new byte[keyLength()];
        byte[] iv = new byte[ivLength()];
        random.nextBytes(key);
        random.nextBytes(iv);
        return new FileKey(this, key, iv);
    }

    /**
     * The size of the encrypted file for a plaintext of the given size: what an XEP-0363 slot request must
     * announce (XEP-0454 §Implementation Notes). GCM adds the 16-byte tag; CBC with PKCS#7 pads up to the
     * next whole block, adding a full block when the plaintext already ends on one.
     *
     * @throws IllegalArgumentException for a negative size, or one beyond what GCM may encrypt under one key
     */
    public long ciphertextSize(long plaintextSize) {
        if (plaintextSize < 0) {
            throw new IllegalArgumentException("a plaintext size cannot be negative: " + plaintextSize);
        }
        if (isGcm()) {
            if (plaintextSize > GCM_MAX_PLAINTEXT) {
                throw new IllegalArgumentException("AES-GCM cannot encrypt " + plaintextSize
                        + " bytes under one key and IV; the limit is " + GCM_MAX_PLAINTEXT);
            }
            return plaintextSize + StreamTransform.GCM_TAG_LENGTH;
        }
        return Math.addExact(plaintextSize - plaintextSize % BLOCK, BLOCK);
    }

    /**
     * The largest plaintext that a ciphertext of the given size can hold; a receiver compares the declared
     * {@code <size>} with it before downloading. Negative when the ciphertext size is impossible for this
     * cipher (shorter than the GCM tag, or not a whole number of CBC blocks).
     */
    public long maxPlaintextSize(long ciphertextSize) {
        if (ciphertextSize < 0) {
            throw new IllegalArgumentException("a ciphertext size cannot be negative: " + ciphertextSize);
        }
        if (isGcm()) {
            return ciphertextSize - StreamTransform.GCM_TAG_LENGTH;
        }
        return ciphertextSize % BLOCK != 0 || ciphertextSize == 0 ? -1 : ciphertextSize - 1;
    }
}
