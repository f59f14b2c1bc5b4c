package org.xmppsfs.component.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private Path file(String... lines) throws Exception {
        Path f = dir.resolve("xmpp-sfs.conf");
        Files.writeString(f, String.join("\n", lines) + "\n");
        return f;
    }

    private static Map<String, ConfigLoader.Setting> flags(String... kv) {
        java.util.LinkedHashMap<String, ConfigLoader.Setting> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], new ConfigLoader.Setting(kv[i + 1], "flag test"));
        }
        return m;
    }

    @Test
    void fileEnvironmentAndFlagsInThatOrderOfPrecedence() throws Exception {
        Path f = file("# comment", "xmpp.domain = upload.example.org", "xmpp.secret = \"from file\"", "xmpp.port = 1111",
                "xmpp.host = file.example", "http.public-url = https://files.example.org/u",
                "storage.data-dir = " + dir.resolve("data"), "mirror.read-timeout = 5s");
        Map<String, String> env = Map.of("XMPP_SFS_XMPP_PORT", "2222", "XMPP_SFS_XMPP_HOST", "env.example",
                "XMPP_SFS_LIMITS_MAX_FILE_SIZE", "10M", "PATH", "/bin");
        ConfigLoader.Result r = new ConfigLoader().load(Optional.of(f), env, flags("xmpp.host", "flag.example"));
        assertEquals(List.of(), r.problems());
        ServiceConfig c = r.orThrow();
        assertEquals("upload.example.org", c.domain());
        assertEquals("from file", c.secret());
        assertEquals(2222, c.xmppPort(), "env beats file");
        assertEquals("flag.example", c.xmppHost(), "flag beats env and file");
        assertEquals(10L * 1024 * 1024, c.upload().maxFileSize());
        assertEquals(Duration.ofSeconds(5), c.mirror().readTimeout());
        assertEquals(Set.of("example.org"), c.localDomains(), "default: parent of xmpp.domain");
        assertEquals(5347, new ConfigLoader().load(Optional.empty(), Map.of(), flags("xmpp.domain", "u.x.org",
                "xmpp.secret", "s", "http.public-url", "http://127.0.0.1:1/", "storage.data-dir", "/tmp/x")).orThrow().xmppPort());
    }

    @Test
    void everyProblemIsReportedOnceWithItsOrigin() throws Exception {
        Path f = file("xmpp.port = seventy", "xmpp.hots = x", "no equals sign here", "mirror.max-redirects = 99",
                "limits.max-file-size = lots", "muc.rooms = not-a-jid");
        ConfigLoader.Result r = new ConfigLoader().load(Optional.of(f), Map.of("XMPP_SFS_NOPE", "1"), Map.of());
        List<String> p = r.problems();
        assertTrue(r.config().isEmpty());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("xmpp.port (from file") && s.contains("line 1") && s.contains("seventy")), p::toString);
        assertTrue(p.stream().anyMatch(s -> s.contains("unknown key 'xmpp.hots'") && s.contains("did you mean 'xmpp.host'")), p::toString);
        assertTrue(p.stream().anyMatch(s -> s.contains("line 3") && s.contains("key = value")), p::toString);
        assertTrue(p.stream().anyMatch(s -> s.startsWith("mirror.max-redirects") && s.contains("99")), p::toString);
        assertTrue(p.stream().anyMatch(s -> s.startsWith("limits.max-file-size") && s.contains("lots")), p::toString);
        assertTrue(p.stream().anyMatch(s -> s.startsWith("muc.rooms")), p::toString);
        assertTrue(p.stream().anyMatch(s -> s.contains("XMPP_SFS_NOPE")), p::toString);
        assertTrue(p.stream().anyMatch(s -> s.startsWith("xmpp.domain is required")), p::toString);
        assertTrue(p.stream().anyMatch(s -> s.startsWith("xmpp.secret is required")), p::toString);
        assertTrue(p.stream().anyMatch(s -> s.startsWith("http.public-url")), p::toString);
        assertEquals(1, p.stream().filter(s -> s.startsWith("limits.max-file-size")).count(), p::toString);
    }

    @Test
    void everyKeyHasAnEnvironmentName() {
        for (ConfigKey k : ConfigLoader.allKeys()) {
            assertTrue(k.envName().matches("XMPP_SFS_[A-Z0-9_]+"), k.envName());
        }
        assertEquals("XMPP_SFS_RATELIMIT_SLOT_REQUESTS_PER_MINUTE",
                ConfigKey.envName("ratelimit.slot-requests-per-minute"));
    }

    @Test
    void parentDomain() {
        assertEquals("example.org", ServiceConfig.parentDomain("upload.example.org"));
        assertEquals("localhost", ServiceConfig.parentDomain("upload.localhost"));
    }
}
