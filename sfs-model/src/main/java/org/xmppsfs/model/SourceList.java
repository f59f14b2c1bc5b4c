package org.xmppsfs.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A top-level XEP-0447 {@code <sources xmlns='urn:xmpp:sfs:0' id>} as sent in a source-attaching message
 * (XEP-0447 §Attaching a source). If the original {@code <file-sharing>} had an {@code id}, this element MUST
 * carry the same one.
 */
public record SourceList(Optional<String> id, List<Source> sources) {
    public SourceList {
        Objects.requireNonNull(id, "id");
        sources = List.copyOf(sources);
    }

    public static SourceList of(List<Source> sources) {
        return new SourceList(Optional.empty(), sources);
    }

    public static SourceList of(String fileSharingId, List<Source> sources) {
        return new SourceList(Optional.of(fileSharingId), sources);
    }
}
