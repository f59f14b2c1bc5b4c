package org.xmppsfs.component.access;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.xmpp.packet.JID;

/**
 * Who may use the service: users of the local domains, of explicitly allowed domains, and explicitly allowed
 * bare JIDs. Domains match exactly (a subdomain is a different domain). Everyone else is refused.
 */
public record AccessPolicy(Set<String> localDomains, Set<String> allowDomains, Set<String> allowJids) {

    public AccessPolicy {
        localDomains = lower(localDomains);
        allowDomains = lower(allowDomains);
        allowJids = lower(allowJids);
    }

    private static Set<String> lower(Set<String> values) {
        return values.stream().map(v -> v.trim().toLowerCase(Locale.ROOT)).filter(v -> !v.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** True when {@code from} may request slots, look up and mirror. A JID without a local part is refused. */
    public boolean permits(JID from) {
        if (from == null || from.getNode() == null) {
            return false;
        }
        String domain = from.getDomain().toLowerCase(Locale.ROOT);
        return localDomains.contains(domain) || allowDomains.contains(domain)
                || allowJids.contains(from.toBareJID().toLowerCase(Locale.ROOT));
    }

    /** True for a service of a local domain, e.g. {@code conference.example.org} for {@code example.org}. */
    public boolean isLocalService(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        return localDomains.stream().anyMatch(l -> d.endsWith("." + l));
    }
}
