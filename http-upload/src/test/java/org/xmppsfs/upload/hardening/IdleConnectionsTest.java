package org.xmppsfs.upload.hardening;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmppsfs.upload.SlotGrant;
import org.xmppsfs.upload.TestServer;
import org.xmppsfs.upload.Wire;

/**
 * Thousands of idle connections (up to 10,000, as many as this process's file-descriptor limit allows: each one
 * costs a descriptor on both ends here) do not lock out another client: its GET still gets the right bytes.
 * Half the idle sockets send nothing, half a partial request line, so both the acceptor and the parser hold them.
 */
class IdleConnectionsTest {

    private static final int WANTED = 10_000;

    @TempDir
    Path dir;

    @Test
    void aClientIsServedWhileThousandsOfIdleConnectionsAreOpen() throws Exception {
        int idle = affordableConnections();
        assumeTrue(idle >= 2000, "the file-descriptor limit allows only " + idle + " idle connections (need 2000); raise ulimit -n");
        List<Socket> sockets = new ArrayList<>(idle);
        try (TestServer s = TestServer.start(dir)) {
            byte[] body = TestServer.bytes(50_000, 61);
            SlotGrant g = s.slot("busy.bin", body.length);
            assertEquals(201, s.put(g, body).statusCode());
            byte[] partial = "GET /files/".getBytes(StandardCharsets.US_ASCII);
            try {
                for (int i = 0; i < idle; i++) {
                    Socket socket = new Socket("127.0.0.1", s.port());
                    sockets.add(socket);
                    if (i % 2 == 1) {
                        socket.getOutputStream().write(partial);
                    }
                }
                Wire.Reply r = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Wire.exchange(s.port(),
                        "GET " + TestServer.path(g.getUrl()) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
                        "no answer while " + idle + " idle connections are open");
                assertEquals(200, r.status());
                assertArrayEquals(body, r.body());
                assertEquals(idle, sockets.stream().filter(x -> !x.isClosed()).count());
            } finally {
                for (Socket socket : sockets) {
                    closeQuietly(socket);
                }
            }
            // And once they are gone, everything is still normal.
            assertArrayEquals(body, s.get(g.getUrl()).body());
        }
    }

    /** Idle connections this JVM can open: both ends are in this process, so two descriptors each, plus headroom. */
    private static int affordableConnections() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            long free = unix.getMaxFileDescriptorCount() - unix.getOpenFileDescriptorCount() - 512;
            return (int) Math.max(0, Math.min(WANTED, free / 2));
        }
        return 2000;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing at the end of the test; nothing to do
        }
    }
}
