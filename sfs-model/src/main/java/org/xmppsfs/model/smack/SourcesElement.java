package org.xmppsfs.model.smack;

import java.util.List;
import java.util.Objects;
import javax.xml.namespace.QName;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.xmppsfs.model.Namespaces;
import org.xmppsfs.model.SourceList;
import org.xmppsfs.model.Violation;
import org.xmppsfs.model.xml.SfsWriter;
import org.xmppsfs.model.xml.XmlWriter;

/** Smack binding of a top-level XEP-0447 {@code <sources/>} (sent with {@link AttachToElement}). */
public record SourcesElement(SourceList sources, List<Violation> violations) implements ExtensionElement {

    public static final String ELEMENT = "sources";
    public static final String NAMESPACE = Namespaces.SFS;
    public static final QName QNAME = new QName(NAMESPACE, ELEMENT);

    public SourcesElement {
        Objects.requireNonNull(sources, "sources");
        violations = List.copyOf(violations);
    }

    public SourcesElement(SourceList sources) {
        this(sources, List.of());
    }

    @Override
    public String getNamespace() {
        return NAMESPACE;
    }

    @Override
    public String getElementName() {
        return ELEMENT;
    }

    @Override
    public CharSequence toXML(XmlEnvironment enclosingNamespace) {
        return XmlWriter.write(SfsWriter.element(sources));
    }
}
