package org.xmppsfs.upload.http;

/**
 * A parsed {@code Range} header (RFC 9110 §14.2) against a representation of known length.
 *
 * <p>Decisions: only a single range is honoured. A header with several ranges is ignored and the full
 * representation is served with 200 (RFC 9110 allows ignoring Range; this avoids multipart/byteranges and the
 * "many small ranges" amplification). Syntactically invalid headers are ignored likewise. At most
 * {@link #MAX_HEADER_LENGTH} characters are looked at.
 */
public sealed interface ByteRange {

    int MAX_HEADER_LENGTH = 200;

    /** Serve the whole representation (no, invalid or multiple ranges). */
    record Full() implements ByteRange {}

    /** Serve bytes {@code first..last} inclusive with 206. */
    record Partial(long first, long last) implements ByteRange {
        public long length() {
            return last - first + 1;
        }
    }

    /** No byte of the range exists: 416 with {@code Content-Range: bytes *}{@code /length}. */
    record Unsatisfiable() implements ByteRange {}

    static ByteRange parse(String header, long length) {
        if (header == null) {
            return new Full();
        }
        String h = header.strip();
        if (length == 0 && h.regionMatches(true, 0, "bytes=", 0, 6)) {
            return new Unsatisfiable(); // an empty representation has no byte to serve (RFC 9110 §14.1.1)
        }
        if (h.length() > MAX_HEADER_LENGTH || !h.regionMatches(true, 0, "bytes=", 0, 6)) {
            return new Full();
        }
        String spec = h.substring(6).strip();
        if (spec.isEmpty() || spec.indexOf(',') >= 0) {
            return new Full();
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Full();
        }
        String a = spec.substring(0, dash).strip();
        String b = spec.substring(dash + 1).strip();
        try {
            if (a.isEmpty()) {
                // suffix range: the last N bytes
                if (b.isEmpty() || !digits(b)) {
                    return new Full();
                }
                long n = parse(b);
                if (n == 0) {
                    return new Unsatisfiable();
                }
                return new Partial(Math.max(0, length - n), length - 1);
            }
            if (!digits(a) || (!b.isEmpty() && !digits(b))) {
                return new Full();
            }
            long first = parse(a);
            long last = b.isEmpty() ? length - 1 : parse(b);
            if (!b.isEmpty() && last < first) {
                return new Full(); // invalid: RFC 9110 §14.1.1
            }
            if (first >= length) {
                return new Unsatisfiable();
            }
            return new Partial(first, Math.min(last, length - 1));
        } catch (NumberFormatException e) {
            return new Full();
        }
    }

    private static boolean digits(String s) {
        return s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** Parses digits; values beyond a long saturate (such a position is past any file). */
    private static long parse(String s) {
        return s.length() > 18 ? Long.MAX_VALUE : Long.parseLong(s);
    }
}
