package org.xmppsfs.model.crypto;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** Helpers shared by the crypto tests: hex, seeded data, reading in awkward chunk sizes. */
final class CryptoTestSupport {

    private CryptoTestSupport() {
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** Deterministic pseudo-random bytes, so that a failure can be replayed. */
    static byte[] randomBytes(int length, long seed) {
        byte[] b = new byte[length];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < length; ) {
            long v = r.nextLong();
            for (int k = 0; k < 8 && i < length; k++, v >>>= 8) {
                b[i++] = (byte) v;
            }
        }
        return b;
    }

    /** Reads to the end with a cycle of odd read sizes (1, 7, 13, 4093, 65537, ...). */
    static byte[] readInOddChunks(InputStream in) throws IOException {
        int[] sizes = {1, 7, 13, 4093, 65537, 3, 100_003, 511};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[100_003];
        int turn = 0;
        for (int n; (n = in.read(buf, 0, sizes[turn++ % sizes.length])) >= 0; ) {
            if (n == 0) {
                throw new AssertionError("read returned 0 for a non-empty request");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** Writes {@code data} to {@code out} with a cycle of odd write sizes, then closes it. */
    static void writeInOddChunks(byte[] data, java.io.OutputStream out) throws IOException {
        int[] sizes = {5, 65_539, 1, 8191, 17, 300_007};
        int turn = 0;
        try (out) {
            for (int off = 0; off < data.length; ) {
                int n = Math.min(data.length - off, sizes[turn++ % sizes.length]);
                out.write(data, off, n);
                off += n;
            }
        }
    }

    /** Counts how many bytes were taken from the wrapped stream. */
    static final class CountingInputStream extends FilterInputStream {
        long taken;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                taken++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                taken += n;
            }
            return n;
        }
    }

    /**
     * A long stream produced on the fly, never held in memory: {@code length} bytes of a repeating 1 MiB
     * pattern. Lengths beyond 2 GiB exercise the long counters.
     */
    static final class PatternInputStream extends InputStream {
        private final byte[] pattern;
        private final long length;
        private long position;

        PatternInputStream(byte[] pattern, long length) {
            this.pattern = pattern;
            this.length = length;
        }

        @Override
        public int read() {
            if (position >= length) {
                return -1;
            }
            return pattern[(int) (position++ % pattern.length)] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= length) {
                return -1;
            }
            int start = (int) (position % pattern.length);
            int n = (int) Math.min(Math.min(len, pattern.length - start), length - position);
            System.arraycopy(pattern, start, b, off, n);
            position += n;
            return n;
        }
    }
}
