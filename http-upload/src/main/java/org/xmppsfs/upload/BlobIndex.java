package org.xmppsfs.upload;

import java.util.Collection;
import java.util.Optional;
import org.xmppsfs.model.hash.Hash;

/** Finds stored, verified blobs by content hash. Thread-safe. */
public interface BlobIndex {

    /**
     * A stored blob matching <em>every</em> given hash in an algorithm this service supports (hashes in other
     * algorithms are ignored; if none is supported the answer is empty). Hashes not yet computed for a stored
     * blob may be computed on demand.
     */
    Optional<StoredBlob> lookup(Collection<Hash> hashes);
}
