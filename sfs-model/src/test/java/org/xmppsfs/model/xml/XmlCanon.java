package org.xmppsfs.model.xml;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Test helper: a canonical string of a tree for XML-semantic comparison (prefixes, attribute order and indentation ignored). */
final class XmlCanon {

    private XmlCanon() {
    }

    static String canon(XmlElement e) {
        StringBuilder sb = new StringBuilder();
        sb.append('{').append(e.namespace()).append('}').append(e.name()).append('[');
        e.attributes().stream()
                .map(a -> "{" + a.namespace() + "}" + a.name() + "=" + a.value())
                .sorted()
                .forEach(s -> sb.append(s).append(';'));
        sb.append("](");
        boolean hasElements = !e.elements().isEmpty();
        for (XmlNode n : e.children()) {
            if (n instanceof XmlElement c) {
                sb.append(canon(c));
            } else if (n instanceof XmlText t && !(hasElements && t.isWhitespace())) {
                sb.append('"').append(t.text()).append('"');
            }
        }
        return sb.append(')').toString();
    }

    /** Like {@link #canon} but the root's direct children compare as a set (stanza child order carries no meaning). */
    static String canonUnordered(XmlElement e) {
        List<String> children = new ArrayList<>();
        for (XmlElement c : e.elements()) {
            children.add(canon(c));
        }
        children.sort(Comparator.naturalOrder());
        return "{" + e.namespace() + "}" + e.name() + children;
    }
}
