package org.xmppsfs.model.smack;

import java.util.List;
import java.util.Objects;
import javax.xml.namespace.QName;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.xmppsfs.model.FileSharing;
import org.xmppsfs.model.Namespaces;
import org.xmppsfs.model.Violation;
import org.xmppsfs.model.xml.SfsWriter;
import org.xmppsfs.model.xml.XmlWriter;

/**
 * Smack binding of XEP-0447 {@code <file-sharing/>}: {@code message.addExtension(new FileSharingElement(fs))},
 * {@code message.getExtension(FileSharingElement.class)}, {@code message.getExtensions(FileSharingElement.class)}
 * for several files.
 *
 * @param violations rule violations met while parsing a received element (empty for elements built locally)
 */
public record FileSharingElement(FileSharing fileSharing, List<Violation> violations) implements ExtensionElement {

    public static final String ELEMENT = "file-sharing";
    public static final String NAMESPACE = Namespaces.SFS;
    /** Read by Smack's {@code getExtension(Class)}. */
    public static final QName QNAME = new QName(NAMESPACE, ELEMENT);

    public FileSharingElement {
        Objects.requireNonNull(fileSharing, "fileSharing");
        violations = List.copyOf(violations);
    }

    public FileSharingElement(FileSharing fileSharing) {
        this(fileSharing, List.of());
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
        return XmlWriter.write(SfsWriter.element(fileSharing));
    }
}
