package org.xmppsfs.model.xml;

import java.util.Objects;

/**
 * One attribute. {@code namespace} is empty for ordinary unprefixed attributes; {@code prefix} is only a
 * serialisation hint ({@code xml} for {@code xml:lang}).
 */
public record XmlAttribute(String namespace, String prefix, String name, String value) {

    public static final String XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";

    public XmlAttribute {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** A plain, unqualified attribute. */
    public static XmlAttribute of(String name, String value) {
        return new XmlAttribute("", "", name, value);
    }

    /** {@code xml:lang}. */
    public static XmlAttribute lang(String value) {
        return new XmlAttribute(XML_NAMESPACE, "xml", "lang", value);
    }
}
