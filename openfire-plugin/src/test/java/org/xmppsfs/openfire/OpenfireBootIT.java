package org.xmppsfs.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness itself: a real Openfire 4.2.0 boots on loopback and a real Smack client logs in and pings it. */
class OpenfireBootIT {

    @TempDir
    static Path home;

    private static EmbeddedOpenfire openfire;

    @BeforeAll
    static void boot() throws Exception {
        openfire = EmbeddedOpenfire.boot(OpenfireDataFiles.requireOrSkip(), home);
        openfire.createUser("alice", "alice-password");
    }

    @AfterAll
    static void stop() {
        if (openfire != null) {
            openfire.close();
        }
    }

    @Test
    void aSmackClientLogsInAndPingsTheServer() throws Exception {
        XMPPTCPConnection alice = XmppClients.connect(openfire, "alice", "alice-password");
        try {
            assertTrue(alice.isAuthenticated());
            assertEquals("alice@" + EmbeddedOpenfire.DOMAIN, alice.getUser().asBareJid().toString());
            assertTrue(PingManager.getInstanceFor(alice).pingMyServer(true));
        } finally {
            alice.instantShutdown();
        }
    }

    @Test
    void settingsFromOpenfireXmlReachTheDatabaseProperties() {
        assertEquals(Integer.toString(openfire.clientPort()), openfire.property("xmpp.socket.plain.port"));
        assertEquals("disabled", openfire.property("xmpp.client.tls.policy"));
    }
}
