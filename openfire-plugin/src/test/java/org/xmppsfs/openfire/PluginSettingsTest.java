package org.xmppsfs.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xmppsfs.component.config.ConfigKey;
import org.xmppsfs.component.config.ConfigLoader;
import org.xmppsfs.openfire.PluginSettings.InvalidSettingsException;
import org.xmppsfs.openfire.PluginSettings.PluginConfig;
import org.xmppsfs.upload.UploadConfig;

/** Openfire properties → the service's configuration record: same keys and defaults as the stand-alone file. */
class PluginSettingsTest {

    private static final PluginSettings.Host HOST =
            new PluginSettings.Host("example.org", "xmpp.example.org", Path.of("/var/lib/openfire"));

    @Test
    void withoutAnyPropertyTheDefaultsMakeAWorkingConfiguration() {
        PluginConfig config = PluginSettings.load(Map.of(), HOST);

        assertEquals("upload", config.subdomain());
        assertEquals("upload.example.org", config.service().domain());
        assertEquals(Set.of("example.org"), config.service().localDomains());
        UploadConfig upload = config.service().upload();
        assertEquals(Path.of("/var/lib/openfire/xmpp-sfs"), upload.dataDir(), "never the plugin directory, which Openfire deletes");
        assertEquals(URI.create("http://xmpp.example.org:5050/"), upload.publicUrl());
        assertEquals(UploadConfig.builder().dataDir(Path.of("x")).publicUrl(URI.create("http://x/")).build().maxFileSize(),
                upload.maxFileSize(), "the stand-alone default");
    }

    @Test
    void everyStandAloneKeyIsAnOpenfirePropertyWithThePrefix() {
        PluginConfig config = PluginSettings.load(Map.of(
                "xmpp-sfs.subdomain", "files",
                "xmpp-sfs.http.port", "8443",
                "xmpp-sfs.http.public-url", "https://files.example.org/share",
                "xmpp-sfs.limits.max-file-size", "2GiB",
                "xmpp-sfs.storage.data-dir", "/srv/files",
                "xmpp-sfs.mirror.enabled", "false",
                "xmpp-sfs.access.allow-domains", "partner.example",
                "xmpp-sfs.ratelimit.slot-requests-per-minute", "7"), HOST);

        assertEquals("files", config.subdomain());
        assertEquals("files.example.org", config.service().domain());
        UploadConfig upload = config.service().upload();
        assertEquals(8443, upload.port());
        assertEquals(URI.create("https://files.example.org/share"), upload.publicUrl());
        assertEquals(2L * 1024 * 1024 * 1024, upload.maxFileSize(), "sizes over 2 GiB are longs");
        assertEquals(Path.of("/srv/files"), upload.dataDir());
        assertFalse(config.service().mirrorEnabled());
        assertEquals(Set.of("partner.example"), config.service().allowDomains());
        assertEquals(7, config.service().slotRequestsPerMinute());
    }

    @Test
    void theDefaultPublicUrlFollowsTheConfiguredPort() {
        PluginConfig config = PluginSettings.load(Map.of("xmpp-sfs.http.port", "7070"), HOST);

        assertEquals(URI.create("http://xmpp.example.org:7070/"), config.service().upload().publicUrl());
    }

    @Test
    void propertiesOfOtherPluginsAreIgnored() {
        PluginConfig config = PluginSettings.load(Map.of("xmpp.domain", "example.org", "plugin.other.port", "1"), HOST);

        assertEquals("upload.example.org", config.service().domain());
    }

    @Test
    void everyBadPropertyIsReportedByItsOpenfireName() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> PluginSettings.load(Map.of(
                "xmpp-sfs.http.port", "70000",
                "xmpp-sfs.limits.max-file-size", "lots",
                "xmpp-sfs.http.prot", "80",
                "xmpp-sfs.xmpp.secret", "s3cret",
                "xmpp-sfs.subdomain", "up load"), HOST));

        List<String> problems = e.problems();
        assertEquals(5, problems.size(), () -> String.join("\n", problems));
        assertContains(problems, "xmpp-sfs.http.port");
        assertContains(problems, "70000");
        assertContains(problems, "xmpp-sfs.limits.max-file-size");
        assertContains(problems, "xmpp-sfs.http.prot: unknown property (did you mean 'xmpp-sfs.http.port'?)");
        assertContains(problems, "xmpp-sfs.xmpp.secret: not used inside Openfire");
        assertContains(problems, "xmpp-sfs.subdomain: 'up load' is not a DNS label");
        assertTrue(e.getMessage().startsWith("xmpp-sfs: invalid Openfire properties:"));
    }

    @Test
    void aPortChosenAtStartNeedsAnExplicitPublicUrl() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> PluginSettings.load(Map.of("xmpp-sfs.http.port", "0"), HOST));

        assertContains(e.problems(), "xmpp-sfs.http.public-url: required when xmpp-sfs.http.port is 0");
    }

    @Test
    void theKeyListIsTheStandAloneListWithoutTheConnectionKeysPlusTheSubdomain() {
        List<String> keys = PluginSettings.keys().stream().map(ConfigKey::name).toList();
        List<String> standAlone = ConfigLoader.allKeys().stream().map(ConfigKey::name).toList();

        assertEquals("subdomain", keys.get(0));
        assertEquals(standAlone.size() - PluginSettings.NOT_USED_INSIDE_OPENFIRE.size() + 1, keys.size());
        for (String key : standAlone) {
            assertEquals(!PluginSettings.NOT_USED_INSIDE_OPENFIRE.contains(key), keys.contains(key), key);
        }
    }

    private static void assertContains(List<String> problems, String fragment) {
        assertTrue(problems.stream().anyMatch(p -> p.contains(fragment)),
                () -> "no problem mentions '" + fragment + "' in:\n" + String.join("\n", problems));
    }
}
