package org.xmppsfs.model.hash;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import org.bouncycastle.crypto.Digest;

/** One incremental digest, whichever library computes it. Not thread-safe. */
public sealed interface StreamingDigest permits StreamingDigest.Jdk, StreamingDigest.Bouncy {

    void update(byte[] bytes, int offset, int length);

    /** Consumes the buffer's remaining bytes. */
    void update(ByteBuffer buffer);

    /** Completes the digest and resets this instance. */
    byte[] digest();

    /** A JDK {@link MessageDigest}. */
    record Jdk(MessageDigest md) implements StreamingDigest {
        @Override
        public void update(byte[] bytes, int offset, int length) {
            md.update(bytes, offset, length);
        }

        @Override
        public void update(ByteBuffer buffer) {
            md.update(buffer);
        }

        @Override
        public byte[] digest() {
            return md.digest();
        }
    }

    /** A BouncyCastle {@link Digest}. */
    record Bouncy(Digest bc) implements StreamingDigest {
        @Override
        public void update(byte[] bytes, int offset, int length) {
            bc.update(bytes, offset, length);
        }

        @Override
        public void update(ByteBuffer buffer) {
            if (buffer.hasArray()) {
                bc.update(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
                buffer.position(buffer.limit());
            } else {
                byte[] chunk = new byte[Math.min(buffer.remaining(), 64 * 1024)];
                while (buffer.hasRemaining()) {
                    int n = Math.min(chunk.length, buffer.remaining());
                    buffer.get(chunk, 0, n);
                    bc.update(chunk, 0, n);
                }
            }
        }

        @Override
        public byte[] digest() {
            byte[] out = new byte[bc.getDigestSize()];
            bc.doFinal(out, 0);
            return out;
        }
    }
}
