package org.xmppsfs.tests.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Creates harness servers under {@code target/e2e} (a path the servers' system users can traverse). */
public final class Servers {
    private Servers() {}

    public static Path root() throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("e2e.dir", "target/e2e")).toAbsolutePath());
    }

    public static XmppServer create(String name) throws IOException {
        return switch (name) {
            case "prosody" -> new ProsodyServer(root());
            case "ejabberd" -> new EjabberdServer(root());
            default -> throw new IllegalArgumentException("unknown server " + name);
        };
    }
}
