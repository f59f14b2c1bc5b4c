package org.xmppsfs.component.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmppsfs.component.cli.Main;

/** {@code check-config}: every problem printed, exit 1; a good configuration exits 0; flags override the file. */
class CheckConfigTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = Main.execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
    }

    @Test
    void printsEveryProblem() throws Exception {
        Path file = dir.resolve("bad.conf");
        Files.writeString(file, "xmpp.port = 99999\nhttp.port = x\n");
        Run r = run("check-config", "--config", file.toString());
        assertEquals(Main.EXIT_CONFIG, r.exit());
        for (String expected : new String[] {"xmpp.port", "99999", "http.port", "xmpp.domain is required", "xmpp.secret is required",
                "storage.data-dir", "http.public-url"}) {
            assertTrue(r.err().contains(expected), expected + " in:\n" + r.err());
        }
    }

    @Test
    void flagsAloneSufficeAndOverrideTheFile() throws Exception {
        Path file = dir.resolve("ok.conf");
        Files.writeString(file, "xmpp.domain = upload.example.org\nxmpp.secret = s\nxmpp.port = 1234\n");
        Run r = run("check-config", "--config", file.toString(), "--xmpp-port", "5347", "--public-url", "https://files.example.org/u",
                "--data-dir", dir.resolve("data").toString(), "--http-port", "8080", "--max-file-size", "10M");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("upload.example.org -> 127.0.0.1:5347"), r.out());
        assertTrue(r.out().contains("HTTP port 8080"), r.out());
    }

    @Test
    void unknownFlagIsAUsageError() {
        assertEquals(Main.EXIT_USAGE, run("check-config", "--no-such-flag").exit());
    }
}
