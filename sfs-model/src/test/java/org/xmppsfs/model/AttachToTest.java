package org.xmppsfs.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xmppsfs.model.xml.SfsReader;
import org.xmppsfs.model.xml.XmlElement;

/** XEP-0367 §Using the correct ID. */
class AttachToTest {

    private static Optional<AttachTo> ref(String xml) throws Exception {
        XmlElement m = SfsReader.strict().tree(xml);
        return AttachTo.referringTo(m);
    }

    @Test
    void xep0367_groupchatUsesTheRoomsStanzaIdNeverTheStanzaId() throws Exception {
        assertEquals(Optional.of(new AttachTo("room-assigned")), ref("<message xmlns='jabber:client' type='groupchat' id='client-id'"
                + " from='room@muc.example/nick'><stanza-id xmlns='urn:xmpp:sid:0' by='someone@else' id='other'/>"
                + "<stanza-id xmlns='urn:xmpp:sid:0' by='room@muc.example' id='room-assigned'/></message>"));
        assertEquals(Optional.empty(), ref("<message xmlns='jabber:client' type='groupchat' id='client-id' from='room@muc.example/nick'/>"),
                "groupchat messages without a stanza-id cannot be attached to");
    }

    @Test
    void xep0367_otherwiseOriginIdThenMessageId() throws Exception {
        assertEquals(Optional.of(new AttachTo("origin")), ref("<message xmlns='jabber:client' type='chat' id='sid'>"
                + "<origin-id xmlns='urn:xmpp:sid:0' id='origin'/></message>"));
        assertEquals(Optional.of(new AttachTo("sid")), ref("<message xmlns='jabber:client' id='sid'/>"));
        assertEquals(Optional.empty(), ref("<message xmlns='jabber:client'/>"));
    }
}
