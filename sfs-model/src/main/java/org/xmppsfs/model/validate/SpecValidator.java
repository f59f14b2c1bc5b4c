package org.xmppsfs.model.validate;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.xmppsfs.model.AttachTo;
import org.xmppsfs.model.Desc;
import org.xmppsfs.model.EncryptedSource;
import org.xmppsfs.model.FileMetadata;
import org.xmppsfs.model.FileSharing;
import org.xmppsfs.model.OutOfBandData;
import org.xmppsfs.model.SharedFileMessage;
import org.xmppsfs.model.Source;
import org.xmppsfs.model.SourceList;
import org.xmppsfs.model.UrlDataSource;
import org.xmppsfs.model.Violation;
import org.xmppsfs.model.hash.Hash;
import org.xmppsfs.model.hash.HashAlgorithm;
import org.xmppsfs.model.xml.Parsed;

/**
 * The rules of XEP-0447/0446/0448 (and XEP-0300/0414 for hashes) that concern a value as a whole, as opposed
 * to the reading rules {@link org.xmppsfs.model.xml.SfsReader} enforces. Returns every violation found, MUST
 * and SHOULD alike; callers decide what to refuse.
 *
 * <p><b>Digest length.</b> A hash whose digest length does not match its (known) algorithm is reported at MUST
 * level (XEP-0300 §3: the text is the digest the algorithm produces), but only here, not while reading: the
 * XEP-0447/0448 examples carry 20-byte {@code id-blake2b256} values (a SHA-1 digest pasted in), and they must
 * still read and round-trip.
 */
public final class SpecValidator {

    private SpecValidator() {
    }

    /**
     * Everything wrong with a leniently read value: the reading violations followed by the whole-value ones. This is
     * what {@code inspect} prints and what a receiver should look at before trusting a stanza.
     */
    public static Parsed<Object> check(Parsed<?> parsed) {
        List<Violation> all = new ArrayList<>(parsed.violations());
        all.addAll(validate((Object) parsed.value()));
        return new Parsed<>(parsed.value(), all);
    }

    /** Dispatches on the model type that {@link org.xmppsfs.model.xml.SfsReader#any} returns. */
    public static List<Violation> validate(Object value) {
        if (value instanceof SharedFileMessage m) {
            return validate(m);
        } else if (value instanceof FileSharing fs) {
            return validate(fs);
        } else if (value instanceof SourceList s) {
            return validate(s);
        } else if (value instanceof FileMetadata f) {
            List<Violation> out = new ArrayList<>();
            file(f, false, out);
            return out;
        } else if (value instanceof Source s) {
            List<Violation> out = new ArrayList<>();
            source(s, out);
            return out;
        } else if (value instanceof AttachTo) {
            return List.of();
        }
        throw new IllegalArgumentException("not a model value: " + value.getClass());
    }

    public static List<Violation> validate(FileSharing fs) {
        List<Violation> out = new ArrayList<>();
        fileSharing(fs, out);
        return out;
    }

    public static List<Violation> validate(SourceList sources) {
        List<Violation> out = new ArrayList<>();
        sources.sources().forEach(s -> source(s, out));
        return out;
    }

    public static List<Violation> validate(SharedFileMessage m) {
        List<Violation> out = new ArrayList<>();
        m.fileSharings().forEach(fs -> fileSharing(fs, out));
        m.attachedSources().forEach(s -> s.sources().forEach(src -> source(src, out)));
        if (m.fileSharings().size() > 1) {
            Set<String> ids = new HashSet<>();
            for (FileSharing fs : m.fileSharings()) {
                if (fs.id().isEmpty()) {
                    out.add(Violation.must("0447", "§Sharing multiple files", "file-sharing",
                            "several <file-sharing/> in one message, and one has no 'id'"));
                } else if (!ids.add(fs.id().get())) {
                    out.add(Violation.must("0447", "§Sharing multiple files", "file-sharing",
                            "several <file-sharing/> share the id '" + fs.id().get() + "'"));
                }
            }
        }
        if (!m.attachedSources().isEmpty() && m.attachTo().isEmpty()) {
            out.add(Violation.must("0447", "§Attaching a source", "sources",
                    "top-level <sources/> without an XEP-0367 <attach-to/> saying which message it belongs to"));
        }
        messageFallback(m, out);
        return out;
    }

    private static void messageFallback(SharedFileMessage m, List<Violation> out) {
        if (m.fileSharings().isEmpty() && m.attachedSources().isEmpty()) {
            return;
        }
        List<Source> sources = new ArrayList<>();
        m.fileSharings().forEach(fs -> sources.addAll(fs.sourceList()));
        m.attachedSources().forEach(s -> sources.addAll(s.sources()));
        Set<String> urls = new HashSet<>();
        for (Source s : sources) {
            if (s instanceof UrlDataSource u && u.isSingleUrl()) {
                urls.add(u.target());
            }
        }
        Optional<String> body = m.body().filter(b -> !b.isBlank());
        boolean fallback = m.hasSfsFallback();
        if (fallback && body.isEmpty()) {
            out.add(Violation.should("0428", "§Fallback Indicator", "fallback",
                    "<fallback for='urn:xmpp:sfs:0'/> but no body to mark"));
        }
        if (body.isPresent() && !fallback && urls.contains(body.get().trim())) {
            out.add(Violation.must("0447", "§Sharing a file", "body",
                    "the body is a fallback (a source URL) but has no <fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:sfs:0'/>"));
        }
        if (body.isPresent() && fallback && m.fallbacks().stream().anyMatch(f -> f.coversWholeBody())) {
            Set<String> known = new HashSet<>(urls);
            for (Source s : sources) {
                if (s instanceof UrlDataSource u) {
                    known.add(u.target());
                }
            }
            for (FileSharing fs : m.fileSharings()) {
                fs.file().name().ifPresent(known::add);
                fs.file().descs().stream().map(Desc::text).forEach(t -> known.addAll(List.of(t.split("\\s+"))));
            }
            for (String token : body.get().trim().split("\\s+")) {
                if (!known.contains(token)) {
                    out.add(Violation.must("0447", "§Sharing a file", "body",
                            "fallback body word '" + token + "' is not part of the shared file's description or sources"
                                    + " (it MUST NOT carry information absent from <file-sharing/>)"));
                    break;
                }
            }
        }
        if (!urls.isEmpty()) {
            Set<String> oob = new HashSet<>();
            m.outOfBandData().stream().map(OutOfBandData::url).forEach(oob::add);
            if (oob.isEmpty()) {
                out.add(Violation.should("0447", "§Sharing a file", "x",
                        "a url-data source is a single URL but there is no XEP-0066 <x xmlns='jabber:x:oob'> (RECOMMENDED)"));
            }
        }
        if (body.isEmpty() && !m.storeHint()) {
            out.add(Violation.should("0447", "§Sharing a file", "store",
                    "empty body and no XEP-0334 <store xmlns='urn:xmpp:hints'/> (RECOMMENDED so archives keep it)"));
        }
    }

    private static void fileSharing(FileSharing fs, List<Violation> out) {
        boolean encrypted = fs.sourceList().stream().anyMatch(s -> s instanceof EncryptedSource);
        file(fs.file(), encrypted, out);
        fs.sourceList().forEach(s -> source(s, out));
        boolean verifiable = fs.file().hashes().stream().anyMatch(h -> h.algorithm().isPresent());
        if (!verifiable) {
            for (Source s : fs.sourceList()) {
                if (s instanceof UrlDataSource u && scheme(u.target()).equals("http")) {
                    out.add(Violation.should("0447", "§Security Considerations", "url-data",
                            "plain-HTTP source '" + u.target() + "' with no hash in a supported algorithm: receivers MUST ignore it"));
                }
            }
        }
    }

    private static void file(FileMetadata f, boolean encrypted, List<Violation> out) {
        if (f.name().isEmpty()) {
            out.add(Violation.should("0447", "§Sharing a file", "file", "no <name> (RECOMMENDED)"));
        }
        if (f.mediaType().isEmpty()) {
            out.add(Violation.should("0447", "§Sharing a file", "file", "no <media-type> (RECOMMENDED)"));
        }
        if (f.size().isEmpty()) {
            out.add(encrypted
                    ? Violation.must("0448", "§Sharing a file", "file", "no <size>, which is REQUIRED for encrypted files")
                    : Violation.should("0447", "§Sharing a file", "file", "no <size> (RECOMMENDED)"));
        }
        if (f.hashes().isEmpty()) {
            out.add(encrypted
                    ? Violation.must("0448", "§Sharing a file", "file", "no <hash>, which is REQUIRED for encrypted files")
                    : Violation.should("0447", "§Sharing a file", "file", "no <hash> (RECOMMENDED)"));
        }
        f.name().ifPresent(n -> {
            if (n.contains("/") || n.contains("\\") || n.contains("..")) {
                out.add(Violation.should("0446", "§Element format", "name",
                        "name '" + n + "' contains path elements ('/', '\\' or '..'); receivers must escape it"));
            }
        });
        f.mediaType().ifPresent(t -> {
            if (!t.matches("[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*(\\s*;.*)?")) {
                out.add(Violation.should("0446", "§Element format", "media-type", "'" + t + "' is not a MIME type"));
            }
        });
        hashes(f.hashes(), out);
    }

    private static void hashes(List<Hash> hashes, List<Violation> out) {
        for (Hash h : hashes) {
            String algo = h.algo().toLowerCase(Locale.ROOT);
            if (algo.equals("sha-1") || algo.equals("sha1") || algo.equals("id-sha1")) {
                out.add(Violation.should("0414", "§Algorithm Recommendations", "hash", "algo '" + h.algo() + "' SHOULD NOT be used"));
            }
            Optional<HashAlgorithm> a = h.algorithm();
            if (a.isPresent() && h.digest().length != a.get().digestLength()) {
                out.add(Violation.must("0300", "§3 XML Format", "hash", "algo '" + h.algo() + "' digests are "
                        + a.get().digestLength() + " bytes, this one is " + h.digest().length));
            }
        }
    }

    private static void source(Source s, List<Violation> out) {
        if (s instanceof UrlDataSource u) {
            if (scheme(u.target()).equals("http")) {
                out.add(Violation.should("0447", "§Receiving a file", "url-data",
                        "'" + u.target() + "' is not a secure protocol (secure protocols are RECOMMENDED)"));
            }
        } else if (s instanceof EncryptedSource e) {
            hashes(e.hashes(), out);
            if (e.sources().isEmpty()) {
                out.add(Violation.should("0448", "§Sharing a file", "encrypted", "no inner source to fetch the ciphertext from"));
            }
            e.sources().forEach(inner -> source(inner, out));
        }
    }

    private static String scheme(String url) {
        try {
            String scheme = URI.create(url).getScheme();
            return scheme == null ? "" : scheme.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
