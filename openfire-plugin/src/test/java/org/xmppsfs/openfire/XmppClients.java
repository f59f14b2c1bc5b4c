package org.xmppsfs.openfire;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;

/** Real Smack 4.4 clients for the embedded Openfire (plain TCP on loopback: TLS is not what these tests check). */
final class XmppClients {

    private static final AtomicInteger SESSIONS = new AtomicInteger();

    private XmppClients() {
    }

    static XMPPTCPConnection connect(EmbeddedOpenfire openfire, String username, String password) throws Exception {
        XMPPTCPConnectionConfiguration configuration = XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(EmbeddedOpenfire.DOMAIN)
                .setHostAddress(InetAddress.getByName(EmbeddedOpenfire.LOOPBACK))
                .setPort(openfire.clientPort())
                .setSecurityMode(SecurityMode.disabled)
                .setUsernameAndPassword(username, password)
                // A fresh resource each time: a new session never replaces an earlier one.
                .setResource("test-" + SESSIONS.incrementAndGet())
                .build();
        XMPPTCPConnection connection = new XMPPTCPConnection(configuration);
        connection.setReplyTimeout(20_000);
        connection.connect().login();
        return connection;
    }
}
