package org.xmppsfs.model;

import java.util.Objects;

/** The payload of a source-attaching message (XEP-0447 §Attaching a source): which message, and the new sources. */
public record AttachedSources(AttachTo attachTo, SourceList sources) {
    public AttachedSources {
        Objects.requireNonNull(attachTo, "attachTo");
        Objects.requireNonNull(sources, "sources");
    }
}
