package org.xmppsfs.model;

import java.util.Objects;
import org.xmppsfs.model.xml.XmlElement;

/** A source element of a type this project does not model, kept verbatim. */
public record UnknownSource(XmlElement element) implements Source {
    public UnknownSource {
        Objects.requireNonNull(element, "element");
    }
}
