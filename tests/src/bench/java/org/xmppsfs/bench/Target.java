package org.xmppsfs.bench;

import java.net.URI;
import java.util.List;
import java.util.Properties;

/** A service under test: an XEP-0363 upload service reached through an XMPP server, or a plain WebDAV server. */
public sealed interface Target permits Target.Xmpp, Target.WebDav {

    /** Short name used in tables, e.g. {@code ours}, {@code prosody}, {@code nginx}. */
    String name();

    /** Human description for the report, e.g. "Prosody 0.12 mod_http_file_share". */
    String label();

    /** Processes whose memory is reported (the server and, for nginx, its worker). */
    List<Long> pids();

    /** True for the service whose figures are divided by everyone else's. */
    boolean ours();

    /** True if this is a JVM whose heap is sampled with {@code jstat}. */
    boolean jvm();

    /**
     * An XEP-0363 service: a user logs in to the XMPP server and asks {@code service} for slots.
     *
     * @param service the upload service's JID; it must be the one the server advertises to the user
     */
    record Xmpp(String name, String label, String host, int port, String domain, String user, String password,
                String service, List<Long> pids, boolean ours, boolean jvm) implements Target {
        public Xmpp {
            pids = List.copyOf(pids);
        }
    }

    /** A WebDAV server taking PUT and serving GET under {@code base}: the raw-HTTP ceiling, no slots. */
    record WebDav(String name, String label, URI base, List<Long> pids) implements Target {
        public WebDav {
            pids = List.copyOf(pids);
        }

        @Override
        public boolean ours() {
            return false;
        }

        @Override
        public boolean jvm() {
            return false;
        }
    }

    static Target from(String name, Properties p) {
        String prefix = "target." + name + ".";
        String kind = BenchSettings.required(p, prefix + "kind");
        String label = BenchSettings.optional(p, prefix + "label", name);
        List<Long> pids = BenchSettings.list(p, prefix + "pids").stream().map(Long::parseLong).toList();
        return switch (kind) {
            case "xmpp" -> new Xmpp(name, label, BenchSettings.required(p, prefix + "host"),
                    BenchSettings.intValue(p, prefix + "port"), BenchSettings.required(p, prefix + "domain"),
                    BenchSettings.required(p, prefix + "user"), BenchSettings.required(p, prefix + "password"),
                    BenchSettings.required(p, prefix + "service"), pids,
                    Boolean.parseBoolean(BenchSettings.optional(p, prefix + "ours", "false")),
                    Boolean.parseBoolean(BenchSettings.optional(p, prefix + "jvm", "false")));
            case "webdav" -> new WebDav(name, label, URI.create(BenchSettings.required(p, prefix + "url")), pids);
            default -> throw new IllegalArgumentException(prefix + "kind must be xmpp or webdav, was " + kind);
        };
    }
}
