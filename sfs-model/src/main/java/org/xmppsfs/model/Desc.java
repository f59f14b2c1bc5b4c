package org.xmppsfs.model;

import java.util.Objects;
import java.util.Optional;

/** A human-readable description with an optional {@code xml:lang} (XEP-0446 {@code <desc>}, XEP-0103 {@code <desc>}). */
public record Desc(Optional<String> lang, String text) {
    public Desc {
        Objects.requireNonNull(lang, "lang");
        Objects.requireNonNull(text, "text");
    }

    public static Desc of(String text) {
        return new Desc(Optional.empty(), text);
    }

    public static Desc of(String lang, String text) {
        return new Desc(Optional.of(lang), text);
    }
}
