package org.xmppsfs.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xmppsfs.component.config.ConfigKey;

/** The property table in this module's README lists every property the plugin reads. */
class PluginReadmeTest {

    @Test
    void everyPropertyIsDocumented() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);

        List<String> undocumented = PluginSettings.keys().stream()
                .map(ConfigKey::name)
                .map(key -> "| `" + PluginSettings.PREFIX + key + "` |")
                .filter(row -> !readme.contains(row))
                .toList();

        assertEquals(List.of(), undocumented, "add these rows to openfire-plugin/README.md");
    }
}
