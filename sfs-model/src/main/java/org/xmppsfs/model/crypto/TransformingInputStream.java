package org.xmppsfs.model.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Reads a source stream through a {@link StreamTransform}, one buffer at a time: memory use is a few buffers,
 * whatever the file size.
 *
 * <p>With an output limit (the declared plaintext size of XEP-0448), at most that many bytes are delivered and
 * the rest is decrypted and dropped. The last delivered bytes are held back until the source is exhausted and
 * {@code doFinal} succeeded, so a caller that reads exactly {@code limit} bytes and stops has still had the
 * GCM tag checked. Without a limit, the check happens when {@code read} reaches the end (returns -1).
 * Counters are longs: files over 2 GiB are ordinary.
 */
final class TransformingInputStream extends InputStream {

    /** No output limit. */
    static final long UNLIMITED = -1;

    private static final int CHUNK = 64 * 1024;

    private final InputStream source;
    private final StreamTransform transform;
    private final long limit;
    private final byte[] in = new byte[CHUNK];
    private final byte[] oneByte = new byte[1];
    private byte[] out;
    private int outPos;
    private int outLen;
    private long produced;
    private long delivered;
    private boolean finished;
    private boolean closed;
    private CiphertextException failure;

    TransformingInputStream(InputStream source, StreamTransform transform, long limit) {
        this.source = Objects.requireNonNull(source, "source");
        this.transform = Objects.requireNonNull(transform, "transform");
        if (limit < 0 && limit != UNLIMITED) {
            throw new IllegalArgumentException("a plaintext size cannot be negative: " + limit);
        }
        this.limit = limit;
        this.out = new byte[transform.updateOutputBound(CHUNK)];
    }

    @Override
    public int read() throws IOException {
        int n = read(oneByte, 0, 1);
        return n < 0 ? -1 : oneByte[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        if (failure != null) {
            throw failure;
        }
        if (len == 0) {
            return 0;
        }
        try {
            return readChecked(b, off, len);
        } catch (CiphertextException e) {
            failure = e;
            throw e;
        }
    }

    private int readChecked(byte[] b, int off, int len) throws IOException {
        if (limit != UNLIMITED && delivered == limit) {
            if (!finished) {
                finishDiscarding();
            }
            return -1;
        }
        while (outPos == outLen) {
            if (finished) {
                return endOfStream();
            }
            fill();
        }
        int n = Math.min(len, outLen - outPos);
        if (limit != UNLIMITED) {
            n = (int) Math.min(n, limit - delivered);
            if (delivered + n == limit && !finished) {
                // The final bytes of the declared size: verify the whole ciphertext before releasing them.
                finishDiscarding();
            }
        }
        System.arraycopy(out, outPos, b, off, n);
        outPos += n;
        delivered += n;
        return n;
    }

    @Override
    public int available() throws IOException {
        ensureOpen();
        int buffered = outLen - outPos;
        return limit == UNLIMITED ? buffered : (int) Math.min(buffered, limit - delivered);
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            source.close();
        }
    }

    /** Plaintext bytes handed to the caller so far. */
    long delivered() {
        return delivered;
    }

    private int endOfStream() throws PlaintextTooShortException {
        if (limit != UNLIMITED && delivered < limit) {
            throw new PlaintextTooShortException(limit, produced);
        }
        return -1;
    }

    /** Replaces the (empty) output buffer with the next piece of output. */
    private void fill() throws IOException {
        int n = source.read(in, 0, in.length);
        outPos = 0;
        if (n < 0) {
            out = ensureCapacity(out, transform.finalOutputBound());
            outLen = transform.doFinal(out, 0);
            finished = true;
        } else {
            out = ensureCapacity(out, transform.updateOutputBound(n));
            outLen = transform.update(in, 0, n, out, 0);
        }
        produced += outLen;
    }

    /**
     * Runs the rest of the source through the transform without keeping the output (beyond the limit it is
     * not part of the file), then completes it; the current output buffer is left untouched.
     */
    private void finishDiscarding() throws IOException {
        byte[] scratch = new byte[transform.updateOutputBound(CHUNK)];
        for (int n; (n = source.read(in, 0, in.length)) >= 0; ) {
            scratch = ensureCapacity(scratch, transform.updateOutputBound(n));
            produced += transform.update(in, 0, n, scratch, 0);
        }
        scratch = ensureCapacity(scratch, transform.finalOutputBound());
        produced += transform.doFinal(scratch, 0);
        finished = true;
    }

    private static byte[] ensureCapacity(byte[] buffer, int needed) {
        return buffer.length >= needed ? buffer : new byte[needed];
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
    }
}
