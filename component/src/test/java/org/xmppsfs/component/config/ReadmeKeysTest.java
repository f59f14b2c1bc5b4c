package org.xmppsfs.component.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** README.md documents every configuration key with its default: a key added without a row fails here. */
class ReadmeKeysTest {

    @Test
    void everyKeyHasARowInTheReadme() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);

        List<String> undocumented = ConfigLoader.allKeys().stream()
                .map(ConfigKey::name)
                .filter(key -> !readme.contains("| `" + key + "` |"))
                .toList();

        assertEquals(List.of(), undocumented, "add these keys to the configuration tables of README.md");
    }
}
