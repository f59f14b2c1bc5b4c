package org.xmppsfs.model;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A media type as RFC 9110 §8.3.1 spells it: {@code type/subtype} with optional parameters. Parsed once, where it
 * arrives; everything after compares {@link #essence()} values instead of re-parsing strings.
 *
 * @param type       lowercase top-level type, e.g. {@code image}
 * @param subtype    lowercase subtype, e.g. {@code png}
 * @param parameters the parameters as received ({@code charset=utf-8}), without the leading {@code ;}; may be empty
 */
public record MediaType(String type, String subtype, String parameters) {

    /** Longest accepted media type, parameters included. */
    public static final int MAX_LENGTH = 255;
    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    /** Parameters are separated by OWS, which is spaces and tabs only (RFC 9110 §5.6.3): never CR or LF. */
    private static final Pattern SYNTAX = Pattern.compile("(" + TOKEN + ")/(" + TOKEN + ")"
            + "((?:[ \\t]*;[ \\t]*" + TOKEN + "=(?:" + TOKEN + "|\"[^\"\\\\\\p{Cntrl}]*\"))*)");
    private static final Pattern TOKEN_ONLY = Pattern.compile(TOKEN);
    /** Declared after the patterns the constructor checks with: static fields initialise in order. */
    public static final MediaType OCTET_STREAM = new MediaType("application", "octet-stream", "");

    public MediaType {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subtype, "subtype");
        Objects.requireNonNull(parameters, "parameters");
        if (!TOKEN_ONLY.matcher(type).matches() || !TOKEN_ONLY.matcher(subtype).matches()) {
            throw new IllegalArgumentException("not a media type: " + type + "/" + subtype);
        }
        type = type.toLowerCase(Locale.ROOT);
        subtype = subtype.toLowerCase(Locale.ROOT);
        parameters = parameters.strip();
    }

    /** The media type in {@code value}, or empty when it is not one (or longer than {@link #MAX_LENGTH}). */
    public static Optional<MediaType> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        if (v.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        var m = SYNTAX.matcher(v);
        if (!m.matches()) {
            return Optional.empty();
        }
        String params = m.group(3).strip();
        if (params.startsWith(";")) {
            params = params.substring(1);
        }
        return Optional.of(new MediaType(m.group(1), m.group(2), params));
    }

    /** As {@link #parse}, for values known to be valid (configuration defaults, constants). */
    public static MediaType of(String value) {
        return parse(value).orElseThrow(() -> new IllegalArgumentException("not a media type: '" + value + "'"));
    }

    /** {@code type/subtype}, lowercase, without parameters. */
    public String essence() {
        return type + "/" + subtype;
    }

    /** Same type and subtype, whatever the parameters. */
    public boolean sameEssence(MediaType other) {
        return type.equals(other.type) && subtype.equals(other.subtype);
    }

    /**
     * Whether this type matches {@code pattern}: {@code type/subtype}, {@code type/*} or {@code *}{@code /*},
     * ignoring case and parameters. A pattern that is not of that form matches nothing.
     */
    public boolean matches(String pattern) {
        String p = pattern.strip().toLowerCase(Locale.ROOT);
        int semi = p.indexOf(';');
        if (semi >= 0) {
            p = p.substring(0, semi).strip();
        }
        if (p.equals("*/*")) {
            return true;
        }
        if (p.endsWith("/*")) {
            return type.equals(p.substring(0, p.length() - 2));
        }
        return essence().equals(p);
    }

    /** True when any of the patterns matches (see {@link #matches}). */
    public boolean matchesAny(Iterable<String> patterns) {
        for (String p : patterns) {
            if (matches(p)) {
                return true;
            }
        }
        return false;
    }

    /** The type as sent on the wire: {@code type/subtype} plus {@code ; parameters} when there are any. */
    @Override
    public String toString() {
        return parameters.isEmpty() ? essence() : essence() + "; " + parameters;
    }
}
