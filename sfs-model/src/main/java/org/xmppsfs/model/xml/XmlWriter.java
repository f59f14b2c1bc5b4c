package org.xmppsfs.model.xml;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Serialises an {@link XmlElement} as namespaced XML with single-quoted attributes (the XMPP habit).
 *
 * <p>Each element whose namespace differs from its parent's default gets an {@code xmlns}; prefixed
 * elements (e.g. XEP-0104's {@code http:}) are declared on their parent when first used there, as XEP-0104
 * §Formal Description asks for {@code url-data}. Text and attribute values are escaped; characters that XML
 * 1.0 cannot carry are refused rather than silently dropped.
 */
public final class XmlWriter {

    private XmlWriter() {
    }

    public static String write(XmlElement element) {
        StringBuilder sb = new StringBuilder(256);
        write(element, sb, new Scope(null, ""), true);
        return sb.toString();
    }

    /** Serialises assuming the parent's default namespace is {@code parentNamespace} (no xmlns emitted if equal). */
    public static String write(XmlElement element, String parentNamespace) {
        StringBuilder sb = new StringBuilder(256);
        write(element, sb, new Scope(null, parentNamespace), false);
        return sb.toString();
    }

    private static void write(XmlElement e, StringBuilder sb, Scope parent, boolean root) {
        Scope scope = new Scope(parent, parent.defaultNs);
        Map<String, String> declare = new LinkedHashMap<>();
        sb.append('<');
        if (!e.prefix().isEmpty() && !e.namespace().isEmpty()) {
            sb.append(e.prefix()).append(':');
            if (!e.namespace().equals(scope.lookup(e.prefix()))) {
                declare.put(e.prefix(), e.namespace());
            }
        } else if (root || !e.namespace().equals(parent.defaultNs)) {
            if (!(root && e.namespace().isEmpty())) {
                declare.put("", e.namespace());
            }
        }
        sb.append(e.name());
        // Prefixed children are declared here, on the parent, so siblings share one declaration.
        for (XmlElement child : e.elements()) {
            if (!child.prefix().isEmpty() && !child.namespace().isEmpty()
                    && !child.namespace().equals(scope.lookup(child.prefix())) && !declare.containsKey(child.prefix())) {
                declare.put(child.prefix(), child.namespace());
            }
        }
        for (XmlAttribute a : e.attributes()) {
            if (!a.namespace().isEmpty() && !a.namespace().equals(XmlAttribute.XML_NAMESPACE)) {
                String p = a.prefix().isEmpty() ? "ns" : a.prefix();
                if (!a.namespace().equals(scope.lookup(p)) && !a.namespace().equals(declare.get(p))) {
                    declare.put(p, a.namespace());
                }
            }
        }
        for (Map.Entry<String, String> d : declare.entrySet()) {
            if (d.getKey().isEmpty()) {
                sb.append(" xmlns='");
                scope.defaultNs = d.getValue();
            } else {
                sb.append(" xmlns:").append(d.getKey()).append("='");
                scope.prefixes.put(d.getKey(), d.getValue());
            }
            escape(d.getValue(), sb, true);
            sb.append('\'');
        }
        for (XmlAttribute a : e.attributes()) {
            sb.append(' ');
            if (a.namespace().equals(XmlAttribute.XML_NAMESPACE)) {
                sb.append("xml:");
            } else if (!a.namespace().isEmpty()) {
                sb.append(a.prefix().isEmpty() ? "ns" : a.prefix()).append(':');
            }
            sb.append(a.name()).append("='");
            escape(a.value(), sb, true);
            sb.append('\'');
        }
        if (e.children().isEmpty()) {
            sb.append("/>");
            return;
        }
        sb.append('>');
        for (XmlNode n : e.children()) {
            if (n instanceof XmlElement child) {
                write(child, sb, scope, false);
            } else if (n instanceof XmlText t) {
                escape(t.text(), sb, false);
            }
        }
        sb.append("</");
        if (!e.prefix().isEmpty() && !e.namespace().isEmpty()) {
            sb.append(e.prefix()).append(':');
        }
        sb.append(e.name()).append('>');
    }

    static void escape(String s, StringBuilder sb, boolean attribute) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '\'' -> sb.append(attribute ? "&apos;" : "'");
                case '"' -> sb.append(attribute ? "&quot;" : "\"");
                case '\n' -> sb.append(attribute ? "&#xA;" : "\n");
                case '\r' -> sb.append("&#xD;");
                case '\t' -> sb.append(attribute ? "&#x9;" : "\t");
                default -> {
                    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
                        throw new IllegalArgumentException("character U+" + Integer.toHexString(c) + " cannot appear in XML 1.0");
                    }
                    sb.append(c);
                }
            }
        }
    }

    private static final class Scope {
        final Scope parent;
        String defaultNs;
        final Map<String, String> prefixes = new HashMap<>();

        Scope(Scope parent, String defaultNs) {
            this.parent = parent;
            this.defaultNs = defaultNs;
        }

        String lookup(String prefix) {
            for (Scope s = this; s != null; s = s.parent) {
                String ns = s.prefixes.get(prefix);
                if (ns != null) {
                    return ns;
                }
            }
            return null;
        }
    }
}
