package org.xmppsfs.upload;

import java.io.IOException;
import java.io.InputStream;

/**
 * Stores a stream through the same durable path as a PUT (temp file, hashes in one pass, fsync, atomic rename,
 * one metadata transaction). Used by the mirror. Thread-safe.
 */
public interface BlobIngest {

    /**
     * Reads exactly {@code request.size()} bytes from {@code body} (more or fewer is a refusal), verifies every
     * supported expected hash, and only then makes the blob visible. A mismatch is a {@link Refusal.HashMismatch}
     * and leaves nothing behind.
     */
    Outcome<StoredBlob> ingest(InputStream body, IngestRequest request) throws IOException;
}
