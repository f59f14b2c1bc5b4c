package org.xmppsfs.model;

import java.util.Objects;
import java.util.Optional;
import org.xmppsfs.model.xml.XmlElement;

/**
 * XEP-0367 {@code <attach-to xmlns='urn:xmpp:message-attaching:1' id/>}. The id is the XEP-0359 stanza-id
 * assigned by the room in groupchat, otherwise the origin-id, otherwise the message id (XEP-0367 §Using the
 * correct ID); {@link #referringTo(XmlElement)} applies that rule.
 */
public record AttachTo(String id) {

    /** XEP-0359 Unique and Stable Stanza IDs. */
    public static final String STANZA_ID_NAMESPACE = "urn:xmpp:sid:0";

    public AttachTo {
        Objects.requireNonNull(id, "id");
    }

    /**
     * The {@code <attach-to/>} that refers to the given {@code <message>} stanza, following XEP-0367 §Using the
     * correct ID: for {@code type='groupchat'} the {@code <stanza-id by=room>} whose {@code by} is the bare JID the
     * message came from (never the stanza {@code id}; empty when there is none); otherwise the XEP-0359
     * {@code <origin-id/>}, else the {@code id} attribute.
     */
    public static Optional<AttachTo> referringTo(XmlElement message) {
        boolean groupchat = message.attribute("type").map("groupchat"::equals).orElse(false);
        if (groupchat) {
            Optional<String> room = message.attribute("from").map(AttachTo::bareJid);
            for (XmlElement c : message.elements()) {
                if (c.is(STANZA_ID_NAMESPACE, "stanza-id") && room.isPresent()
                        && c.attribute("by").map(AttachTo::bareJid).equals(room) && c.attribute("id").isPresent()) {
                    return Optional.of(new AttachTo(c.attribute("id").get()));
                }
            }
            return Optional.empty();
        }
        for (XmlElement c : message.elements()) {
            if (c.is(STANZA_ID_NAMESPACE, "origin-id") && c.attribute("id").filter(v -> !v.isEmpty()).isPresent()) {
                return Optional.of(new AttachTo(c.attribute("id").get()));
            }
        }
        return message.attribute("id").filter(v -> !v.isEmpty()).map(AttachTo::new);
    }

    private static String bareJid(String jid) {
        int slash = jid.indexOf('/');
        return slash < 0 ? jid : jid.substring(0, slash);
    }
}
