package org.xmppsfs.model.xml;

import java.util.List;
import java.util.Objects;
import org.xmppsfs.model.Violation;

/**
 * A value read from XML together with the rule violations met while reading it. A strict reader never
 * returns violations (it throws on the first one); a lenient reader returns them all.
 */
public record Parsed<T>(T value, List<Violation> violations) {
    public Parsed {
        Objects.requireNonNull(value, "value");
        violations = List.copyOf(violations);
    }

    public boolean isClean() {
        return violations.isEmpty();
    }

    /** True when a MUST-level rule is broken (SHOULD-level findings do not count). */
    public boolean hasMustViolations() {
        return violations.stream().anyMatch(v -> v.level() == Violation.Level.MUST);
    }
}
