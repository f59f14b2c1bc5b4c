package org.xmppsfs.upload.slot;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.xmppsfs.model.MediaType;

/** The rules a slot request's file name must follow, and which types are shown inline. Pure functions. */
public final class SlotRules {

    /** Longest accepted file name, in UTF-8 bytes (the usual file system limit). */
    public static final int MAX_FILENAME_BYTES = 255;

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

    /** Types a browser may display in place; everything else is served as an attachment. SVG can script: excluded. */
    public static boolean isInlineSafe(MediaType mediaType) {
        String e = mediaType.essence();
        return (e.startsWith("image/") && !e.equals("image/svg+xml")) || e.startsWith("video/") || e.startsWith("audio/")
                || e.equals("text/plain");
    }
}
