package org.xmppsfs.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The plugin jar as Openfire expects it: {@code plugin.xml} at the root, the classpath in {@code lib/}, and nothing
 * that would clash with the server's own libraries (Openfire's plugin class loader asks the server first).
 */
class PluginJarLayoutIT {

    private static final String VERSION = System.getProperty("xmppsfs.projectVersion");

    /** Packages Openfire provides and the plugin must share with it, or that have no business inside Openfire. */
    private static final List<String> NOT_BUNDLED = List.of(
            "org/xmpp/", "org/dom4j/", "org/slf4j/", "org/jivesoftware/", "ch/qos/logback/", "picocli/",
            "org/eclipse/jetty/", "org/bouncycastle/", "org/xmppsfs/component/cli/");

    @Test
    void pluginXmlNamesTheClassTheVersionAndTheMinimumServerAndJava() throws Exception {
        try (JarFile plugin = new JarFile(BuiltJars.plugin().toFile())) {
            ZipEntry descriptor = plugin.getEntry("plugin.xml");
            assertTrue(descriptor != null, "plugin.xml at the root");
            Document xml;
            try (InputStream in = plugin.getInputStream(descriptor)) {
                // The JDK's own parser: Openfire's class path carries an old Xerces that would be picked otherwise.
                xml = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().parse(in);
            }
            assertEquals("org.xmppsfs.openfire.SfsPlugin", text(xml, "class"));
            assertEquals("xmpp-sfs", text(xml, "name"));
            assertEquals(VERSION, text(xml, "version"), "the project version, filled in at build time");
            assertEquals("4.2.0", text(xml, "minServerVersion"));
            assertEquals("17", text(xml, "minJavaVersion"), "releases newer than 4.2 refuse older Javas cleanly");
        }
    }

    @Test
    void libHoldsOurRelocatedLibraryAndH2AndNothingOpenfireProvides() throws Exception {
        List<String> libraries = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        try (JarFile plugin = new JarFile(BuiltJars.plugin().toFile())) {
            for (ZipEntry entry : plugin.stream().toList()) {
                if (entry.getName().startsWith("lib/") && entry.getName().endsWith(".jar")) {
                    libraries.add(entry.getName());
                    classes.addAll(classNames(plugin.getInputStream(entry)));
                }
            }
        }
        assertEquals(2, libraries.size(), libraries::toString);
        assertTrue(libraries.contains("lib/xmpp-sfs-" + VERSION + ".jar"), libraries::toString);
        assertTrue(libraries.stream().anyMatch(name -> name.matches("lib/h2-[0-9.]+\\.jar")), libraries::toString);

        assertTrue(classes.contains("org/xmppsfs/openfire/SfsPlugin.class"));
        assertTrue(classes.contains("org/xmppsfs/component/UploadComponent.class"));
        assertTrue(classes.contains("org/xmppsfs/upload/UploadServer.class"));
        assertTrue(classes.contains("org/xmppsfs/openfire/shaded/jetty/server/Server.class"), "Jetty 12, relocated");
        assertTrue(classes.contains("org/xmppsfs/openfire/shaded/bouncycastle/crypto/digests/Blake2bDigest.class"),
                "BouncyCastle, relocated");
        List<String> clashing = classes.stream()
                .filter(name -> NOT_BUNDLED.stream().anyMatch(name::startsWith))
                .toList();
        assertEquals(List.of(), clashing.stream().limit(20).toList());
    }

    private static List<String> classNames(InputStream nestedJar) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(nestedJar)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().endsWith(".class")) {
                    names.add(entry.getName());
                }
            }
        }
        return names;
    }

    private static String text(Document xml, String element) {
        return xml.getElementsByTagName(element).item(0).getTextContent().trim();
    }
}
