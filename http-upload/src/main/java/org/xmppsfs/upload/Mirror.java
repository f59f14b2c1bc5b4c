package org.xmppsfs.upload;

import java.util.concurrent.CompletableFuture;

/** Fetches a remote file, verifies every supported announced hash, stores it, and serves it. Thread-safe. */
public interface Mirror {

    /**
     * Completes with the stored blob (possibly one already stored with the same hashes, without fetching) or a
     * refusal; never completes exceptionally for a bad source. Runs on a bounded executor.
     */
    CompletableFuture<Outcome<StoredBlob>> mirror(MirrorRequest request);
}
