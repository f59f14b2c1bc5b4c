package org.xmppsfs.upload.slot;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.xmppsfs.model.hash.HashAlgorithm;

/**
 * The service's URLs: {@code {public}/{slot-id}/{filename}} for GET and PUT, {@code {public}/hash/{algo}/{b64url}}
 * for lookups. Path segments are percent-encoded per RFC 3986: everything but unreserved characters, non-ASCII as
 * UTF-8 bytes (XEP-0363 §Slot: non-ASCII MUST be percent-encoded), so the name and extension survive.
 */
public final class SlotUrls {

    /**
     * Query parameter carrying the PUT credential for clients that drop the Authorization header. The PUT URL
     * carries it too; it is short-lived and only authorises the one PUT (and a DELETE by the uploader).
     */
    public static final String TOKEN_PARAMETER = "token";

    private final String base;

    public SlotUrls(URI publicUrl) {
        String s = publicUrl.toString();
        this.base = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    public URI getUrl(String slotId, String filename) {
        return URI.create(base + "/" + slotId + "/" + encodeSegment(filename));
    }

    public URI putUrl(String slotId, String filename, Optional<String> token) {
        return URI.create(base + "/" + slotId + "/" + encodeSegment(filename) + token.map(t -> "?" + TOKEN_PARAMETER + "=" + t).orElse(""));
    }

    public URI hashUrl(HashAlgorithm algorithm, String base64Url) {
        return URI.create(base + "/hash/" + algorithm.xepName() + "/" + base64Url);
    }

    /** Percent-encodes all but RFC 3986 unreserved characters ({@code A-Z a-z 0-9 - . _ ~}). */
    public static String encodeSegment(String s) {
        StringBuilder sb = new StringBuilder(s.length() * 2);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16))).append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    /** Decodes one raw path segment ({@code +} stays a plus); empty for malformed escapes or invalid UTF-8. */
    public static Optional<String> decodeSegment(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char ch = raw.charAt(i);
            if (ch == '%') {
                if (i + 2 >= raw.length()) {
                    return Optional.empty();
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (ch < 0x80) {
                out.write(ch);
            } else {
                byte[] utf8 = String.valueOf(ch).getBytes(StandardCharsets.UTF_8);
                out.write(utf8, 0, utf8.length);
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray())).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
