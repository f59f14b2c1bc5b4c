package org.xmppsfs.upload;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xmppsfs.model.MediaType;
import org.xmppsfs.model.hash.Hash;

/**
 * A complete, verified file this service serves.
 *
 * @param getUrl    where it is served (absolute)
 * @param size      bytes
 * @param mediaType the Content-Type it is served with, if one is known
 * @param hashes    every hash known for the content (at least SHA-256)
 */
public record StoredBlob(URI getUrl, long size, Optional<MediaType> mediaType, List<Hash> hashes) {
    public StoredBlob {
        Objects.requireNonNull(getUrl, "getUrl");
        Objects.requireNonNull(mediaType, "mediaType");
        hashes = List.copyOf(hashes);
    }
}
