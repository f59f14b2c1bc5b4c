package org.xmppsfs.component.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.xmppsfs.component.ComponentSettings;
import org.xmppsfs.component.access.AccessPolicy;
import org.xmppsfs.component.connection.ComponentConnection;
import org.xmppsfs.upload.UploadConfig;
import org.xmppsfs.upload.mirror.MirrorConfig;

/**
 * Every option of the stand-alone service: the XMPP side here, the HTTP side in {@code upload}
 * (keys and defaults: {@link #KEYS}; loading and precedence: {@link ConfigLoader}).
 *
 * @param xmppHost              {@code xmpp.host}
 * @param xmppPort              {@code xmpp.port}
 * @param domain                {@code xmpp.domain}: the component JID
 * @param secret                {@code xmpp.secret}
 * @param xmppTls               {@code xmpp.tls}: TLS from the first byte on the component port
 * @param xmppConnectTimeout    {@code xmpp.connect-timeout}
 * @param xmppLiveness          {@code xmpp.liveness}: silence after which the component pings itself through the
 *                              server; zero turns the check off
 * @param localDomains          {@code access.local-domains}: users of these domains may use the service
 * @param allowDomains          {@code access.allow-domains}: further domains allowed
 * @param allowJids             {@code access.allow-jids}: further bare JIDs allowed
 * @param slotRequestsPerMinute {@code ratelimit.slot-requests-per-minute}: per JID, 0 = unlimited
 * @param mirrorEnabled         {@code mirror.enabled}
 * @param mirror                {@code mirror.*}
 * @param attachEnabled         {@code attach.enabled}
 * @param mucRooms              {@code muc.rooms}
 * @param mucNick               {@code muc.nick}
 * @param logLevel              {@code log.level}
 * @param upload                the HTTP side ({@code http.*}, {@code storage.*}, {@code limits.*} …: {@link UploadConfig#KEYS})
 */
public record ServiceConfig(String xmppHost, int xmppPort, String domain, String secret, boolean xmppTls,
                            Duration xmppConnectTimeout, Duration xmppLiveness, Set<String> localDomains, Set<String> allowDomains,
                            Set<String> allowJids, int slotRequestsPerMinute, boolean mirrorEnabled, MirrorConfig mirror,
                            boolean attachEnabled, List<String> mucRooms, String mucNick, String logLevel,
                            UploadConfig upload) {

    public ServiceConfig {
        Objects.requireNonNull(xmppHost, "xmppHost");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(secret, "secret");
        localDomains = Set.copyOf(localDomains);
        allowDomains = Set.copyOf(allowDomains);
        allowJids = Set.copyOf(allowJids);
        mucRooms = List.copyOf(mucRooms);
        Objects.requireNonNull(upload, "upload");
    }

    /** The keys of the XMPP side, in documentation order. */
    public static final List<ConfigKey> KEYS = List.of(
            new ConfigKey("xmpp.host", "127.0.0.1", "XMPP server to connect to"),
            new ConfigKey("xmpp.port", "5347", "the server's component port (XEP-0114)"),
            new ConfigKey("xmpp.domain", "", "the component's JID, e.g. upload.example.org (required)"),
            new ConfigKey("xmpp.secret", "", "the component secret shared with the server (required)"),
            new ConfigKey("xmpp.tls", "false", "use TLS from the first byte on the component port"),
            new ConfigKey("xmpp.connect-timeout", "10s", "TCP connect timeout to the XMPP server"),
            new ConfigKey("xmpp.liveness", "60s", "after this long without inbound traffic the component pings itself "
                    + "through the server; no answer within the same time replaces the connection (0 = off)"),
            new ConfigKey("access.local-domains", "", "users of these domains may use the service (default: the parent "
                    + "domain of xmpp.domain, e.g. upload.example.org -> example.org)"),
            new ConfigKey("access.allow-domains", "", "further domains whose users may use the service"),
            new ConfigKey("access.allow-jids", "", "further bare JIDs that may use the service"),
            new ConfigKey("ratelimit.slot-requests-per-minute", "60", "slot and mirror requests per JID per minute "
                    + "(token bucket; 0 = unlimited)"),
            new ConfigKey("mirror.enabled", "true", "answer mirror requests"),
            new ConfigKey("mirror.allow-http", "false", "also mirror plain http: sources"),
            new ConfigKey("mirror.allow-list", "", "CIDRs, addresses or host names the mirror may fetch from although "
                    + "they are loopback/private/link-local (e.g. 10.1.0.0/16, files.intranet)"),
            new ConfigKey("mirror.max-redirects", "3", "redirects followed, each one re-checked"),
            new ConfigKey("mirror.connect-timeout", "10s", "connect timeout of a mirror fetch"),
            new ConfigKey("mirror.read-timeout", "30s", "longest wait for response headers and longest silence in a body"),
            new ConfigKey("mirror.max-size", "100M", "largest file the mirror fetches"),
            new ConfigKey("mirror.concurrency", "4", "mirror fetches running at once"),
            new ConfigKey("mirror.queue-size", "32", "mirror fetches waiting; beyond that, requests are refused as busy"),
            new ConfigKey("attach.enabled", "true", "attach a verified copy to XEP-0447 file-sharing messages"),
            new ConfigKey("muc.rooms", "", "rooms to join at start for automatic attaching (bare room JIDs)"),
            new ConfigKey("muc.nick", ComponentSettings.DEFAULT_MUC_NICK, "nickname in rooms"),
            new ConfigKey("log.level", "info", "trace, debug, info, warn or error"));

    /** The parent domain of a component domain: {@code upload.example.org} → {@code example.org}. */
    public static String parentDomain(String domain) {
        int dot = domain.indexOf('.');
        return dot < 0 || dot == domain.length() - 1 ? domain : domain.substring(dot + 1);
    }

    public AccessPolicy accessPolicy() {
        return new AccessPolicy(localDomains, allowDomains, allowJids);
    }

    public ComponentSettings componentSettings() {
        return new ComponentSettings(ComponentSettings.DEFAULT_NAME, accessPolicy(), slotRequestsPerMinute,
                mirrorEnabled, attachEnabled, mucRooms, mucNick);
    }

    public ComponentConnection.Settings connectionSettings() {
        return new ComponentConnection.Settings(xmppHost, xmppPort, xmppTls, domain.toLowerCase(Locale.ROOT), secret,
                xmppConnectTimeout, xmppLiveness);
    }
}
