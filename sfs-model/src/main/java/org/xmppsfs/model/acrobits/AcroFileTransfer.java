package org.xmppsfs.model.acrobits;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.xmppsfs.model.json.JsonParseException;
import org.xmppsfs.model.json.JsonReader;
import org.xmppsfs.model.json.JsonWriter;

/**
 * An Acrobits {@code application/x-acro-filetransfer+json} message body:
 * {@code {"body": text?, "attachments": [ … ]}}.
 *
 * <p>Reading is tolerant where the format is loose ({@code content-size} and {@code hash} may be numbers or
 * numeric strings) and strict where a mistake would bite later: {@code content-url} is required, an
 * {@code encryption-key} must be hex of 16, 24 or 32 bytes. Members this project does not know are ignored.
 */
public record AcroFileTransfer(Optional<String> body, List<AcroAttachment> attachments) {

    /** The MIME type under which Acrobits clients carry this JSON. */
    public static final String MEDIA_TYPE = "application/x-acro-filetransfer+json";

    public AcroFileTransfer {
        Objects.requireNonNull(body, "body");
        attachments = List.copyOf(attachments);
    }

    public static AcroFileTransfer parse(String json) throws AcroFormatException {
        Map<String, Object> root;
        try {
            root = JsonReader.parseObject(json);
        } catch (JsonParseException e) {
            throw new AcroFormatException("not JSON: " + e.getMessage(), e);
        }
        Optional<String> body = optionalString(root, "body", "");
        Object rawAttachments = root.get("attachments");
        List<AcroAttachment> attachments = new ArrayList<>();
        if (rawAttachments != null && rawAttachments != JsonReader.NULL) {
            if (!(rawAttachments instanceof List<?> list)) {
                throw new AcroFormatException("'attachments' is not an array");
            }
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof Map<?, ?> m)) {
                    throw new AcroFormatException("attachments[" + i + "] is not an object");
                }
                attachments.add(attachment(m, "attachments[" + i + "]."));
            }
        }
        return new AcroFileTransfer(body, attachments);
    }

    private static AcroAttachment attachment(Map<?, ?> m, String where) throws AcroFormatException {
        String url = optionalString(m, "content-url", where)
                .orElseThrow(() -> new AcroFormatException(where + "content-url is missing (it is the one mandatory field)"));
        Optional<String> key = optionalString(m, "encryption-key", where);
        if (key.isPresent()) {
            byte[] bytes;
            try {
                bytes = HexFormat.of().parseHex(key.get());
            } catch (IllegalArgumentException e) {
                throw new AcroFormatException(where + "encryption-key is not hex", e);
            }
            if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
                throw new AcroFormatException(where + "encryption-key is " + bytes.length * 8 + " bits; AES needs 128, 192 or 256");
            }
        }
        Optional<AcroPreview> preview = Optional.empty();
        Object p = m.get("preview");
        if (p instanceof Map<?, ?> pm) {
            Optional<String> content = optionalString(pm, "content", where + "preview.");
            if (content.isPresent()) {
                preview = Optional.of(new AcroPreview(optionalString(pm, "content-type", where + "preview."), content.get()));
            }
        } else if (p != null && p != JsonReader.NULL) {
            throw new AcroFormatException(where + "preview is not an object");
        }
        return new AcroAttachment(url, optionalString(m, "content-type", where), optionalLong(m, "content-size", where),
                optionalString(m, "filename", where), optionalString(m, "description", where), key,
                optionalNumericString(m, "hash", where), preview);
    }

    private static Optional<String> optionalString(Map<?, ?> m, String name, String where) throws AcroFormatException {
        Object v = m.get(name);
        if (v == null || v == JsonReader.NULL) {
            return Optional.empty();
        }
        if (!(v instanceof String s)) {
            throw new AcroFormatException(where + name + " is not a string");
        }
        return Optional.of(s);
    }

    private static OptionalLong optionalLong(Map<?, ?> m, String name, String where) throws AcroFormatException {
        Optional<String> s = optionalNumericString(m, name, where);
        if (s.isEmpty()) {
            return OptionalLong.empty();
        }
        if (s.get().length() > 40) {
            // No long has that many digits; and parsing megabytes of them would cost time for nothing.
            throw new AcroFormatException(where + name + " is not a whole number that fits 64 bits: " + s.get().substring(0, 40) + "...");
        }
        try {
            long v = new BigDecimal(s.get()).longValueExact();
            if (v < 0) {
                throw new AcroFormatException(where + name + " is negative");
            }
            return OptionalLong.of(v);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new AcroFormatException(where + name + " is not a whole number: " + s.get(), e);
        }
    }

    /** A number or a string holding one, as its decimal text. */
    private static Optional<String> optionalNumericString(Map<?, ?> m, String name, String where) throws AcroFormatException {
        Object v = m.get(name);
        if (v == null || v == JsonReader.NULL) {
            return Optional.empty();
        }
        if (v instanceof BigDecimal d) {
            // Only whole numbers, as for strings: 229.5 read as a number but written back as "229.5", a string
            // this reader refuses (found by fuzzing). The JSON reader bounds the exponent, so this stays small.
            BigDecimal whole = d.stripTrailingZeros();
            if (whole.scale() > 0) {
                throw new AcroFormatException(where + name + " is not a whole number: " + d);
            }
            return Optional.of(whole.toBigIntegerExact().toString());
        }
        if (v instanceof String s && s.trim().matches("-?[0-9]+")) {
            return Optional.of(s.trim());
        }
        throw new AcroFormatException(where + name + " is not a number: " + v);
    }

    /** Compact JSON; absent fields are left out. */
    public String toJson() {
        JsonWriter w = JsonWriter.compact();
        w.beginObject();
        body.ifPresent(b -> w.field("body", b));
        w.name("attachments").beginArray();
        for (AcroAttachment a : attachments) {
            w.beginObject();
            a.contentType().ifPresent(v -> w.field("content-type", v));
            w.field("content-url", a.contentUrl());
            a.contentSize().ifPresent(v -> w.field("content-size", v));
            a.filename().ifPresent(v -> w.field("filename", v));
            a.description().ifPresent(v -> w.field("description", v));
            a.encryptionKeyHex().ifPresent(v -> w.field("encryption-key", v));
            a.crc32().ifPresent(v -> w.field("hash", v));
            a.preview().ifPresent(p -> {
                w.name("preview").beginObject();
                p.contentType().ifPresent(v -> w.field("content-type", v));
                w.field("content", p.contentBase64()).endObject();
            });
            w.endObject();
        }
        w.endArray().endObject();
        return w.toString();
    }
}
