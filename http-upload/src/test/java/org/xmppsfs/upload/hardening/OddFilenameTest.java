package org.xmppsfs.upload.hardening;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xmppsfs.upload.SlotGrant;
import org.xmppsfs.upload.TestServer;
import org.xmppsfs.upload.Wire;

/**
 * File names that look like encodings or path syntax but are legal names: a granted slot must be usable. Its
 * URLs, sent byte for byte as the server wrote them, must get past the HTTP parser's URI checks (which refuse
 * ambiguous encodings) and reach the same slot for PUT and GET.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OddFilenameTest {

    @TempDir
    static Path dir;
    TestServer s;

    @BeforeAll
    void start() throws Exception {
        s = TestServer.start(dir);
    }

    @AfterAll
    void stop() {
        s.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"100%.txt", "a%41.txt", "x%2fy.txt", "x%2e%2e.txt", "%c0%ae.txt", "%00.txt", "semi;colon.txt",
        "q?.txt", "hash#.txt", "sp ace.txt", "plus+.txt", "amp&eq=.txt", "ünïcödé.txt", "emoji\uD83D\uDE00.png", "...",
        "..a", "a..", ".hidden", "back`tick'\"quote.txt", "tab\u00a0nbsp.txt", "CON", "a:b.txt", "~tilde", "[brackets].txt"})
    void aGrantedSlotWithAnOddButLegalNameTakesItsUploadAndServesIt(String name) throws Exception {
        byte[] body = TestServer.bytes(321, name.hashCode());
        SlotGrant g = s.slot(name, body.length);
        try (Wire w = new Wire(s.port())) {
            w.send("PUT " + TestServer.barePutPath(g) + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + TestServer.bearer(g)
                    + "\r\nContent-Length: " + body.length + "\r\n\r\n").send(body);
            Wire.Reply put = w.read();
            assertEquals(201, put.status(), name + " -> " + g.putUrl() + ": " + put.text());
        }
        Wire.Reply get = Wire.exchange(s.port(), "GET " + TestServer.path(g.getUrl()) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals(200, get.status(), name + " -> " + g.getUrl() + ": " + get.text());
        assertArrayEquals(body, get.body());
    }
}
