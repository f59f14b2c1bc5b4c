package org.xmppsfs.model;

import java.util.Objects;
import java.util.Optional;

/** XEP-0066 {@code <x xmlns='jabber:x:oob'><url/><desc/></x>}: the legacy way clients show a file URL. */
public record OutOfBandData(String url, Optional<String> desc) {
    public OutOfBandData {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(desc, "desc");
    }

    public static OutOfBandData of(String url) {
        return new OutOfBandData(url, Optional.empty());
    }
}
