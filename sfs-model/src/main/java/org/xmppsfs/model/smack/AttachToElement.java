package org.xmppsfs.model.smack;

import java.util.Objects;
import javax.xml.namespace.QName;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.xmppsfs.model.AttachTo;
import org.xmppsfs.model.Namespaces;
import org.xmppsfs.model.xml.SfsWriter;
import org.xmppsfs.model.xml.XmlWriter;

/** Smack binding of XEP-0367 {@code <attach-to id/>}. */
public record AttachToElement(AttachTo attachTo) implements ExtensionElement {

    public static final String ELEMENT = "attach-to";
    public static final String NAMESPACE = Namespaces.MESSAGE_ATTACHING;
    public static final QName QNAME = new QName(NAMESPACE, ELEMENT);

    public AttachToElement {
        Objects.requireNonNull(attachTo, "attachTo");
    }

    public AttachToElement(String id) {
        this(new AttachTo(id));
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
        return XmlWriter.write(SfsWriter.element(attachTo));
    }
}
