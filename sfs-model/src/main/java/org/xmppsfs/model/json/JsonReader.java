package org.xmppsfs.model.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader (RFC 8259) for the few JSON formats this project meets. Values become
 * {@code Map<String,Object>} (insertion-ordered, unmodifiable), {@code List<Object>}, {@code String},
 * {@code BigDecimal}, {@code Boolean} and {@link #NULL}. Nesting depth and input length are bounded;
 * duplicate object keys are refused (RFC 8259 §4 leaves them undefined, and a second value could smuggle data).
 */
public final class JsonReader {

    /** JSON {@code null} (maps and lists here cannot hold Java null). */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private static final int MAX_DEPTH = 64;
    private static final int MAX_LENGTH = 4 << 20;
    /** Largest decimal exponent (either sign) of a number; far beyond any size, count or time this project reads. */
    private static final int MAX_SCALE = 1000;

    private final String s;
    private int pos;
    private int depth;

    private JsonReader(String s) {
        this.s = s;
    }

    public static Object parse(String json) throws JsonParseException {
        if (json.length() > MAX_LENGTH) {
            throw new JsonParseException("input longer than " + MAX_LENGTH + " characters", 0);
        }
        JsonReader r = new JsonReader(json);
        r.skipWhitespace();
        Object v = r.value();
        r.skipWhitespace();
        if (r.pos != json.length()) {
            throw new JsonParseException("trailing characters", r.pos);
        }
        return v;
    }

    /** Parses text that must be a JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String json) throws JsonParseException {
        Object v = parse(json);
        if (!(v instanceof Map)) {
            throw new JsonParseException("expected a JSON object", 0);
        }
        return (Map<String, Object>) v;
    }

    private Object value() throws JsonParseException {
        if (pos >= s.length()) {
            throw new JsonParseException("unexpected end of input", pos);
        }
        char c = s.charAt(pos);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", NULL);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw new JsonParseException("unexpected character '" + c + "'", pos);
            }
        };
    }

    private Map<String, Object> object() throws JsonParseException {
        enter();
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            depth--;
            return Collections.unmodifiableMap(map);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw new JsonParseException("expected a member name", pos);
            }
            int at = pos;
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            if (map.put(key, value()) != null) {
                throw new JsonParseException("duplicate member '" + key + "'", at);
            }
            skipWhitespace();
            char c = next();
            if (c == '}') {
                depth--;
                return Collections.unmodifiableMap(map);
            }
            if (c != ',') {
                throw new JsonParseException("expected ',' or '}'", pos - 1);
            }
        }
    }

    private List<Object> array() throws JsonParseException {
        enter();
        pos++;
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            depth--;
            return Collections.unmodifiableList(list);
        }
        while (true) {
            skipWhitespace();
            list.add(value());
            skipWhitespace();
            char c = next();
            if (c == ']') {
                depth--;
                return Collections.unmodifiableList(list);
            }
            if (c != ',') {
                throw new JsonParseException("expected ',' or ']'", pos - 1);
            }
        }
    }

    private void enter() throws JsonParseException {
        if (++depth > MAX_DEPTH) {
            throw new JsonParseException("nesting deeper than " + MAX_DEPTH, pos);
        }
    }

    private String string() throws JsonParseException {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw new JsonParseException("control character in string", pos - 1);
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (pos + 4 > s.length()) {
                        throw new JsonParseException("truncated \\u escape", pos);
                    }
                    try {
                        sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw new JsonParseException("bad \\u escape", pos);
                    }
                    pos += 4;
                }
                default -> throw new JsonParseException("bad escape '\\" + e + "'", pos - 1);
            }
        }
    }

    private BigDecimal number() throws JsonParseException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            while (isDigit(peek())) {
                pos++;
            }
        } else {
            throw new JsonParseException("bad number", start);
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw new JsonParseException("bad number", start);
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw new JsonParseException("bad number", start);
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        if (pos - start > 100) {
            throw new JsonParseException("number too long", start);
        }
        BigDecimal value;
        try {
            value = new BigDecimal(s.substring(start, pos));
        } catch (NumberFormatException e) {
            // e.g. an exponent beyond the int range
            throw new JsonParseException("number out of range", start);
        }
        // A short text such as 1e999999999 is a number no field here can hold, and expanding it (toPlainString,
        // toBigInteger) would cost gigabytes.
        if (Math.abs((long) value.scale()) > MAX_SCALE) {
            throw new JsonParseException("number out of range", start);
        }
        return value;
    }

    private Object literal(String word, Object value) throws JsonParseException {
        if (!s.startsWith(word, pos)) {
            throw new JsonParseException("unexpected literal", pos);
        }
        pos += word.length();
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private char peek() {
        return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private char next() throws JsonParseException {
        if (pos >= s.length()) {
            throw new JsonParseException("unexpected end of input", pos);
        }
        return s.charAt(pos++);
    }

    private void expect(char c) throws JsonParseException {
        if (next() != c) {
            throw new JsonParseException("expected '" + c + "'", pos - 1);
        }
    }

    private void skipWhitespace() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else {
                return;
            }
        }
    }
}
