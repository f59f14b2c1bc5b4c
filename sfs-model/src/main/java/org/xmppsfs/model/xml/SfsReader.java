package org.xmppsfs.model.xml;

import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.xmppsfs.model.AttachTo;
import org.xmppsfs.model.Desc;
import org.xmppsfs.model.Disposition;
import org.xmppsfs.model.EncryptedSource;
import org.xmppsfs.model.EsfsCipher;
import org.xmppsfs.model.Fallback;
import org.xmppsfs.model.FileMetadata;
import org.xmppsfs.model.FileSharing;
import org.xmppsfs.model.JinglePubSource;
import org.xmppsfs.model.Namespaces;
import org.xmppsfs.model.OutOfBandData;
import org.xmppsfs.model.SharedFileMessage;
import org.xmppsfs.model.Source;
import org.xmppsfs.model.SourceList;
import org.xmppsfs.model.Thumbnail;
import org.xmppsfs.model.UnknownSource;
import org.xmppsfs.model.UrlDataSource;
import org.xmppsfs.model.Violation;
import org.xmppsfs.model.hash.Hash;
import org.xmppsfs.model.hash.HashAlgorithm;

/**
 * XML → model for XEP-0447/0446/0448 and their companions.
 *
 * <p>Two kinds of problem are told apart:
 * <ul>
 *   <li><b>Unreadable input</b> always throws {@link SfsParseException}: malformed or hostile XML (see
 *       {@link XmlReader}), a missing required attribute (url-data {@code target}, hash {@code algo},
 *       jinglepub {@code from}/{@code id}, encrypted {@code cipher}, {@code key}, {@code iv}, attach-to
 *       {@code id}), Base64 that does not decode, numbers that are not numbers, an unknown XEP-0448 cipher.</li>
 *   <li><b>Rule violations</b> in input that can still be represented (duplicate hash algo, an MD5 hash, a key of
 *       the wrong length, non-canonical Base64, no {@code <file>}, a {@code date} that is not XEP-0082…): a {@link #strict()} reader throws on the
 *       first; a {@link #lenient()} reader records them all in {@link Parsed#violations()} and carries on, which is
 *       what {@code inspect} needs.</li>
 * </ul>
 * Rules about a value as a whole (RECOMMENDED metadata, XEP-0448's REQUIRED size and hash, digest lengths,
 * fallback rules) are not the reader's business: see {@link org.xmppsfs.model.validate.SpecValidator}.
 *
 * <p><b>Decisions.</b> Base64 (XEP-0300 §3 XML Format): the text MUST NOT contain whitespace and padding bits
 * MUST be zero; both are rule violations (the bytes are still unambiguous, so lenient reading keeps them), while
 * text that is not Base64 at all is unreadable. Missing {@code =} padding is treated like non-zero padding bits
 * (not canonical base64Binary). A digest whose length does not match its algorithm (the {@code id-blake2b256}
 * example values of XEP-0447/0448 are 20 bytes) is left to the validator, so the XEP examples still read.
 * Thread-safe; instances are immutable.
 */
public final class SfsReader {

    private final XmlReader xml;
    private final boolean strict;

    private SfsReader(ParserLimits limits, boolean strict) {
        this.xml = new XmlReader(limits);
        this.strict = strict;
    }

    /** Throws on the first rule violation. */
    public static SfsReader strict() {
        return new SfsReader(ParserLimits.DEFAULT, true);
    }

    /** Records rule violations and reads on. */
    public static SfsReader lenient() {
        return new SfsReader(ParserLimits.DEFAULT, false);
    }

    public SfsReader withLimits(ParserLimits limits) {
        return new SfsReader(limits, strict);
    }

    public boolean isStrict() {
        return strict;
    }

    public ParserLimits limits() {
        return xml.limits();
    }

    // ---------------------------------------------------------------- trees

    public XmlElement tree(String document) throws SfsParseException {
        return xml.read(document);
    }

    public XmlElement tree(byte[] document) throws SfsParseException {
        return xml.read(document);
    }

    public XmlElement tree(InputStream document) throws SfsParseException {
        return xml.read(document);
    }

    // ---------------------------------------------------------------- strict conveniences

    public FileSharing parseFileSharing(String document) throws SfsParseException {
        return fileSharing(tree(document)).value();
    }

    public SourceList parseSources(String document) throws SfsParseException {
        return sourceList(tree(document)).value();
    }

    public SharedFileMessage parseMessage(String document) throws SfsParseException {
        return message(tree(document)).value();
    }

    // ---------------------------------------------------------------- elements

    public Parsed<FileSharing> fileSharing(XmlElement e) throws SfsParseException {
        Ctx ctx = new Ctx();
        return new Parsed<>(readFileSharing(e, ctx), ctx.violations);
    }

    public Parsed<FileMetadata> fileMetadata(XmlElement e) throws SfsParseException {
        Ctx ctx = new Ctx();
        expect(e, Namespaces.FILE_METADATA, "file");
        return new Parsed<>(readFile(e, ctx), ctx.violations);
    }

    /** A top-level {@code <sources xmlns='urn:xmpp:sfs:0'>}. */
    public Parsed<SourceList> sourceList(XmlElement e) throws SfsParseException {
        Ctx ctx = new Ctx();
        expect(e, Namespaces.SFS, "sources");
        return new Parsed<>(new SourceList(e.attribute("id"), readSources(e, ctx)), ctx.violations);
    }

    public Parsed<Source> source(XmlElement e) throws SfsParseException {
        Ctx ctx = new Ctx();
        return new Parsed<>(readSource(e, ctx), ctx.violations);
    }

    public Parsed<AttachTo> attachTo(XmlElement e) throws SfsParseException {
        expect(e, Namespaces.MESSAGE_ATTACHING, "attach-to");
        return new Parsed<>(readAttachTo(e), List.of());
    }

    /** A whole {@code <message>} stanza (jabber:client, jabber:component:accept, jabber:server or no namespace). */
    public Parsed<SharedFileMessage> message(XmlElement e) throws SfsParseException {
        Ctx ctx = new Ctx();
        return new Parsed<>(readMessage(e, ctx), ctx.violations);
    }

    /**
     * Whatever supported element this is: a message, file-sharing, sources, attach-to, file, or a source
     * (url-data, jinglepub, encrypted). The value is one of the model types.
     */
    public Parsed<Object> any(XmlElement e) throws SfsParseException {
        if (e.name().equals("message") && Namespaces.isStanzaNamespace(e.namespace())) {
            Parsed<SharedFileMessage> m = message(e);
            return new Parsed<>(m.value(), m.violations());
        }
        Parsed<?> p;
        if (e.is(Namespaces.SFS, "file-sharing")) {
            p = fileSharing(e);
        } else if (e.is(Namespaces.SFS, "sources")) {
            p = sourceList(e);
        } else if (e.is(Namespaces.MESSAGE_ATTACHING, "attach-to")) {
            p = attachTo(e);
        } else if (e.is(Namespaces.FILE_METADATA, "file")) {
            p = fileMetadata(e);
        } else if (e.is(Namespaces.URL_DATA, "url-data") || e.is(Namespaces.JINGLEPUB, "jinglepub") || e.is(Namespaces.ESFS, "encrypted")) {
            p = source(e);
        } else {
            throw new SfsParseException(e.name(), "not a supported element ({" + e.namespace() + "}" + e.name() + ")");
        }
        return new Parsed<>(p.value(), p.violations());
    }

    // ---------------------------------------------------------------- implementation

    /** Collects violations; in strict mode the first one throws. */
    private final class Ctx {
        final List<Violation> violations = new ArrayList<>();

        void report(Violation v) throws SfsParseException {
            if (strict) {
                throw SfsParseException.of(v);
            }
            violations.add(v);
        }
    }

    private static void expect(XmlElement e, String ns, String name) throws SfsParseException {
        if (!e.is(ns, name)) {
            throw new SfsParseException(e.name(), "expected <" + name + " xmlns='" + ns + "'>, got {" + e.namespace() + "}" + e.name());
        }
    }

    private FileSharing readFileSharing(XmlElement e, Ctx ctx) throws SfsParseException {
        expect(e, Namespaces.SFS, "file-sharing");
        Optional<Disposition> disposition = Optional.empty();
        Optional<String> rawDisposition = e.attribute("disposition");
        if (rawDisposition.isPresent()) {
            disposition = Disposition.fromXml(rawDisposition.get());
            if (disposition.isEmpty()) {
                ctx.report(Violation.must("0447", "§Sharing a file", "file-sharing",
                        "disposition '" + rawDisposition.get() + "' is neither 'inline' nor 'attachment'"));
            }
        }
        FileMetadata file = null;
        List<Source> sources = null;
        List<XmlElement> extensions = new ArrayList<>();
        for (XmlElement c : e.elements()) {
            if (c.is(Namespaces.FILE_METADATA, "file") && file == null) {
                file = readFile(c, ctx);
            } else if (c.is(Namespaces.SFS, "sources") && sources == null) {
                sources = readSources(c, ctx);
            } else if (c.is(Namespaces.FILE_METADATA, "file") || c.is(Namespaces.SFS, "sources")) {
                ctx.report(Violation.must("0447", "§Sharing a file", "file-sharing", "more than one <" + c.name() + ">"));
                extensions.add(c);
            } else {
                extensions.add(c);
            }
        }
        if (file == null) {
            ctx.report(Violation.must("0447", "§Sharing a file", "file-sharing",
                    "no <file xmlns='urn:xmpp:file:metadata:0'> (the element includes an XEP-0446 <file/>)"));
            file = FileMetadata.EMPTY;
        }
        return new FileSharing(disposition, e.attribute("id"), file, Optional.ofNullable(sources), extensions);
    }

    private FileMetadata readFile(XmlElement e, Ctx ctx) throws SfsParseException {
        FileMetadata.Builder b = FileMetadata.builder();
        Set<String> seen = new HashSet<>();
        List<Hash> hashes = new ArrayList<>();
        List<Desc> descs = new ArrayList<>();
        for (XmlElement c : e.elements()) {
            if (c.namespace().equals(Namespaces.FILE_METADATA) && isSingleValued(c.name()) && !seen.add(c.name())) {
                // A repeated single-valued child is kept verbatim rather than guessed at.
                b.extension(c);
                continue;
            }
            if (c.is(Namespaces.HASHES, "hash")) {
                hashes.add(readHash(c, ctx));
            } else if (c.is(Namespaces.THUMBS, "thumbnail")) {
                b.thumbnail(readThumbnail(c));
            } else if (c.namespace().equals(Namespaces.FILE_METADATA)) {
                String text = c.text().trim();
                switch (c.name()) {
                    case "media-type" -> b.mediaType(text);
                    case "name" -> b.name(c.text());
                    case "date" -> {
                        Optional<OffsetDateTime> date = readDate(c, text, ctx);
                        if (date.isPresent()) {
                            b.date(date.get());
                        } else {
                            b.extension(c);
                        }
                    }
                    case "size" -> b.size(readLong(c, text));
                    case "width" -> b.width(readInt(c, text));
                    case "height" -> b.height(readInt(c, text));
                    case "length" -> b.length(readLong(c, text));
                    case "desc" -> descs.add(new Desc(c.lang(), c.text()));
                    default -> b.extension(c);
                }
            } else {
                b.extension(c);
            }
        }
        checkDistinctAlgos(hashes, ctx);
        checkDistinctLangs(descs.stream().map(Desc::lang).toList(), "0446", "§Element format", "desc", ctx);
        descs.forEach(b::desc);
        return b.hashes(hashes).build();
    }

    private static boolean isSingleValued(String name) {
        return switch (name) {
            case "media-type", "name", "date", "size", "width", "height", "length" -> true;
            default -> false;
        };
    }

    /** A date that is not an XEP-0082 DateTime is a rule violation; lenient reading keeps the element verbatim. */
    private Optional<OffsetDateTime> readDate(XmlElement c, String text, Ctx ctx) throws SfsParseException {
        try {
            return Optional.of(OffsetDateTime.parse(text));
        } catch (DateTimeParseException ex) {
            ctx.report(Violation.must("0446", "§Element format", "date", "'" + text + "' is not an XEP-0082 DateTime"));
            return Optional.empty();
        }
    }

    private static long readLong(XmlElement c, String text) throws SfsParseException {
        try {
            long v = Long.parseLong(text);
            if (v >= 0 && !text.startsWith("+")) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new SfsParseException(c.name(), "'" + text + "' is not a non-negative integer");
    }

    private static int readInt(XmlElement c, String text) throws SfsParseException {
        long v = readLong(c, text);
        if (v > Integer.MAX_VALUE) {
            throw new SfsParseException(c.name(), "'" + text + "' is too large");
        }
        return (int) v;
    }

    private Hash readHash(XmlElement c, Ctx ctx) throws SfsParseException {
        String algo = c.attribute("algo")
                .orElseThrow(() -> new SfsParseException("hash", "missing 'algo' attribute (XEP-0300 §3 XML Format)"));
        if (algo.isEmpty()) {
            throw new SfsParseException("hash", "empty 'algo' attribute (XEP-0300 §3 XML Format)");
        }
        if (HashAlgorithm.isForbidden(algo)) {
            ctx.report(Violation.must("0414", "§Algorithm Recommendations", "hash",
                    "algo '" + algo + "' MUST NOT be used (MD2, MD4 and MD5 are broken)"));
        }
        return new Hash(algo, base64("hash", c.text(), "0300", "§3 XML Format", ctx));
    }

    private void checkDistinctAlgos(List<Hash> hashes, Ctx ctx) throws SfsParseException {
        Set<String> algos = new HashSet<>();
        for (Hash h : hashes) {
            String key = h.algorithm().map(HashAlgorithm::xepName).orElse(h.algo().toLowerCase(Locale.ROOT));
            if (!algos.add(key)) {
                ctx.report(Violation.must("0300", "§3 XML Format", "hash",
                        "duplicate algo '" + h.algo() + "' (each hash MUST use a different algo)"));
            }
        }
    }

    private void checkDistinctLangs(List<Optional<String>> langs, String xep, String section, String element, Ctx ctx)
            throws SfsParseException {
        Set<String> seen = new HashSet<>();
        for (Optional<String> lang : langs) {
            if (!seen.add(lang.orElse("").toLowerCase(Locale.ROOT))) {
                ctx.report(Violation.must(xep, section, element,
                        "several <" + element + "> with the same xml:lang '" + lang.orElse("") + "'"));
            }
        }
    }

    /**
     * Base64 per RFC 4648 §4 as XEP-0300 §3 requires: invalid text is unreadable; whitespace and non-canonical
     * encodings (non-zero padding bits, missing padding) are rule violations.
     */
    private byte[] base64(String element, String text, String xep, String section, Ctx ctx) throws SfsParseException {
        String s = text;
        if (s.chars().anyMatch(ch -> ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r')) {
            ctx.report(Violation.must(xep, section, element, "Base64 text contains whitespace"));
            s = s.replaceAll("[ \t\r\n]", "");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException ex) {
            throw new SfsParseException(element, "'" + abbreviate(s) + "' is not Base64 (RFC 4648 §4): " + ex.getMessage(), ex);
        }
        if (!Base64.getEncoder().encodeToString(bytes).equals(s)) {
            ctx.report(Violation.must(xep, section, element,
                    "Base64 '" + abbreviate(s) + "' is not canonical (padding bits MUST be zero and padding present)"));
        }
        return bytes;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    private static Thumbnail readThumbnail(XmlElement c) throws SfsParseException {
        String uri = c.attribute("uri")
                .orElseThrow(() -> new SfsParseException("thumbnail", "missing 'uri' attribute (XEP-0264)"));
        return new Thumbnail(uri, c.attribute("media-type"), optionalInt(c, "width"), optionalInt(c, "height"));
    }

    private static OptionalInt optionalInt(XmlElement c, String attr) throws SfsParseException {
        Optional<String> v = c.attribute(attr);
        if (v.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            int i = Integer.parseInt(v.get().trim());
            if (i >= 0) {
                return OptionalInt.of(i);
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new SfsParseException(c.name(), attr + "='" + v.get() + "' is not a non-negative integer");
    }

    private List<Source> readSources(XmlElement e, Ctx ctx) throws SfsParseException {
        List<Source> out = new ArrayList<>();
        for (XmlElement c : e.elements()) {
            out.add(readSource(c, ctx));
        }
        return out;
    }

    private Source readSource(XmlElement c, Ctx ctx) throws SfsParseException {
        if (c.is(Namespaces.URL_DATA, "url-data")) {
            return readUrlData(c, ctx);
        } else if (c.is(Namespaces.JINGLEPUB, "jinglepub")) {
            return readJinglePub(c, ctx);
        } else if (c.is(Namespaces.ESFS, "encrypted")) {
            return readEncrypted(c, ctx);
        }
        return new UnknownSource(c);
    }

    private UrlDataSource readUrlData(XmlElement e, Ctx ctx) throws SfsParseException {
        String target = e.attribute("target")
                .orElseThrow(() -> new SfsParseException("url-data", "missing 'target' attribute (XEP-0103 §Formal Description)"));
        String scheme = "";
        try {
            URI uri = new URI(target);
            if (uri.getScheme() == null) {
                ctx.report(Violation.must("0103", "§Formal Description", "url-data", "target '" + target + "' is not an absolute URL"));
            } else {
                scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            }
        } catch (URISyntaxException ex) {
            ctx.report(Violation.must("0103", "§Formal Description", "url-data", "target '" + target + "' is not a valid URL: " + ex.getReason()));
        }
        List<Desc> descs = new ArrayList<>();
        List<UrlDataSource.HttpAuth> auths = new ArrayList<>();
        List<UrlDataSource.HttpCookie> cookies = new ArrayList<>();
        List<UrlDataSource.HttpHeader> headers = new ArrayList<>();
        List<XmlElement> extensions = new ArrayList<>();
        boolean usesHttpScheme = false;
        for (XmlElement c : e.elements()) {
            if (c.is(Namespaces.URL_DATA, "desc")) {
                descs.add(new Desc(c.lang(), c.text()));
            } else if (c.namespace().equals(Namespaces.URL_DATA_HTTP)) {
                usesHttpScheme = true;
                switch (c.name()) {
                    case "auth" -> auths.add(readAuth(c));
                    case "cookie" -> cookies.add(readCookie(c));
                    case "header" -> headers.add(readHeader(c));
                    default -> extensions.add(c);
                }
            } else {
                extensions.add(c);
            }
        }
        if (usesHttpScheme && !scheme.isEmpty() && !scheme.equals("http") && !scheme.equals("https")) {
            ctx.report(Violation.must("0104", "§Formal Description", "url-data",
                    "HTTP scheme data on a '" + scheme + "' URL (only http and https are allowed)"));
        }
        checkDistinctLangs(descs.stream().map(Desc::lang).toList(), "0103", "§<desc/> Element", "desc", ctx);
        return new UrlDataSource(target, e.attribute("sid"), descs, auths, cookies, headers, extensions);
    }

    private static String required(XmlElement c, String attr, String citation) throws SfsParseException {
        return c.attribute(attr).orElseThrow(() -> new SfsParseException(c.name(), "missing '" + attr + "' attribute (" + citation + ")"));
    }

    private static UrlDataSource.HttpAuth readAuth(XmlElement c) throws SfsParseException {
        String scheme = required(c, "scheme", "XEP-0104 §<auth/> Element");
        List<UrlDataSource.AuthParam> params = new ArrayList<>();
        for (XmlElement p : c.elements()) {
            if (p.is(Namespaces.URL_DATA_HTTP, "auth-param")) {
                params.add(new UrlDataSource.AuthParam(required(p, "name", "XEP-0104 §<auth-param/> Element"),
                        required(p, "value", "XEP-0104 §<auth-param/> Element")));
            }
        }
        return new UrlDataSource.HttpAuth(scheme, params);
    }

    private static UrlDataSource.HttpCookie readCookie(XmlElement c) throws SfsParseException {
        String cite = "XEP-0104 §<cookie/> Element";
        String name = required(c, "name", cite);
        if (name.isEmpty()) {
            throw new SfsParseException("cookie", "empty 'name' (" + cite + ": MUST NOT be empty)");
        }
        OptionalLong maxAge = OptionalLong.empty();
        if (c.attribute("max-age").isPresent()) {
            maxAge = OptionalLong.of(readLong(c, c.attribute("max-age").get().trim()));
        }
        Optional<Boolean> secure = Optional.empty();
        if (c.attribute("secure").isPresent()) {
            String s = c.attribute("secure").get().trim();
            if (!s.equals("true") && !s.equals("false")) {
                throw new SfsParseException("cookie", "secure='" + s + "' is not 'true' or 'false' (" + cite + ")");
            }
            secure = Optional.of(Boolean.parseBoolean(s));
        }
        return new UrlDataSource.HttpCookie(name, required(c, "value", cite), c.attribute("comment"), c.attribute("domain"),
                c.attribute("path"), maxAge, secure, c.attribute("version"));
    }

    /** XEP-0104 puts the value in an attribute; the XEP-0103 example in the text. Both are accepted. */
    private static UrlDataSource.HttpHeader readHeader(XmlElement c) throws SfsParseException {
        String name = required(c, "name", "XEP-0104 §<header/> Element");
        String value = c.attribute("value").orElse(c.text());
        return new UrlDataSource.HttpHeader(name, value);
    }

    private JinglePubSource readJinglePub(XmlElement e, Ctx ctx) throws SfsParseException {
        String cite = "XEP-0358 §Publishing a Jingle Session Request: MUST be present and non-empty";
        String from = required(e, "from", cite);
        String id = required(e, "id", cite);
        if (from.isEmpty() || id.isEmpty()) {
            throw new SfsParseException("jinglepub", "empty '" + (from.isEmpty() ? "from" : "id") + "' (" + cite + ")");
        }
        List<XmlElement> descriptions = new ArrayList<>();
        List<JinglePubSource.Meta> metas = new ArrayList<>();
        Optional<String> uri = Optional.empty();
        List<XmlElement> extensions = new ArrayList<>();
        for (XmlElement c : e.elements()) {
            if (c.name().equals("description") && !c.namespace().equals(Namespaces.JINGLEPUB)) {
                descriptions.add(c);
            } else if (c.is(Namespaces.JINGLEPUB, "meta")) {
                metas.add(new JinglePubSource.Meta(c.lang(), c.attribute("title"), c.attribute("summary")));
            } else if (c.is(Namespaces.JINGLEPUB, "uri") && uri.isEmpty()) {
                uri = Optional.of(c.text().trim());
            } else {
                extensions.add(c);
            }
        }
        if (descriptions.isEmpty()) {
            ctx.report(Violation.must("0358", "§Publishing a Jingle Session Request", "jinglepub",
                    "no Jingle <description/> (the element MUST contain one)"));
        }
        checkDistinctLangs(metas.stream().map(JinglePubSource.Meta::lang).toList(), "0358",
                "§Publishing a Jingle Session Request", "meta", ctx);
        return new JinglePubSource(from, id, descriptions, metas, uri, extensions);
    }

    private EncryptedSource readEncrypted(XmlElement e, Ctx ctx) throws SfsParseException {
        String urn = required(e, "cipher", "XEP-0448 §Sharing a file");
        EsfsCipher cipher = EsfsCipher.fromUrn(urn)
                .orElseThrow(() -> new SfsParseException("encrypted", "unknown cipher '" + urn + "' (XEP-0448 §Ciphers)"));
        XmlElement keyElement = null;
        XmlElement ivElement = null;
        List<Hash> hashes = new ArrayList<>();
        List<Source> sources = null;
        List<XmlElement> extensions = new ArrayList<>();
        for (XmlElement c : e.elements()) {
            if (c.is(Namespaces.ESFS, "key") && keyElement == null) {
                keyElement = c;
            } else if (c.is(Namespaces.ESFS, "iv") && ivElement == null) {
                ivElement = c;
            } else if (c.is(Namespaces.HASHES, "hash")) {
                hashes.add(readHash(c, ctx));
            } else if (c.is(Namespaces.SFS, "sources") && sources == null) {
                sources = readSources(c, ctx);
            } else {
                extensions.add(c);
            }
        }
        if (keyElement == null || ivElement == null) {
            throw new SfsParseException("encrypted", "missing <" + (keyElement == null ? "key" : "iv") + "> (XEP-0448 §Sharing a file)");
        }
        byte[] key = base64("key", keyElement.text(), "0448", "§Sharing a file", ctx);
        byte[] iv = base64("iv", ivElement.text(), "0448", "§Sharing a file", ctx);
        if (key.length != cipher.keyLength()) {
            ctx.report(Violation.must("0448", "§Ciphers", "key", "key is " + key.length * 8 + " bits, " + urn + " needs "
                    + cipher.keyLength() * 8));
        }
        if (iv.length != cipher.ivLength()) {
            ctx.report(Violation.must("0448", "§Ciphers", "iv", "IV is " + iv.length * 8 + " bits, " + urn + " needs "
                    + cipher.ivLength() * 8));
        }
        checkDistinctAlgos(hashes, ctx);
        if (sources == null) {
            ctx.report(Violation.must("0448", "§Sharing a file", "encrypted",
                    "no nested <sources xmlns='urn:xmpp:sfs:0'> saying where the ciphertext is"));
            sources = List.of();
        }
        return new EncryptedSource(cipher, key, iv, hashes, sources, extensions);
    }

    private static AttachTo readAttachTo(XmlElement e) throws SfsParseException {
        String id = required(e, "id", "XEP-0367 §Business Rules: clients MUST send ids");
        if (id.isEmpty()) {
            throw new SfsParseException("attach-to", "empty 'id' (XEP-0367 §Business Rules)");
        }
        return new AttachTo(id);
    }

    private SharedFileMessage readMessage(XmlElement e, Ctx ctx) throws SfsParseException {
        if (!e.name().equals("message") || !Namespaces.isStanzaNamespace(e.namespace())) {
            throw new SfsParseException(e.name(), "expected a <message> stanza, got {" + e.namespace() + "}" + e.name());
        }
        Optional<String> body = Optional.empty();
        List<Fallback> fallbacks = new ArrayList<>();
        List<OutOfBandData> oob = new ArrayList<>();
        boolean store = false;
        Optional<AttachTo> attachTo = Optional.empty();
        List<SourceList> attached = new ArrayList<>();
        List<FileSharing> shares = new ArrayList<>();
        List<XmlElement> others = new ArrayList<>();
        for (XmlElement c : e.elements()) {
            if (c.is(Namespaces.SFS, "file-sharing")) {
                shares.add(readFileSharing(c, ctx));
            } else if (c.is(Namespaces.SFS, "sources")) {
                attached.add(new SourceList(c.attribute("id"), readSources(c, ctx)));
            } else if (c.is(Namespaces.MESSAGE_ATTACHING, "attach-to")) {
                if (attachTo.isPresent()) {
                    ctx.report(Violation.must("0367", "§Business Rules", "attach-to", "more than one <attach-to> in a message"));
                    others.add(c);
                } else {
                    attachTo = Optional.of(readAttachTo(c));
                }
            } else if (c.name().equals("body") && Namespaces.isStanzaNamespace(c.namespace()) && body.isEmpty() && c.lang().isEmpty()) {
                // dom4j-built stanzas often leave <body> in no namespace under a jabber:client <message>.
                body = Optional.of(c.text());
            } else if (c.is(Namespaces.FALLBACK, "fallback") && c.attribute("for").isPresent()) {
                fallbacks.add(readFallback(c));
            } else if (c.is(Namespaces.OOB, "x")) {
                Optional<XmlElement> url = c.elements().stream().filter(x -> x.is(Namespaces.OOB, "url")).findFirst();
                if (url.isEmpty()) {
                    ctx.report(Violation.must("0066", "§jabber:x:oob", "x", "no <url> (it is required)"));
                    others.add(c);
                } else {
                    Optional<String> desc = c.elements().stream().filter(x -> x.is(Namespaces.OOB, "desc")).findFirst().map(XmlElement::text);
                    oob.add(new OutOfBandData(url.get().text().trim(), desc));
                }
            } else if (c.is(Namespaces.HINTS, "store") && !store) {
                store = true;
            } else {
                others.add(c);
            }
        }
        return new SharedFileMessage(e.attribute("id"), shares, attachTo, attached, body, fallbacks, oob, store, others);
    }

    private static Fallback readFallback(XmlElement c) throws SfsParseException {
        List<Fallback.BodyRange> ranges = new ArrayList<>();
        List<XmlElement> extensions = new ArrayList<>();
        for (XmlElement r : c.elements()) {
            if (r.is(Namespaces.FALLBACK, "body")) {
                ranges.add(new Fallback.BodyRange(optionalInt(r, "start"), optionalInt(r, "end")));
            } else {
                extensions.add(r);
            }
        }
        return new Fallback(c.attribute("for").orElseThrow(), ranges, extensions);
    }
}
