package org.xmppsfs.upload.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** IMF-fixdate (RFC 9110 §5.6.7), the only date format this service sends. */
final class HttpDates {

    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private HttpDates() {
    }

    static String format(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }

    /** Parses IMF-fixdate (or the RFC 1123 variant with a one-digit day); empty when unparsable (then the header is ignored). */
    static Optional<Instant> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.from(IMF_FIXDATE.parse(value.strip())));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(value.strip())));
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }
}
