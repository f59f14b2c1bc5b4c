package org.xmppsfs.model.bench;

import java.util.SplittableRandom;

/** The input every benchmark processes: one MiB per operation, so operations per second read as MiB/s. */
final class BenchData {

    static final int MIB = 1024 * 1024;

    /** The piece size the project's streams use (64 KiB), so the numbers match real use. */
    static final int CHUNK = 64 * 1024;

    private BenchData() {
    }

    static byte[] oneMiB() {
        byte[] data = new byte[MIB];
        SplittableRandom random = new SplittableRandom(0x5f5L);
        for (int i = 0; i < data.length; i += 8) {
            long v = random.nextLong();
            for (int k = 0; k < 8; k++) {
                data[i + k] = (byte) (v >>> (8 * k));
            }
        }
        return data;
    }
}
