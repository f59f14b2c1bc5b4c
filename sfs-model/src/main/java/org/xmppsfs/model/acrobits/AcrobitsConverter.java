package org.xmppsfs.model.acrobits;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.xmppsfs.model.Desc;
import org.xmppsfs.model.EncryptedSource;
import org.xmppsfs.model.FileMetadata;
import org.xmppsfs.model.FileSharing;
import org.xmppsfs.model.JinglePubSource;
import org.xmppsfs.model.Namespaces;
import org.xmppsfs.model.SharedFileMessage;
import org.xmppsfs.model.Source;
import org.xmppsfs.model.Thumbnail;
import org.xmppsfs.model.UnknownSource;
import org.xmppsfs.model.UrlDataSource;
import org.xmppsfs.model.xml.SfsWriter;
import org.xmppsfs.model.xml.XmlElement;

/**
 * Converts between Acrobits {@code application/x-acro-filetransfer+json} messages and XEP-0447 file sharing.
 *
 * <p><b>Field mapping.</b> {@code content-url} ↔ a url-data source; {@code content-type} ↔ {@code media-type};
 * {@code content-size} ↔ {@code size}; {@code filename} ↔ {@code name}; {@code description} ↔ the first
 * {@code desc}; {@code preview} ↔ an XEP-0264 {@code thumbnail} whose {@code uri} is a {@code data:} URI;
 * {@code body} ↔ the message body (the user's text, not a fallback).
 *
 * <p><b>Defaults differ.</b> Acrobits assumes {@code image/jpeg} when {@code content-type} is absent, XEP-0446
 * assumes {@code application/octet-stream}. Each direction therefore writes the media type explicitly: an absent
 * Acrobits type becomes {@code <media-type>image/jpeg</media-type>}, an absent XEP-0446 type becomes
 * {@code "content-type":"application/octet-stream"}.
 *
 * <p><b>Encryption.</b> Acrobits encrypts with AES-CTR (128/192/256-bit key, hex; the IV is all zeros in every
 * implementation seen, which the documentation does not state). XEP-0448 has no CTR cipher, and a cipher name
 * under {@code urn:xmpp:} is not ours to invent, while an XEP-0448 {@code <encrypted>} with a foreign cipher is
 * refused by XEP-0448 readers. So an encrypted Acrobits attachment becomes a source in this project's own
 * namespace {@value #AES_CTR_NAMESPACE}, shaped like XEP-0448's:
 * {@code <encrypted xmlns='…'><key>Base64</key><iv>Base64 of 16 zero bytes</iv><sources xmlns='urn:xmpp:sfs:0'><url-data/></sources></encrypted>}.
 * Other XMPP clients see an unknown source (kept, never misread); this converter reads it back.
 *
 * <p><b>CRC-32.</b> The {@code hash} (CRC-32/IEEE of the plaintext, decimal) is not an XEP-0300 hash (no IANA
 * hash name, and not collision resistant), so it travels as a {@code <file>} child
 * {@code <crc32 xmlns='}{@value #ACROBITS_NAMESPACE}{@code '>…</crc32>}, never as {@code <hash>}.
 *
 * <p><b>Lost from Acrobits to XEP-0447:</b> nothing the format defines; unknown JSON members are dropped, and a
 * hex key comes back in lowercase.
 * <b>Lost from XEP-0447 to Acrobits</b> (reported per message in {@link AcroConversion#losses()}): XEP-0300 hashes,
 * {@code date}, {@code width}/{@code height}/{@code length}, {@code disposition}, the {@code id}, descriptions after
 * the first, thumbnails that are not {@code data:} URIs, XEP-0104 auth/cookies/headers, every source after the one
 * used, jinglepub sources, and XEP-0448 encrypted sources (GCM/CBC cannot be expressed); a file-sharing without a
 * usable source (pending, or only such sources) is left out entirely.
 */
public final class AcrobitsConverter {

    /** Namespace of the AES-CTR source element (see the class documentation). */
    public static final String AES_CTR_NAMESPACE = "https://xmpp-sfs.org/ns/esfs-aes-ctr-zero-iv:0";
    /** Namespace of Acrobits-only file metadata ({@code <crc32/>}). */
    public static final String ACROBITS_NAMESPACE = "https://xmpp-sfs.org/ns/acrobits:0";

    private static final int CTR_IV_LENGTH = 16;

    private AcrobitsConverter() {
    }

    // ------------------------------------------------------------------ Acrobits → XEP-0447

    /**
     * One {@code <file-sharing>} per attachment (with distinct ids {@code 1…n} when there are several, XEP-0447
     * §Sharing multiple files). The body stays the user's text; without one, the usual fallback body, x-oob and
     * store hint are added.
     */
    public static SharedFileMessage toSharedFileMessage(AcroFileTransfer transfer) {
        SharedFileMessage.Builder b = SharedFileMessage.builder();
        List<AcroAttachment> attachments = transfer.attachments();
        for (int i = 0; i < attachments.size(); i++) {
            FileSharing fs = toFileSharing(attachments.get(i));
            b.share(attachments.size() > 1 ? fs.withId(Integer.toString(i + 1)) : fs);
        }
        transfer.body().filter(t -> !t.isEmpty()).ifPresent(b::body);
        return b.legacyFallback().build();
    }

    public static FileSharing toFileSharing(AcroAttachment a) {
        FileMetadata.Builder file = FileMetadata.builder().mediaType(a.effectiveContentType());
        a.filename().ifPresent(file::name);
        a.contentSize().ifPresent(file::size);
        a.description().ifPresent(d -> file.desc(Desc.of(d)));
        a.preview().ifPresent(p -> file.thumbnail(new Thumbnail("data:" + p.effectiveContentType() + ";base64," + p.contentBase64(),
                Optional.of(p.effectiveContentType()), OptionalInt.empty(), OptionalInt.empty())));
        a.crc32().ifPresent(c -> file.extension(XmlElement.builder(ACROBITS_NAMESPACE, "crc32").text(c).build()));
        UrlDataSource url = UrlDataSource.of(a.contentUrl());
        Source source = a.encryptionKey().<Source>map(key -> aesCtrSource(key, url)).orElse(url);
        return FileSharing.of(file.build(), List.of(source));
    }

    private static UnknownSource aesCtrSource(byte[] key, UrlDataSource inner) {
        Base64.Encoder b64 = Base64.getEncoder();
        return new UnknownSource(XmlElement.builder(AES_CTR_NAMESPACE, "encrypted")
                .textChild("key", b64.encodeToString(key))
                .textChild("iv", b64.encodeToString(new byte[CTR_IV_LENGTH]))
                .child(XmlElement.builder(Namespaces.SFS, "sources").child(SfsWriter.element(inner)).build())
                .build());
    }

    // ------------------------------------------------------------------ XEP-0447 → Acrobits

    /** Every file-sharing with a usable source becomes an attachment; see the class documentation for what is lost. */
    public static AcroConversion<AcroFileTransfer> fromSharedFileMessage(SharedFileMessage message) {
        List<String> losses = new ArrayList<>();
        List<AcroAttachment> attachments = new ArrayList<>();
        for (FileSharing fs : message.fileSharings()) {
            fromFileSharing(fs, losses).ifPresent(attachments::add);
        }
        // A body that is only an SFS fallback (the URL) is not the user's text.
        Optional<String> body = message.hasSfsFallback() ? Optional.empty() : message.body();
        if (message.hasSfsFallback() && message.body().isPresent()) {
            losses.add("fallback body dropped (the attachment carries the URL)");
        }
        return new AcroConversion<>(new AcroFileTransfer(body, attachments), losses);
    }

    public static Optional<AcroAttachment> fromFileSharing(FileSharing fs, List<String> losses) {
        String label = fs.file().name().orElse(fs.id().orElse("file"));
        Optional<String> url = Optional.empty();
        Optional<String> keyHex = Optional.empty();
        for (Source s : fs.sourceList()) {
            if (url.isPresent()) {
                losses.add(label + ": extra source dropped (" + kind(s) + ")");
                continue;
            }
            if (s instanceof UrlDataSource u) {
                url = Optional.of(u.target());
                if (!u.isSingleUrl()) {
                    losses.add(label + ": XEP-0104 auth/cookies/headers dropped");
                }
            } else if (s instanceof UnknownSource u && u.element().is(AES_CTR_NAMESPACE, "encrypted")) {
                Optional<String[]> ctr = readAesCtr(u.element());
                if (ctr.isPresent()) {
                    keyHex = Optional.of(ctr.get()[0]);
                    url = Optional.of(ctr.get()[1]);
                } else {
                    losses.add(label + ": unreadable AES-CTR source dropped");
                }
            } else {
                losses.add(label + ": " + kind(s) + " source dropped (no Acrobits equivalent)");
            }
        }
        if (url.isEmpty()) {
            losses.add(label + ": left out, no source Acrobits can use" + (fs.isPending() ? " (sources not attached yet)" : ""));
            return Optional.empty();
        }
        FileMetadata f = fs.file();
        if (!f.hashes().isEmpty()) {
            losses.add(label + ": XEP-0300 hashes dropped");
        }
        if (f.date().isPresent() || f.width().isPresent() || f.height().isPresent() || f.length().isPresent()) {
            losses.add(label + ": date/width/height/length dropped");
        }
        if (fs.disposition().isPresent() || fs.id().isPresent()) {
            losses.add(label + ": disposition/id dropped");
        }
        if (f.descs().size() > 1) {
            losses.add(label + ": descriptions after the first dropped");
        }
        Optional<AcroPreview> preview = Optional.empty();
        for (Thumbnail t : f.thumbnails()) {
            Optional<AcroPreview> p = dataUriPreview(t);
            if (preview.isEmpty() && p.isPresent()) {
                preview = p;
            } else {
                losses.add(label + ": thumbnail " + abbreviate(t.uri()) + " dropped");
            }
        }
        Optional<String> crc = f.extensions().stream().filter(e -> e.is(ACROBITS_NAMESPACE, "crc32")).map(e -> e.text().trim()).findFirst();
        return Optional.of(new AcroAttachment(url.get(), Optional.of(f.effectiveMediaType()), f.size(), f.name(),
                f.descs().stream().findFirst().map(Desc::text), keyHex, crc, preview));
    }

    /** [hex key, url] of a well-formed AES-CTR source with the zero IV this mapping assumes. */
    private static Optional<String[]> readAesCtr(XmlElement e) {
        try {
            Optional<XmlElement> key = child(e, AES_CTR_NAMESPACE, "key");
            Optional<XmlElement> iv = child(e, AES_CTR_NAMESPACE, "iv");
            Optional<XmlElement> url = child(e, Namespaces.SFS, "sources").flatMap(s -> child(s, Namespaces.URL_DATA, "url-data"));
            if (key.isEmpty() || iv.isEmpty() || url.isEmpty() || url.get().attribute("target").isEmpty()) {
                return Optional.empty();
            }
            byte[] k = Base64.getDecoder().decode(key.get().text().trim());
            byte[] v = Base64.getDecoder().decode(iv.get().text().trim());
            if ((k.length != 16 && k.length != 24 && k.length != 32) || v.length != CTR_IV_LENGTH || !allZero(v)) {
                return Optional.empty();
            }
            return Optional.of(new String[] {HexFormat.of().formatHex(k), url.get().attribute("target").get()});
        } catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
    }

    private static Optional<XmlElement> child(XmlElement e, String ns, String name) {
        return e.elements().stream().filter(c -> c.is(ns, name)).findFirst();
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static Optional<AcroPreview> dataUriPreview(Thumbnail t) {
        String uri = t.uri();
        if (!uri.regionMatches(true, 0, "data:", 0, 5)) {
            return Optional.empty();
        }
        int marker = uri.toLowerCase(Locale.ROOT).indexOf(";base64,");
        if (marker < 0) {
            return Optional.empty();
        }
        String type = uri.substring(5, marker);
        return Optional.of(new AcroPreview(type.isEmpty() ? t.mediaType() : Optional.of(type), uri.substring(marker + 8)));
    }

    private static String kind(Source s) {
        if (s instanceof UrlDataSource) {
            return "url-data";
        } else if (s instanceof JinglePubSource) {
            return "jinglepub";
        } else if (s instanceof EncryptedSource e) {
            return "XEP-0448 encrypted (" + e.cipher().urn() + ")";
        } else if (s instanceof UnknownSource u) {
            return "{" + u.element().namespace() + "}" + u.element().name();
        }
        return s.getClass().getSimpleName();
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
