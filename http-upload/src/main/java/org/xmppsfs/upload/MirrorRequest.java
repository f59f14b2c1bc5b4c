package org.xmppsfs.upload;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xmppsfs.model.hash.Hash;

/**
 * Fetch a file from {@code source}, verify it, store it and serve it (XEP-0447 §Attaching a source).
 *
 * @param requester bare JID that asked (charged for storage, rate-limited)
 * @param source    where to fetch from; guarded against SSRF before and after every redirect
 * @param size      the announced size; more bytes than this is a refusal
 * @param expected  hashes the bytes must have; at least one must be in a supported algorithm
 * @param mediaType Content-Type to serve, if known
 * @param filename  name for the served URL's last segment, if known
 */
public record MirrorRequest(String requester, URI source, long size, List<Hash> expected,
                            Optional<String> mediaType, Optional<String> filename) {
    public MirrorRequest {
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(source, "source");
        expected = List.copyOf(expected);
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(filename, "filename");
    }
}
