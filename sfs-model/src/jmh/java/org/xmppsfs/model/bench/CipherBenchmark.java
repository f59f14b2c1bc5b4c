package org.xmppsfs.model.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.xmppsfs.model.crypto.AcrobitsKey;
import org.xmppsfs.model.crypto.FileCipher;
import org.xmppsfs.model.crypto.FileKey;

/**
 * Client-side file encryption through the project's streams, into a discarding sink. One key and IV serve
 * every operation here, which is acceptable only because nothing leaves the benchmark: real files each get
 * a fresh key.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CipherBenchmark {

    private byte[] data;
    private FileKey gcm;
    private byte[] gcmCiphertext;
    private FileKey cbc;
    private AcrobitsKey ctr;

    @Setup
    public void setUp() throws IOException {
        data = BenchData.oneMiB();
        gcm = FileCipher.AES_256_GCM_NOPADDING.newKey();
        gcmCiphertext = gcm.encrypt(new ByteArrayInputStream(data)).readAllBytes();
        cbc = FileCipher.AES_256_CBC_PKCS7.newKey();
        ctr = AcrobitsKey.generate();
    }

    /** AES-256-GCM encryption with appended tag (JDK cipher). */
    @Benchmark
    public void aes256GcmEncrypt(Blackhole sink) throws IOException {
        writeThrough(gcm.encryptTo(discarding(sink)), data);
    }

    /** AES-256-GCM streaming decryption with tag check (BouncyCastle lightweight cipher). */
    @Benchmark
    public void aes256GcmDecrypt(Blackhole sink) throws IOException {
        writeThrough(gcm.decryptTo(discarding(sink), data.length), gcmCiphertext);
    }

    /** AES-256-CBC-PKCS7 encryption (JDK cipher). */
    @Benchmark
    public void aes256CbcEncrypt(Blackhole sink) throws IOException {
        writeThrough(cbc.encryptTo(discarding(sink)), data);
    }

    /** AES-256-CTR with zero IV, as for Acrobits attachments (JDK cipher). */
    @Benchmark
    public void acrobitsAes256CtrEncrypt(Blackhole sink) throws IOException {
        writeThrough(ctr.encryptTo(discarding(sink)), data);
    }

    private static void writeThrough(OutputStream out, byte[] bytes) throws IOException {
        try (out) {
            for (int off = 0; off < bytes.length; off += BenchData.CHUNK) {
                out.write(bytes, off, Math.min(BenchData.CHUNK, bytes.length - off));
            }
        }
    }

    private static OutputStream discarding(Blackhole sink) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                sink.consume(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                sink.consume(b);
                sink.consume(len);
            }
        };
    }
}
