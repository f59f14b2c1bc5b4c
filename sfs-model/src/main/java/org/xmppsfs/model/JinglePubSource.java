package org.xmppsfs.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xmppsfs.model.xml.XmlElement;

/**
 * XEP-0358 {@code <jinglepub xmlns='urn:xmpp:jinglepub:1' from id>}. XEP-0447 prose calls it
 * {@code <jingle-pub/>}, its examples use {@code jinglepub}; only the XEP-0358 spelling exists on the wire.
 *
 * @param descriptions the Jingle application {@code <description/>} elements, kept verbatim (XEP-0358 allows several,
 *                     e.g. audio and video)
 */
public record JinglePubSource(String from, String id, List<XmlElement> descriptions, List<Meta> metas,
        Optional<String> uri, List<XmlElement> extensions) implements Source {

    public JinglePubSource {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(uri, "uri");
        descriptions = List.copyOf(descriptions);
        metas = List.copyOf(metas);
        extensions = List.copyOf(extensions);
    }

    /** XEP-0358 {@code <meta xml:lang title summary/>}. */
    public record Meta(Optional<String> lang, Optional<String> title, Optional<String> summary) {
        public Meta {
            Objects.requireNonNull(lang, "lang");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(summary, "summary");
        }
    }
}
