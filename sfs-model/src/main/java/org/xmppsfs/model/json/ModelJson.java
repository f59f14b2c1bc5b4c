package org.xmppsfs.model.json;

import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.xmppsfs.model.AttachTo;
import org.xmppsfs.model.Desc;
import org.xmppsfs.model.EncryptedSource;
import org.xmppsfs.model.Fallback;
import org.xmppsfs.model.FileMetadata;
import org.xmppsfs.model.FileSharing;
import org.xmppsfs.model.JinglePubSource;
import org.xmppsfs.model.OutOfBandData;
import org.xmppsfs.model.SharedFileMessage;
import org.xmppsfs.model.Source;
import org.xmppsfs.model.SourceList;
import org.xmppsfs.model.Thumbnail;
import org.xmppsfs.model.UnknownSource;
import org.xmppsfs.model.UrlDataSource;
import org.xmppsfs.model.Violation;
import org.xmppsfs.model.hash.Hash;
import org.xmppsfs.model.xml.XmlElement;
import org.xmppsfs.model.xml.XmlWriter;

/**
 * Writes model values as JSON, for {@code inspect} and logs. Field names follow the XML names; absent optional
 * values are left out; raw XML (unknown elements) is given as an XML string. Encryption keys are printed,
 * because inspect exists to show what a stanza carries; do not log this output where keys must not go.
 */
public final class ModelJson {

    private ModelJson() {
    }

    /** The JSON of any value {@link org.xmppsfs.model.xml.SfsReader#any} returns. */
    public static void write(JsonWriter w, Object value) {
        if (value instanceof SharedFileMessage m) {
            message(w, m);
        } else if (value instanceof FileSharing fs) {
            fileSharing(w, fs);
        } else if (value instanceof SourceList s) {
            sourceList(w, s);
        } else if (value instanceof FileMetadata f) {
            file(w, f);
        } else if (value instanceof Source s) {
            source(w, s);
        } else if (value instanceof AttachTo a) {
            w.beginObject().field("attach-to", a.id()).endObject();
        } else {
            throw new IllegalArgumentException("not a model value: " + value.getClass());
        }
    }

    public static void violations(JsonWriter w, List<Violation> violations) {
        w.beginArray();
        for (Violation v : violations) {
            w.beginObject()
                    .field("xep", "XEP-" + v.xep())
                    .field("section", v.section())
                    .field("level", v.level().name())
                    .field("element", v.element())
                    .field("message", v.message())
                    .endObject();
        }
        w.endArray();
    }

    private static void message(JsonWriter w, SharedFileMessage m) {
        w.beginObject().field("type", "message");
        opt(w, "id", m.id());
        if (!m.fileSharings().isEmpty()) {
            w.name("file-sharing").beginArray();
            m.fileSharings().forEach(fs -> fileSharing(w, fs));
            w.endArray();
        }
        m.attachTo().ifPresent(a -> w.field("attach-to", a.id()));
        if (!m.attachedSources().isEmpty()) {
            w.name("sources").beginArray();
            m.attachedSources().forEach(s -> sourceList(w, s));
            w.endArray();
        }
        opt(w, "body", m.body());
        if (!m.fallbacks().isEmpty()) {
            w.name("fallback").beginArray();
            for (Fallback f : m.fallbacks()) {
                w.beginObject().field("for", f.forNamespace()).field("whole-body", f.coversWholeBody()).endObject();
            }
            w.endArray();
        }
        if (!m.outOfBandData().isEmpty()) {
            w.name("oob").beginArray();
            for (OutOfBandData o : m.outOfBandData()) {
                w.beginObject().field("url", o.url());
                opt(w, "desc", o.desc());
                w.endObject();
            }
            w.endArray();
        }
        w.field("store-hint", m.storeHint());
        xmlList(w, "other-elements", m.otherElements());
        w.endObject();
    }

    private static void fileSharing(JsonWriter w, FileSharing fs) {
        w.beginObject().field("type", "file-sharing");
        opt(w, "disposition", fs.disposition().map(d -> d.xmlValue()));
        opt(w, "id", fs.id());
        w.name("file");
        file(w, fs.file());
        if (fs.sources().isPresent()) {
            w.name("sources");
            sources(w, fs.sources().get());
        } else {
            w.field("pending", true);
        }
        xmlList(w, "extensions", fs.extensions());
        w.endObject();
    }

    private static void sourceList(JsonWriter w, SourceList s) {
        w.beginObject().field("type", "sources");
        opt(w, "id", s.id());
        w.name("sources");
        sources(w, s.sources());
        w.endObject();
    }

    private static void sources(JsonWriter w, List<Source> sources) {
        w.beginArray();
        sources.forEach(s -> source(w, s));
        w.endArray();
    }

    private static void file(JsonWriter w, FileMetadata f) {
        w.beginObject();
        opt(w, "media-type", f.mediaType());
        opt(w, "name", f.name());
        opt(w, "date", f.date().map(DateTimeFormatter.ISO_OFFSET_DATE_TIME::format));
        opt(w, "size", f.size());
        opt(w, "width", f.width());
        opt(w, "height", f.height());
        opt(w, "length", f.length());
        f.dimensions().ifPresent(d -> {
            if (f.width().isEmpty()) {
                w.field("legacy-dimension", d.width() + "x" + d.height());
            }
        });
        hashes(w, f.hashes());
        descs(w, f.descs());
        if (!f.thumbnails().isEmpty()) {
            w.name("thumbnails").beginArray();
            for (Thumbnail t : f.thumbnails()) {
                w.beginObject().field("uri", t.uri());
                opt(w, "media-type", t.mediaType());
                opt(w, "width", t.width());
                opt(w, "height", t.height());
                w.endObject();
            }
            w.endArray();
        }
        xmlList(w, "extensions", f.extensions());
        w.endObject();
    }

    private static void hashes(JsonWriter w, List<Hash> hashes) {
        if (hashes.isEmpty()) {
            return;
        }
        w.name("hashes").beginArray();
        for (Hash h : hashes) {
            w.beginObject().field("algo", h.algo()).field("value", h.base64()).field("bytes", h.digest().length)
                    .field("supported", h.algorithm().isPresent()).endObject();
        }
        w.endArray();
    }

    private static void descs(JsonWriter w, List<Desc> descs) {
        if (descs.isEmpty()) {
            return;
        }
        w.name("descs").beginArray();
        for (Desc d : descs) {
            w.beginObject();
            opt(w, "lang", d.lang());
            w.field("text", d.text()).endObject();
        }
        w.endArray();
    }

    private static void source(JsonWriter w, Source s) {
        w.beginObject();
        if (s instanceof UrlDataSource u) {
            w.field("type", "url-data").field("target", u.target());
            opt(w, "sid", u.sid());
            descs(w, u.descs());
            if (!u.auths().isEmpty()) {
                w.name("http-auth").beginArray();
                for (UrlDataSource.HttpAuth a : u.auths()) {
                    w.beginObject().field("scheme", a.scheme()).name("params").beginObject();
                    a.params().forEach(p -> w.field(p.name(), p.value()));
                    w.endObject().endObject();
                }
                w.endArray();
            }
            if (!u.cookies().isEmpty()) {
                w.name("http-cookies").beginArray();
                for (UrlDataSource.HttpCookie c : u.cookies()) {
                    w.beginObject().field("name", c.name()).field("value", c.value());
                    opt(w, "comment", c.comment());
                    opt(w, "domain", c.domain());
                    opt(w, "path", c.path());
                    w.field("max-age", c.effectiveMaxAge()).field("secure", c.effectiveSecure()).field("version", c.effectiveVersion());
                    w.endObject();
                }
                w.endArray();
            }
            if (!u.headers().isEmpty()) {
                w.name("http-headers").beginArray();
                u.headers().forEach(h -> w.beginObject().field("name", h.name()).field("value", h.value()).endObject());
                w.endArray();
            }
            xmlList(w, "extensions", u.extensions());
        } else if (s instanceof JinglePubSource j) {
            w.field("type", "jinglepub").field("from", j.from()).field("id", j.id());
            xmlList(w, "descriptions", j.descriptions());
            if (!j.metas().isEmpty()) {
                w.name("meta").beginArray();
                for (JinglePubSource.Meta m : j.metas()) {
                    w.beginObject();
                    opt(w, "lang", m.lang());
                    opt(w, "title", m.title());
                    opt(w, "summary", m.summary());
                    w.endObject();
                }
                w.endArray();
            }
            opt(w, "uri", j.uri());
            xmlList(w, "extensions", j.extensions());
        } else if (s instanceof EncryptedSource e) {
            w.field("type", "encrypted").field("cipher", e.cipher().urn())
                    .field("key", Base64.getEncoder().encodeToString(e.key()))
                    .field("iv", Base64.getEncoder().encodeToString(e.iv()));
            hashes(w, e.hashes());
            w.name("sources");
            sources(w, e.sources());
            xmlList(w, "extensions", e.extensions());
        } else if (s instanceof UnknownSource u) {
            w.field("type", "unknown").field("xml", XmlWriter.write(u.element()));
        }
        w.endObject();
    }

    private static void xmlList(JsonWriter w, String name, List<XmlElement> elements) {
        if (elements.isEmpty()) {
            return;
        }
        w.name(name).beginArray();
        elements.forEach(e -> w.value(XmlWriter.write(e)));
        w.endArray();
    }

    private static void opt(JsonWriter w, String name, Optional<String> value) {
        value.ifPresent(v -> w.field(name, v));
    }

    private static void opt(JsonWriter w, String name, OptionalLong value) {
        value.ifPresent(v -> w.field(name, v));
    }

    private static void opt(JsonWriter w, String name, OptionalInt value) {
        value.ifPresent(v -> w.field(name, v));
    }
}
