package org.xmppsfs.model.hash;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Computes several XEP-0300 hashes in one pass over a stream of bytes.
 *
 * <p>Feed it buffers as they arrive ({@link #update(byte[], int, int)}), then call {@link #finish()} once.
 * Costs add up per algorithm, so callers choose the set (SHA-256 alone runs near memory speed; SHA-3 and
 * BLAKE2b are several times slower). Not thread-safe.
 */
public final class MultiHasher {

    private final EnumMap<HashAlgorithm, StreamingDigest> digests = new EnumMap<>(HashAlgorithm.class);
    private long bytes;
    private boolean finished;

    private MultiHasher(Collection<HashAlgorithm> algorithms) {
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("at least one hash algorithm is needed");
        }
        for (HashAlgorithm a : algorithms) {
            digests.put(a, a.newDigest());
        }
    }

    public static MultiHasher of(Collection<HashAlgorithm> algorithms) {
        return new MultiHasher(algorithms);
    }

    public static MultiHasher of(HashAlgorithm first, HashAlgorithm... rest) {
        return new MultiHasher(EnumSet.of(first, rest));
    }

    /** Hashes a whole stream (read to its end, not closed) with the given algorithms. */
    public static Map<HashAlgorithm, Hash> digest(InputStream in, Collection<HashAlgorithm> algorithms) throws IOException {
        MultiHasher hasher = of(algorithms);
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            hasher.update(buffer, 0, n);
        }
        return hasher.finish();
    }

    public Set<HashAlgorithm> algorithms() {
        return EnumSet.copyOf(digests.keySet());
    }

    public void update(byte[] buffer, int offset, int length) {
        checkOpen();
        for (StreamingDigest d : digests.values()) {
            d.update(buffer, offset, length);
        }
        bytes += length;
    }

    /** Consumes the buffer's remaining bytes; the buffer's position ends at its limit. */
    public void update(ByteBuffer buffer) {
        checkOpen();
        int start = buffer.position();
        for (StreamingDigest d : digests.values()) {
            buffer.position(start);
            d.update(buffer);
        }
        bytes += buffer.limit() - start;
    }

    /** Bytes seen so far; a long, since files over 2 GiB are ordinary. */
    public long byteCount() {
        return bytes;
    }

    /** Completes every digest. May be called once. */
    public Map<HashAlgorithm, Hash> finish() {
        checkOpen();
        finished = true;
        EnumMap<HashAlgorithm, Hash> out = new EnumMap<>(HashAlgorithm.class);
        digests.forEach((a, d) -> out.put(a, Hash.of(a, d.digest())));
        return out;
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("finish() was already called");
        }
    }
}
