package org.xmppsfs.model;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.xmppsfs.model.xml.XmlElement;

/**
 * XEP-0428 {@code <fallback xmlns='urn:xmpp:fallback:0' for>}: marks (parts of) the body as a fallback for
 * clients that do not understand {@code for}. A {@code <body/>} range without start/end covers the whole body.
 */
public record Fallback(String forNamespace, List<BodyRange> bodyRanges, List<XmlElement> extensions) {

    public Fallback {
        Objects.requireNonNull(forNamespace, "forNamespace");
        bodyRanges = List.copyOf(bodyRanges);
        extensions = List.copyOf(extensions);
    }

    /** {@code <fallback for='urn:xmpp:sfs:0'><body/></fallback>}: the whole body is the SFS fallback. */
    public static Fallback wholeBodyForSfs() {
        return new Fallback(Namespaces.SFS, List.of(BodyRange.WHOLE), List.of());
    }

    public boolean coversWholeBody() {
        return bodyRanges.stream().anyMatch(BodyRange::isWhole);
    }

    /** {@code <body start end/>}, offsets in code points; both absent means the whole body. */
    public record BodyRange(OptionalInt start, OptionalInt end) {
        public static final BodyRange WHOLE = new BodyRange(OptionalInt.empty(), OptionalInt.empty());

        public BodyRange {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
        }

        public boolean isWhole() {
            return start.isEmpty() && end.isEmpty();
        }
    }
}
