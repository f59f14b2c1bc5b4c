package org.xmppsfs.openfire;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The jars the build produces before the integration tests run (their paths come from the build). */
final class BuiltJars {

    private BuiltJars() {
    }

    /** The Openfire plugin, as users install it. */
    static Path plugin() {
        return existing("xmppsfs.openfire.pluginJar", "target/xmpp-sfs-openfire.jar");
    }

    /** The stand-alone service (the component module's executable jar). */
    static Path standalone() {
        return existing("xmppsfs.standaloneJar", "target/standalone/xmpp-sfs-standalone.jar");
    }

    private static Path existing(String property, String fallback) {
        Path jar = Path.of(System.getProperty(property, fallback));
        assertTrue(Files.isRegularFile(jar), "built before the integration tests run: " + jar);
        return jar;
    }
}
