package org.xmppsfs.component.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.xmppsfs.upload.UploadConfig;
import org.xmppsfs.upload.mirror.MirrorConfig;

/**
 * Fills a {@link ServiceConfig} from, in increasing precedence: a properties-style file, environment variables,
 * command-line flags. Every problem is collected (unknown keys, bad values, missing required values), each naming
 * the key and where its value came from, so one run shows them all.
 *
 * <p>File format: one {@code key = value} per line; blank lines and lines starting with {@code #} or {@code ;}
 * are ignored; surrounding whitespace is trimmed; a value may be wrapped in double quotes; a key given twice is
 * an error. Lists are comma-separated.
 */
public final class ConfigLoader {

    /** Where a value came from, for messages: {@code file /etc/xmpp-sfs.conf line 3}, {@code env XMPP_SFS_…}, {@code flag --…}. */
    public record Setting(String value, String origin) {}

    /** A loaded configuration, or the list of problems that prevented it. */
    public record Result(Optional<ServiceConfig> config, List<String> problems, Map<String, Setting> settings) {
        public Result {
            problems = List.copyOf(problems);
            settings = Map.copyOf(settings);
        }

        public ServiceConfig orThrow() {
            return config.orElseThrow(() -> new InvalidConfigException(problems));
        }
    }

    /** Thrown by {@link Result#orThrow()}: every problem, one per line. */
    public static final class InvalidConfigException extends RuntimeException {
        private final List<String> problems;

        public InvalidConfigException(List<String> problems) {
            super("invalid configuration:\n  " + String.join("\n  ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    private final Predicate<String> uploadKeys = k -> UploadConfig.key(k).isPresent();
    /** Environment variable name → HTTP-side key. */
    private final Map<String, String> uploadEnvNames = new LinkedHashMap<>();

    public ConfigLoader() {
        for (UploadConfig.Key k : UploadConfig.KEYS) {
            uploadEnvNames.put(ConfigKey.envName(k.name()), k.name());
        }
    }

    /** Every key, XMPP side then HTTP side, as documentation rows: name, default, description. */
    public static List<ConfigKey> allKeys() {
        List<ConfigKey> all = new ArrayList<>(ServiceConfig.KEYS);
        for (UploadConfig.Key k : UploadConfig.KEYS) {
            all.add(new ConfigKey(k.name(), k.defaultValue(), k.description()));
        }
        return all;
    }

    public Result load(Optional<Path> file, Map<String, String> env, Map<String, Setting> flags) {
        List<String> problems = new ArrayList<>();
        Map<String, Setting> merged = new LinkedHashMap<>();
        file.ifPresent(f -> readFile(f, merged, problems));
        readEnv(env, merged, problems);
        for (Map.Entry<String, Setting> flag : flags.entrySet()) {
            merged.put(flag.getKey(), flag.getValue());
        }
        return build(merged, problems);
    }

    private boolean known(String key) {
        return ServiceConfig.KEYS.stream().anyMatch(k -> k.name().equals(key)) || uploadKeys.test(key);
    }

    void readFile(Path file, Map<String, Setting> into, List<String> problems) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add("cannot read configuration file " + file + ": " + e.getMessage());
            return;
        }
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            String where = "file " + file + " line " + (i + 1);
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                problems.add(where + ": expected 'key = value', got '" + line + "'");
                continue;
            }
            String key = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(eq + 1).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (!known(key)) {
                problems.add(where + ": unknown key '" + key + "'" + suggestion(key));
                continue;
            }
            if (!seen.add(key)) {
                problems.add(where + ": key '" + key + "' is given more than once");
                continue;
            }
            into.put(key, new Setting(value, where));
        }
    }

    void readEnv(Map<String, String> env, Map<String, Setting> into, List<String> problems) {
        Map<String, String> byEnvName = new LinkedHashMap<>();
        for (ConfigKey k : ServiceConfig.KEYS) {
            byEnvName.put(k.envName(), k.name());
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(ConfigKey.ENV_PREFIX) || name.equals(ConfigKey.ENV_PREFIX + "CONFIG")) {
                continue;
            }
            String key = byEnvName.get(name);
            if (key == null) {
                // HTTP-side keys: reconstruct the dotted name by trying the known separators
                key = uploadKeyFor(name).orElse(null);
            }
            if (key == null) {
                problems.add("env " + name + ": no configuration key has this variable name");
                continue;
            }
            into.put(key, new Setting(e.getValue(), "env " + name));
        }
    }

    private Optional<String> uploadKeyFor(String envName) {
        return Optional.ofNullable(uploadEnvNames.get(envName));
    }

    private String suggestion(String key) {
        String best = null;
        int bestDistance = 3;
        for (ConfigKey k : ServiceConfig.KEYS) {
            int d = distance(key, k.name());
            if (d < bestDistance) {
                bestDistance = d;
                best = k.name();
            }
        }
        for (String n : uploadEnvNames.values()) {
            int d = distance(key, n);
            if (d < bestDistance) {
                bestDistance = d;
                best = n;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** Parses every value, collecting one problem per bad field. */
    private Result build(Map<String, Setting> s, List<String> problems) {
        Fields f = new Fields(s, problems);
        String domain = f.required("xmpp.domain", v -> {
            String d = v.trim().toLowerCase(Locale.ROOT);
            if (d.contains("@") || d.contains("/") || !d.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?")) {
                throw new IllegalArgumentException("'" + v + "' is not a domain JID such as upload.example.org");
            }
            return d;
        });
        String secret = f.required("xmpp.secret", v -> v);
        String host = f.get("xmpp.host", v -> {
            if (v.isBlank()) {
                throw new IllegalArgumentException("must not be empty");
            }
            return v.trim();
        });
        Integer port = f.get("xmpp.port", v -> Values.integer(v, 1, 65535));
        Boolean tls = f.get("xmpp.tls", Values::bool);
        Duration connectTimeout = f.get("xmpp.connect-timeout", Values::duration);
        Duration liveness = f.get("xmpp.liveness", v -> v.trim().equals("0") ? Duration.ZERO : Values.duration(v));
        List<String> local = f.get("access.local-domains", Values::list);
        if (local != null && local.isEmpty() && domain != null) {
            local = List.of(ServiceConfig.parentDomain(domain));
        }
        List<String> allowDomains = f.get("access.allow-domains", Values::list);
        List<String> allowJids = f.get("access.allow-jids", v -> {
            List<String> jids = Values.list(v);
            for (String j : jids) {
                if (!j.contains("@") || j.contains("/")) {
                    throw new IllegalArgumentException("'" + j + "' is not a bare JID such as alice@example.org");
                }
            }
            return jids;
        });
        Integer perMinute = f.get("ratelimit.slot-requests-per-minute", v -> Values.integer(v, 0, 1_000_000));
        Boolean mirrorEnabled = f.get("mirror.enabled", Values::bool);
        Boolean allowHttp = f.get("mirror.allow-http", Values::bool);
        List<String> allowList = f.get("mirror.allow-list", Values::list);
        Integer maxRedirects = f.get("mirror.max-redirects", v -> Values.integer(v, 0, 20));
        Duration mirrorConnect = f.get("mirror.connect-timeout", Values::duration);
        Duration mirrorRead = f.get("mirror.read-timeout", Values::duration);
        Long mirrorMax = f.get("mirror.max-size", Values::bytes);
        Integer concurrency = f.get("mirror.concurrency", v -> Values.integer(v, 1, 256));
        Integer queue = f.get("mirror.queue-size", v -> Values.integer(v, 0, 100_000));
        Boolean attach = f.get("attach.enabled", Values::bool);
        List<String> rooms = f.get("muc.rooms", v -> {
            List<String> r = Values.list(v);
            for (String room : r) {
                if (!room.contains("@") || room.contains("/")) {
                    throw new IllegalArgumentException("'" + room + "' is not a bare room JID such as team@conference.example.org");
                }
            }
            return r;
        });
        String nick = f.get("muc.nick", v -> {
            if (v.isBlank()) {
                throw new IllegalArgumentException("must not be empty");
            }
            return v.trim();
        });
        String level = f.get("log.level", v -> {
            String l = v.trim().toLowerCase(Locale.ROOT);
            if (!List.of("trace", "debug", "info", "warn", "error").contains(l)) {
                throw new IllegalArgumentException("'" + v + "' is not one of trace, debug, info, warn, error");
            }
            return l;
        });
        MirrorConfig mirror = null;
        if (allowHttp != null && allowList != null && maxRedirects != null && mirrorConnect != null && mirrorRead != null
                && mirrorMax != null && concurrency != null && queue != null) {
            mirror = new MirrorConfig(allowHttp, allowList, maxRedirects, mirrorConnect, mirrorRead, mirrorMax, concurrency, queue);
            for (String p : mirror.validate()) {
                problems.add(p);
            }
        }
        UploadConfig.Builder uploadBuilder = UploadConfig.builder();
        Set<String> unparsable = new LinkedHashSet<>();
        for (Map.Entry<String, Setting> e : s.entrySet()) {
            if (uploadKeys.test(e.getKey())) {
                try {
                    uploadBuilder.set(e.getKey(), e.getValue().value());
                } catch (IllegalArgumentException ex) {
                    unparsable.add(e.getKey());
                    problems.add(ex.getMessage() + " (from " + e.getValue().origin() + ")");
                }
            }
        }
        UploadConfig upload = uploadBuilder.build();
        for (String p : upload.validate()) {
            // a value that did not parse is reported once, not again as "required"
            if (unparsable.stream().noneMatch(k -> p.startsWith(k + ":"))) {
                Setting origin = s.get(p.substring(0, Math.max(0, p.indexOf(':'))));
                problems.add(origin == null ? p : p + " (from " + origin.origin() + ")");
            }
        }
        if (!problems.isEmpty()) {
            return new Result(Optional.empty(), problems, s);
        }
        ServiceConfig config = new ServiceConfig(host, port, domain, secret, tls, connectTimeout, liveness, Set.copyOf(local),
                Set.copyOf(allowDomains), Set.copyOf(allowJids), perMinute, mirrorEnabled, mirror, attach, rooms, nick,
                level, upload);
        return new Result(Optional.of(config), problems, s);
    }

    /** Reads one key at a time, falling back to its default, recording a problem instead of throwing. */
    private static final class Fields {
        private final Map<String, Setting> settings;
        private final List<String> problems;

        Fields(Map<String, Setting> settings, List<String> problems) {
            this.settings = settings;
            this.problems = problems;
        }

        <T> T get(String key, Function<String, T> parse) {
            Setting s = settings.get(key);
            String value = s != null ? s.value() : defaultOf(key);
            try {
                return parse.apply(value);
            } catch (IllegalArgumentException e) {
                problems.add(key + (s == null ? " (default)" : " (from " + s.origin() + ")") + ": " + e.getMessage());
                return null;
            }
        }

        <T> T required(String key, Function<String, T> parse) {
            Setting s = settings.get(key);
            if (s == null || s.value().isBlank()) {
                problems.add(key + " is required; set it in the file, as " + ConfigKey.envName(key) + ", or with its flag");
                return null;
            }
            return get(key, parse);
        }

        private static String defaultOf(String key) {
            return ServiceConfig.KEYS.stream().filter(k -> k.name().equals(key)).findFirst()
                    .map(ConfigKey::defaultValue).orElse("");
        }
    }
}
