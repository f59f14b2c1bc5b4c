package org.xmppsfs.tests.harness;

import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;

/** Real Smack 4.4 clients for the harness servers: plaintext on loopback (tests only), SCRAM login. */
public final class Clients {
    private Clients() {}

    public static XMPPTCPConnection connect(XmppServer server, String user) throws Exception {
        return connect(server, user, "e2e");
    }

    public static XMPPTCPConnection connect(XmppServer server, String user, String resource) throws Exception {
        XMPPTCPConnectionConfiguration config = XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(server.domain())
                .setHost("127.0.0.1")
                .setPort(server.c2sPort())
                .setUsernameAndPassword(user, user + "pass")
                .setResource(resource)
                .setSecurityMode(ConnectionConfiguration.SecurityMode.disabled)
                .setConnectTimeout(10_000)
                .build();
        XMPPTCPConnection connection = new XMPPTCPConnection(config);
        connection.setReplyTimeout(20_000);
        connection.connect().login();
        return connection;
    }
}
