package org.xmppsfs.component.xmpp;

import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.dom4j.Element;
import org.xmppsfs.model.hash.Hash;
import org.xmppsfs.model.hash.HashAlgorithm;
import org.xmppsfs.upload.MirrorRequest;
import org.xmppsfs.upload.Outcome;
import org.xmppsfs.upload.Purpose;
import org.xmppsfs.upload.Refusal;
import org.xmppsfs.upload.SlotRequest;

/**
 * Reads request payloads into the seam's records. Every defect becomes a {@link Refusal.BadRequest} whose text
 * says exactly what was wrong, so a client author can fix it from the error alone.
 */
public final class Requests {
    private Requests() {}

    /** XEP-0363 §Requesting a slot: {@code <request filename size [content-type]>[purpose]</request>}. */
    public static Outcome<SlotRequest> slot(Element request, String requester) {
        String filename = request.attributeValue("filename");
        if (filename == null) {
            return bad("the filename attribute is missing (XEP-0363 §4: filename is required)");
        }
        if (filename.isBlank()) {
            return bad("the filename attribute is empty");
        }
        Outcome<Long> size = positiveSize(request.attributeValue("size"), "size");
        if (size instanceof Outcome.Refused<Long> r) {
            return Outcome.refused(r.refusal());
        }
        String contentType = request.attributeValue("content-type");
        if (contentType != null) {
            Optional<String> problem = contentTypeProblem(contentType);
            if (problem.isPresent()) {
                return bad(problem.get());
            }
        }
        Optional<String> type = contentType == null || contentType.isBlank() ? Optional.empty() : Optional.of(contentType.trim());
        Outcome<Purpose> purpose = purpose(request);
        if (purpose instanceof Outcome.Refused<Purpose> r) {
            return Outcome.refused(r.refusal());
        }
        return Outcome.ok(new SlotRequest(requester, filename, ((Outcome.Ok<Long>) size).value(), type,
                ((Outcome.Ok<Purpose>) purpose).value()));
    }

    /**
     * Longest accepted content-type, parameters included. RFC 6838 §4.2 limits type and subtype names to 127
     * characters each; 255 leaves room for a parameter or two and matches what the slot service stores.
     */
    public static final int MAX_CONTENT_TYPE_LENGTH = 255;

    /**
     * Checked here, before the value is trimmed: a CR or LF at either end would otherwise vanish in the trim,
     * and one in the middle must never reach an HTTP header downstream (header injection).
     */
    static Optional<String> contentTypeProblem(String contentType) {
        for (int i = 0; i < contentType.length(); i++) {
            char ch = contentType.charAt(i);
            if (ch != '\t' && Character.isISOControl(ch)) {
                String name = ch == '\r' ? "a carriage return (CR)" : ch == '\n' ? "a line feed (LF)"
                        : String.format("the control character U+%04X", (int) ch);
                return Optional.of("the content-type contains " + name + " at position " + i
                        + "; a media type is one line of printable text (RFC 6838 §4.2)");
            }
        }
        if (contentType.length() > MAX_CONTENT_TYPE_LENGTH) {
            return Optional.of("the content-type is " + contentType.length() + " characters long; at most "
                    + MAX_CONTENT_TYPE_LENGTH + " are allowed (RFC 6838 §4.2: type and subtype at most 127 each)");
        }
        return Optional.empty();
    }

    /** XEP-0363 v1.2 §Purpose: at most one child in {@code urn:xmpp:http:upload:purpose:0}; none means message. */
    static Outcome<Purpose> purpose(Element request) {
        List<Element> children = request.elements().stream()
                .filter(e -> Namespaces.PURPOSE.equals(e.getNamespaceURI())).toList();
        if (children.isEmpty()) {
            return Outcome.ok(Purpose.MESSAGE);
        }
        if (children.size() > 1) {
            return bad("more than one purpose element; send at most one");
        }
        Element p = children.get(0);
        switch (p.getName()) {
            case "message":
                return Outcome.ok(new Purpose.Message());
            case "profile":
                return Outcome.ok(new Purpose.Profile());
            case "permanent":
                return Outcome.ok(new Purpose.Permanent());
            case "ephemeral": {
                String expire = p.attributeValue("expire-before");
                if (expire == null || expire.isBlank()) {
                    return bad("the ephemeral purpose needs an expire-before attribute (XEP-0363 §Purpose)");
                }
                try {
                    Instant when = OffsetDateTime.parse(expire.trim()).toInstant();
                    return Outcome.ok(new Purpose.Ephemeral(when));
                } catch (DateTimeParseException e) {
                    return bad("expire-before '" + expire + "' is not an XEP-0082 DateTime such as 2025-09-10T23:08:25Z");
                }
            }
            default:
                return bad("unknown purpose '" + p.getName() + "'; expected message, profile, permanent or ephemeral");
        }
    }

    /** A positive byte count as a long, with a precise message for each way it can be wrong. */
    public static Outcome<Long> positiveSize(String value, String attribute) {
        if (value == null) {
            return bad("the " + attribute + " attribute is missing");
        }
        String v = value.trim();
        if (!v.matches("[+-]?[0-9]+")) {
            return bad(attribute + " '" + value + "' is not a whole number of bytes");
        }
        BigInteger n = new BigInteger(v.startsWith("+") ? v.substring(1) : v);
        if (n.signum() == 0) {
            return bad(attribute + " must be positive, was 0");
        }
        if (n.signum() < 0) {
            return bad(attribute + " must be positive, was " + value);
        }
        if (n.bitLength() > 63) {
            return bad(attribute + " '" + value + "' is larger than any file this service can store");
        }
        return Outcome.ok(n.longValue());
    }

    /** XEP-0300 {@code <hash algo='…'>base64</hash>} children of {@code parent}, checked. */
    public static Outcome<List<Hash>> hashes(Element parent) {
        List<Hash> hashes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Element e : parent.elements()) {
            if (!"hash".equals(e.getName()) || !Namespaces.HASHES.equals(e.getNamespaceURI())) {
                continue;
            }
            String algo = e.attributeValue("algo");
            if (algo == null || algo.isBlank()) {
                return bad("a hash element has no algo attribute (XEP-0300 §Hash Values)");
            }
            if (HashAlgorithm.isForbidden(algo)) {
                return bad("hash algorithm '" + algo + "' must not be used (XEP-0414)");
            }
            String key = HashAlgorithm.fromName(algo).map(HashAlgorithm::xepName).orElse(algo.toLowerCase(Locale.ROOT));
            if (!seen.add(key)) {
                return bad("two hashes use the algorithm '" + algo + "'; XEP-0300 allows one per algorithm");
            }
            Hash hash;
            try {
                hash = Hash.ofBase64(algo, e.getTextTrim());
            } catch (IllegalArgumentException ex) {
                return bad("the " + algo + " hash is not valid Base64 (RFC 4648 §4)");
            }
            Optional<HashAlgorithm> known = hash.algorithm();
            if (known.isPresent() && hash.digest().length != known.get().digestLength()) {
                return bad("the " + algo + " hash has " + hash.digest().length + " bytes; it must have "
                        + known.get().digestLength());
            }
            hashes.add(hash);
        }
        return Outcome.ok(List.copyOf(hashes));
    }

    /** The lookup request: at least one hash, at least one in a supported algorithm. */
    public static Outcome<List<Hash>> lookup(Element lookup) {
        Outcome<List<Hash>> parsed = hashes(lookup);
        if (parsed instanceof Outcome.Ok<List<Hash>> ok) {
            if (ok.value().isEmpty()) {
                return bad("the lookup has no hash element");
            }
            if (ok.value().stream().noneMatch(h -> h.algorithm().isPresent())) {
                return bad("none of the given hash algorithms is supported; use one of " + supportedNames());
            }
        }
        return parsed;
    }

    /** The mirror request: {@code <mirror url size [media-type] [name]><hash/>…</mirror>}. */
    public static Outcome<MirrorRequest> mirror(Element mirror, String requester) {
        String url = mirror.attributeValue("url");
        if (url == null || url.isBlank()) {
            return bad("the url attribute is missing");
        }
        URI source;
        try {
            source = new URI(url.trim());
        } catch (URISyntaxException e) {
            return bad("url '" + url + "' is not a valid URI (RFC 3986)");
        }
        if (!source.isAbsolute() || source.getHost() == null) {
            return bad("url '" + url + "' is not an absolute http(s) URL");
        }
        Outcome<Long> size = positiveSize(mirror.attributeValue("size"), "size");
        if (size instanceof Outcome.Refused<Long> r) {
            return Outcome.refused(r.refusal());
        }
        Outcome<List<Hash>> hashes = hashes(mirror);
        if (hashes instanceof Outcome.Refused<List<Hash>> r) {
            return Outcome.refused(r.refusal());
        }
        List<Hash> list = ((Outcome.Ok<List<Hash>>) hashes).value();
        if (list.stream().noneMatch(h -> h.algorithm().isPresent())) {
            return bad(list.isEmpty()
                    ? "no hash given: a source is only mirrored when its content can be verified"
                    : "none of the given hash algorithms is supported; use one of " + supportedNames());
        }
        return Outcome.ok(new MirrorRequest(requester, source, ((Outcome.Ok<Long>) size).value(), list,
                optional(mirror.attributeValue("media-type")), optional(mirror.attributeValue("name"))));
    }

    static String supportedNames() {
        StringBuilder sb = new StringBuilder();
        for (HashAlgorithm a : HashAlgorithm.values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(a.xepName());
        }
        return sb.toString();
    }

    private static Optional<String> optional(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static <T> Outcome<T> bad(String text) {
        return Outcome.refused(new Refusal.BadRequest(text));
    }
}
