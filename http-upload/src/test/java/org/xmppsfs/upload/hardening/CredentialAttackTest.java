package org.xmppsfs.upload.hardening;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmppsfs.upload.SlotGrant;
import org.xmppsfs.upload.TestServer;
import org.xmppsfs.upload.Wire;

/**
 * XEP-0363 §5 (upload slot credentials) against a hostile uploader, over raw sockets so that the exact
 * Authorization header goes on the wire. Each refusal also leaves the slot usable for the rightful uploader.
 * (Wrong-slot and garbage bearer tokens over HttpClient: PutRulesTest#missingTamperedForeignAndExpiredCredentialsAre403AndLeaveTheSlotUsable.)
 */
class CredentialAttackTest {

    @TempDir
    Path dir;
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2030-01-01T00:00:00Z"));
    TestServer s;

    @BeforeEach
    void start() throws Exception {
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        s = TestServer.start(dir, b -> b.putValidity(Duration.ofSeconds(300)), clock);
    }

    @AfterEach
    void stop() {
        s.close();
    }

    private Wire.Reply put(SlotGrant g, String authorizationLine, byte[] body) throws Exception {
        try (Wire w = new Wire(s.port())) {
            w.send("PUT " + TestServer.barePutPath(g) + " HTTP/1.1\r\nHost: x\r\n" + authorizationLine
                    + "Content-Length: " + body.length + "\r\n\r\n");
            w.send(body);
            return w.read();
        }
    }

    /** The same token with one bit of its MAC flipped. */
    private static String flipOneBit(String bearer, int bit) {
        String token = bearer.substring("Bearer ".length());
        int dot = token.indexOf('.');
        byte[] mac = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        mac[bit / 8] ^= (byte) (1 << (bit % 8));
        return "Bearer " + token.substring(0, dot + 1) + Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    @Test
    void missingCredentialIs403AndTheSlotStaysUsable() throws Exception {
        byte[] body = TestServer.bytes(700, 1);
        SlotGrant g = s.slot("a.bin", body.length);
        Wire.Reply r = put(g, "", body);
        assertEquals(403, r.status(), r.text());
        assertTrue(r.text().contains("credential is required"), r.text());
        assertEquals(201, put(g, "Authorization: " + TestServer.bearer(g) + "\r\n", body).status());
    }

    /** A forged PUT announcing a huge body with Expect: 100-continue is refused before a single body byte is sent. */
    @Test
    void aBadCredentialIsRefusedBeforeTheBodyIsInvited() throws Exception {
        byte[] body = TestServer.bytes(700, 6);
        SlotGrant g = s.slot("a.bin", body.length);
        try (Wire w = new Wire(s.port())) {
            w.send("PUT " + TestServer.barePutPath(g) + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + flipOneBit(TestServer.bearer(g), 3)
                    + "\r\nContent-Length: " + body.length + "\r\nExpect: 100-continue\r\n\r\n");
            Wire.Reply r = w.read();
            assertEquals(403, r.status(), r.text());
        }
        assertEquals(201, put(g, "Authorization: " + TestServer.bearer(g) + "\r\n", body).status());
    }

    @Test
    void everySingleBitFlipOfTheMacIs403() throws Exception {
        byte[] body = TestServer.bytes(700, 2);
        SlotGrant g = s.slot("a.bin", body.length);
        for (int bit : new int[] {0, 1, 7, 8, 100, 200, 255}) {
            Wire.Reply r = put(g, "Authorization: " + flipOneBit(TestServer.bearer(g), bit) + "\r\n", body);
            assertEquals(403, r.status(), "bit " + bit + ": " + r.text());
            assertTrue(r.text().contains("does not match"), r.text());
        }
        // A forged expiry (the attacker extends the validity) breaks the MAC as well.
        String token = TestServer.bearer(g).substring("Bearer ".length());
        long exp = Long.parseLong(token.substring(0, token.indexOf('.')));
        Wire.Reply extended = put(g, "Authorization: Bearer " + (exp + 3600) + token.substring(token.indexOf('.')) + "\r\n", body);
        assertEquals(403, extended.status(), extended.text());
        assertEquals(201, put(g, "Authorization: " + TestServer.bearer(g) + "\r\n", body).status());
    }

    @Test
    void expiredCredentialIs403ByTheInjectedClock() throws Exception {
        byte[] body = TestServer.bytes(700, 3);
        SlotGrant early = s.slot("early.bin", body.length);
        SlotGrant g = s.slot("late.bin", body.length);
        now.updateAndGet(i -> i.plusSeconds(299));
        assertEquals(201, put(early, "Authorization: " + TestServer.bearer(early) + "\r\n", body).status(), "valid one second before expiry");
        now.updateAndGet(i -> i.plusSeconds(2));
        Wire.Reply r = put(g, "Authorization: " + TestServer.bearer(g) + "\r\n", body);
        assertEquals(403, r.status(), r.text());
        assertTrue(r.text().contains("expired"), r.text());
        // The query-parameter form of the same credential is just as expired.
        try (Wire w = new Wire(s.port())) {
            w.send("PUT " + TestServer.path(g.putUrl()) + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length + "\r\n\r\n").send(body);
            Wire.Reply q = w.read();
            assertEquals(403, q.status(), q.text());
        }
    }

    @Test
    void replayAfterSuccessIs409AndTheStoredFileIsUnchanged() throws Exception {
        byte[] original = TestServer.bytes(5000, 4);
        byte[] forged = TestServer.bytes(5000, 44);
        SlotGrant g = s.slot("doc.pdf", original.length);
        String auth = "Authorization: " + TestServer.bearer(g) + "\r\n";
        assertEquals(201, put(g, auth, original).status());
        Wire.Reply replay = put(g, auth, forged);
        assertEquals(409, replay.status(), replay.text());
        try (Wire w = new Wire(s.port())) {
            w.send("PUT " + TestServer.path(g.putUrl()) + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + forged.length + "\r\n\r\n").send(forged);
            assertEquals(409, w.read().status(), "replay via the token query parameter");
        }
        byte[] served = s.get(g.getUrl()).body();
        assertEquals(TestServer.sha256Hex(original), TestServer.sha256Hex(served));
        assertEquals(original.length, s.server.storedBytes());
    }

    @Test
    void credentialOfSlotAOnSlotBsUrlIs403AndNeitherSlotIsTouched() throws Exception {
        byte[] bodyA = TestServer.bytes(1000, 5);
        byte[] bodyB = TestServer.bytes(1000, 55);
        SlotGrant a = s.slot("same.bin", bodyA.length);
        SlotGrant b = s.slot("same.bin", bodyB.length);
        Wire.Reply header = put(b, "Authorization: " + TestServer.bearer(a) + "\r\n", bodyA);
        assertEquals(403, header.status(), header.text());
        // A's token in the query string of B's URL.
        String aToken = a.putUrl().getRawQuery();
        try (Wire w = new Wire(s.port())) {
            w.send("PUT " + TestServer.barePutPath(b) + "?" + aToken + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + bodyA.length + "\r\n\r\n").send(bodyA);
            Wire.Reply q = w.read();
            assertEquals(403, q.status(), q.text());
        }
        assertEquals(404, s.get(a.getUrl()).statusCode());
        assertEquals(404, s.get(b.getUrl()).statusCode());
        assertEquals(201, put(b, "Authorization: " + TestServer.bearer(b) + "\r\n", bodyB).status());
        assertEquals(201, put(a, "Authorization: " + TestServer.bearer(a) + "\r\n", bodyA).status());
        assertArrayEquals(bodyB, s.get(b.getUrl()).body());
        assertArrayEquals(bodyA, s.get(a.getUrl()).body());
    }
}
