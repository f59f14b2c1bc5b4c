package org.xmppsfs.model;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/** XEP-0264 {@code <thumbnail xmlns='urn:xmpp:thumbs:1' uri media-type width height/>}; only {@code uri} is required. */
public record Thumbnail(String uri, Optional<String> mediaType, OptionalInt width, OptionalInt height) {
    public Thumbnail {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(width, "width");
        Objects.requireNonNull(height, "height");
    }
}
