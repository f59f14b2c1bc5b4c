package org.xmppsfs.model.json;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small streaming JSON writer (RFC 8259), pretty-printed with two-space indentation or {@link #compact()}. Enough for reports
 * and interchange; no dependency.
 */
public final class JsonWriter {

    private final StringBuilder out = new StringBuilder();
    private final boolean pretty;
    /** Per open container: whether it already has a member. */
    private final Deque<boolean[]> stack = new ArrayDeque<>();
    private boolean afterName;

    /** A pretty-printing writer. */
    public JsonWriter() {
        this(true);
    }

    private JsonWriter(boolean pretty) {
        this.pretty = pretty;
    }

    /** A writer with no whitespace at all, for JSON that travels inside messages. */
    public static JsonWriter compact() {
        return new JsonWriter(false);
    }

    public JsonWriter beginObject() {
        beforeValue();
        out.append('{');
        stack.push(new boolean[] {false});
        return this;
    }

    public JsonWriter endObject() {
        return close('}');
    }

    public JsonWriter beginArray() {
        beforeValue();
        out.append('[');
        stack.push(new boolean[] {false});
        return this;
    }

    public JsonWriter endArray() {
        return close(']');
    }

    public JsonWriter name(String name) {
        if (stack.isEmpty()) {
            throw new IllegalStateException("name outside an object");
        }
        separator();
        string(name);
        out.append(pretty ? ": " : ":");
        afterName = true;
        return this;
    }

    public JsonWriter value(String value) {
        if (value == null) {
            return nullValue();
        }
        beforeValue();
        string(value);
        return this;
    }

    public JsonWriter value(long value) {
        beforeValue();
        out.append(value);
        return this;
    }

    public JsonWriter value(boolean value) {
        beforeValue();
        out.append(value);
        return this;
    }

    public JsonWriter nullValue() {
        beforeValue();
        out.append("null");
        return this;
    }

    /** Shorthand for {@code name(n).value(v)}. */
    public JsonWriter field(String name, String value) {
        return name(name).value(value);
    }

    public JsonWriter field(String name, long value) {
        return name(name).value(value);
    }

    public JsonWriter field(String name, boolean value) {
        return name(name).value(value);
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void beforeValue() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (!stack.isEmpty()) {
            separator();
        }
    }

    private void separator() {
        boolean[] hasMember = stack.peek();
        if (hasMember[0]) {
            out.append(',');
        }
        hasMember[0] = true;
        newline(stack.size());
    }

    private JsonWriter close(char c) {
        boolean[] hasMember = stack.pop();
        if (hasMember[0]) {
            newline(stack.size());
        }
        out.append(c);
        return this;
    }

    private void newline(int depth) {
        if (!pretty) {
            return;
        }
        out.append('\n');
        for (int i = 0; i < depth; i++) {
            out.append("  ");
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
