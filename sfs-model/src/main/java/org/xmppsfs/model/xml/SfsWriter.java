package org.xmppsfs.model.xml;

import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.xmppsfs.model.AttachTo;
import org.xmppsfs.model.Desc;
import org.xmppsfs.model.EncryptedSource;
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
import org.xmppsfs.model.hash.Hash;

/**
 * Model → {@link XmlElement}. Pure functions; serialise the result with {@link XmlWriter} or
 * {@link #toXml(FileSharing)} and friends.
 *
 * <p>{@code <file>} children are written in the order of the XEP-0446/0447 examples (media-type, name, date,
 * size, width, height, length, other children such as a legacy {@code dimension}, hashes, descs, thumbnails),
 * so a round-trip of those examples gives back the same document.
 */
public final class SfsWriter {

    private SfsWriter() {
    }

    public static String toXml(FileSharing value) {
        return XmlWriter.write(element(value));
    }

    public static String toXml(SourceList value) {
        return XmlWriter.write(element(value));
    }

    public static String toXml(AttachTo value) {
        return XmlWriter.write(element(value));
    }

    public static String toXml(FileMetadata value) {
        return XmlWriter.write(element(value));
    }

    public static String toXml(Source value) {
        return XmlWriter.write(element(value));
    }

    public static XmlElement element(FileSharing fs) {
        XmlElement.Builder b = XmlElement.builder(Namespaces.SFS, "file-sharing")
                .attribute("disposition", fs.disposition().map(d -> d.xmlValue()))
                .attribute("id", fs.id())
                .child(element(fs.file()));
        fs.sources().ifPresent(list -> b.child(sources(list, Optional.empty())));
        return b.children(fs.extensions()).build();
    }

    public static XmlElement element(SourceList list) {
        return sources(list.sources(), list.id());
    }

    private static XmlElement sources(List<Source> list, Optional<String> id) {
        XmlElement.Builder b = XmlElement.builder(Namespaces.SFS, "sources").attribute("id", id);
        list.forEach(s -> b.child(element(s)));
        return b.build();
    }

    public static XmlElement element(AttachTo a) {
        return XmlElement.builder(Namespaces.MESSAGE_ATTACHING, "attach-to").attribute("id", a.id()).build();
    }

    public static XmlElement element(FileMetadata f) {
        XmlElement.Builder b = XmlElement.builder(Namespaces.FILE_METADATA, "file");
        f.mediaType().ifPresent(v -> b.textChild("media-type", v));
        f.name().ifPresent(v -> b.textChild("name", v));
        f.date().ifPresent(v -> b.textChild("date", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(v)));
        f.size().ifPresent(v -> b.textChild("size", Long.toString(v)));
        f.width().ifPresent(v -> b.textChild("width", Integer.toString(v)));
        f.height().ifPresent(v -> b.textChild("height", Integer.toString(v)));
        f.length().ifPresent(v -> b.textChild("length", Long.toString(v)));
        b.children(f.extensions());
        f.hashes().forEach(h -> b.child(element(h)));
        f.descs().forEach(d -> b.child(desc(Namespaces.FILE_METADATA, d)));
        f.thumbnails().forEach(t -> b.child(element(t)));
        return b.build();
    }

    public static XmlElement element(Hash h) {
        return XmlElement.builder(Namespaces.HASHES, "hash").attribute("algo", h.algo()).text(h.base64()).build();
    }

    public static XmlElement element(Thumbnail t) {
        return XmlElement.builder(Namespaces.THUMBS, "thumbnail")
                .attribute("uri", t.uri())
                .attribute("media-type", t.mediaType())
                .attribute("width", t.width().isPresent() ? Optional.of(t.width().getAsInt()) : Optional.empty())
                .attribute("height", t.height().isPresent() ? Optional.of(t.height().getAsInt()) : Optional.empty())
                .build();
    }

    private static XmlElement desc(String ns, Desc d) {
        return XmlElement.builder(ns, "desc").lang(d.lang()).text(d.text()).build();
    }

    public static XmlElement element(Source s) {
        if (s instanceof UrlDataSource u) {
            return urlData(u);
        } else if (s instanceof JinglePubSource j) {
            return jinglePub(j);
        } else if (s instanceof EncryptedSource e) {
            return encrypted(e);
        } else if (s instanceof UnknownSource u) {
            return u.element();
        }
        throw new IllegalArgumentException("unknown source type " + s.getClass());
    }

    private static XmlElement urlData(UrlDataSource u) {
        XmlElement.Builder b = XmlElement.builder(Namespaces.URL_DATA, "url-data")
                .attribute("target", u.target())
                .attribute("sid", u.sid());
        for (UrlDataSource.HttpAuth auth : u.auths()) {
            XmlElement.Builder a = http("auth").attribute("scheme", auth.scheme());
            auth.params().forEach(p -> a.child(http("auth-param").attribute("name", p.name()).attribute("value", p.value()).build()));
            b.child(a.build());
        }
        for (UrlDataSource.HttpCookie c : u.cookies()) {
            b.child(http("cookie")
                    .attribute("name", c.name())
                    .attribute("value", c.value())
                    .attribute("comment", c.comment())
                    .attribute("domain", c.domain())
                    .attribute("path", c.path())
                    .attribute("max-age", c.maxAge().isPresent() ? Optional.of(c.maxAge().getAsLong()) : Optional.empty())
                    .attribute("secure", c.secure())
                    .attribute("version", c.version())
                    .build());
        }
        for (UrlDataSource.HttpHeader h : u.headers()) {
            b.child(http("header").attribute("name", h.name()).attribute("value", h.value()).build());
        }
        u.descs().forEach(d -> b.child(desc(Namespaces.URL_DATA, d)));
        return b.children(u.extensions()).build();
    }

    /** XEP-0104 §Formal Description: the namespace SHOULD use the {@code http} prefix, declared on url-data. */
    private static XmlElement.Builder http(String name) {
        return XmlElement.builder(Namespaces.URL_DATA_HTTP, name).prefix("http");
    }

    private static XmlElement jinglePub(JinglePubSource j) {
        XmlElement.Builder b = XmlElement.builder(Namespaces.JINGLEPUB, "jinglepub")
                .attribute("from", j.from())
                .attribute("id", j.id());
        for (JinglePubSource.Meta m : j.metas()) {
            b.child(XmlElement.builder(Namespaces.JINGLEPUB, "meta").lang(m.lang())
                    .attribute("title", m.title()).attribute("summary", m.summary()).build());
        }
        j.uri().ifPresent(u -> b.textChild("uri", u));
        return b.children(j.descriptions()).children(j.extensions()).build();
    }

    private static XmlElement encrypted(EncryptedSource e) {
        XmlElement.Builder b = XmlElement.builder(Namespaces.ESFS, "encrypted")
                .attribute("cipher", e.cipher().urn())
                .textChild("key", Base64.getEncoder().encodeToString(e.key()))
                .textChild("iv", Base64.getEncoder().encodeToString(e.iv()));
        e.hashes().forEach(h -> b.child(element(h)));
        b.child(sources(e.sources(), Optional.empty()));
        return b.children(e.extensions()).build();
    }

    public static XmlElement element(Fallback f) {
        XmlElement.Builder b = XmlElement.builder(Namespaces.FALLBACK, "fallback").attribute("for", f.forNamespace());
        for (Fallback.BodyRange r : f.bodyRanges()) {
            b.child(XmlElement.builder(Namespaces.FALLBACK, "body")
                    .attribute("start", r.start().isPresent() ? Optional.of(r.start().getAsInt()) : Optional.empty())
                    .attribute("end", r.end().isPresent() ? Optional.of(r.end().getAsInt()) : Optional.empty())
                    .build());
        }
        return b.children(f.extensions()).build();
    }

    public static XmlElement element(OutOfBandData o) {
        XmlElement.Builder b = XmlElement.builder(Namespaces.OOB, "x").textChild("url", o.url());
        o.desc().ifPresent(d -> b.textChild("desc", d));
        return b.build();
    }

    /** XEP-0334 {@code <store xmlns='urn:xmpp:hints'/>}. */
    public static XmlElement storeHint() {
        return XmlElement.builder(Namespaces.HINTS, "store").build();
    }

    /** A whole {@code <message>} in the given stanza namespace; the body follows the fallback as in the XEP-0447 examples. */
    public static XmlElement message(SharedFileMessage m, String stanzaNamespace, Optional<String> to, Optional<String> from,
            Optional<String> type) {
        XmlElement.Builder b = XmlElement.builder(stanzaNamespace, "message")
                .attribute("to", to).attribute("from", from).attribute("id", m.id()).attribute("type", type);
        List<XmlElement> ext = m.extensionElements();
        m.body().ifPresent(text -> b.child(XmlElement.builder(stanzaNamespace, "body").text(text).build()));
        return b.children(ext).build();
    }
}
