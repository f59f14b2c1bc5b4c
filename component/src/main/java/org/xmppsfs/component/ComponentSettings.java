package org.xmppsfs.component;

import java.util.List;
import java.util.Objects;
import org.xmppsfs.component.access.AccessPolicy;

/**
 * What the XMPP component itself needs to know (no connection details, no HTTP details), so that the
 * stand-alone service and the Openfire plugin can fill it from their own configuration.
 *
 * @param name                   the disco identity name
 * @param access                 who may use the service
 * @param slotRequestsPerMinute  per-JID token bucket for slot and mirror requests; 0 = unlimited
 * @param mirrorEnabled          answer mirror requests
 * @param attachEnabled          watch messages for XEP-0447 file sharing and attach our own source
 * @param mucRooms               bare room JIDs to join at start (auto-attach in group chats)
 * @param mucNick                the nickname used in rooms
 */
public record ComponentSettings(String name, AccessPolicy access, int slotRequestsPerMinute, boolean mirrorEnabled,
                                boolean attachEnabled, List<String> mucRooms, String mucNick) {
    public ComponentSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(access, "access");
        mucRooms = List.copyOf(mucRooms);
        Objects.requireNonNull(mucNick, "mucNick");
    }

    public static final String DEFAULT_NAME = "HTTP File Upload";
    public static final String DEFAULT_MUC_NICK = "file-share";
}
