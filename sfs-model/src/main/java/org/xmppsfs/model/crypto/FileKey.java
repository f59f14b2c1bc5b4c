package org.xmppsfs.model.crypto;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A cipher with its key and IV: the content of XEP-0448's {@code <encrypted cipher=…><key/><iv/>}, and what
 * turns a plaintext stream into the file to upload and back.
 *
 * <p>All streams work piecewise with a few 64 KiB buffers, never the whole file. Decryption takes the plaintext
 * size declared in the file metadata and truncates its output to it (XEP-0448 §Receiving a file). Decrypting
 * streams release plaintext before the end of the ciphertext has been seen; when they throw a
 * {@link CiphertextException} (bad GCM tag, bad padding, too short), the caller MUST discard everything it
 * got from them. The key and IV arrays are copied in and out: the value is immutable.
 */
public record FileKey(FileCipher cipher, byte[] key, byte[] iv) {

    public FileKey {
        Objects.requireNonNull(cipher, "cipher");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(iv, "iv");
        if (key.length != cipher.keyLength()) {
            throw new IllegalArgumentException(cipher.urn() + " needs a " + cipher.keyLength()
                    + "-byte key, not " + key.length + " bytes");
        }
        if (!cipher.acceptsIvLength(iv.length)) {
            throw new IllegalArgumentException(cipher.urn() + " needs a " + cipher.ivLength()
                    + "-byte IV, not " + iv.length + " bytes");
        }
        key = key.clone();
        iv = iv.clone();
    }

    /** Reads the Base64 text of {@code <key>} and {@code <iv>}. */
    public static FileKey fromBase64(FileCipher cipher, String keyBase64, String ivBase64) {
        return new FileKey(cipher, decode("key", keyBase64), decode("iv", ivBase64));
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public byte[] iv() {
        return iv.clone();
    }

    /** The text of {@code <key>}: standard padded Base64. */
    public String keyBase64() {
        return Base64.getEncoder().encodeToString(key);
    }

    /** The text of {@code <iv>}: standard padded Base64. */
    public String ivBase64() {
        return Base64.getEncoder().encodeToString(iv);
    }

    /** Size of the encrypted file for a plaintext of this size; see {@link FileCipher#ciphertextSize(long)}. */
    public long ciphertextSize(long plaintextSize) {
        return cipher.ciphertextSize(plaintextSize);
    }

    /** A stream of the ciphertext of {@code plaintext} (for GCM, ending in the tag); closing it closes the source. */
    public InputStream encrypt(InputStream plaintext) {
        return new TransformingInputStream(plaintext, encryptor(), TransformingInputStream.UNLIMITED);
    }

    /**
     * A stream that encrypts what is written to it into {@code ciphertextSink}; {@code close()} writes the
     * final block or tag and closes the sink.
     */
    public OutputStream encryptTo(OutputStream ciphertextSink) {
        return new TransformingOutputStream(ciphertextSink, encryptor(), TransformingInputStream.UNLIMITED);
    }

    /**
     * A stream of the plaintext of {@code ciphertext}, truncated to {@code plaintextSize}, the {@code <size>} of
     * the file metadata (XEP-0448 §Receiving a file). The whole ciphertext is read and checked before the
     * last of those bytes is released, so reading exactly {@code plaintextSize} bytes is enough. Reads throw
     * {@link AuthenticationFailedException} on a bad GCM tag, {@link MalformedCiphertextException} on a
     * malformed ciphertext and {@link PlaintextTooShortException} when it holds fewer bytes than declared;
     * in every such case the bytes already read MUST be discarded.
     */
    public InputStream decrypt(InputStream ciphertext, long plaintextSize) {
        requireSize(plaintextSize);
        return new TransformingInputStream(ciphertext, decryptor(), plaintextSize);
    }

    /**
     * A stream of the whole plaintext of {@code ciphertext}, for when no size was declared (an XEP-0454
     * aesgcm:// URL carries none). The check happens when {@code read} reaches the end: only a stream read to
     * its end (-1) without exception has been authenticated.
     */
    public InputStream decrypt(InputStream ciphertext) {
        return new TransformingInputStream(ciphertext, decryptor(), TransformingInputStream.UNLIMITED);
    }

    /**
     * A stream that decrypts what is written to it into {@code plaintextSink}, passing on at most
     * {@code plaintextSize} bytes. {@code close()} checks the tag (and size) and closes the sink; a
     * {@link CiphertextException} from it means what reached the sink MUST be discarded.
     */
    public OutputStream decryptTo(OutputStream plaintextSink, long plaintextSize) {
        requireSize(plaintextSize);
        return new TransformingOutputStream(plaintextSink, decryptor(), plaintextSize);
    }

    /**
     * The plaintext of a GCM file that was uploaded <em>without</em> the appended tag, truncated to
     * {@code plaintextSize}. XEP-0448 §Ciphers only RECOMMENDS appending the tag, noting that the hash of the file
     * travels separately; a download of exactly {@code plaintextSize} bytes (rather than
     * {@link #ciphertextSize(long)}) is such a file. <b>Nothing here authenticates the data</b>: the caller MUST
     * check the plaintext {@code <hash>} that XEP-0448 §Sharing a file requires in the metadata, and discard the
     * output on mismatch. Needs the standard 12-byte IV.
     *
     * @throws IllegalStateException for the CBC cipher, which has no tag to leave out
     */
    public InputStream decryptWithoutTag(InputStream ciphertext, long plaintextSize) {
        requireSize(plaintextSize);
        if (!cipher.isGcm()) {
            throw new IllegalStateException(cipher.urn() + " has no authentication tag to leave out");
        }
        return new TransformingInputStream(ciphertext, StreamTransform.gcmWithoutTag(key, iv), plaintextSize);
    }

    private StreamTransform encryptor() {
        return cipher.isGcm() ? StreamTransform.gcmEncrypt(key, iv) : StreamTransform.cbcPkcs7(true, key, iv);
    }

    private StreamTransform decryptor() {
        return cipher.isGcm() ? StreamTransform.gcmDecrypt(key, iv) : StreamTransform.cbcPkcs7(false, key, iv);
    }

    private static void requireSize(long plaintextSize) {
        if (plaintextSize < 0) {
            throw new IllegalArgumentException("a plaintext size cannot be negative: " + plaintextSize);
        }
    }

    private static byte[] decode(String what, String base64) {
        Objects.requireNonNull(base64, what);
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("<" + what + "> is not valid Base64: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileKey k && cipher == k.cipher && Arrays.equals(key, k.key) && Arrays.equals(iv, k.iv);
    }

    @Override
    public int hashCode() {
        return (cipher.hashCode() * 31 + Arrays.hashCode(key)) * 31 + Arrays.hashCode(iv);
    }

    /** Names the cipher and lengths only: keys do not belong in logs. */
    @Override
    public String toString() {
        return "FileKey[" + cipher.urn() + ", key=<" + key.length + " bytes>, iv=<" + iv.length + " bytes>]";
    }
}
