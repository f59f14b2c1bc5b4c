package org.xmppsfs.model;

import java.util.Locale;
import java.util.Optional;

/** XEP-0447 §Sharing a file: the {@code disposition} attribute. */
public enum Disposition {
    INLINE("inline"),
    ATTACHMENT("attachment");

    private final String xmlValue;

    Disposition(String xmlValue) {
        this.xmlValue = xmlValue;
    }

    public String xmlValue() {
        return xmlValue;
    }

    public static Optional<Disposition> fromXml(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        for (Disposition d : values()) {
            if (d.xmlValue.equals(v)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
