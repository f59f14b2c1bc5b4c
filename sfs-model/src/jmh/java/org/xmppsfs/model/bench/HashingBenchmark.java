package org.xmppsfs.model.bench;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.xmppsfs.model.hash.Hash;
import org.xmppsfs.model.hash.HashAlgorithm;
import org.xmppsfs.model.hash.MultiHasher;

/**
 * The hash sets that matter in practice, next to the JDK's plain SHA-256: the default inline set (SHA-256
 * alone, what an upload is hashed with while it streams in) and every algorithm in one pass.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HashingBenchmark {

    private byte[] data;

    @Setup
    public void setUp() {
        data = BenchData.oneMiB();
    }

    /** Baseline: {@link MessageDigest} SHA-256 with no wrapper. */
    @Benchmark
    public byte[] jdkMessageDigestSha256() throws NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (int off = 0; off < data.length; off += BenchData.CHUNK) {
            md.update(data, off, BenchData.CHUNK);
        }
        return md.digest();
    }

    /** The default inline set: SHA-256 alone. */
    @Benchmark
    public Map<HashAlgorithm, Hash> multiHasherDefaultSha256() {
        return hash(MultiHasher.of(HashAlgorithm.SHA_256));
    }

    /** All six algorithms in one pass over the data. */
    @Benchmark
    public Map<HashAlgorithm, Hash> multiHasherAllAlgorithms() {
        return hash(MultiHasher.of(EnumSet.allOf(HashAlgorithm.class)));
    }

    private Map<HashAlgorithm, Hash> hash(MultiHasher hasher) {
        for (int off = 0; off < data.length; off += BenchData.CHUNK) {
            hasher.update(data, off, BenchData.CHUNK);
        }
        return hasher.finish();
    }
}
