package org.xmppsfs.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xmppsfs.model.hash.HashAlgorithm;

/** The one configuration record: defaults, string parsing by key, validation messages. */
class UploadConfigTest {

    private static final Path DATA = Path.of("/var/lib/xmpp-sfs");
    private static final URI PUBLIC = URI.create("https://upload.example.org/files");

    @Test
    void defaultsAreValidOnceTheRequiredOptionsAreSet() {
        assertEquals(List.of(), UploadConfig.defaults(DATA, PUBLIC).validate());
        List<String> missing = UploadConfig.builder().build().validate();
        assertTrue(missing.stream().anyMatch(m -> m.startsWith("http.public-url: required")), missing.toString());
        assertTrue(missing.stream().anyMatch(m -> m.startsWith("storage.data-dir: required")), missing.toString());
        assertEquals(2, missing.size(), missing.toString());
    }

    @Test
    void everyDocumentedDefaultParsesToTheBuildersDefault() {
        UploadConfig.Builder fromStrings = UploadConfig.builder().dataDir(DATA).publicUrl(PUBLIC);
        for (UploadConfig.Key k : UploadConfig.KEYS) {
            if (!k.defaultValue().startsWith("(") && !k.defaultValue().startsWith("{")) {
                fromStrings.set(k.name(), k.defaultValue());
            }
        }
        assertEquals(UploadConfig.defaults(DATA, PUBLIC), fromStrings.build());
    }

    @Test
    void configMarkdownListsEveryKeyWithItsDefault() throws Exception {
        String doc = java.nio.file.Files.readString(Path.of("CONFIG.md"));
        assertTrue(doc.contains(UploadConfig.markdownTable()), "CONFIG.md is out of date: regenerate its table from UploadConfig.markdownTable()");
    }

    @Test
    void keysAreUniqueDottedNames() {
        List<String> names = UploadConfig.KEYS.stream().map(UploadConfig.Key::name).toList();
        assertEquals(names.size(), Set.copyOf(names).size());
        names.forEach(n -> assertTrue(n.matches("[a-z]+\\.[a-z-]+"), n));
    }

    @Test
    void setParsesSizesDurationsListsAndAlgorithms() {
        UploadConfig c = UploadConfig.builder().dataDir(DATA).publicUrl(PUBLIC)
                .set("limits.max-file-size", "2GiB")
                .set("quota.user-daily-bytes", "512k")
                .set("slots.put-validity", "PT10M")
                .set("retention.message", "7d")
                .set("cors.allowed-origins", "https://a.example, https://b.example")
                .set("hashing.background-algorithms", "id-blake2b256, sha3-512")
                .set("mmmsg.enabled", "yes")
                .set("http.public-url", "https://files.example.org/")
                .build();
        assertEquals(2L << 30, c.maxFileSize());
        assertEquals(512 * 1024, c.userDailyBytes());
        assertEquals(Duration.ofMinutes(10), c.putValidity());
        assertEquals(Duration.ofDays(7), c.retentionMessage());
        assertEquals(List.of("https://a.example", "https://b.example"), c.corsAllowedOrigins());
        assertEquals(Set.of(HashAlgorithm.BLAKE2B_256, HashAlgorithm.SHA3_512), c.backgroundAlgorithms());
        assertTrue(c.mmmsgEnabled());
        assertEquals("", c.effectiveBasePath());
        assertEquals("/files", UploadConfig.defaults(DATA, PUBLIC).effectiveBasePath());
        assertEquals(List.of(), c.validate());
    }

    @Test
    void badStringsAndUnknownKeysNameTheKey() {
        UploadConfig.Builder b = UploadConfig.builder();
        assertEquals("http.port: not an integer: 'eighty'",
                assertThrows(IllegalArgumentException.class, () -> b.set("http.port", "eighty")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.set("hashing.inline-algorithms", "md5"))
                .getMessage().startsWith("hashing.inline-algorithms: unsupported hash algorithm 'md5'"));
        assertEquals("http.nope: unknown configuration key",
                assertThrows(IllegalArgumentException.class, () -> b.set("http.nope", "1")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.set("retention.message", "soon"))
                .getMessage().startsWith("retention.message: not a duration"));
    }

    @Test
    void validateReportsEveryBadFieldOnce() {
        List<String> errors = UploadConfig.defaults(DATA, PUBLIC).toBuilder()
                .port(70000).publicUrl(URI.create("ftp://x/y")).maxFileSize(-1).userTotalBytes(-2)
                .putValidity(Duration.ZERO).inlineAlgorithms(Set.of(HashAlgorithm.SHA3_256))
                .allowedContentTypes(List.of("images")).corsAllowedOrigins(List.of("example.org"))
                .trustedProxies(List.of("proxy.local")).mmmsgPath("mmmsg").build().validate();
        assertTrue(errors.contains("http.port: must be 0..65535, got 70000"), errors.toString());
        for (String key : List.of("http.public-url", "limits.max-file-size", "quota.user-total-bytes", "slots.put-validity",
                "hashing.inline-algorithms", "limits.allowed-content-types", "cors.allowed-origins", "proxy.trusted", "mmmsg.path")) {
            assertEquals(1, errors.stream().filter(e -> e.startsWith(key + ":")).count(), key + " in " + errors);
        }
        assertEquals(10, errors.size(), errors.toString());
    }
}
