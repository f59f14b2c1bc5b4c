package org.xmppsfs.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xmppsfs.model.xml.XmlElement;

/**
 * XEP-0447 {@code <file-sharing xmlns='urn:xmpp:sfs:0' disposition id>}: metadata of one file and, optionally,
 * where to get it.
 *
 * <p>{@code sources} distinguishes "no {@code <sources>} element" (empty Optional: XEP-0447 §Receiving a file
 * says the transfer is then pending, a source will be attached later) from an empty {@code <sources/>}, so a
 * round-trip writes back what it read.
 */
public record FileSharing(Optional<Disposition> disposition, Optional<String> id, FileMetadata file,
        Optional<List<Source>> sources, List<XmlElement> extensions) {

    public FileSharing {
        Objects.requireNonNull(disposition, "disposition");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(file, "file");
        sources = Objects.requireNonNull(sources, "sources").map(List::copyOf);
        extensions = List.copyOf(extensions);
    }

    /** A share with the given sources (an empty list writes an empty {@code <sources/>}). */
    public static FileSharing of(FileMetadata file, List<Source> sources) {
        return new FileSharing(Optional.empty(), Optional.empty(), file, Optional.of(sources), List.of());
    }

    /** A share whose sources will be attached later (XEP-0447 §Attaching a source). */
    public static FileSharing pending(FileMetadata file) {
        return new FileSharing(Optional.empty(), Optional.empty(), file, Optional.empty(), List.of());
    }

    public FileSharing withId(String value) {
        return new FileSharing(disposition, Optional.of(value), file, sources, extensions);
    }

    public FileSharing withDisposition(Disposition value) {
        return new FileSharing(Optional.of(value), id, file, sources, extensions);
    }

    public FileSharing withSources(List<Source> value) {
        return new FileSharing(disposition, id, file, Optional.of(value), extensions);
    }

    /** The sources, or an empty list when none were given. */
    public List<Source> sourceList() {
        return sources.orElse(List.of());
    }

    /** XEP-0447 §Receiving a file: without {@code <sources>} the transfer is pending. */
    public boolean isPending() {
        return sources.isEmpty();
    }
}
