package org.xmppsfs.model.hardening;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A document of any size that is never held in memory: a head, a unit repeated until the stream is
 * {@code totalLength} bytes long, and a tail. It counts what was read from it, which is how the tests show that
 * a parser gave up after reading only so much.
 */
final class GeneratedInputStream extends InputStream {

    private final byte[] head;
    private final byte[] unit;
    private final byte[] tail;
    private final long totalLength;
    private long position;

    GeneratedInputStream(String head, String unit, String tail, long totalLength) {
        this.head = head.getBytes(StandardCharsets.UTF_8);
        this.unit = unit.getBytes(StandardCharsets.UTF_8);
        this.tail = tail.getBytes(StandardCharsets.UTF_8);
        if (totalLength < this.head.length + this.tail.length) {
            throw new IllegalArgumentException("too short for head and tail");
        }
        this.totalLength = totalLength;
    }

    /** Bytes handed out so far. */
    long bytesRead() {
        return position;
    }

    long totalLength() {
        return totalLength;
    }

    @Override
    public int read() {
        if (position >= totalLength) {
            return -1;
        }
        return byteAt(position++) & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (position >= totalLength) {
            return -1;
        }
        int n = (int) Math.min(len, totalLength - position);
        for (int i = 0; i < n; i++) {
            b[off + i] = byteAt(position++);
        }
        return n;
    }

    private byte byteAt(long p) {
        if (p < head.length) {
            return head[(int) p];
        }
        long tailStart = totalLength - tail.length;
        if (p >= tailStart) {
            return tail[(int) (p - tailStart)];
        }
        return unit[(int) ((p - head.length) % unit.length)];
    }
}
