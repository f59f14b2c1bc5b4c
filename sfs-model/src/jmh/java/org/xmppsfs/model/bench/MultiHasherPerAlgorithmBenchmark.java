package org.xmppsfs.model.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.xmppsfs.model.hash.Hash;
import org.xmppsfs.model.hash.HashAlgorithm;
import org.xmppsfs.model.hash.MultiHasher;

/** {@link MultiHasher} with one algorithm at a time: what each XEP-0300 hash costs on its own. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MultiHasherPerAlgorithmBenchmark {

    @Param({"SHA_256", "SHA_512", "SHA3_256", "SHA3_512", "BLAKE2B_256", "BLAKE2B_512"})
    public HashAlgorithm algorithm;

    private byte[] data;

    @Setup
    public void setUp() {
        data = BenchData.oneMiB();
    }

    @Benchmark
    public Map<HashAlgorithm, Hash> multiHasher() {
        MultiHasher hasher = MultiHasher.of(algorithm);
        for (int off = 0; off < data.length; off += BenchData.CHUNK) {
            hasher.update(data, off, BenchData.CHUNK);
        }
        return hasher.finish();
    }
}
