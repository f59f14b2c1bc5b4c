package org.xmppsfs.model.xml;

import java.util.Objects;

/** Character data (CDATA sections are merged in, entities resolved). */
public record XmlText(String text) implements XmlNode {
    public XmlText {
        Objects.requireNonNull(text, "text");
    }

    public boolean isWhitespace() {
        return text.isBlank();
    }
}
