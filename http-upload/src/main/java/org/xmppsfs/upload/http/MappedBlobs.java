package org.xmppsfs.upload.http;

import java.io.IOException;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import org.xmppsfs.upload.storage.BlobAddress;

/**
 * Read-only memory mappings of stored blobs, shared by the downloads of the same blob.
 *
 * <p>Why map: a download then goes from the page cache to the socket in one copy made by the kernel, with no read
 * into a buffer first and no buffer memory per download. That is as close to {@code sendfile} as the JVM gets
 * without native code, and how Jetty itself serves static files. Blobs are immutable and named by their SHA-256,
 * so a mapping can never show changed bytes; a blob deleted while mapped stays readable to the downloads already
 * under way, as an open file would.
 *
 * <p>Mappings are held weakly: a thousand concurrent downloads of one file share one mapping, and the garbage
 * collector unmaps it once no download uses it any more. A {@link MappedByteBuffer} is int-indexed, so blobs of
 * {@link #MAX_MAPPED} bytes or more are not mapped; the caller streams them instead.
 */
final class MappedBlobs {

    static final long MAX_MAPPED = Integer.MAX_VALUE;

    private final ConcurrentHashMap<BlobAddress, Mapping> mappings = new ConcurrentHashMap<>();
    private final ReferenceQueue<MappedByteBuffer> collected = new ReferenceQueue<>();

    private static final class Mapping extends WeakReference<MappedByteBuffer> {
        final BlobAddress blob;

        Mapping(BlobAddress blob, MappedByteBuffer buffer, ReferenceQueue<MappedByteBuffer> queue) {
            super(buffer, queue);
            this.blob = blob;
        }
    }

    /** Bytes {@code [offset, offset + count)} of the blob, as a buffer of their own (position 0, limit count). */
    ByteBuffer slice(BlobAddress blob, Path path, long size, long offset, long count) throws IOException {
        if (size >= MAX_MAPPED || offset < 0 || count < 0 || offset + count > size) {
            throw new IllegalArgumentException("range " + offset + "+" + count + " of a " + size + "-byte blob cannot be mapped");
        }
        return whole(blob, path, size).slice((int) offset, (int) count);
    }

    /** How many blobs are mapped (or were, until the collector notices); for tests. */
    int size() {
        forgetCollected();
        return mappings.size();
    }

    private MappedByteBuffer whole(BlobAddress blob, Path path, long size) throws IOException {
        forgetCollected();
        Mapping known = mappings.get(blob);
        MappedByteBuffer buffer = known == null ? null : known.get();
        if (buffer != null && buffer.capacity() == size) {
            return buffer;
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long onDisk = channel.size();
            if (onDisk != size) {
                throw new IOException("blob " + blob + " has " + onDisk + " bytes on disk, its record says " + size);
            }
            buffer = channel.map(FileChannel.MapMode.READ_ONLY, 0, size); // stays valid after the channel closes
        }
        mappings.put(blob, new Mapping(blob, buffer, collected));
        return buffer;
    }

    private void forgetCollected() {
        for (Object gone; (gone = collected.poll()) != null; ) {
            Mapping m = (Mapping) gone;
            mappings.remove(m.blob, m);
        }
    }
}
