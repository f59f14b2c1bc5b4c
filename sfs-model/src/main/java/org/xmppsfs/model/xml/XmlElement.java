package org.xmppsfs.model.xml;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable XML element: the project's neutral tree, independent of StAX, dom4j or Smack.
 *
 * <p>It is what the codec reads and writes, and how elements this project does not understand are kept
 * ("raw XML") so that nothing is lost on a round-trip. {@code prefix} is a serialisation hint only;
 * identity is namespace + local name.
 */
public record XmlElement(String namespace, String name, String prefix, List<XmlAttribute> attributes, List<XmlNode> children)
        implements XmlNode {

    public XmlElement {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(prefix, "prefix");
        attributes = List.copyOf(attributes);
        children = List.copyOf(children);
    }

    /** Starts an element in the given namespace, with no prefix. */
    public static Builder builder(String namespace, String name) {
        return new Builder(namespace, name);
    }

    /** The value of an unqualified attribute. */
    public Optional<String> attribute(String attributeName) {
        for (XmlAttribute a : attributes) {
            if (a.namespace().isEmpty() && a.name().equals(attributeName)) {
                return Optional.of(a.value());
            }
        }
        return Optional.empty();
    }

    /** The value of {@code xml:lang}, if present on this element. */
    public Optional<String> lang() {
        for (XmlAttribute a : attributes) {
            if (a.namespace().equals(XmlAttribute.XML_NAMESPACE) && a.name().equals("lang")) {
                return Optional.of(a.value());
            }
        }
        return Optional.empty();
    }

    public List<XmlElement> elements() {
        List<XmlElement> out = new ArrayList<>();
        for (XmlNode n : children) {
            if (n instanceof XmlElement e) {
                out.add(e);
            }
        }
        return out;
    }

    /** The concatenated character data of the direct children. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (XmlNode n : children) {
            if (n instanceof XmlText t) {
                sb.append(t.text());
            }
        }
        return sb.toString();
    }

    public boolean is(String ns, String localName) {
        return namespace.equals(ns) && name.equals(localName);
    }

    /** Serialises this element (see {@link XmlWriter}). */
    public String toXml() {
        return XmlWriter.write(this);
    }

    @Override
    public String toString() {
        return toXml();
    }

    /** Assembles an element; children and attributes keep insertion order. */
    public static final class Builder {
        private final String namespace;
        private final String name;
        private String prefix = "";
        private final List<XmlAttribute> attributes = new ArrayList<>();
        private final List<XmlNode> children = new ArrayList<>();

        private Builder(String namespace, String name) {
            this.namespace = Objects.requireNonNull(namespace, "namespace");
            this.name = Objects.requireNonNull(name, "name");
        }

        public Builder prefix(String value) {
            this.prefix = Objects.requireNonNull(value, "prefix");
            return this;
        }

        public Builder attribute(String attributeName, String value) {
            attributes.add(XmlAttribute.of(attributeName, value));
            return this;
        }

        /** Adds the attribute only when a value is present. */
        public Builder attribute(String attributeName, Optional<?> value) {
            value.ifPresent(v -> attributes.add(XmlAttribute.of(attributeName, v.toString())));
            return this;
        }

        public Builder attribute(XmlAttribute attribute) {
            attributes.add(attribute);
            return this;
        }

        public Builder lang(Optional<String> value) {
            value.ifPresent(v -> attributes.add(XmlAttribute.lang(v)));
            return this;
        }

        public Builder child(XmlNode node) {
            children.add(node);
            return this;
        }

        public Builder children(List<? extends XmlNode> nodes) {
            children.addAll(nodes);
            return this;
        }

        public Builder text(String text) {
            if (!text.isEmpty()) {
                children.add(new XmlText(text));
            }
            return this;
        }

        /** Adds {@code <childName>text</childName>} in this element's namespace. */
        public Builder textChild(String childName, String text) {
            children.add(XmlElement.builder(namespace, childName).text(text).build());
            return this;
        }

        public XmlElement build() {
            return new XmlElement(namespace, name, prefix, attributes, children);
        }
    }
}
