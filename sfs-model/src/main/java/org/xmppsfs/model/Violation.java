package org.xmppsfs.model;

import java.util.Objects;

/**
 * A rule of a specification that some input breaks.
 *
 * @param xep     the XEP number, e.g. {@code "0300"}
 * @param section the section as named in the XEP, e.g. {@code "§4"} or {@code "§Security Considerations"}
 * @param level   how strong the rule is
 * @param element the local name of the element concerned
 * @param message what is wrong, in words
 */
public record Violation(String xep, String section, Level level, String element, String message) {

    /** Requirement strength (RFC 2119 keywords, folded into two levels). */
    public enum Level {
        /** MUST, MUST NOT, REQUIRED: the input is wrong. */
        MUST,
        /** SHOULD, SHOULD NOT, RECOMMENDED: the input is legal but unwise. */
        SHOULD
    }

    public Violation {
        Objects.requireNonNull(xep, "xep");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(message, "message");
    }

    public static Violation must(String xep, String section, String element, String message) {
        return new Violation(xep, section, Level.MUST, element, message);
    }

    public static Violation should(String xep, String section, String element, String message) {
        return new Violation(xep, section, Level.SHOULD, element, message);
    }

    /** {@code XEP-0300 §4}. */
    public String citation() {
        return "XEP-" + xep + " " + section;
    }

    @Override
    public String toString() {
        return element + ": " + message + " (" + citation() + ", " + level + ")";
    }
}
