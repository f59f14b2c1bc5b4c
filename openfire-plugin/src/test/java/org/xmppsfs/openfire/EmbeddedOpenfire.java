package org.xmppsfs.openfire;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.component.ComponentEventListener;
import org.jivesoftware.openfire.component.InternalComponentManager;
import org.jivesoftware.openfire.container.Plugin;
import org.jivesoftware.openfire.container.PluginManager;
import org.jivesoftware.openfire.user.UserManager;
import org.jivesoftware.util.JiveGlobals;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/**
 * A real Openfire 4.2.0 server running in this JVM, on loopback, with a throw-away home directory, an embedded
 * HSQLDB database, plain-text client connections and the XEP-0114 component port (default secret, any subdomain).
 *
 * <p>Openfire keeps its server in a static field, so there can be one per JVM: the build forks a fresh JVM for
 * every test class. The server is configured entirely through {@code conf/openfire.xml}: its {@code <autosetup>}
 * block replaces the web setup wizard, and every other XML property is copied into the database on that first
 * boot, which is how the ports and policies below reach the running server. Federation, BOSH, the admin console, the
 * file transfer proxy and the update check are off: nothing listens beyond loopback and nothing calls out.
 */
final class EmbeddedOpenfire implements AutoCloseable {

    static final String DOMAIN = "localhost";
    static final String LOOPBACK = "127.0.0.1";
    private static final long LISTEN_WAIT_SECONDS = 60;

    private final Path home;
    private final int clientPort;
    private final int componentPort;
    private final String componentSecret;
    private final XMPPServer server;

    private EmbeddedOpenfire(Path home, int clientPort, int componentPort, String componentSecret, XMPPServer server) {
        this.home = home;
        this.clientPort = clientPort;
        this.componentPort = componentPort;
        this.componentSecret = componentSecret;
        this.server = server;
    }

    /** Boots Openfire in {@code home} (an empty directory). */
    static EmbeddedOpenfire boot(OpenfireDataFiles dataFiles, Path home) throws IOException {
        dataFiles.copyInto(home);
        Files.createDirectories(home.resolve("plugins/admin"));
        // Openfire's plugin monitor expects the admin console plugin to exist; its plugin.xml is enough.
        Files.writeString(home.resolve("plugins/admin/plugin.xml"),
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plugin>\n"
                        + "  <class>org.jivesoftware.openfire.container.AdminConsolePlugin</class>\n"
                        + "  <name>Admin Console</name>\n</plugin>\n",
                StandardCharsets.UTF_8);

        int clientPort = freeLoopbackPort();
        int componentPort = freeLoopbackPort();
        String componentSecret = "component-secret-" + Long.toHexString(System.nanoTime());
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/openfire.xml"),
                configuration(home, clientPort, componentPort, componentSecret),
                StandardCharsets.UTF_8);

        System.setProperty("openfireHome", home.toString());
        XMPPServer server = new XMPPServer();
        if (!server.isStarted()) {
            throw new IllegalStateException("Openfire did not start; see the test output for its log");
        }
        // Openfire opens its client and component ports only after the plugin monitor's first scan, on another
        // thread, so a started server may still refuse connections for a moment.
        awaitListening(clientPort, "client");
        awaitListening(componentPort, "component");
        return new EmbeddedOpenfire(home, clientPort, componentPort, componentSecret, server);
    }

    private static String configuration(Path home, int clientPort, int componentPort, String componentSecret) {
        String databaseUrl = "jdbc:hsqldb:file:" + home.resolve("embedded-db/openfire") + ";shutdown=true";
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <jive>
                  <adminConsole><port>-1</port><securePort>-1</securePort></adminConsole>
                  <network><interface>%s</interface></network>
                  <locale>en</locale>
                  <xmpp>
                    <socket><plain><port>%d</port></plain></socket>
                    <client><tls><policy>disabled</policy></tls></client>
                    <server><socket><active>false</active></socket></server>
                    <component>
                      <socket><active>true</active><port>%d</port></socket>
                      <ssl><active>false</active></ssl>
                      <defaultSecret>%s</defaultSecret>
                      <permission>blacklist</permission>
                    </component>
                    <multiplex><socket><active>false</active></socket><ssl><active>false</active></ssl></multiplex>
                    <proxy><enabled>false</enabled></proxy>
                  </xmpp>
                  <httpbind><enabled>false</enabled></httpbind>
                  <mediaproxy><enabled>false</enabled></mediaproxy>
                  <update><service-enabled>false</service-enabled><notify-admins>false</notify-admins></update>
                  <plugins><loading><retries>0</retries></loading></plugins>  <!-- a failed plugin is not retried every scan -->
                  <autosetup>
                    <run>true</run>
                    <locale>en</locale>
                    <xmpp>
                      <domain>%s</domain>
                      <fqdn>%s</fqdn>
                      <auth><anonymous>false</anonymous></auth>
                      <socket><ssl><active>false</active></ssl></socket>
                    </xmpp>
                    <encryption><algorithm>AES</algorithm><key>embedded-test-key</key></encryption>
                    <database>
                      <mode>standard</mode>
                      <defaultProvider>
                        <driver>org.hsqldb.jdbcDriver</driver>
                        <serverURL>%s</serverURL>
                        <username>sa</username>
                        <password></password>
                        <minConnections>1</minConnections>
                        <maxConnections>10</maxConnections>
                      </defaultProvider>
                    </database>
                    <admin><email>admin@%s</email><password>admin-password</password></admin>
                    <authprovider><mode>default</mode></authprovider>
                  </autosetup>
                </jive>
                """.formatted(LOOPBACK, clientPort, componentPort, componentSecret, DOMAIN, DOMAIN,
                escapeXml(databaseUrl), DOMAIN);
    }

    private static String escapeXml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void awaitListening(int port, String what) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LISTEN_WAIT_SECONDS);
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(LOOPBACK), port);
        for (int attempt = 1; ; attempt++) {
            try (Socket probe = new Socket()) {
                probe.connect(address, 1_000);
                return;
            } catch (ConnectException refused) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Openfire's " + what + " port " + port + " did not open within "
                            + LISTEN_WAIT_SECONDS + " s (" + attempt + " attempts)", refused);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
    }

    static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        }
    }

    Path home() {
        return home;
    }

    int clientPort() {
        return clientPort;
    }

    int componentPort() {
        return componentPort;
    }

    String componentSecret() {
        return componentSecret;
    }

    void createUser(String username, String password) throws Exception {
        UserManager.getInstance().createUser(username, password, username, username + "@" + DOMAIN);
    }

    String property(String name) {
        return JiveGlobals.getProperty(name);
    }

    /** Sets an Openfire system property, as an administrator does in the admin console. */
    void setProperty(String name, String value) {
        JiveGlobals.setProperty(name, value);
    }

    PluginManager plugins() {
        return server.getPluginManager();
    }

    /**
     * Installs a plugin jar the way the admin console does: it becomes {@code plugins/NAME.jar}, then Openfire scans
     * its plugin directory at once and returns when the scan (extracting and loading the plugin) is over.
     *
     * @return the plugin Openfire created, if any. (Openfire 4.2 keeps a plugin whose initialisation threw in its
     *         list of loaded plugins; later versions drop it.)
     */
    Optional<Plugin> install(String canonicalName, Path pluginJar) throws IOException {
        try (InputStream in = Files.newInputStream(pluginJar)) {
            if (!plugins().installPlugin(in, canonicalName + ".jar")) {
                throw new IllegalStateException("Openfire refused to install " + pluginJar);
            }
        }
        return Optional.ofNullable(plugins().getPlugin(canonicalName));
    }

    /** {@link #install}, for a plugin that must load. */
    Plugin installPlugin(String canonicalName, Path pluginJar) throws IOException {
        return install(canonicalName, pluginJar).orElseThrow(() ->
                new IllegalStateException("Openfire did not load plugin '" + canonicalName + "'; its log says why"));
    }

    /** Deletes the plugin jar as the admin console does; Openfire unloads the plugin before this returns. */
    void deletePlugin(String canonicalName) {
        plugins().deletePlugin(canonicalName);
        if (plugins().isLoaded(canonicalName)) {
            throw new IllegalStateException("Openfire did not unload plugin '" + canonicalName + "'; its log says why");
        }
    }

    /**
     * Starts watching for a component at {@code address} (e.g. {@code upload.localhost}); call before the component
     * is registered, then wait on the returned watch.
     */
    ComponentWatch watchComponent(String address) {
        ComponentWatch watch = new ComponentWatch(address);
        InternalComponentManager.getInstance().addListener(watch);
        return watch;
    }

    @Override
    public void close() {
        server.stop();
    }

    /**
     * Openfire's component events for one address. A component is only listed in the server's disco#items (where
     * clients discover it) once it has answered Openfire's disco#info query: {@link #awaitDiscoverable} waits for
     * exactly that.
     */
    static final class ComponentWatch implements ComponentEventListener, AutoCloseable {
        private static final long WAIT_SECONDS = 60;

        private final String address;
        private final CompletableFuture<Void> discoverable = new CompletableFuture<>();
        private final CompletableFuture<Void> unregistered = new CompletableFuture<>();

        private ComponentWatch(String address) {
            this.address = address;
        }

        /** Completes when Openfire has the component's disco#info, i.e. clients can discover it. */
        CompletableFuture<Void> discoverable() {
            return discoverable;
        }

        void awaitDiscoverable() throws Exception {
            await(discoverable, "never answered Openfire's disco#info");
        }

        void awaitUnregistered() throws Exception {
            await(unregistered, "was not unregistered");
        }

        private void await(CompletableFuture<Void> event, String otherwise) throws Exception {
            try {
                event.get(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new IllegalStateException("component " + address + " " + otherwise, e);
            }
        }

        @Override
        public void componentRegistered(JID componentJid) {
        }

        @Override
        public void componentUnregistered(JID componentJid) {
            if (address.equals(componentJid.toBareJID())) {
                unregistered.complete(null);
            }
        }

        @Override
        public void componentInfoReceived(IQ discoInfo) {
            if (address.equals(discoInfo.getFrom().toBareJID())) {
                discoverable.complete(null);
            }
        }

        @Override
        public void close() {
            InternalComponentManager.getInstance().removeListener(this);
        }
    }
}
