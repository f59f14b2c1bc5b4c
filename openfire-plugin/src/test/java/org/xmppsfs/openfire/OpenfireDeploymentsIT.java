package org.xmppsfs.openfire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.container.Plugin;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.httpfileupload.element.FileTooLargeError;
import org.jivesoftware.smackx.httpfileupload.element.SlotRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Both ways of running the service, on one real Openfire 4.2.0, each checked with a real Smack client running the
 * XEP-0363 flow:
 * <ol>
 *   <li>the plugin jar, exactly as built for users: Openfire loads it, the client discovers the service and uploads
 *       through it, Openfire unloads it (nothing of it keeps running) and loads it again, and files uploaded before
 *       the reload are still served; a newer jar replaces the running plugin in place; bad properties keep it
 *       from starting, with every problem named;</li>
 *   <li>then the stand-alone service (the component module's command line, {@code run}), connected to the same
 *       Openfire's XEP-0114 component port as an external component. It runs as its own process, as it is deployed:
 *       it brings its own Tinder and Whack, which must not meet Openfire's older Tinder in one class path.</li>
 * </ol>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenfireDeploymentsIT {

    static final String PLUGIN = "xmpp-sfs";
    static final String COMPONENT = "upload." + EmbeddedOpenfire.DOMAIN;
    static final String STANDALONE_COMPONENT = "files." + EmbeddedOpenfire.DOMAIN;
    private static final long STANDALONE_START_SECONDS = 60;
    static final long MAX_FILE_SIZE = 10L * 1024 * 1024;

    @TempDir
    static Path home;
    @TempDir
    Path work;

    private static EmbeddedOpenfire openfire;
    private static int httpPort;
    private Process standalone;
    private Path standaloneLog;

    @BeforeAll
    static void boot() throws Exception {
        OpenfireDataFiles dataFiles = OpenfireDataFiles.requireOrSkip();
        httpPort = EmbeddedOpenfire.freeLoopbackPort();
        openfire = EmbeddedOpenfire.boot(dataFiles, home);
        // The plugin's settings are Openfire system properties, set before the plugin is loaded.
        Map.of("xmpp-sfs.http.bind", EmbeddedOpenfire.LOOPBACK,
                "xmpp-sfs.http.port", Integer.toString(httpPort),
                "xmpp-sfs.http.public-url", "http://" + EmbeddedOpenfire.LOOPBACK + ":" + httpPort + "/files",
                "xmpp-sfs.limits.max-file-size", Long.toString(MAX_FILE_SIZE))
                .forEach(openfire::setProperty);
        openfire.createUser("alice", "alice-password");
        openfire.createUser("bob", "bob-password");
    }

    @AfterAll
    static void stop() {
        if (openfire != null) {
            openfire.close();
        }
    }

    @AfterEach
    void removePluginAndStandalone() throws InterruptedException, IOException {
        // Each test starts without the plugin, whatever the previous one left behind.
        if (openfire != null && openfire.plugins().isInstalled(PLUGIN)) {
            openfire.deletePlugin(PLUGIN);
        }
        if (standalone != null) {
            standalone.destroy();
            if (!standalone.waitFor(30, TimeUnit.SECONDS)) {
                standalone.destroyForcibly();
            }
            // Into this test class's output file, for whoever reads a failure.
            System.out.println("---- stand-alone service output ----\n" + standaloneLog());
        }
    }

    @Test
    @Order(1)
    void thePluginLoadsServesUnloadsAndLoadsAgainWithoutRestartingOpenfire() throws Exception {
        Plugin first;
        try (EmbeddedOpenfire.ComponentWatch component = openfire.watchComponent(COMPONENT)) {
            first = openfire.installPlugin(PLUGIN, BuiltJars.plugin());
            component.awaitDiscoverable();
        }
        ClassLoader firstLoader = first.getClass().getClassLoader();
        assertEquals("org.xmppsfs.openfire.SfsPlugin", first.getClass().getName());
        assertNotSame(XMPPServer.class.getClassLoader(), firstLoader, "the plugin must come from its jar, not the classpath");
        assertOwnJettyIsIsolatedFromOpenfires(firstLoader);

        byte[] firstContent = UploadRoundTrip.randomContent(1, 300_000);
        UploadRoundTrip.Uploaded firstUpload;
        XMPPTCPConnection alice = XmppClients.connect(openfire, "alice", "alice-password");
        try {
            firstUpload = UploadRoundTrip.run(alice, "first file.bin", firstContent);
            assertEquals(COMPONENT, firstUpload.serviceAddress());
            assertEquals(MAX_FILE_SIZE, firstUpload.advertisedMaxFileSize(), "XEP-0363 max-file-size from xmpp-sfs.limits.max-file-size");
            assertTrue(firstUpload.getUrl().toString().startsWith("http://127.0.0.1:" + httpPort + "/files/"));
        } finally {
            alice.instantShutdown();
        }
        assertTrue(Files.isDirectory(home.resolve("xmpp-sfs")), "default storage.data-dir is OPENFIRE_HOME/xmpp-sfs");

        assertFalse(PluginThreads.of(firstLoader).isEmpty(), "the running plugin's threads are recognisable");
        try (EmbeddedOpenfire.ComponentWatch component = openfire.watchComponent(COMPONENT)) {
            openfire.deletePlugin(PLUGIN);
            component.awaitUnregistered();
        }
        assertFalse(openfire.plugins().isLoaded(PLUGIN));
        assertThrows(ConnectException.class, () -> new Socket(InetAddress.getByName(EmbeddedOpenfire.LOOPBACK), httpPort).close(),
                "the HTTP server must be stopped with the plugin");
        assertEquals(List.of(), PluginThreads.stillRunning(firstLoader), "threads the plugin started must end with it");
        alice = XmppClients.connect(openfire, "alice", "alice-password");
        try {
            assertFalse(componentListed(alice), "the component must be unregistered with the plugin");
        } finally {
            alice.instantShutdown();
        }

        Plugin second;
        try (EmbeddedOpenfire.ComponentWatch component = openfire.watchComponent(COMPONENT)) {
            second = openfire.installPlugin(PLUGIN, BuiltJars.plugin());
            component.awaitDiscoverable();
        }
        assertNotSame(firstLoader, second.getClass().getClassLoader(), "a reload gets a fresh class loader");
        alice = XmppClients.connect(openfire, "alice", "alice-password");
        try {
            byte[] secondContent = UploadRoundTrip.randomContent(2, 123_457);
            UploadRoundTrip.Uploaded secondUpload = UploadRoundTrip.run(alice, "second.bin", secondContent);
            assertEquals(COMPONENT, secondUpload.serviceAddress());
            assertArrayEquals(firstUpload.sha256(), UploadRoundTrip.sha256(UploadRoundTrip.download(firstUpload.getUrl())),
                    "files stored before the reload are still served");
        } finally {
            alice.instantShutdown();
        }
    }

    @Test
    @Order(2)
    void uploadingANewerJarOverTheRunningPluginRestartsItInPlace() throws Exception {
        Plugin running;
        try (EmbeddedOpenfire.ComponentWatch component = openfire.watchComponent(COMPONENT)) {
            running = openfire.installPlugin(PLUGIN, BuiltJars.plugin());
            component.awaitDiscoverable();
        }
        ClassLoader oldLoader = running.getClass().getClassLoader();

        // The admin console's upgrade: the jar is replaced while the plugin runs; in one scan Openfire destroys the
        // old plugin and loads the new one, which binds the HTTP port the old one has just released.
        Plugin upgraded;
        try (EmbeddedOpenfire.ComponentWatch component = openfire.watchComponent(COMPONENT)) {
            upgraded = openfire.installPlugin(PLUGIN, BuiltJars.plugin());
            component.awaitDiscoverable();
        }
        assertNotSame(oldLoader, upgraded.getClass().getClassLoader(), "the new jar runs in a new class loader");
        assertEquals(List.of(), PluginThreads.stillRunning(oldLoader), "nothing of the old plugin keeps running");
        XMPPTCPConnection alice = XmppClients.connect(openfire, "alice", "alice-password");
        try {
            UploadRoundTrip.run(alice, "after-upgrade.bin", UploadRoundTrip.randomContent(5, 70_000));
            assertOversizedRequestIsRefusedWithTheLimit(alice);
        } finally {
            alice.instantShutdown();
        }
    }

    /**
     * XEP-0363 §Error conditions: a file over the limit gets {@code not-acceptable} with {@code <file-too-large>}
     * naming the limit. The error element is built with Tinder, here Openfire's Tinder 1.3. (The request is sent
     * raw: Smack's upload manager would refuse it before sending.)
     */
    private static void assertOversizedRequestIsRefusedWithTheLimit(XMPPTCPConnection client) throws Exception {
        SlotRequest tooLarge = new SlotRequest(JidCreate.domainBareFrom(COMPONENT), "huge.iso", MAX_FILE_SIZE + 1,
                "application/octet-stream");
        XMPPErrorException refused = assertThrows(XMPPErrorException.class,
                () -> client.createStanzaCollectorAndSend(tooLarge).nextResultOrThrow());
        assertEquals(StanzaError.Condition.not_acceptable, refused.getStanzaError().getCondition());
        FileTooLargeError limit = refused.getStanzaError().getExtension(FileTooLargeError.ELEMENT, FileTooLargeError.NAMESPACE);
        assertEquals(MAX_FILE_SIZE, limit.getMaxFileSize());
    }

    @Test
    @Order(3)
    void invalidPropertiesKeepThePluginFromStartingUntilTheyAreFixed() throws Exception {
        openfire.setProperty("xmpp-sfs.limits.max-file-size", "a lot");
        try {
            // Openfire logs the refusal, naming xmpp-sfs.limits.max-file-size and the bad value.
            openfire.install(PLUGIN, BuiltJars.plugin());
            assertThrows(ConnectException.class, () -> new Socket(InetAddress.getByName(EmbeddedOpenfire.LOOPBACK), httpPort).close(),
                    "no HTTP server runs");
            XMPPTCPConnection alice = XmppClients.connect(openfire, "alice", "alice-password");
            try {
                assertFalse(componentListed(alice), "no component is registered");
            } finally {
                alice.instantShutdown();
            }
            openfire.deletePlugin(PLUGIN);
        } finally {
            openfire.setProperty("xmpp-sfs.limits.max-file-size", Long.toString(MAX_FILE_SIZE));
        }

        try (EmbeddedOpenfire.ComponentWatch component = openfire.watchComponent(COMPONENT)) {
            openfire.installPlugin(PLUGIN, BuiltJars.plugin());
            component.awaitDiscoverable();
        }
        XMPPTCPConnection alice = XmppClients.connect(openfire, "alice", "alice-password");
        try {
            UploadRoundTrip.run(alice, "after-fix.txt", UploadRoundTrip.randomContent(4, 1_000));
        } finally {
            alice.instantShutdown();
        }
    }

    @Test
    @Order(4)
    void thenTheStandaloneServiceServesTheSameFlowThroughTheComponentPort() throws Exception {
        // The plugin is gone (see removePluginAndStandalone): the only upload service is the stand-alone one.
        int standaloneHttpPort = EmbeddedOpenfire.freeLoopbackPort();
        try (EmbeddedOpenfire.ComponentWatch component = openfire.watchComponent(STANDALONE_COMPONENT)) {
            startStandalone(List.of(
                    "--xmpp-host", EmbeddedOpenfire.LOOPBACK,
                    "--xmpp-port", Integer.toString(openfire.componentPort()),
                    "--domain", STANDALONE_COMPONENT,
                    "--secret", openfire.componentSecret(),
                    "--http-port", Integer.toString(standaloneHttpPort),
                    "--public-url", "http://" + EmbeddedOpenfire.LOOPBACK + ":" + standaloneHttpPort + "/",
                    "--data-dir", work.resolve("standalone-data").toString(),
                    "--set", "http.bind=" + EmbeddedOpenfire.LOOPBACK));
            // Either Openfire lists the component, or the process gave up (its log says why).
            CompletableFuture.anyOf(component.discoverable(), standalone.onExit()).get(STANDALONE_START_SECONDS, TimeUnit.SECONDS);
            if (!standalone.isAlive()) {
                fail("the stand-alone service exited with " + standalone.exitValue() + ":\n" + standaloneLog());
            }
        }

        XMPPTCPConnection bob = XmppClients.connect(openfire, "bob", "bob-password");
        try {
            byte[] content = UploadRoundTrip.randomContent(3, 200_001);
            UploadRoundTrip.Uploaded uploaded = UploadRoundTrip.run(bob, "report.pdf", content);
            assertEquals(STANDALONE_COMPONENT, uploaded.serviceAddress());
            assertTrue(uploaded.getUrl().toString().startsWith("http://127.0.0.1:" + standaloneHttpPort + "/"));
        } finally {
            bob.instantShutdown();
        }
    }

    private void startStandalone(List<String> runArguments) throws IOException {
        Path jar = BuiltJars.standalone();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString(), "run"));
        command.addAll(runArguments);
        standaloneLog = work.resolve("standalone.log");
        standalone = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(standaloneLog.toFile())
                .start();
    }

    private String standaloneLog() throws IOException {
        return Files.readString(standaloneLog, StandardCharsets.UTF_8);
    }

    /**
     * Openfire's plugin class loader asks the server's class loader first, and Openfire 4.2 ships Jetty 9.2: the
     * plugin's Jetty 12 is relocated so that both live side by side. Tinder and SLF4J, on the other hand, must be
     * the server's own.
     */
    private static void assertOwnJettyIsIsolatedFromOpenfires(ClassLoader pluginLoader) throws ClassNotFoundException {
        ClassLoader server = XMPPServer.class.getClassLoader();
        assertSame(server, pluginLoader.loadClass("org.xmpp.component.AbstractComponent").getClassLoader(), "Openfire's Tinder");
        assertSame(server, pluginLoader.loadClass("org.slf4j.LoggerFactory").getClassLoader(), "Openfire's SLF4J");
        assertSame(server, pluginLoader.loadClass("org.eclipse.jetty.server.Server").getClassLoader(),
                "Openfire's own Jetty stays Openfire's");
        assertSame(pluginLoader, pluginLoader.loadClass("org.xmppsfs.openfire.shaded.jetty.server.Server").getClassLoader(),
                "the plugin's Jetty 12 comes from the plugin jar");
        assertSame(pluginLoader, pluginLoader.loadClass("org.xmppsfs.openfire.shaded.bouncycastle.crypto.digests.Blake2bDigest")
                .getClassLoader(), "the plugin's BouncyCastle comes from the plugin jar");
    }

    private static boolean componentListed(XMPPTCPConnection client) throws Exception {
        return ServiceDiscoveryManager.getInstanceFor(client).discoverItems(JidCreate.domainBareFrom(EmbeddedOpenfire.DOMAIN))
                .getItems().stream().anyMatch(item -> item.getEntityID().toString().equals(COMPONENT));
    }
}
