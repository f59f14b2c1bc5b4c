package org.xmppsfs.openfire;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.xmppsfs.component.config.ConfigKey;
import org.xmppsfs.component.config.ConfigLoader;
import org.xmppsfs.component.config.ConfigLoader.Setting;
import org.xmppsfs.component.config.ServiceConfig;

/**
 * Turns Openfire system properties into the service's one configuration record.
 *
 * <p>Every option of the stand-alone configuration file is an Openfire property named {@code xmpp-sfs.} + the same
 * key ({@code http.port} → {@code xmpp-sfs.http.port}), with the same default and the same validation: the values
 * go through the stand-alone {@link ConfigLoader}. What differs inside Openfire:
 * <ul>
 *   <li>{@code xmpp-sfs.subdomain} (default {@value #DEFAULT_SUBDOMAIN}) names the component; its address is that
 *       subdomain of Openfire's XMPP domain;</li>
 *   <li>the connection keys ({@link #NOT_USED_INSIDE_OPENFIRE}) have no meaning, since the component lives inside
 *       the server; setting one is reported as a problem rather than silently ignored;</li>
 *   <li>{@code storage.data-dir} defaults to {@code OPENFIRE_HOME/xmpp-sfs} (never the plugin's own directory,
 *       which Openfire deletes when the plugin is removed or upgraded), {@code access.local-domains} to Openfire's
 *       domain, and {@code http.public-url} to {@code http://FQDN:PORT/} from Openfire's host name and
 *       {@code http.port}.</li>
 * </ul>
 * Unknown {@code xmpp-sfs.*} properties are problems too, so a typo is never silently ignored.
 */
public final class PluginSettings {

    /** Prefix of every property of this plugin. */
    public static final String PREFIX = "xmpp-sfs.";
    /** The component's subdomain of Openfire's XMPP domain. */
    public static final String SUBDOMAIN = "subdomain";
    public static final String DEFAULT_SUBDOMAIN = "upload";
    /** Keys that only configure the stand-alone component's connection (and its own logging). */
    public static final Set<String> NOT_USED_INSIDE_OPENFIRE =
            Set.of("xmpp.host", "xmpp.port", "xmpp.domain", "xmpp.secret", "xmpp.tls", "xmpp.connect-timeout", "log.level");
    /** The component secret is required by the shared loader but never used: the component is internal. */
    private static final String INTERNAL_SECRET = "internal-component-has-no-secret";
    private static final String DEFAULT_HTTP_PORT = "5050";

    /** The host facts the defaults are derived from. */
    public record Host(String xmppDomain, String fqdn, Path openfireHome) {
        public Host {
            Objects.requireNonNull(xmppDomain, "xmppDomain");
            Objects.requireNonNull(fqdn, "fqdn");
            Objects.requireNonNull(openfireHome, "openfireHome");
        }
    }

    /** The loaded settings: the subdomain the component is registered under, and the service configuration. */
    public record PluginConfig(String subdomain, ServiceConfig service) {
        public PluginConfig {
            Objects.requireNonNull(subdomain, "subdomain");
            Objects.requireNonNull(service, "service");
        }
    }

    /** Thrown when the properties do not make a usable configuration: every problem, one per line. */
    public static final class InvalidSettingsException extends IllegalArgumentException {
        private final List<String> problems;

        public InvalidSettingsException(List<String> problems) {
            super("xmpp-sfs: invalid Openfire properties:\n  " + String.join("\n  ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    private PluginSettings() {
    }

    /** Every key this plugin reads, without the prefix, in documentation order: the subdomain, then the shared keys. */
    public static List<ConfigKey> keys() {
        List<ConfigKey> keys = new ArrayList<>();
        keys.add(new ConfigKey(SUBDOMAIN, DEFAULT_SUBDOMAIN,
                "subdomain of Openfire's XMPP domain the component is registered under"));
        for (ConfigKey key : ConfigLoader.allKeys()) {
            if (!NOT_USED_INSIDE_OPENFIRE.contains(key.name())) {
                keys.add(key);
            }
        }
        return keys;
    }

    /**
     * Builds the configuration from Openfire properties.
     *
     * @param properties every Openfire property whose name starts with {@link #PREFIX} (others are ignored)
     * @throws InvalidSettingsException listing every problem, each naming its property
     */
    public static PluginConfig load(Map<String, String> properties, Host host) {
        List<String> problems = new ArrayList<>();
        Set<String> known = keys().stream().map(ConfigKey::name).collect(Collectors.toSet());
        Map<String, Setting> settings = new LinkedHashMap<>();
        for (Map.Entry<String, String> property : properties.entrySet()) {
            String name = property.getKey();
            if (!name.startsWith(PREFIX) || property.getValue() == null) {
                continue;
            }
            String key = name.substring(PREFIX.length());
            if (NOT_USED_INSIDE_OPENFIRE.contains(key)) {
                problems.add(name + ": not used inside Openfire (the component is internal to the server); remove it");
            } else if (!known.contains(key)) {
                problems.add(name + ": unknown property" + suggestion(key, known));
            } else if (!key.equals(SUBDOMAIN)) {
                settings.put(key, new Setting(property.getValue(), "Openfire property " + name));
            }
        }

        String subdomain = Optional.ofNullable(properties.get(PREFIX + SUBDOMAIN))
                .map(s -> s.trim().toLowerCase(Locale.ROOT)).orElse(DEFAULT_SUBDOMAIN);
        if (!subdomain.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?")) {
            problems.add(PREFIX + SUBDOMAIN + ": '" + subdomain + "' is not a DNS label such as 'upload'");
            subdomain = DEFAULT_SUBDOMAIN;
        }

        String domain = host.xmppDomain().toLowerCase(Locale.ROOT);
        settings.put("xmpp.domain", new Setting(subdomain + "." + domain, "xmpp-sfs.subdomain and Openfire's XMPP domain"));
        settings.put("xmpp.secret", new Setting(INTERNAL_SECRET, "the plugin (internal component)"));
        settings.putIfAbsent("access.local-domains", new Setting(domain, "Openfire's XMPP domain"));
        settings.putIfAbsent("storage.data-dir",
                new Setting(host.openfireHome().resolve("xmpp-sfs").toString(), "the plugin's default (OPENFIRE_HOME/xmpp-sfs)"));
        if (!settings.containsKey("http.public-url")) {
            String port = Optional.ofNullable(settings.get("http.port")).map(Setting::value).orElse(DEFAULT_HTTP_PORT).trim();
            if (port.equals("0")) {
                problems.add(PREFIX + "http.public-url: required when " + PREFIX + "http.port is 0 (the URL clients "
                        + "use cannot be derived from a port chosen at start)");
            } else {
                settings.put("http.public-url", new Setting("http://" + host.fqdn() + ":" + port + "/",
                        "the plugin's default (Openfire's host name and " + PREFIX + "http.port)"));
            }
        }

        ConfigLoader.Result result = new ConfigLoader().load(Optional.empty(), Map.of(), settings);
        for (String problem : result.problems()) {
            // The loader names keys as in the stand-alone file; inside Openfire they carry the prefix.
            problems.add(withPrefix(problem, known));
        }
        if (!problems.isEmpty() || result.config().isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return new PluginConfig(subdomain, result.config().orElseThrow());
    }

    private static String withPrefix(String problem, Set<String> known) {
        int end = 0;
        while (end < problem.length() && " :(".indexOf(problem.charAt(end)) < 0) {
            end++;
        }
        String first = problem.substring(0, end);
        return known.contains(first) ? PREFIX + problem : problem;
    }

    private static String suggestion(String key, Set<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : known) {
            int distance = editDistance(key, candidate);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        return best == null ? "" : " (did you mean '" + PREFIX + best + "'?)";
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), substitution);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
