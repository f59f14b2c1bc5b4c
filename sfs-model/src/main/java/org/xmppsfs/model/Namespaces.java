package org.xmppsfs.model;

/** The XML namespaces this module reads and writes. */
public final class Namespaces {
    /** XEP-0447 Stateless File Sharing. */
    public static final String SFS = "urn:xmpp:sfs:0";
    /** XEP-0446 File Metadata. */
    public static final String FILE_METADATA = "urn:xmpp:file:metadata:0";
    /** XEP-0448 Encrypted File Sharing. */
    public static final String ESFS = "urn:xmpp:esfs:0";
    /** XEP-0300 Hashes. */
    public static final String HASHES = "urn:xmpp:hashes:2";
    /** XEP-0264 Thumbnails. */
    public static final String THUMBS = "urn:xmpp:thumbs:1";
    /** XEP-0103 URL Address Information. */
    public static final String URL_DATA = "http://jabber.org/protocol/url-data";
    /** XEP-0104 HTTP Scheme for URL Data. */
    public static final String URL_DATA_HTTP = "http://jabber.org/protocol/url-data/scheme/http";
    /** XEP-0358 Publishing Available Jingle Sessions. */
    public static final String JINGLEPUB = "urn:xmpp:jinglepub:1";
    /** XEP-0367 Message Attaching. */
    public static final String MESSAGE_ATTACHING = "urn:xmpp:message-attaching:1";
    /** XEP-0428 Fallback Indication. */
    public static final String FALLBACK = "urn:xmpp:fallback:0";
    /** XEP-0066 Out of Band Data (the message extension). */
    public static final String OOB = "jabber:x:oob";
    /** XEP-0334 Message Processing Hints. */
    public static final String HINTS = "urn:xmpp:hints";
    /** RFC 6120 client stanzas. */
    public static final String CLIENT = "jabber:client";
    /** XEP-0114 component stanzas. */
    public static final String COMPONENT = "jabber:component:accept";
    /** RFC 6120 server-to-server stanzas. */
    public static final String SERVER = "jabber:server";

    private Namespaces() {
    }

    /** True for the namespaces a {@code <message>} stanza may be qualified by (or none, as dom4j sometimes leaves it). */
    public static boolean isStanzaNamespace(String ns) {
        return ns.isEmpty() || ns.equals(CLIENT) || ns.equals(COMPONENT) || ns.equals(SERVER);
    }
}
