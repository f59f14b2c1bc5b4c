package org.xmppsfs.upload;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xmppsfs.model.MediaType;
import org.xmppsfs.model.hash.Hash;

/**
 * A file the service stores from a stream it reads itself (a mirror fetch), not from a client's PUT.
 *
 * @param owner     bare JID charged for the storage (quota)
 * @param filename  the name to serve it under (last URL segment)
 * @param size      exact number of bytes the stream must yield
 * @param mediaType Content-Type to serve, if known
 * @param expected  hashes the bytes must have; every supported one is verified before anything is visible
 * @param purpose   retention policy
 */
public record IngestRequest(String owner, String filename, long size, Optional<MediaType> mediaType, List<Hash> expected, Purpose purpose) {
    public IngestRequest {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(mediaType, "mediaType");
        expected = List.copyOf(expected);
        Objects.requireNonNull(purpose, "purpose");
    }
}
