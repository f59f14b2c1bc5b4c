package org.xmppsfs.component.access;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

class AccessPolicyTest {

    @Test
    void localDomainsAllowListsAndServices() {
        AccessPolicy p = new AccessPolicy(Set.of("example.org"), Set.of("partner.net"), Set.of("guest@elsewhere.com"));
        assertTrue(p.permits(new JID("alice@example.org/phone")));
        assertTrue(p.permits(new JID("bob@Partner.net")));
        assertTrue(p.permits(new JID("guest@elsewhere.com/x")));
        assertTrue(!p.permits(new JID("mallory@elsewhere.com")));
        assertTrue(!p.permits(new JID("alice@sub.example.org")), "subdomains are other domains");
        assertTrue(!p.permits(new JID("example.org")), "a server JID is not a user");
        assertTrue(p.isLocalService("conference.example.org"));
        assertTrue(!p.isLocalService("conference.evil.org"));
        assertTrue(!p.isLocalService("badexample.org"));
    }
}
