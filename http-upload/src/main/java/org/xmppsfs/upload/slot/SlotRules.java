package org.xmppsfs.upload.slot;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The rules a slot request's file name and content type must follow. Pure functions. */
public final class SlotRules {

    /** Longest accepted file name, in UTF-8 bytes (the usual file system limit). */
    public static final int MAX_FILENAME_BYTES = 255;

    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    /** Parameters are separated by OWS, which is spaces and tabs only (RFC 9110 §5.6.3): never CR or LF. */
    private static final Pattern MEDIA_TYPE = Pattern.compile(TOKEN + "/" + TOKEN
            + "([ \\t]*;[ \\t]*" + TOKEN + "=(" + TOKEN + "|\"[^\"\\\\\\p{Cntrl}]*\"))*");

    private SlotRules() {
    }

    /** Why the file name is unacceptable, or empty when it is fine. */
    public static Optional<String> filenameProblem(String name) {
        if (name.isEmpty()) {
            return Optional.of("filename is empty");
        }
        if (name.equals(".") || name.equals("..")) {
            return Optional.of("filename must not be '.' or '..'");
        }
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch == '/' || ch == '\\') {
                return Optional.of("filename must not contain '/' or '\\'");
            }
            if (Character.isISOControl(ch)) {
                return Optional.of("filename must not contain control characters");
            }
            if ((ch >= '\u202A' && ch <= '\u202E') || (ch >= '\u2066' && ch <= '\u2069')) {
                // Bidirectional overrides make "gnp.exe" display as "exe.png".
                return Optional.of("filename must not contain bidirectional control characters");
            }
            if (Character.isSurrogate(ch) && !(Character.isHighSurrogate(ch) && i + 1 < name.length()
                    && Character.isLowSurrogate(name.charAt(i + 1)) || Character.isLowSurrogate(ch) && i > 0
                    && Character.isHighSurrogate(name.charAt(i - 1)))) {
                return Optional.of("filename is not valid Unicode");
            }
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_FILENAME_BYTES) {
            return Optional.of("filename is " + bytes + " bytes long in UTF-8; at most " + MAX_FILENAME_BYTES + " allowed");
        }
        return Optional.empty();
    }

    /** True for {@code type/subtype} with optional parameters (RFC 9110 §8.3.1). */
    public static boolean isMediaType(String value) {
        return value.length() <= 255 && MEDIA_TYPE.matcher(value.strip()).matches();
    }

    /** {@code type/subtype}, lowercase, without parameters. */
    public static String essence(String mediaType) {
        int semi = mediaType.indexOf(';');
        return (semi < 0 ? mediaType : mediaType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    /** Whether a media type matches one of the patterns ({@code type/subtype} or {@code type/*}), ignoring case and parameters. */
    public static boolean matchesAny(String mediaType, List<String> patterns) {
        String e = essence(mediaType);
        for (String p : patterns) {
            String pe = essence(p);
            if (pe.endsWith("/*") ? e.startsWith(pe.substring(0, pe.length() - 1)) : e.equals(pe)) {
                return true;
            }
        }
        return false;
    }

    /** Types a browser may display in place; everything else is served as an attachment. SVG can script: excluded. */
    public static boolean isInlineSafe(String mediaType) {
        String e = essence(mediaType);
        return (e.startsWith("image/") && !e.equals("image/svg+xml")) || e.startsWith("video/") || e.startsWith("audio/")
                || e.equals("text/plain");
    }
}
