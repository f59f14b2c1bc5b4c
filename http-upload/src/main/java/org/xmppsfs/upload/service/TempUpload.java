package org.xmppsfs.upload.service;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.xmppsfs.model.hash.Hash;
import org.xmppsfs.model.hash.HashAlgorithm;
import org.xmppsfs.model.hash.MultiHasher;
import org.xmppsfs.upload.storage.BlobAddress;
import org.xmppsfs.upload.storage.BlobStore;

/**
 * Bytes on their way into the store: written to a temp file while every requested hash is computed in the same
 * pass, refusing to exceed the expected size. Closing without {@link BlobCatalog} committing deletes the file.
 * Not thread-safe: one upload, one thread.
 */
public final class TempUpload implements Closeable {

    private final BlobStore.TempFile temp;
    private final MultiHasher hasher;
    private final long expectedSize;
    private long written;

    TempUpload(BlobStore.TempFile temp, Set<HashAlgorithm> algorithms, long expectedSize) {
        this.temp = Objects.requireNonNull(temp, "temp");
        this.hasher = MultiHasher.of(algorithms);
        this.expectedSize = expectedSize;
    }

    /**
     * Hashes and writes the buffer's remaining bytes.
     *
     * @return false, writing nothing, when they would exceed the expected size
     */
    public boolean write(ByteBuffer buffer) throws IOException {
        int n = buffer.remaining();
        if (written + n > expectedSize) {
            return false;
        }
        hasher.update(buffer.duplicate());
        while (buffer.hasRemaining()) {
            temp.channel().write(buffer);
        }
        written += n;
        temp.written(written);
        return true;
    }

    public long written() {
        return written;
    }

    public long expectedSize() {
        return expectedSize;
    }

    /** The bytes written and their hashes, once exactly the expected size arrived. */
    public record Written(long size, Map<HashAlgorithm, Hash> hashes) {
        /** Where this content is stored: its SHA-256. */
        public BlobAddress address() {
            return BlobAddress.of(hashes.get(HashAlgorithm.SHA_256));
        }
    }

    /**
     * Completes the hashes.
     *
     * @throws IllegalStateException when fewer bytes than expected were written
     */
    public Written finish() {
        if (written != expectedSize) {
            throw new IllegalStateException("received " + written + " of " + expectedSize + " bytes");
        }
        return new Written(written, Map.copyOf(hasher.finish()));
    }

    BlobStore.TempFile temp() {
        return temp;
    }

    @Override
    public void close() {
        temp.close();
    }
}
