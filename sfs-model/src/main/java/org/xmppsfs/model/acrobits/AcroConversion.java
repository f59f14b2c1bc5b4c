package org.xmppsfs.model.acrobits;

import java.util.List;
import java.util.Objects;

/** The result of a conversion that may drop information, with a sentence per thing dropped. */
public record AcroConversion<T>(T value, List<String> losses) {
    public AcroConversion {
        Objects.requireNonNull(value, "value");
        losses = List.copyOf(losses);
    }

    public boolean isLossless() {
        return losses.isEmpty();
    }
}
