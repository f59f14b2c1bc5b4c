package org.xmppsfs.tests.harness;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jivesoftware.smack.packet.IQ;
import org.jxmpp.jid.Jid;

/** An IQ with a hand-written child element, to send requests Smack has no API for (or malformed ones on purpose). */
public final class RawIq extends IQ {
    private final Map<String, String> attributes;
    private final String inner;

    public RawIq(Type type, Jid to, String element, String namespace, Map<String, String> attributes, String innerXml) {
        super(element, namespace);
        setType(type);
        setTo(to);
        this.attributes = new LinkedHashMap<>(attributes);
        this.inner = innerXml;
    }

    @Override
    protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
        attributes.forEach(xml::attribute);
        if (inner.isEmpty()) {
            xml.setEmptyElement();
        } else {
            xml.rightAngleBracket();
            xml.append(inner);
        }
        return xml;
    }
}
