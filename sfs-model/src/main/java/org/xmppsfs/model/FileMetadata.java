package org.xmppsfs.model;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.xmppsfs.model.hash.Hash;
import org.xmppsfs.model.hash.HashAlgorithm;
import org.xmppsfs.model.xml.XmlElement;

/**
 * XEP-0446 {@code <file xmlns='urn:xmpp:file:metadata:0'>}. Every child is optional (XEP-0446 §Element format).
 *
 * <p>{@code date} keeps the offset it was written with, so a round-trip writes an equal XEP-0082 DateTime.
 * {@code length} is in milliseconds. Children this project does not model are kept verbatim in
 * {@code extensions}.
 *
 * <p><b>Legacy {@code <dimension>WxH</dimension>}.</b> XEP-0446 v0.2.0 replaced it by {@code width}/{@code height},
 * but the XEP-0448 example still sends it. It is kept as an extension element, untouched, so it is written back
 * exactly as read and never invented; {@link #dimensions()} falls back to it when {@code width}/{@code height}
 * are absent, so readers get the size either way.
 *
 * <p>The record does not enforce the XEP's rules (one hash per algo, distinct {@code xml:lang}); lenient reading
 * must be able to hold broken input so it can be reported. The strict reader and
 * {@link org.xmppsfs.model.validate.SpecValidator} check them.
 */
public record FileMetadata(
        Optional<String> mediaType,
        Optional<String> name,
        Optional<OffsetDateTime> date,
        OptionalLong size,
        List<Desc> descs,
        List<Hash> hashes,
        OptionalInt width,
        OptionalInt height,
        OptionalLong length,
        List<Thumbnail> thumbnails,
        List<XmlElement> extensions) {

    /** XEP-0446 §Element format: the media type assumed when none is given. */
    public static final String DEFAULT_MEDIA_TYPE = "application/octet-stream";

    public static final FileMetadata EMPTY = builder().build();

    public FileMetadata {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(width, "width");
        Objects.requireNonNull(height, "height");
        Objects.requireNonNull(length, "length");
        descs = List.copyOf(descs);
        hashes = List.copyOf(hashes);
        thumbnails = List.copyOf(thumbnails);
        extensions = List.copyOf(extensions);
        if (size.isPresent() && size.getAsLong() < 0) {
            throw new IllegalArgumentException("negative size " + size.getAsLong());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.mediaType = mediaType;
        b.name = name;
        b.date = date;
        b.size = size;
        b.descs.addAll(descs);
        b.hashes.addAll(hashes);
        b.width = width;
        b.height = height;
        b.length = length;
        b.thumbnails.addAll(thumbnails);
        b.extensions.addAll(extensions);
        return b;
    }

    /** The media type, or {@value #DEFAULT_MEDIA_TYPE} when none was given. */
    public String effectiveMediaType() {
        return mediaType.orElse(DEFAULT_MEDIA_TYPE);
    }

    /** The hash in the given algorithm, matching either spelling of its name. */
    public Optional<Hash> hash(HashAlgorithm algorithm) {
        return hashes.stream().filter(h -> h.algorithm().equals(Optional.of(algorithm))).findFirst();
    }

    /** Width and height, from {@code width}/{@code height} or else from a legacy {@code <dimension>WxH</dimension>}. */
    public Optional<Dimensions> dimensions() {
        if (width.isPresent() && height.isPresent()) {
            return Optional.of(new Dimensions(width.getAsInt(), height.getAsInt()));
        }
        for (XmlElement e : extensions) {
            if (e.is(Namespaces.FILE_METADATA, "dimension")) {
                String[] parts = e.text().trim().split("[xX]");
                if (parts.length == 2) {
                    try {
                        return Optional.of(new Dimensions(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())));
                    } catch (IllegalArgumentException ignored) {
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Assembles metadata for a file to share; call sites read like the element they produce. */
    public static final class Builder {
        private Optional<String> mediaType = Optional.empty();
        private Optional<String> name = Optional.empty();
        private Optional<OffsetDateTime> date = Optional.empty();
        private OptionalLong size = OptionalLong.empty();
        private final List<Desc> descs = new ArrayList<>();
        private final List<Hash> hashes = new ArrayList<>();
        private OptionalInt width = OptionalInt.empty();
        private OptionalInt height = OptionalInt.empty();
        private OptionalLong length = OptionalLong.empty();
        private final List<Thumbnail> thumbnails = new ArrayList<>();
        private final List<XmlElement> extensions = new ArrayList<>();

        private Builder() {
        }

        public Builder mediaType(String value) {
            mediaType = Optional.of(value);
            return this;
        }

        public Builder name(String value) {
            name = Optional.of(value);
            return this;
        }

        public Builder date(OffsetDateTime value) {
            date = Optional.of(value);
            return this;
        }

        public Builder size(long bytes) {
            size = OptionalLong.of(bytes);
            return this;
        }

        public Builder desc(Desc value) {
            descs.add(value);
            return this;
        }

        public Builder hash(Hash value) {
            hashes.add(value);
            return this;
        }

        public Builder hashes(Iterable<Hash> values) {
            values.forEach(hashes::add);
            return this;
        }

        public Builder width(int pixels) {
            width = OptionalInt.of(pixels);
            return this;
        }

        public Builder height(int pixels) {
            height = OptionalInt.of(pixels);
            return this;
        }

        public Builder length(long milliseconds) {
            length = OptionalLong.of(milliseconds);
            return this;
        }

        public Builder thumbnail(Thumbnail value) {
            thumbnails.add(value);
            return this;
        }

        public Builder extension(XmlElement value) {
            extensions.add(value);
            return this;
        }

        public FileMetadata build() {
            return new FileMetadata(mediaType, name, date, size, descs, hashes, width, height, length, thumbnails, extensions);
        }
    }
}
