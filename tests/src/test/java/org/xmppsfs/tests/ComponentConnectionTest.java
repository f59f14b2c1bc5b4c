package org.xmppsfs.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.stream.Stream;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.jxmpp.jid.impl.JidCreate;
import org.xmpp.component.AbstractComponent;
import org.xmppsfs.component.cli.Main;
import org.xmppsfs.component.connection.ComponentConnection;
import org.xmppsfs.component.connection.ConnectFailure;
import org.xmppsfs.tests.harness.Clients;
import org.xmppsfs.tests.harness.Processes;
import org.xmppsfs.tests.harness.Servers;
import org.xmppsfs.tests.harness.XmppServer;

/**
 * XEP-0114 connection handling against real servers: a wrong secret and an unknown domain are clear, typed
 * failures (XEP-0114 §3: not-authorized / host-unknown), and a lost connection comes back by itself.
 */
@Timeout(180)
class ComponentConnectionTest {

    /** The smallest real component: Tinder's AbstractComponent answers XEP-0199 pings. */
    static final class PingOnly extends AbstractComponent {
        @Override
        public String getName() {
            return "ping";
        }

        @Override
        public String getDescription() {
            return "ping";
        }
    }

    static Stream<String> servers() {
        return Stream.of("prosody", "ejabberd");
    }

    private static ComponentConnection.Settings settings(XmppServer s, String domain, String secret) {
        return new ComponentConnection.Settings("127.0.0.1", s.componentPort(), false, domain, secret, Duration.ofSeconds(5));
    }

    @ParameterizedTest
    @MethodSource("servers")
    void wrongSecretUnknownDomainAndReconnect(String name) throws Exception {
        try (XmppServer server = Servers.create(name)) {
            server.start();

            ConnectFailure badSecret = assertThrows(ConnectFailure.class, () -> {
                try (ComponentConnection c = new ComponentConnection(settings(server, server.componentDomain(), "wrong"), new PingOnly())) {
                    c.open();
                }
            });
            assertEquals(ConnectFailure.Reason.BAD_SECRET, badSecret.reason(), badSecret.getMessage());
            assertTrue(badSecret.getMessage().contains("xmpp.secret"), badSecret.getMessage());

            ConnectFailure unknown = assertThrows(ConnectFailure.class, () -> {
                try (ComponentConnection c = new ComponentConnection(settings(server, "nothing.localhost", server.componentSecret()), new PingOnly())) {
                    c.open();
                }
            });
            assertTrue(unknown.reason() == ConnectFailure.Reason.UNKNOWN_DOMAIN || unknown.reason() == ConnectFailure.Reason.BAD_SECRET,
                    unknown.reason() + ": " + unknown.getMessage());

            try (ComponentConnection c = new ComponentConnection(settings(server, server.componentDomain(), server.componentSecret()), new PingOnly())) {
                c.open();
                assertTrue(c.isConnected());
                assertTrue(ping(server), "the component answers a ping through the server");

                server.restart();
                assertTrue(Waits.until(Duration.ofSeconds(60), c::isConnected), "reconnected after the server restarted");
                assertTrue(Waits.until(Duration.ofSeconds(30), () -> ping(server)), "and answers again");
            }
        }
    }

    /**
     * A server that stops answering while the TCP connection stays open (SIGSTOP) is noticed by the liveness
     * ping and replaced once it answers again; an idle but healthy connection is left alone.
     */
    @ParameterizedTest
    @MethodSource("servers")
    void silentConnectionIsReplaced(String name) throws Exception {
        try (XmppServer server = Servers.create(name)) {
            server.start();
            ComponentConnection.Settings s = new ComponentConnection.Settings("127.0.0.1", server.componentPort(), false,
                    server.componentDomain(), server.componentSecret(), Duration.ofSeconds(5), Duration.ofMillis(800));
            try (ComponentConnection c = new ComponentConnection(s, new PingOnly())) {
                c.open();
                assertTrue(!Waits.until(Duration.ofSeconds(4), () -> c.reconnections() > 0 || !c.isConnected()),
                        "an idle, healthy connection answers its liveness pings and stays");
                server.freeze();
                try {
                    assertTrue(Waits.until(Duration.ofSeconds(20), () -> !c.isConnected()), "the silent connection was given up");
                } finally {
                    server.thaw();
                }
                assertTrue(Waits.until(Duration.ofSeconds(60), () -> c.isConnected() && c.reconnections() > 0), "and replaced");
                assertTrue(Waits.until(Duration.ofSeconds(30), () -> ping(server)), "the new connection works");
            }
        }
    }

    /** The command line: a wrong secret is a fatal start-up error with exit code 3 and a message naming the cause. */
    @ParameterizedTest
    @MethodSource("servers")
    void commandLineFailsClearlyOnAWrongSecret(String name) throws Exception {
        try (XmppServer server = Servers.create(name)) {
            server.start();
            int httpPort = Processes.freePort();
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            java.io.PrintStream saved = System.err;
            int exit;
            System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
            try {
                exit = Main.execute("run", "--xmpp-host", "127.0.0.1", "--xmpp-port", Integer.toString(server.componentPort()),
                        "--domain", server.componentDomain(), "--secret", "not-the-secret", "--http-port", Integer.toString(httpPort),
                        "--public-url", "http://127.0.0.1:" + httpPort + "/files", "--data-dir",
                        server.directory().resolve("cli-data").toString(), "--set", "http.bind=127.0.0.1");
            } finally {
                System.setErr(saved);
            }
            String message = err.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(Main.EXIT_REFUSED, exit, message);
            assertTrue(message.contains("rejected the secret") && message.contains("xmpp.secret"), message);
            assertTrue(Processes.waitForPortClosed(httpPort, Duration.ofSeconds(10)), "the HTTP side was stopped again");
        }
    }

    private static boolean ping(XmppServer server) {
        try {
            XMPPTCPConnection alice = Clients.connect(server, "alice");
            try {
                return PingManager.getInstanceFor(alice).ping(JidCreate.domainBareFrom(server.componentDomain()), 5000);
            } finally {
                alice.disconnect();
            }
        } catch (Exception e) {
            return false;
        }
    }

    @AfterAll
    static void noneOfOurThreadsLeft() {
        assertTrue(Waits.until(Duration.ofSeconds(10), () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("xmpp-reconnect-") || t.getName().startsWith("xmpp-in-"))),
                "reconnect and inbound threads stopped");
    }
}
