package org.xmppsfs.component.xmpp;

/** XML namespaces the component speaks. */
public final class Namespaces {
    private Namespaces() {}

    public static final String HTTP_UPLOAD = "urn:xmpp:http:upload:0";
    public static final String PURPOSE = "urn:xmpp:http:upload:purpose:0";
    public static final String HASHES = "urn:xmpp:hashes:2";
    public static final String STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";
    public static final String DATA_FORMS = "jabber:x:data";
    public static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    public static final String DISCO_ITEMS = "http://jabber.org/protocol/disco#items";
    public static final String SFS = "urn:xmpp:sfs:0";
    public static final String FILE_METADATA = "urn:xmpp:file:metadata:0";
    public static final String URL_DATA = "http://jabber.org/protocol/url-data";
    public static final String MESSAGE_ATTACHING = "urn:xmpp:message-attaching:1";
    public static final String HINTS = "urn:xmpp:hints";
    public static final String STANZA_ID = "urn:xmpp:sid:0";
    public static final String MUC = "http://jabber.org/protocol/muc";
    public static final String MUC_USER = "http://jabber.org/protocol/muc#user";
    public static final String CONFERENCE = "jabber:x:conference";

    /**
     * This project's hash lookup protocol. Not under {@code urn:xmpp:}, which only the XSF may assign; the
     * trailing {@code /0} is the protocol version.
     */
    public static final String LOOKUP = "https://xmpp-sfs.org/protocol/lookup/0";
    /** This project's mirror request protocol. */
    public static final String MIRROR = "https://xmpp-sfs.org/protocol/mirror/0";
}
