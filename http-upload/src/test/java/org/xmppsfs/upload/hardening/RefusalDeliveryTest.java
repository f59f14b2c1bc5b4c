package org.xmppsfs.upload.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmppsfs.upload.SlotGrant;
import org.xmppsfs.upload.TestServer;
import org.xmppsfs.upload.Wire;

/**
 * A PUT refused before its body is read (busy slot 409, bad credential 403, unknown slot 404) must reach the client
 * as that status, not as a connection reset: the server drains a moderate unread body after answering instead of
 * closing on it. A client library (here the JDK's) sends the whole body regardless; before the drain about one
 * such request in ten failed with "received no bytes".
 */
class RefusalDeliveryTest {

    private static final int ROUNDS = 60;

    @TempDir
    Path dir;

    @Test
    void refusalsOfUploadsInFlightAreDeliveredEveryTime() throws Exception {
        try (TestServer s = TestServer.start(dir)) {
            for (int i = 0; i < ROUNDS; i++) {
                byte[] body = TestServer.bytes(100_000, i);
                SlotGrant g = s.slot("r" + i + ".bin", body.length);
                try (Wire first = new Wire(s.port())) {
                    first.send("PUT " + TestServer.barePutPath(g) + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + TestServer.bearer(g)
                            + "\r\nContent-Length: " + body.length + "\r\n\r\n");
                    first.send(body, 0, 50_000);
                    InProgressUploadTest.awaitTempBytes(s.dataDir, 1);
                    assertEquals(409, s.put(g, body).statusCode(), "round " + i + ": busy slot");
                    assertEquals(403, put(s, URI.create("http://127.0.0.1:" + s.port() + TestServer.barePutPath(g)), body, "Bearer 1.AAAA").statusCode(),
                            "round " + i + ": bad credential");
                    first.send(body, 50_000, 50_000);
                    assertEquals(201, first.read().status());
                }
                URI unknown = URI.create("http://127.0.0.1:" + s.port() + "/files/AAAAAAAAAAAAAAAAAAAAAAAA/r" + i + ".bin");
                assertEquals(404, put(s, unknown, body, TestServer.bearer(g)).statusCode(), "round " + i + ": unknown slot");
            }
        }
    }

    private static HttpResponse<String> put(TestServer s, URI uri, byte[] body, String authorization) throws Exception {
        return s.http.send(HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Authorization", authorization).build(), HttpResponse.BodyHandlers.ofString());
    }
}
