package org.xmppsfs.upload;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.xmppsfs.model.hash.HashAlgorithm;

/**
 * Every option of the HTTP blob service, each with a documented default, as one immutable value.
 *
 * <p>Build one with {@link #defaults(Path, URI)} (the two options without a sensible default) followed by
 * {@link #toBuilder()}, or with {@link #builder()}. The constructor accepts anything; {@link #validate()} names
 * every bad field, one message each, in the form {@code "http.port: must be 0..65535, got 70000"}.
 * {@link UploadServer} refuses to start with an invalid configuration.
 *
 * <p>{@link #KEYS} lists every option by its dotted configuration key with its default and meaning, and can
 * set a builder field from a string ({@link Builder#set(String, String)}), so a configuration file, the
 * environment or command-line flags can all fill the same record without knowing its fields.
 *
 * <p>Sizes are bytes (longs); durations are ISO-8601 ({@code PT300S}, {@code P30D}) or a number with a unit
 * suffix ({@code 300s}, {@code 5m}, {@code 12h}, {@code 30d}); {@link Duration#ZERO} as a retention means
 * "keep forever". Lists are comma-separated in string form.
 *
 * @param bindAddress            {@code http.bind}: address the HTTP connector listens on
 * @param port                   {@code http.port}: TCP port; 0 picks a free one
 * @param publicUrl              {@code http.public-url}: the base URL clients see (slot URLs are built from it)
 * @param basePath               {@code http.base-path}: path prefix served; empty means the path of {@code publicUrl}
 * @param idleTimeout            {@code http.idle-timeout}: a connection idle this long is closed (also a stalled body)
 * @param maxRequestHeaderBytes  {@code http.max-request-header-size}: request line plus headers, in bytes
 * @param maxUriLength           {@code http.max-uri-length}: longer request URIs are refused with 414
 * @param maxThreads             {@code http.max-threads}: Jetty's thread pool size
 * @param dataDir                {@code storage.data-dir}: blobs, temp files, metadata database and secret live here
 * @param fsync                  {@code storage.fsync}: fsync files and directories before acknowledging (leave on)
 * @param jdbcUrl                {@code metadata.jdbc-url}: empty means the embedded H2 file {@code dataDir/metadata}
 * @param jdbcUser               {@code metadata.user}
 * @param jdbcPassword           {@code metadata.password}
 * @param maxFileSize            {@code limits.max-file-size}: largest accepted file, in bytes
 * @param allowedContentTypes    {@code limits.allowed-content-types}: if non-empty, only these types ({@code image/*} wildcards)
 * @param deniedContentTypes     {@code limits.denied-content-types}: these types are refused ({@code type/*} wildcards)
 * @param userDailyBytes         {@code quota.user-daily-bytes}: bytes one user may upload per rolling 24 h; 0 = unlimited
 * @param userTotalBytes         {@code quota.user-total-bytes}: bytes one user may have stored at once; 0 = unlimited
 * @param globalBytes            {@code quota.global-bytes}: bytes the whole service may store; 0 = unlimited
 * @param putValidity            {@code slots.put-validity}: how long a PUT credential (and a pending slot) lives
 * @param secretFile             {@code slots.secret-file}: HMAC key file; empty means {@code dataDir/slot-secret.key}; created 0600 if absent
 * @param adminToken             {@code slots.admin-token}: bearer token allowed to DELETE any file; empty disables it
 * @param inlineAlgorithms       {@code hashing.inline-algorithms}: hashes computed while the body streams in (must include sha-256)
 * @param backgroundAlgorithms   {@code hashing.background-algorithms}: hashes computed inline for small files, after the 201 on a bounded executor for larger ones
 * @param hashingThreads         {@code hashing.threads}: size of that executor
 * @param retentionMessage       {@code retention.message}: how long {@code message} files are kept; 0 = forever
 * @param retentionProfile       {@code retention.profile}: how long {@code profile} files are kept; 0 = forever
 * @param retentionPermanent     {@code retention.permanent}: how long {@code permanent} files are kept; 0 = forever
 * @param expirySweepInterval    {@code retention.sweep-interval}: how often expired files and slots are removed
 * @param corsAllowedOrigins     {@code cors.allowed-origins}: origins allowed by CORS; {@code *} allows any
 * @param tlsKeystore            {@code tls.keystore}: PKCS#12 (or JKS) keystore; empty means plain HTTP
 * @param tlsKeystorePassword    {@code tls.keystore-password}
 * @param tlsKeystoreType        {@code tls.keystore-type}: {@code PKCS12} or {@code JKS}
 * @param tlsCertificate         {@code tls.certificate}: PEM certificate chain (instead of a keystore)
 * @param tlsPrivateKey          {@code tls.private-key}: PEM PKCS#8 private key of that certificate
 * @param trustedProxies         {@code proxy.trusted}: addresses or CIDR ranges whose {@code Forwarded}/{@code X-Forwarded-*} headers are believed
 * @param mmmsgEnabled           {@code mmmsg.enabled}: serve the Acrobits MMMSG upload endpoint
 * @param mmmsgPath              {@code mmmsg.path}: server path of the MMMSG POST endpoint
 * @param mmmsgPutValidity       {@code mmmsg.put-validity}: how long an MMMSG upload URL accepts its PUT
 * @param mmmsgRequestsPerMinute {@code mmmsg.requests-per-minute}: MMMSG POSTs allowed per client address per minute
 * @param metricsEnabled         {@code metrics.enabled}: serve Prometheus text metrics on a separate port
 * @param metricsBind            {@code metrics.bind}: address of the metrics listener
 * @param metricsPort            {@code metrics.port}: port of the metrics listener; 0 picks a free one
 */
public record UploadConfig(
        String bindAddress,
        int port,
        URI publicUrl,
        String basePath,
        Duration idleTimeout,
        int maxRequestHeaderBytes,
        int maxUriLength,
        int maxThreads,
        Path dataDir,
        boolean fsync,
        String jdbcUrl,
        String jdbcUser,
        String jdbcPassword,
        long maxFileSize,
        List<String> allowedContentTypes,
        List<String> deniedContentTypes,
        long userDailyBytes,
        long userTotalBytes,
        long globalBytes,
        Duration putValidity,
        Optional<Path> secretFile,
        Optional<String> adminToken,
        Set<HashAlgorithm> inlineAlgorithms,
        Set<HashAlgorithm> backgroundAlgorithms,
        int hashingThreads,
        Duration retentionMessage,
        Duration retentionProfile,
        Duration retentionPermanent,
        Duration expirySweepInterval,
        List<String> corsAllowedOrigins,
        Optional<Path> tlsKeystore,
        String tlsKeystorePassword,
        String tlsKeystoreType,
        Optional<Path> tlsCertificate,
        Optional<Path> tlsPrivateKey,
        List<String> trustedProxies,
        boolean mmmsgEnabled,
        String mmmsgPath,
        Duration mmmsgPutValidity,
        int mmmsgRequestsPerMinute,
        boolean metricsEnabled,
        String metricsBind,
        int metricsPort) {

    public static final long KIB = 1024L;
    public static final long MIB = 1024L * KIB;
    public static final long GIB = 1024L * MIB;

    public UploadConfig {
        allowedContentTypes = List.copyOf(allowedContentTypes);
        deniedContentTypes = List.copyOf(deniedContentTypes);
        secretFile = Objects.requireNonNull(secretFile, "secretFile");
        adminToken = Objects.requireNonNull(adminToken, "adminToken");
        inlineAlgorithms = inlineAlgorithms.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(inlineAlgorithms));
        backgroundAlgorithms = backgroundAlgorithms.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(backgroundAlgorithms));
        corsAllowedOrigins = List.copyOf(corsAllowedOrigins);
        tlsKeystore = Objects.requireNonNull(tlsKeystore, "tlsKeystore");
        tlsCertificate = Objects.requireNonNull(tlsCertificate, "tlsCertificate");
        tlsPrivateKey = Objects.requireNonNull(tlsPrivateKey, "tlsPrivateKey");
        trustedProxies = List.copyOf(trustedProxies);
    }

    /** The defaults documented in {@link #KEYS}, with the two options that have none. */
    public static UploadConfig defaults(Path dataDir, URI publicUrl) {
        return builder().dataDir(dataDir).publicUrl(publicUrl).build();
    }

    /** A builder holding every default; {@code storage.data-dir} and {@code http.public-url} still need setting. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The path prefix the handlers serve: {@link #basePath()} if set, else the public URL's path; never ends with '/'. */
    public String effectiveBasePath() {
        String p = basePath == null || basePath.isEmpty() ? (publicUrl == null ? "" : Objects.requireNonNullElse(publicUrl.getRawPath(), "")) : basePath;
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /** The HMAC key file actually used. */
    public Path effectiveSecretFile() {
        return secretFile.orElseGet(() -> dataDir.resolve("slot-secret.key"));
    }

    /** Every hash algorithm this configuration computes for a stored file, inline first. */
    public Set<HashAlgorithm> allAlgorithms() {
        EnumSet<HashAlgorithm> all = EnumSet.of(HashAlgorithm.SHA_256);
        all.addAll(inlineAlgorithms);
        all.addAll(backgroundAlgorithms);
        return all;
    }

    /** One message per bad field, naming its key; empty when the configuration is usable. */
    public List<String> validate() {
        List<String> errors = new ArrayList<>();
        if (bindAddress == null || bindAddress.isBlank()) {
            errors.add("http.bind: must not be empty");
        }
        if (port < 0 || port > 65535) {
            errors.add("http.port: must be 0..65535, got " + port);
        }
        if (publicUrl == null) {
            errors.add("http.public-url: required (the base URL clients use, e.g. https://upload.example.org/files)");
        } else if (!publicUrl.isAbsolute() || publicUrl.getHost() == null
                || !("http".equalsIgnoreCase(publicUrl.getScheme()) || "https".equalsIgnoreCase(publicUrl.getScheme()))) {
            errors.add("http.public-url: must be an absolute http or https URL with a host, got " + publicUrl);
        } else if (publicUrl.getRawQuery() != null || publicUrl.getRawFragment() != null) {
            errors.add("http.public-url: must not have a query or fragment, got " + publicUrl);
        }
        if (basePath == null) {
            errors.add("http.base-path: must not be null (empty means the path of http.public-url)");
        } else if (!basePath.isEmpty() && !basePath.startsWith("/")) {
            errors.add("http.base-path: must start with '/', got " + basePath);
        }
        positive(errors, "http.idle-timeout", idleTimeout);
        if (maxRequestHeaderBytes < 1024 || maxRequestHeaderBytes > 1024 * 1024) {
            errors.add("http.max-request-header-size: must be 1024..1048576, got " + maxRequestHeaderBytes);
        }
        if (maxUriLength < 256 || maxUriLength > maxRequestHeaderBytes) {
            errors.add("http.max-uri-length: must be 256..http.max-request-header-size (" + maxRequestHeaderBytes + "), got " + maxUriLength);
        }
        if (maxThreads < 8 || maxThreads > 10_000) {
            errors.add("http.max-threads: must be 8..10000, got " + maxThreads);
        }
        if (dataDir == null) {
            errors.add("storage.data-dir: required (directory for blobs, temp files and metadata)");
        }
        if (jdbcUrl == null || (!jdbcUrl.isEmpty() && !jdbcUrl.startsWith("jdbc:"))) {
            errors.add("metadata.jdbc-url: must be empty (embedded H2) or start with 'jdbc:', got " + jdbcUrl);
        }
        if (jdbcUser == null) {
            errors.add("metadata.user: must not be null");
        }
        if (jdbcPassword == null) {
            errors.add("metadata.password: must not be null");
        }
        if (maxFileSize <= 0) {
            errors.add("limits.max-file-size: must be positive, got " + maxFileSize);
        }
        contentTypePatterns(errors, "limits.allowed-content-types", allowedContentTypes);
        contentTypePatterns(errors, "limits.denied-content-types", deniedContentTypes);
        nonNegative(errors, "quota.user-daily-bytes", userDailyBytes);
        nonNegative(errors, "quota.user-total-bytes", userTotalBytes);
        nonNegative(errors, "quota.global-bytes", globalBytes);
        positive(errors, "slots.put-validity", putValidity);
        if (adminToken.isPresent() && adminToken.get().length() < 16) {
            errors.add("slots.admin-token: must be at least 16 characters when set, got " + adminToken.get().length());
        }
        if (!inlineAlgorithms.contains(HashAlgorithm.SHA_256)) {
            errors.add("hashing.inline-algorithms: must include sha-256 (blobs are addressed by it), got " + names(inlineAlgorithms));
        }
        if (hashingThreads < 1 || hashingThreads > 64) {
            errors.add("hashing.threads: must be 1..64, got " + hashingThreads);
        }
        nonNegative(errors, "retention.message", retentionMessage);
        nonNegative(errors, "retention.profile", retentionProfile);
        nonNegative(errors, "retention.permanent", retentionPermanent);
        positive(errors, "retention.sweep-interval", expirySweepInterval);
        for (String origin : corsAllowedOrigins) {
            if (!origin.equals("*") && !origin.matches("https?://[^/\\s]+")) {
                errors.add("cors.allowed-origins: each must be '*' or scheme://host[:port], got " + origin);
            }
        }
        if (tlsKeystorePassword == null) {
            errors.add("tls.keystore-password: must not be null");
        }
        if (tlsKeystoreType == null || !(tlsKeystoreType.equalsIgnoreCase("PKCS12") || tlsKeystoreType.equalsIgnoreCase("JKS"))) {
            errors.add("tls.keystore-type: must be PKCS12 or JKS, got " + tlsKeystoreType);
        }
        if (tlsCertificate.isPresent() != tlsPrivateKey.isPresent()) {
            errors.add((tlsCertificate.isPresent() ? "tls.private-key" : "tls.certificate") + ": required together with "
                    + (tlsCertificate.isPresent() ? "tls.certificate" : "tls.private-key"));
        }
        if (tlsCertificate.isPresent() && tlsKeystore.isPresent()) {
            errors.add("tls.certificate: set either tls.keystore or tls.certificate/tls.private-key, not both");
        }
        for (String proxy : trustedProxies) {
            if (!proxy.matches("[0-9A-Fa-f:.]+(/\\d{1,3})?")) {
                errors.add("proxy.trusted: each must be an IP address or CIDR range, got " + proxy);
            }
        }
        if (mmmsgPath == null || !mmmsgPath.startsWith("/") || mmmsgPath.length() < 2) {
            errors.add("mmmsg.path: must start with '/' and not be '/', got " + mmmsgPath);
        }
        positive(errors, "mmmsg.put-validity", mmmsgPutValidity);
        if (mmmsgRequestsPerMinute < 1) {
            errors.add("mmmsg.requests-per-minute: must be positive, got " + mmmsgRequestsPerMinute);
        }
        if (metricsBind == null || metricsBind.isBlank()) {
            errors.add("metrics.bind: must not be empty");
        }
        if (metricsPort < 0 || metricsPort > 65535) {
            errors.add("metrics.port: must be 0..65535, got " + metricsPort);
        }
        return List.copyOf(errors);
    }

    private static void positive(List<String> errors, String key, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            errors.add(key + ": must be a positive duration, got " + d);
        }
    }

    private static void nonNegative(List<String> errors, String key, Duration d) {
        if (d == null || d.isNegative()) {
            errors.add(key + ": must be zero (forever) or a positive duration, got " + d);
        }
    }

    private static void nonNegative(List<String> errors, String key, long v) {
        if (v < 0) {
            errors.add(key + ": must be 0 (unlimited) or positive, got " + v);
        }
    }

    private static void contentTypePatterns(List<String> errors, String key, List<String> patterns) {
        for (String p : patterns) {
            if (!p.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+/([!#$%&'*+.^_`|~0-9A-Za-z-]+|\\*)")) {
                errors.add(key + ": each must be type/subtype or type/*, got " + p);
            }
        }
    }

    private static String names(Set<HashAlgorithm> algorithms) {
        return algorithms.stream().map(HashAlgorithm::xepName).collect(Collectors.joining(",", "[", "]"));
    }

    /** One configuration key: its dotted name, its default in string form, what it means, and how to set it from a string. */
    public record Key(String name, String defaultValue, String description, BiConsumer<Builder, String> setter) {
        public Key {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(defaultValue, "defaultValue");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(setter, "setter");
        }
    }

    /** Every key, in documentation order. The default strings are exactly what {@link #builder()} starts with. */
    public static final List<Key> KEYS = List.of(
            new Key("http.bind", "0.0.0.0", "Address the HTTP connector listens on.", (b, v) -> b.bindAddress(v)),
            new Key("http.port", "5050", "TCP port of the HTTP connector; 0 picks a free port.", (b, v) -> b.port(parseInt(v))),
            new Key("http.public-url", "(required)", "Base URL clients see, e.g. https://upload.example.org/files. Slot URLs are {public-url}/{slot-id}/{filename}. Use https in production (Gajim refuses http).", (b, v) -> b.publicUrl(parseUri(v))),
            new Key("http.base-path", "(path of http.public-url)", "Path prefix this server serves, when a reverse proxy rewrites the path.", (b, v) -> b.basePath(v)),
            new Key("http.idle-timeout", "30s", "Idle connection timeout; a stalled upload body fails after this long.", (b, v) -> b.idleTimeout(parseDuration(v))),
            new Key("http.max-request-header-size", "8192", "Largest request line plus headers, in bytes.", (b, v) -> b.maxRequestHeaderBytes(parseInt(v))),
            new Key("http.max-uri-length", "2048", "Longest request URI, in bytes; longer ones get 414.", (b, v) -> b.maxUriLength(parseInt(v))),
            new Key("http.max-threads", "64", "Size of the HTTP thread pool.", (b, v) -> b.maxThreads(parseInt(v))),
            new Key("storage.data-dir", "(required)", "Directory for blobs/, tmp/, the metadata database and the slot secret.", (b, v) -> b.dataDir(Path.of(v))),
            new Key("storage.fsync", "true", "fsync each file and its directory, and sync the metadata database, before acknowledging an upload. With false an acknowledged upload survives the process being killed, not a power loss.", (b, v) -> b.fsync(parseBoolean(v))),
            new Key("metadata.jdbc-url", "", "JDBC URL of the metadata database; empty means the embedded H2 file {data-dir}/metadata. Another database (PostgreSQL) needs its JDBC driver on the class path.", (b, v) -> b.jdbcUrl(v)),
            new Key("metadata.user", "", "Database user.", (b, v) -> b.jdbcUser(v)),
            new Key("metadata.password", "", "Database password.", (b, v) -> b.jdbcPassword(v)),
            new Key("limits.max-file-size", "104857600", "Largest accepted file in bytes (100 MiB); advertised as XEP-0363 max-file-size.", (b, v) -> b.maxFileSize(parseSize(v))),
            new Key("limits.allowed-content-types", "", "If set, only these content types may be uploaded (comma-separated, type/* wildcards).", (b, v) -> b.allowedContentTypes(parseList(v))),
            new Key("limits.denied-content-types", "", "Content types refused (comma-separated, type/* wildcards).", (b, v) -> b.deniedContentTypes(parseList(v))),
            new Key("quota.user-daily-bytes", "1073741824", "Bytes one user may upload per rolling 24 hours (1 GiB); 0 = unlimited. Pending slots count.", (b, v) -> b.userDailyBytes(parseSize(v))),
            new Key("quota.user-total-bytes", "0", "Bytes one user may have stored at once; 0 = unlimited. Pending slots count.", (b, v) -> b.userTotalBytes(parseSize(v))),
            new Key("quota.global-bytes", "0", "Bytes the whole service may store (deduplicated); 0 = unlimited. Pending slots count.", (b, v) -> b.globalBytes(parseSize(v))),
            new Key("slots.put-validity", "300s", "How long a PUT credential, and so a pending slot, stays valid (XEP-0363 recommends ~300 s).", (b, v) -> b.putValidity(parseDuration(v))),
            new Key("slots.secret-file", "{data-dir}/slot-secret.key", "HMAC-SHA256 key file for PUT credentials; generated (mode 0600) if absent. Share it between nodes.", (b, v) -> b.secretFile(v.isEmpty() ? Optional.empty() : Optional.of(Path.of(v)))),
            new Key("slots.admin-token", "", "Bearer token allowed to DELETE any file (at least 16 characters); empty disables it.", (b, v) -> b.adminToken(v.isEmpty() ? Optional.empty() : Optional.of(v))),
            new Key("hashing.inline-algorithms", "sha-256", "Hashes computed while the body streams in; must include sha-256.", (b, v) -> b.inlineAlgorithms(parseAlgorithms(v))),
            new Key("hashing.background-algorithms", "sha-512,sha3-256,blake2b-256", "Hashes computed after the upload is acknowledged (inline for files up to 512 KiB; in the background, yielding to transfers, for larger ones); others are computed on demand.", (b, v) -> b.backgroundAlgorithms(parseAlgorithms(v))),
            new Key("hashing.threads", "1", "Threads of the bounded background hashing executor.", (b, v) -> b.hashingThreads(parseInt(v))),
            new Key("retention.message", "30d", "How long files uploaded for a message (the XEP-0363 default purpose) are kept; 0 = forever.", (b, v) -> b.retentionMessage(parseDuration(v))),
            new Key("retention.profile", "0", "How long profile files (avatars) are kept; 0 = forever.", (b, v) -> b.retentionProfile(parseDuration(v))),
            new Key("retention.permanent", "0", "How long permanent files are kept; 0 = forever.", (b, v) -> b.retentionPermanent(parseDuration(v))),
            new Key("retention.sweep-interval", "10m", "How often expired files and abandoned slots are removed. Expired files are never served, even before a sweep.", (b, v) -> b.expirySweepInterval(parseDuration(v))),
            new Key("cors.allowed-origins", "*", "Origins allowed by CORS (comma-separated, or *).", (b, v) -> b.corsAllowedOrigins(parseList(v))),
            new Key("tls.keystore", "", "PKCS#12 (or JKS) keystore with the server certificate; with neither this nor tls.certificate, plain HTTP is served (put TLS in front then).", (b, v) -> b.tlsKeystore(v.isEmpty() ? Optional.empty() : Optional.of(Path.of(v)))),
            new Key("tls.keystore-password", "", "Password of the keystore and its key.", (b, v) -> b.tlsKeystorePassword(v)),
            new Key("tls.keystore-type", "PKCS12", "Keystore type: PKCS12 or JKS.", (b, v) -> b.tlsKeystoreType(v)),
            new Key("tls.certificate", "", "PEM certificate chain, leaf first (instead of tls.keystore).", (b, v) -> b.tlsCertificate(v.isEmpty() ? Optional.empty() : Optional.of(Path.of(v)))),
            new Key("tls.private-key", "", "PEM unencrypted PKCS#8 private key (RSA, EC or EdDSA) of tls.certificate.", (b, v) -> b.tlsPrivateKey(v.isEmpty() ? Optional.empty() : Optional.of(Path.of(v)))),
            new Key("proxy.trusted", "", "Addresses or CIDR ranges of reverse proxies whose Forwarded / X-Forwarded-* headers are honoured.", (b, v) -> b.trustedProxies(parseList(v))),
            new Key("mmmsg.enabled", "false", "Serve the Acrobits MMMSG endpoint (anonymous uploads, rate-limited per address).", (b, v) -> b.mmmsgEnabled(parseBoolean(v))),
            new Key("mmmsg.path", "/mmmsg", "Server path of the MMMSG POST endpoint.", (b, v) -> b.mmmsgPath(v)),
            new Key("mmmsg.put-validity", "1h", "How long an MMMSG upload URL accepts its PUT.", (b, v) -> b.mmmsgPutValidity(parseDuration(v))),
            new Key("mmmsg.requests-per-minute", "10", "MMMSG POSTs allowed per client address per minute.", (b, v) -> b.mmmsgRequestsPerMinute(parseInt(v))),
            new Key("metrics.enabled", "false", "Serve Prometheus text metrics at /metrics on a separate listener.", (b, v) -> b.metricsEnabled(parseBoolean(v))),
            new Key("metrics.bind", "127.0.0.1", "Address of the metrics listener.", (b, v) -> b.metricsBind(v)),
            new Key("metrics.port", "9464", "Port of the metrics listener; 0 picks a free port.", (b, v) -> b.metricsPort(parseInt(v))));

    /** The Markdown table of {@link #KEYS} (key, default, meaning), as published in {@code CONFIG.md}. */
    public static String markdownTable() {
        StringBuilder sb = new StringBuilder("| Key | Default | Meaning |\n|---|---|---|\n");
        for (Key k : KEYS) {
            String def = k.defaultValue().isEmpty() ? "(empty)"
                    : k.defaultValue().startsWith("(") ? k.defaultValue() : "`" + k.defaultValue() + "`";
            sb.append("| `").append(k.name()).append("` | ").append(def).append(" | ")
                    .append(k.description().replace("|", "\\|")).append(" |\n");
        }
        return sb.toString();
    }

    /** Looks a key up by its dotted name. */
    public static Optional<Key> key(String name) {
        return KEYS.stream().filter(k -> k.name().equals(name)).findFirst();
    }

    // ---- string parsing, shared by Key setters; every failure is an IllegalArgumentException naming the value ----

    static int parseInt(String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an integer: '" + v + "'");
        }
    }

    static boolean parseBoolean(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("not a boolean (true/false): '" + v + "'");
        };
    }

    static URI parseUri(String v) {
        try {
            return new URI(v.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URI: '" + v + "' (" + e.getReason() + ")");
        }
    }

    static List<String> parseList(String v) {
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Bytes, with an optional binary suffix: {@code 1048576}, {@code 100MiB}, {@code 100M}, {@code 2GiB}, {@code 512k}. */
    public static long parseSize(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT).replace("ib", "").replace("b", "");
        long unit = 1;
        if (!s.isEmpty()) {
            switch (s.charAt(s.length() - 1)) {
                case 'k' -> unit = KIB;
                case 'm' -> unit = MIB;
                case 'g' -> unit = GIB;
                case 't' -> unit = 1024 * GIB;
                default -> unit = 1;
            }
            if (unit != 1) {
                s = s.substring(0, s.length() - 1).trim();
            }
        }
        try {
            return Math.multiplyExact(Long.parseLong(s), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("not a size in bytes (e.g. 104857600, 100MiB, 2GiB): '" + v + "'");
        }
    }

    /** ISO-8601 ({@code PT300S}, {@code P30D}) or a number with s/m/h/d suffix; a bare number is seconds. */
    public static Duration parseDuration(String v) {
        String s = v.trim();
        try {
            if (s.toUpperCase(Locale.ROOT).startsWith("P")) {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            }
            Map<Character, Function<Long, Duration>> units = Map.of(
                    's', Duration::ofSeconds, 'm', Duration::ofMinutes, 'h', Duration::ofHours, 'd', Duration::ofDays);
            char last = s.isEmpty() ? ' ' : Character.toLowerCase(s.charAt(s.length() - 1));
            if (units.containsKey(last)) {
                return units.get(last).apply(Long.parseLong(s.substring(0, s.length() - 1).trim()));
            }
            return Duration.ofSeconds(Long.parseLong(s));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("not a duration (e.g. 300s, 5m, 30d, PT300S): '" + v + "'");
        }
    }

    static Set<HashAlgorithm> parseAlgorithms(String v) {
        Set<HashAlgorithm> out = new LinkedHashSet<>();
        for (String name : parseList(v)) {
            out.add(HashAlgorithm.fromName(name).orElseThrow(() -> new IllegalArgumentException(
                    "unsupported hash algorithm '" + name + "' (supported: "
                            + Arrays.stream(HashAlgorithm.values()).map(HashAlgorithm::xepName).collect(Collectors.joining(", ")) + ")")));
        }
        return out.isEmpty() ? Set.of() : EnumSet.copyOf(out);
    }

    /** Mutable builder starting from the documented defaults. Not thread-safe. */
    public static final class Builder {
        private String bindAddress = "0.0.0.0";
        private int port = 5050;
        private URI publicUrl;
        private String basePath = "";
        private Duration idleTimeout = Duration.ofSeconds(30);
        private int maxRequestHeaderBytes = 8192;
        private int maxUriLength = 2048;
        private int maxThreads = 64;
        private Path dataDir;
        private boolean fsync = true;
        private String jdbcUrl = "";
        private String jdbcUser = "";
        private String jdbcPassword = "";
        private long maxFileSize = 100 * MIB;
        private List<String> allowedContentTypes = List.of();
        private List<String> deniedContentTypes = List.of();
        private long userDailyBytes = GIB;
        private long userTotalBytes = 0;
        private long globalBytes = 0;
        private Duration putValidity = Duration.ofSeconds(300);
        private Optional<Path> secretFile = Optional.empty();
        private Optional<String> adminToken = Optional.empty();
        private Set<HashAlgorithm> inlineAlgorithms = EnumSet.of(HashAlgorithm.SHA_256);
        private Set<HashAlgorithm> backgroundAlgorithms = EnumSet.of(HashAlgorithm.SHA_512, HashAlgorithm.SHA3_256, HashAlgorithm.BLAKE2B_256);
        private int hashingThreads = 1;
        private Duration retentionMessage = Duration.ofDays(30);
        private Duration retentionProfile = Duration.ZERO;
        private Duration retentionPermanent = Duration.ZERO;
        private Duration expirySweepInterval = Duration.ofMinutes(10);
        private List<String> corsAllowedOrigins = List.of("*");
        private Optional<Path> tlsKeystore = Optional.empty();
        private String tlsKeystorePassword = "";
        private String tlsKeystoreType = "PKCS12";
        private Optional<Path> tlsCertificate = Optional.empty();
        private Optional<Path> tlsPrivateKey = Optional.empty();
        private List<String> trustedProxies = List.of();
        private boolean mmmsgEnabled = false;
        private String mmmsgPath = "/mmmsg";
        private Duration mmmsgPutValidity = Duration.ofHours(1);
        private int mmmsgRequestsPerMinute = 10;
        private boolean metricsEnabled = false;
        private String metricsBind = "127.0.0.1";
        private int metricsPort = 9464;

        private Builder() {
        }

        private Builder(UploadConfig c) {
            bindAddress = c.bindAddress;
            port = c.port;
            publicUrl = c.publicUrl;
            basePath = c.basePath;
            idleTimeout = c.idleTimeout;
            maxRequestHeaderBytes = c.maxRequestHeaderBytes;
            maxUriLength = c.maxUriLength;
            maxThreads = c.maxThreads;
            dataDir = c.dataDir;
            fsync = c.fsync;
            jdbcUrl = c.jdbcUrl;
            jdbcUser = c.jdbcUser;
            jdbcPassword = c.jdbcPassword;
            maxFileSize = c.maxFileSize;
            allowedContentTypes = c.allowedContentTypes;
            deniedContentTypes = c.deniedContentTypes;
            userDailyBytes = c.userDailyBytes;
            userTotalBytes = c.userTotalBytes;
            globalBytes = c.globalBytes;
            putValidity = c.putValidity;
            secretFile = c.secretFile;
            adminToken = c.adminToken;
            inlineAlgorithms = c.inlineAlgorithms;
            backgroundAlgorithms = c.backgroundAlgorithms;
            hashingThreads = c.hashingThreads;
            retentionMessage = c.retentionMessage;
            retentionProfile = c.retentionProfile;
            retentionPermanent = c.retentionPermanent;
            expirySweepInterval = c.expirySweepInterval;
            corsAllowedOrigins = c.corsAllowedOrigins;
            tlsKeystore = c.tlsKeystore;
            tlsKeystorePassword = c.tlsKeystorePassword;
            tlsKeystoreType = c.tlsKeystoreType;
            tlsCertificate = c.tlsCertificate;
            tlsPrivateKey = c.tlsPrivateKey;
            trustedProxies = c.trustedProxies;
            mmmsgEnabled = c.mmmsgEnabled;
            mmmsgPath = c.mmmsgPath;
            mmmsgPutValidity = c.mmmsgPutValidity;
            mmmsgRequestsPerMinute = c.mmmsgRequestsPerMinute;
            metricsEnabled = c.metricsEnabled;
            metricsBind = c.metricsBind;
            metricsPort = c.metricsPort;
        }

        /**
         * Sets one option from its string form, by dotted key ({@link UploadConfig#KEYS}).
         *
         * @throws IllegalArgumentException naming the key, for an unknown key or an unparsable value
         */
        public Builder set(String key, String value) {
            Key k = key(key).orElseThrow(() -> new IllegalArgumentException(key + ": unknown configuration key"));
            try {
                k.setter().accept(this, Objects.requireNonNull(value, "value"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
            }
            return this;
        }

        public Builder bindAddress(String v) { bindAddress = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder publicUrl(URI v) { publicUrl = v; return this; }
        public Builder basePath(String v) { basePath = v; return this; }
        public Builder idleTimeout(Duration v) { idleTimeout = v; return this; }
        public Builder maxRequestHeaderBytes(int v) { maxRequestHeaderBytes = v; return this; }
        public Builder maxUriLength(int v) { maxUriLength = v; return this; }
        public Builder maxThreads(int v) { maxThreads = v; return this; }
        public Builder dataDir(Path v) { dataDir = v; return this; }
        public Builder fsync(boolean v) { fsync = v; return this; }
        public Builder jdbcUrl(String v) { jdbcUrl = v; return this; }
        public Builder jdbcUser(String v) { jdbcUser = v; return this; }
        public Builder jdbcPassword(String v) { jdbcPassword = v; return this; }
        public Builder maxFileSize(long v) { maxFileSize = v; return this; }
        public Builder allowedContentTypes(List<String> v) { allowedContentTypes = v; return this; }
        public Builder deniedContentTypes(List<String> v) { deniedContentTypes = v; return this; }
        public Builder userDailyBytes(long v) { userDailyBytes = v; return this; }
        public Builder userTotalBytes(long v) { userTotalBytes = v; return this; }
        public Builder globalBytes(long v) { globalBytes = v; return this; }
        public Builder putValidity(Duration v) { putValidity = v; return this; }
        public Builder secretFile(Optional<Path> v) { secretFile = v; return this; }
        public Builder adminToken(Optional<String> v) { adminToken = v; return this; }
        public Builder inlineAlgorithms(Set<HashAlgorithm> v) { inlineAlgorithms = v; return this; }
        public Builder backgroundAlgorithms(Set<HashAlgorithm> v) { backgroundAlgorithms = v; return this; }
        public Builder hashingThreads(int v) { hashingThreads = v; return this; }
        public Builder retentionMessage(Duration v) { retentionMessage = v; return this; }
        public Builder retentionProfile(Duration v) { retentionProfile = v; return this; }
        public Builder retentionPermanent(Duration v) { retentionPermanent = v; return this; }
        public Builder expirySweepInterval(Duration v) { expirySweepInterval = v; return this; }
        public Builder corsAllowedOrigins(List<String> v) { corsAllowedOrigins = v; return this; }
        public Builder tlsKeystore(Optional<Path> v) { tlsKeystore = v; return this; }
        public Builder tlsKeystorePassword(String v) { tlsKeystorePassword = v; return this; }
        public Builder tlsKeystoreType(String v) { tlsKeystoreType = v; return this; }
        public Builder tlsCertificate(Optional<Path> v) { tlsCertificate = v; return this; }
        public Builder tlsPrivateKey(Optional<Path> v) { tlsPrivateKey = v; return this; }
        public Builder trustedProxies(List<String> v) { trustedProxies = v; return this; }
        public Builder mmmsgEnabled(boolean v) { mmmsgEnabled = v; return this; }
        public Builder mmmsgPath(String v) { mmmsgPath = v; return this; }
        public Builder mmmsgPutValidity(Duration v) { mmmsgPutValidity = v; return this; }
        public Builder mmmsgRequestsPerMinute(int v) { mmmsgRequestsPerMinute = v; return this; }
        public Builder metricsEnabled(boolean v) { metricsEnabled = v; return this; }
        public Builder metricsBind(String v) { metricsBind = v; return this; }
        public Builder metricsPort(int v) { metricsPort = v; return this; }

        public UploadConfig build() {
            return new UploadConfig(bindAddress, port, publicUrl, basePath, idleTimeout, maxRequestHeaderBytes, maxUriLength,
                    maxThreads, dataDir, fsync, jdbcUrl, jdbcUser, jdbcPassword, maxFileSize, allowedContentTypes,
                    deniedContentTypes, userDailyBytes, userTotalBytes, globalBytes, putValidity, secretFile, adminToken,
                    inlineAlgorithms, backgroundAlgorithms, hashingThreads, retentionMessage, retentionProfile,
                    retentionPermanent, expirySweepInterval, corsAllowedOrigins, tlsKeystore, tlsKeystorePassword,
                    tlsKeystoreType, tlsCertificate, tlsPrivateKey, trustedProxies, mmmsgEnabled, mmmsgPath, mmmsgPutValidity, mmmsgRequestsPerMinute,
                    metricsEnabled, metricsBind, metricsPort);
        }
    }
}
