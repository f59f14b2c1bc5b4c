package org.xmppsfs.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Set;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmppsfs.model.hash.Hash;
import org.xmppsfs.model.hash.HashAlgorithm;

/**
 * Sizes are longs end to end: a 2 GiB + 1 byte PUT, generated on the fly (never held in memory), with a fixed
 * Content-Length, then a range read of its last byte. Tagged {@code large}: takes several seconds of disk I/O.
 */
@Tag("large")
class LargeFileTest {

    private static final long SIZE = (2L << 30) + 1;

    @TempDir
    Path dir;

    /** Emits {@code size} deterministic bytes in 1 MiB buffers, respecting demand, hashing what it emits. */
    static final class GeneratedBody implements Flow.Publisher<ByteBuffer> {
        final long size;
        final MessageDigest sha256;

        GeneratedBody(long size) throws Exception {
            this.size = size;
            this.sha256 = MessageDigest.getInstance("SHA-256");
        }

        static byte patternAt(long position) {
            return (byte) (position * 31 + (position >>> 20));
        }

        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
            AtomicLong sent = new AtomicLong();
            AtomicLong demand = new AtomicLong();
            AtomicBoolean emitting = new AtomicBoolean();
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
                    // Drain loop: whoever holds "emitting" sends; a request that arrives meanwhile is re-checked after release.
                    while (demand.get() > 0 && sent.get() <= size && emitting.compareAndSet(false, true)) {
                        try {
                            while (demand.get() > 0 && sent.get() < size) {
                                int n1 = (int) Math.min(1 << 20, size - sent.get());
                                byte[] chunk = new byte[n1];
                                long base = sent.get();
                                for (int i = 0; i < n1; i++) {
                                    chunk[i] = patternAt(base + i);
                                }
                                sha256.update(chunk);
                                sent.addAndGet(n1);
                                demand.decrementAndGet();
                                subscriber.onNext(ByteBuffer.wrap(chunk));
                            }
                            if (sent.get() == size) {
                                sent.incrementAndGet(); // complete once
                                subscriber.onComplete();
                            }
                        } finally {
                            emitting.set(false);
                        }
                    }
                }

                @Override
                public void cancel() {
                    sent.set(Long.MAX_VALUE);
                }
            });
        }
    }

    @Test
    void twoGibibytesAndOneByteUploadAndRangeReadOfTheLastByte() throws Exception {
        try (TestServer t = TestServer.start(dir, b -> b.maxFileSize(3L << 30).userDailyBytes(0).backgroundAlgorithms(Set.of()),
                java.time.Clock.systemUTC())) {
            SlotGrant g = t.slot("big.bin", SIZE, null);
            GeneratedBody body = new GeneratedBody(SIZE);
            HttpRequest put = HttpRequest.newBuilder(t.bareputUrl(g))
                    .header("Authorization", TestServer.bearer(g))
                    .PUT(HttpRequest.BodyPublishers.fromPublisher(body, SIZE)).build();
            HttpResponse<String> r = t.http.send(put, HttpResponse.BodyHandlers.ofString());
            assertEquals(201, r.statusCode(), r.body());
            assertEquals(SIZE, t.server.storedBytes());

            HttpResponse<Void> head = t.head(g.getUrl());
            assertEquals(String.valueOf(SIZE), head.headers().firstValue("Content-Length").orElseThrow());
            HttpResponse<byte[]> last = t.get(g.getUrl(), "Range", "bytes=" + (SIZE - 1) + "-");
            assertEquals(206, last.statusCode());
            assertEquals("bytes " + (SIZE - 1) + "-" + (SIZE - 1) + "/" + SIZE, last.headers().firstValue("Content-Range").orElseThrow());
            assertArrayEquals(new byte[] {GeneratedBody.patternAt(SIZE - 1)}, last.body());
            byte[] clientSha = body.sha256.digest();
            assertEquals(g.getUrl(), t.server.index().lookup(java.util.List.of(Hash.of(HashAlgorithm.SHA_256, clientSha)))
                    .orElseThrow().getUrl());
        }
    }
}
