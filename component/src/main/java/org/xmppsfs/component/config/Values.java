package org.xmppsfs.component.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Parsers for configuration values; each throws {@link IllegalArgumentException} with a message naming the problem. */
public final class Values {
    private Values() {}

    public static boolean bool(String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("'" + v + "' is not a boolean (true/false)");
        };
    }

    public static int integer(String v, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + v + "' is not a whole number");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(n + " is outside " + min + ".." + max);
        }
        return n;
    }

    /** Bytes: {@code 104857600}, {@code 100M}, {@code 100MiB}, {@code 2G}, {@code 512K} (binary multiples). */
    public static long bytes(String v) {
        String t = v.trim().toUpperCase(Locale.ROOT).replace("IB", "").replace("B", "");
        long factor = 1;
        if (!t.isEmpty()) {
            char last = t.charAt(t.length() - 1);
            factor = switch (last) {
                case 'K' -> 1L << 10;
                case 'M' -> 1L << 20;
                case 'G' -> 1L << 30;
                case 'T' -> 1L << 40;
                default -> 1;
            };
            if (factor > 1) {
                t = t.substring(0, t.length() - 1).trim();
            }
        }
        long n;
        try {
            n = Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + v + "' is not a size in bytes (e.g. 104857600, 100M, 2G)");
        }
        if (n <= 0) {
            throw new IllegalArgumentException("size must be positive, was '" + v + "'");
        }
        if (n > Long.MAX_VALUE / factor) {
            throw new IllegalArgumentException("'" + v + "' is too large");
        }
        return n * factor;
    }

    /** Durations: {@code 30s}, {@code 500ms}, {@code 5m}, {@code 1h}, {@code 7d}, or a bare number of seconds. */
    public static Duration duration(String v) {
        String t = v.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return positive(Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim())), v);
            }
            char unit = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
            String num = Character.isDigit(unit) ? t : t.substring(0, t.length() - 1).trim();
            long n = Long.parseLong(num);
            Duration d = switch (unit) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> {
                    if (!Character.isDigit(unit)) {
                        throw new NumberFormatException();
                    }
                    yield Duration.ofSeconds(n);
                }
            };
            return positive(d, v);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + v + "' is not a duration (e.g. 30s, 500ms, 5m, 1h)");
        }
    }

    private static Duration positive(Duration d, String v) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("duration must be positive, was '" + v + "'");
        }
        return d;
    }

    /** A comma- or whitespace-separated list; empty entries dropped. */
    public static List<String> list(String v) {
        return Arrays.stream(v.split("[,\\s]+")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
