package org.xmppsfs.upload.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Set;

/**
 * Content-addressed bytes: a blob is named by the lowercase hex SHA-256 of its content. New content is written to
 * a {@link TempFile} first and becomes visible only through {@link #commit}, so a reader sees a complete blob or
 * none. Implementations are thread-safe; callers serialise commit and delete of the same address.
 */
public interface BlobStore {

    /** Creates directories and removes temp files left by a previous run; returns how many were removed. */
    int open() throws IOException;

    /** A new, empty temp file on the same file system as the blobs (so the final rename is atomic). */
    TempFile newTempFile() throws IOException;

    /**
     * Makes the temp file's content visible under {@code address}: syncs it (when configured), renames it
     * atomically and syncs the directory. If that content is already stored, the temp file is dropped instead.
     *
     * @return true if a new blob file was created, false if it already existed (deduplicated)
     */
    boolean commit(TempFile temp, BlobAddress address) throws IOException;

    boolean exists(BlobAddress address);

    /** The file holding the blob, for zero-copy serving. The file may not exist. */
    Path path(BlobAddress address);

    /** Removes the blob; false if it did not exist. */
    boolean delete(BlobAddress address) throws IOException;

    /** Every stored address, for reconciliation at startup. */
    Set<BlobAddress> list() throws IOException;

    /** Total bytes of stored blobs, measured on disk. */
    long totalBytes() throws IOException;

    /** A file being written; closing it without {@link #commit} deletes it. */
    interface TempFile extends Closeable {
        Path path();

        FileChannel channel();

        /**
         * Told after every write how many bytes the file holds now. A store that syncs may start writing a large
         * file back while it is still being received, so that the sync before {@link BlobStore#commit} returns
         * has little left to do.
         */
        default void written(long bytesSoFar) {
        }

        /** Deletes the file (if still there); never throws. */
        @Override
        void close();
    }
}
