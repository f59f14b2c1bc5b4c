package org.xmppsfs.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xmppsfs.model.xml.SfsWriter;
import org.xmppsfs.model.xml.XmlElement;
import org.xmppsfs.model.xml.XmlWriter;

/**
 * The file-sharing view of one {@code <message>}: what XEP-0447 puts in it, read from a stanza or assembled
 * for sending.
 *
 * <p>Sending: {@link #share(FileSharing)} and {@link #attach(AttachTo, SourceList)} add the legacy
 * companions XEP-0447 asks for — a fallback body marked with {@code <fallback for='urn:xmpp:sfs:0'><body/></fallback>}
 * (XEP-0447 §Sharing a file: MUST when a fallback body is sent) and an XEP-0066 {@code x-oob} (RECOMMENDED
 * when a url-data source is a single URL), or, when there is no URL to show, a {@code <store/>} hint
 * (XEP-0334; RECOMMENDED for an empty body). The body text is only ever the URL already in the sources, so it
 * carries nothing that is not in {@code <file-sharing/>} (MUST NOT).
 *
 * <p>The {@code <body>} belongs to the stanza, not to an extension: {@link #body()} gives its text and
 * {@link #extensionElements()} everything else, so callers with a stanza API (Tinder, Smack) set the body
 * through it; {@link #toXml} writes a whole stanza.
 *
 * @param otherElements message children that are not part of file sharing (kept when read, written back)
 */
public record SharedFileMessage(
        Optional<String> id,
        List<FileSharing> fileSharings,
        Optional<AttachTo> attachTo,
        List<SourceList> attachedSources,
        Optional<String> body,
        List<Fallback> fallbacks,
        List<OutOfBandData> outOfBandData,
        boolean storeHint,
        List<XmlElement> otherElements) {

    public SharedFileMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(attachTo, "attachTo");
        Objects.requireNonNull(body, "body");
        fileSharings = List.copyOf(fileSharings);
        attachedSources = List.copyOf(attachedSources);
        fallbacks = List.copyOf(fallbacks);
        outOfBandData = List.copyOf(outOfBandData);
        otherElements = List.copyOf(otherElements);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A message sharing one file, with fallback body + x-oob when a plain URL source exists, else a store hint. */
    public static SharedFileMessage share(FileSharing fileSharing) {
        return builder().share(fileSharing).legacyFallback().build();
    }

    /** A source-attaching message (XEP-0447 §Attaching a source), with the same legacy companions as {@link #share}. */
    public static SharedFileMessage attach(AttachTo attachTo, SourceList sources) {
        return builder().attach(attachTo, sources).legacyFallback().build();
    }

    /** True when a {@code <fallback for='urn:xmpp:sfs:0'>} marks the body. */
    public boolean hasSfsFallback() {
        return fallbacks.stream().anyMatch(f -> f.forNamespace().equals(Namespaces.SFS));
    }

    /** The attached payload, when this is a source-attaching message with exactly one {@code <sources>}. */
    public Optional<AttachedSources> attachedSourcesPayload() {
        if (attachTo.isEmpty() || attachedSources.size() != 1) {
            return Optional.empty();
        }
        return Optional.of(new AttachedSources(attachTo.get(), attachedSources.get(0)));
    }

    /** Every child element except {@code <body>}, in the order they are written. */
    public List<XmlElement> extensionElements() {
        List<XmlElement> out = new ArrayList<>();
        fileSharings.forEach(fs -> out.add(SfsWriter.element(fs)));
        attachTo.ifPresent(a -> out.add(SfsWriter.element(a)));
        attachedSources.forEach(s -> out.add(SfsWriter.element(s)));
        fallbacks.forEach(f -> out.add(SfsWriter.element(f)));
        outOfBandData.forEach(o -> out.add(SfsWriter.element(o)));
        if (storeHint) {
            out.add(SfsWriter.storeHint());
        }
        out.addAll(otherElements);
        return out;
    }

    /** {@link #extensionElements()} serialised one by one, each carrying its own {@code xmlns}. */
    public List<String> extensionXml() {
        return extensionElements().stream().map(XmlWriter::write).toList();
    }

    /** A whole {@code <message xmlns='jabber:client'>}; {@code to}, {@code from} and {@code type} are optional. */
    public String toXml(Optional<String> to, Optional<String> from, Optional<String> type) {
        return XmlWriter.write(SfsWriter.message(this, Namespaces.CLIENT, to, from, type));
    }

    public static final class Builder {
        private Optional<String> id = Optional.empty();
        private final List<FileSharing> fileSharings = new ArrayList<>();
        private Optional<AttachTo> attachTo = Optional.empty();
        private final List<SourceList> attachedSources = new ArrayList<>();
        private Optional<String> body = Optional.empty();
        private final List<Fallback> fallbacks = new ArrayList<>();
        private final List<OutOfBandData> oob = new ArrayList<>();
        private boolean storeHint;
        private final List<XmlElement> others = new ArrayList<>();

        private Builder() {
        }

        public Builder id(String value) {
            id = Optional.of(value);
            return this;
        }

        public Builder share(FileSharing value) {
            fileSharings.add(value);
            return this;
        }

        public Builder attach(AttachTo target, SourceList sources) {
            attachTo = Optional.of(target);
            attachedSources.add(sources);
            return this;
        }

        /** A body that is the user's own text, not a fallback. */
        public Builder body(String text) {
            body = Optional.of(text);
            return this;
        }

        /** A body that is entirely an SFS fallback, with its {@code <fallback for='urn:xmpp:sfs:0'><body/></fallback>}. */
        public Builder fallbackBody(String text) {
            body = Optional.of(text);
            fallbacks.add(Fallback.wholeBodyForSfs());
            return this;
        }

        public Builder outOfBandData(String url) {
            oob.add(OutOfBandData.of(url));
            return this;
        }

        public Builder storeHint() {
            storeHint = true;
            return this;
        }

        public Builder other(XmlElement element) {
            others.add(element);
            return this;
        }

        /**
         * XEP-0447 §Sharing a file / §Attaching a source: when a url-data source is a single URL, that URL becomes
         * the fallback body (marked as such) and an x-oob. A {@code <store/>} hint (XEP-0334) is added either way:
         * RECOMMENDED when the body is empty, and useful for attaching messages whatever the body. Does nothing to a
         * builder that already has a body.
         */
        public Builder legacyFallback() {
            if (body.isPresent()) {
                return this;
            }
            Optional<String> url = firstPlainUrl();
            if (url.isPresent()) {
                fallbackBody(url.get());
                outOfBandData(url.get());
            }
            storeHint = true;
            return this;
        }

        private Optional<String> firstPlainUrl() {
            List<Source> all = new ArrayList<>();
            fileSharings.forEach(fs -> all.addAll(fs.sourceList()));
            attachedSources.forEach(s -> all.addAll(s.sources()));
            for (Source s : all) {
                if (s instanceof UrlDataSource u && u.isSingleUrl()) {
                    return Optional.of(u.target());
                }
            }
            return Optional.empty();
        }

        public SharedFileMessage build() {
            return new SharedFileMessage(id, fileSharings, attachTo, attachedSources, body, fallbacks, oob, storeHint, others);
        }
    }
}
