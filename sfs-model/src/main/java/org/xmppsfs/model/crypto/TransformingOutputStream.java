package org.xmppsfs.model.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Writes through a {@link StreamTransform} to a sink, one buffer at a time. {@link #close()} completes the
 * transform (padding, GCM tag, or the tag check when decrypting) and then closes the sink, even when the
 * check fails, so that a failed check surfaces from {@code close()} as a {@link CiphertextException}.
 *
 * <p>With an output limit (the declared plaintext size of XEP-0448), at most that many bytes reach the sink.
 */
final class TransformingOutputStream extends OutputStream {

    private final OutputStream sink;
    private final StreamTransform transform;
    private final long limit;
    private byte[] out = new byte[0];
    private long produced;
    private long written;
    private boolean closed;

    TransformingOutputStream(OutputStream sink, StreamTransform transform, long limit) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.transform = Objects.requireNonNull(transform, "transform");
        if (limit < 0 && limit != TransformingInputStream.UNLIMITED) {
            throw new IllegalArgumentException("a plaintext size cannot be negative: " + limit);
        }
        this.limit = limit;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        while (len > 0) {
            // Bounded pieces keep the output buffer small even when a caller writes a huge array at once.
            int piece = Math.min(len, 64 * 1024);
            out = ensureCapacity(out, transform.updateOutputBound(piece));
            emit(transform.update(b, off, piece, out, 0));
            off += piece;
            len -= piece;
        }
    }

    @Override
    public void flush() throws IOException {
        ensureOpen();
        sink.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (sink) {
            out = ensureCapacity(out, transform.finalOutputBound());
            emit(transform.doFinal(out, 0));
            if (limit != TransformingInputStream.UNLIMITED && written < limit) {
                throw new PlaintextTooShortException(limit, produced);
            }
        }
    }

    /** Bytes passed on to the sink so far. */
    long written() {
        return written;
    }

    private void emit(int n) throws IOException {
        produced += n;
        int keep = limit == TransformingInputStream.UNLIMITED ? n : (int) Math.min(n, limit - written);
        if (keep > 0) {
            sink.write(out, 0, keep);
            written += keep;
        }
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
