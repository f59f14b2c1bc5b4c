package org.xmppsfs.model.xml;

import java.util.Objects;
import java.util.Optional;
import org.xmppsfs.model.Violation;

/**
 * Input that cannot be read as the element it claims to be. The message names the element and the rule,
 * e.g. {@code hash: duplicate algo 'sha-256' (XEP-0300 §4: each hash MUST use a different algo)}.
 */
public final class SfsParseException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String element;
    private final String reason;
    private final transient Violation violation;

    public SfsParseException(String element, String reason) {
        this(element, reason, null, null);
    }

    public SfsParseException(String element, String reason, Throwable cause) {
        this(element, reason, null, cause);
    }

    private SfsParseException(String element, String reason, Violation violation, Throwable cause) {
        super(element + ": " + reason, cause);
        this.element = Objects.requireNonNull(element, "element");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.violation = violation;
    }

    /** A rule of a specification that strict reading enforces. */
    public static SfsParseException of(Violation violation) {
        return new SfsParseException(violation.element(), violation.message() + " (" + violation.citation() + ")", violation, null);
    }

    /** The local name of the offending element ({@code xml} for problems below the element level). */
    public String element() {
        return element;
    }

    public String reason() {
        return reason;
    }

    /** The specification rule, when the problem is a rule violation rather than unreadable input. */
    public Optional<Violation> violation() {
        return Optional.ofNullable(violation);
    }
}
