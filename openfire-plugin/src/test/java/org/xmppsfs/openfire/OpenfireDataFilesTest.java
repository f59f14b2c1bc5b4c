package org.xmppsfs.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the tests on Openfire find Openfire's data files, and when they skip instead. */
class OpenfireDataFilesTest {

    @TempDir
    Path root;

    @Test
    void withoutDataFilesTheTestsSkipAndSayHowToEnableThem() throws IOException {
        Path moduleDir = Files.createDirectories(root.resolve("checkout/openfire-plugin"));

        assertEquals(Optional.empty(), OpenfireDataFiles.locate(Optional.empty(), moduleDir));
        assertEquals(Optional.empty(), OpenfireDataFiles.locate(Optional.of(root.toString()), moduleDir));
        assertTrue(OpenfireDataFiles.HOW_TO_ENABLE.contains("set OPENFIRE_HOME"));
        assertTrue(OpenfireDataFiles.HOW_TO_ENABLE.contains(OpenfireDataFiles.SCHEMA));
    }

    @Test
    void openfireHomeComesFirst() throws IOException {
        Path moduleDir = Files.createDirectories(root.resolve("checkout/openfire-plugin"));
        Path home = dataFilesIn(root.resolve("openfire"));
        dataFilesIn(root.resolve("shared/openfire-4.2.0"));

        assertEquals(Optional.of(new OpenfireDataFiles(home)), OpenfireDataFiles.locate(Optional.of(home.toString()), moduleDir));
    }

    @Test
    void otherwiseTheSharedDirectoryBesideTheCheckout() throws IOException {
        Path moduleDir = Files.createDirectories(root.resolve("checkout/openfire-plugin"));
        Path shared = dataFilesIn(root.resolve("shared/openfire-4.2.0"));
        Path incompleteHome = Files.createDirectories(root.resolve("openfire/resources/database"));

        assertEquals(Optional.of(new OpenfireDataFiles(shared)),
                OpenfireDataFiles.locate(Optional.of(incompleteHome.getParent().getParent().toString()), moduleDir));
    }

    @Test
    void theFilesAreCopiedIntoAFreshHome() throws IOException {
        OpenfireDataFiles files = new OpenfireDataFiles(dataFilesIn(root.resolve("source")));
        Path home = root.resolve("home");

        files.copyInto(home);

        assertEquals("schema", Files.readString(home.resolve(OpenfireDataFiles.SCHEMA)));
        for (String store : OpenfireDataFiles.KEY_STORES) {
            assertTrue(Files.isRegularFile(home.resolve(store)), store);
        }
    }

    private static Path dataFilesIn(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("resources/database"));
        Files.writeString(dir.resolve(OpenfireDataFiles.SCHEMA), "schema");
        Files.createDirectories(dir.resolve("resources/security"));
        for (String store : OpenfireDataFiles.KEY_STORES) {
            Files.writeString(dir.resolve(store), "store");
        }
        return dir;
    }
}
