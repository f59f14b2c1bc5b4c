package org.xmppsfs.model.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.DataLengthException;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * One direction of one cipher, fed in pieces: the engine behind the encrypting and decrypting streams.
 *
 * <p>Two engines exist because neither library is right for every case. The JDK's {@link Cipher} uses the
 * CPU's AES instructions and streams for CBC and CTR, in both directions and at any length, so it does those.
 * Its AES-GCM is unusable for files, both ways: decryption holds back all plaintext until {@code doFinal}
 * (it buffers the whole file), and encryption counts its input in an {@code int} and refuses to go past
 * 2 GiB. BouncyCastle's lightweight {@link GCMModeCipher} streams in both directions, keeping back only the
 * last block and the tag when decrypting, and counts in longs up to the GCM limit; it is slower (no AES
 * instructions), which is the price of handling every file. Not thread-safe; one instance per stream.
 */
sealed interface StreamTransform permits StreamTransform.Jdk, StreamTransform.BouncyGcm {

    /** GCM tag length in bytes: 128 bits, the length every XEP-0448/0454 implementation uses. */
    int GCM_TAG_LENGTH = 16;

    /** Upper bound of what {@link #update} writes for {@code inputLength} more input bytes. */
    int updateOutputBound(int inputLength);

    /** Processes input; returns the number of output bytes written at {@code outOffset}. */
    int update(byte[] in, int offset, int length, byte[] out, int outOffset) throws CiphertextException;

    /** Upper bound of what {@link #doFinal} writes. */
    int finalOutputBound();

    /** Ends the stream (padding, tag); returns the number of output bytes written at {@code outOffset}. */
    int doFinal(byte[] out, int outOffset) throws CiphertextException;

    static StreamTransform gcmEncrypt(byte[] key, byte[] iv) {
        return new BouncyGcm(true, key, iv);
    }

    static StreamTransform gcmDecrypt(byte[] key, byte[] iv) {
        return new BouncyGcm(false, key, iv);
    }

    static StreamTransform cbcPkcs7(boolean encrypt, byte[] key, byte[] iv) {
        // The JDK's "PKCS5Padding" on a 16-byte block cipher is PKCS#7 padding (RFC 5652 §6.3).
        return Jdk.init("AES/CBC/PKCS5Padding", encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, key, new IvParameterSpec(iv),
                !encrypt);
    }

    /**
     * The keystream half of AES-GCM alone, for files uploaded without the tag: GCM encrypts with CTR starting
     * from inc32(J0), and for a 96-bit IV J0 = IV || 0x00000001 (SP 800-38D §7.1), so the first counter block
     * is IV || 0x00000002. The JDK increments all 128 bits where GCM increments only the low 32, which differs
     * only after 2^32 - 2 blocks: beyond the GCM length limit, so never within a valid file.
     */
    static StreamTransform gcmWithoutTag(byte[] key, byte[] iv) {
        if (iv.length != 12) {
            throw new IllegalArgumentException("decrypting GCM without its tag needs a 12-byte IV, not " + iv.length + " bytes");
        }
        byte[] counter = java.util.Arrays.copyOf(iv, 16);
        counter[15] = 2;
        return ctr(key, counter);
    }

    /** CTR encryption and decryption are the same operation. */
    static StreamTransform ctr(byte[] key, byte[] initialCounter) {
        return Jdk.init("AES/CTR/NoPadding", Cipher.ENCRYPT_MODE, key, new IvParameterSpec(initialCounter), false);
    }

    /** A JDK {@link Cipher}, for every case where it streams. */
    final class Jdk implements StreamTransform {
        private final Cipher cipher;
        /**
         * Removing PKCS#7 padding needs at least one block. The JDK decrypts an empty input to an empty output
         * without complaint, which would pass an empty download off as an intact empty file.
         */
        private final boolean paddedDecryption;
        private long inputBytes;

        private Jdk(Cipher cipher, boolean paddedDecryption) {
            this.cipher = cipher;
            this.paddedDecryption = paddedDecryption;
        }

        static Jdk init(String transformation, int mode, byte[] key, java.security.spec.AlgorithmParameterSpec params,
                boolean paddedDecryption) {
            try {
                Cipher c = Cipher.getInstance(transformation);
                c.init(mode, new SecretKeySpec(key, "AES"), params);
                return new Jdk(c, paddedDecryption);
            } catch (InvalidKeyException | InvalidAlgorithmParameterException e) {
                throw new IllegalArgumentException("key or IV rejected by " + transformation + ": " + e.getMessage(), e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(transformation + " is missing, although every Java 17 runtime provides it", e);
            }
        }

        @Override
        public int updateOutputBound(int inputLength) {
            return cipher.getOutputSize(inputLength);
        }

        @Override
        public int update(byte[] in, int offset, int length, byte[] out, int outOffset) {
            inputBytes += length;
            try {
                return cipher.update(in, offset, length, out, outOffset);
            } catch (ShortBufferException e) {
                throw new IllegalStateException("output buffer smaller than the cipher's own bound", e);
            }
        }

        @Override
        public int finalOutputBound() {
            return cipher.getOutputSize(0);
        }

        @Override
        public int doFinal(byte[] out, int outOffset) throws CiphertextException {
            if (paddedDecryption && inputBytes == 0) {
                throw new MalformedCiphertextException("AES-CBC ciphertext is empty; with PKCS#7 padding even an empty file"
                        + " is one 16-byte block");
            }
            try {
                return cipher.doFinal(out, outOffset);
            } catch (BadPaddingException e) {
                throw new MalformedCiphertextException("invalid PKCS#7 padding after AES-CBC decryption (wrong key or damaged file)", e);
            } catch (IllegalBlockSizeException e) {
                throw new MalformedCiphertextException("AES-CBC ciphertext length is not a multiple of 16 bytes", e);
            } catch (ShortBufferException e) {
                throw new IllegalStateException("output buffer smaller than the cipher's own bound", e);
            }
        }
    }

    /**
     * BouncyCastle AES-GCM: encryption appends the tag in {@link #doFinal}; decryption streams and verifies the
     * trailing tag in {@link #doFinal}.
     */
    final class BouncyGcm implements StreamTransform {
        private final GCMModeCipher gcm;
        private final boolean encrypt;
        private long inputBytes;

        BouncyGcm(boolean encrypt, byte[] key, byte[] iv) {
            this.encrypt = encrypt;
            gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
            try {
                gcm.init(encrypt, new AEADParameters(new KeyParameter(key), GCM_TAG_LENGTH * 8, iv));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("key or IV rejected by AES-GCM: " + e.getMessage(), e);
            }
        }

        @Override
        public int updateOutputBound(int inputLength) {
            return gcm.getUpdateOutputSize(inputLength);
        }

        @Override
        public int update(byte[] in, int offset, int length, byte[] out, int outOffset) throws CiphertextException {
            try {
                int n = gcm.processBytes(in, offset, length, out, outOffset);
                inputBytes += length;
                return n;
            } catch (DataLengthException e) {
                // BouncyCastle enforces the SP 800-38D limit of 2^39 - 256 plaintext bits per key and IV.
                if (encrypt) {
                    throw new IllegalStateException("AES-GCM cannot encrypt more than " + FileCipher.GCM_MAX_PLAINTEXT
                            + " bytes under one key and IV", e);
                }
                throw new MalformedCiphertextException("AES-GCM ciphertext longer than GCM permits: " + e.getMessage(), e);
            }
        }

        @Override
        public int finalOutputBound() {
            return gcm.getOutputSize(0);
        }

        @Override
        public int doFinal(byte[] out, int outOffset) throws CiphertextException {
            try {
                return gcm.doFinal(out, outOffset);
            } catch (InvalidCipherTextException e) {
                if (encrypt) {
                    throw new IllegalStateException("AES-GCM encryption cannot fail on its input", e);
                }
                if (inputBytes < GCM_TAG_LENGTH) {
                    throw new MalformedCiphertextException("AES-GCM ciphertext of " + inputBytes
                            + " bytes is too short to hold the " + GCM_TAG_LENGTH + "-byte authentication tag", e);
                }
                throw new AuthenticationFailedException("AES-GCM authentication tag mismatch", e);
            }
        }
    }
}
