package org.xmppsfs.model.crypto;

import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The {@code encryption-key} of an Acrobits {@code application/x-acro-filetransfer+json} attachment (files sent
 * through an MMMSG server): an AES-128, AES-192 or AES-256 key in hex, used in CTR mode.
 *
 * <p><b>The IV is 16 zero bytes.</b> The Acrobits format has no field for an IV or nonce, and the third-party
 * implementations that interoperate with Acrobits clients (a Go SMS bridge and the NethVoice bridge) start the
 * CTR counter at zero, so this class does the same: any other choice would produce files the other side cannot
 * read. The price is that CTR with a fixed counter is safe only if each key encrypts exactly one file: two files
 * under one key give the XOR of their plaintexts away. {@link #generate()} therefore makes a fresh random key
 * for every file, and a key received from someone else must never be used to encrypt.
 *
 * <p>CTR has no integrity protection and no padding: the ciphertext has the plaintext's size, and damage is
 * detectable only through the attachment's CRC-32 ({@link AcrobitsCrc}). The counter is the whole 16-byte block,
 * incremented big-endian, as the JDK and Go's {@code cipher.NewCTR} do. The key bytes are copied in and out.
 */
public record AcrobitsKey(byte[] key) {

    /** The all-zero initial counter block; see the class comment for why. */
    private static final byte[] ZERO_IV = new byte[16];

    public AcrobitsKey {
        Objects.requireNonNull(key, "key");
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException("an Acrobits encryption-key is an AES-128, -192 or -256 key "
                    + "(16, 24 or 32 bytes), not " + key.length + " bytes");
        }
        key = key.clone();
    }

    /** A fresh random AES-256 key, for one file only. */
    public static AcrobitsKey generate() {
        return generate(256, new SecureRandom());
    }

    /** A fresh random key of 128, 192 or 256 bits, for one file only. */
    public static AcrobitsKey generate(int bits, SecureRandom random) {
        if (bits != 128 && bits != 192 && bits != 256) {
            throw new IllegalArgumentException("AES keys have 128, 192 or 256 bits, not " + bits);
        }
        byte[] key = new byte[bits / 8];
        random.nextBytes(key);
        return new AcrobitsKey(key);
    }

    /** Reads the {@code encryption-key} field: hex digits in either case, 32, 48 or 64 of them. */
    public static AcrobitsKey fromHex(String hex) {
        Objects.requireNonNull(hex, "encryption-key");
        String digits = hex.strip();
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("encryption-key has an odd number of hex digits (" + digits.length() + ")");
        }
        byte[] key;
        try {
            key = HexFormat.of().parseHex(digits);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("encryption-key is not hex: " + e.getMessage(), e);
        }
        return new AcrobitsKey(key);
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    /** The {@code encryption-key} field value, uppercase hex as the known senders write it (readers accept any case). */
    public String hex() {
        return HexFormat.of().withUpperCase().formatHex(key);
    }

    /** Key size in bits. */
    public int bits() {
        return key.length * 8;
    }

    /** The ciphertext of {@code plaintext}, of the same length; closing it closes the source. */
    public InputStream encrypt(InputStream plaintext) {
        return new TransformingInputStream(plaintext, StreamTransform.ctr(key, ZERO_IV), TransformingInputStream.UNLIMITED);
    }

    /** A stream that encrypts into {@code ciphertextSink}; closing it closes the sink. */
    public OutputStream encryptTo(OutputStream ciphertextSink) {
        return new TransformingOutputStream(ciphertextSink, StreamTransform.ctr(key, ZERO_IV), TransformingInputStream.UNLIMITED);
    }

    /**
     * The plaintext of {@code ciphertext}. Nothing here can detect a wrong key or damaged data: check the
     * attachment's {@code hash} with {@link AcrobitsCrc} over what this returns, and discard it on mismatch.
     */
    public InputStream decrypt(InputStream ciphertext) {
        return new TransformingInputStream(ciphertext, StreamTransform.ctr(key, ZERO_IV), TransformingInputStream.UNLIMITED);
    }

    /**
     * The plaintext of {@code ciphertext}, which must hold at least {@code plaintextSize} bytes (the
     * {@code content-size}); anything after them is dropped, too few is a {@link PlaintextTooShortException}.
     */
    public InputStream decrypt(InputStream ciphertext, long plaintextSize) {
        if (plaintextSize < 0) {
            throw new IllegalArgumentException("a plaintext size cannot be negative: " + plaintextSize);
        }
        return new TransformingInputStream(ciphertext, StreamTransform.ctr(key, ZERO_IV), plaintextSize);
    }

    /** A stream that decrypts into {@code plaintextSink}; closing it closes the sink. */
    public OutputStream decryptTo(OutputStream plaintextSink) {
        return new TransformingOutputStream(plaintextSink, StreamTransform.ctr(key, ZERO_IV), TransformingInputStream.UNLIMITED);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AcrobitsKey k && Arrays.equals(key, k.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    /** Key size only: keys do not belong in logs. */
    @Override
    public String toString() {
        return "AcrobitsKey[AES-" + bits() + "-CTR, key=<redacted>]";
    }
}
