package org.xmppsfs.upload.hardening;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xmppsfs.upload.SlotGrant;
import org.xmppsfs.upload.TestServer;
import org.xmppsfs.upload.Wire;

/**
 * RFC 9110 §14 Range requests built to amplify work: a thousand ranges, overlapping ranges, malformed specs.
 * The service honours one range only; anything else gets the whole file once with 200, so the response is never
 * larger than the file (bounded work, checked in bytes, not time).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RangeAbuseTest {

    private static final int LENGTH = 10_000;

    @TempDir
    static Path dir;
    TestServer s;
    SlotGrant g;
    byte[] body;

    @BeforeAll
    void start() throws Exception {
        // A head limit large enough that the thousand-range header reaches the range parser (with the default
        // 8 KiB limit a header that long is already refused with 431).
        s = TestServer.start(dir, b -> b.maxRequestHeaderBytes(64 * 1024), java.time.Clock.systemUTC());
        body = TestServer.bytes(LENGTH, 31);
        g = s.slot("r.bin", LENGTH);
        assertEquals(201, s.put(g, body).statusCode());
    }

    @AfterAll
    void stop() {
        s.close();
    }

    private Wire.Reply get(String range) throws Exception {
        return Wire.exchange(s.port(), "GET " + TestServer.path(g.getUrl()) + " HTTP/1.1\r\nHost: x\r\nRange: " + range + "\r\nConnection: close\r\n\r\n");
    }

    private void assertWholeFile(Wire.Reply r, String what) {
        assertEquals(200, r.status(), what);
        assertEquals(Integer.toString(LENGTH), r.headers().get("content-length"), what);
        assertFalse(r.headers().containsKey("content-range"), what);
        assertArrayEquals(body, r.body(), what);
    }

    @Test
    void aThousandRangesGetTheWholeFileOnce() throws Exception {
        StringBuilder ranges = new StringBuilder("bytes=");
        for (int i = 0; i < 1000; i++) {
            ranges.append(i == 0 ? "" : ",").append(i * 7).append('-').append(i * 7 + 3);
        }
        assertWholeFile(get(ranges.toString()), "1000 ranges");
    }

    @Test
    void overlappingRangesAreNotAmplified() throws Exception {
        String whole = "0-" + (LENGTH - 1);
        String ranges = "bytes=" + String.join(",", java.util.Collections.nCopies(300, whole));
        Wire.Reply r = get(ranges);
        assertWholeFile(r, "300 overlapping whole-file ranges");
        assertWholeFile(get("bytes=0-,0-,0-,-" + LENGTH + ",1-"), "overlapping open ranges");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=", "bytes=-", "bytes=abc-def", "bytes=5-2", "bytes=--1", "bytes=1-2-3", "bytes=0-1;",
        "bits=0-1", "bytes 0-1", "bytes=0x10-0x20", "bytes=+1-2", "bytes=-+5", "bytes=1 -2x", "=0-1", "bytes=,", "bytes=0-1,",
        "bytes=\u00e90-1"})
    void malformedRangesAreIgnoredAndServeTheWholeFile(String range) throws Exception {
        assertWholeFile(get(range), range);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=-0", "bytes=10000-", "bytes=99999999999999999999999-", "bytes=10000-10001"})
    void unsatisfiableRangesAre416WithTheLength(String range) throws Exception {
        Wire.Reply r = get(range);
        assertEquals(416, r.status(), range);
        assertEquals("bytes */" + LENGTH, r.headers().get("content-range"), range);
    }

    @Test
    void aSingleValidRangeStillWorksIncludingHugeEndsAndSuffixes() throws Exception {
        Wire.Reply r = get("bytes=9990-99999999999999999999999");
        assertEquals(206, r.status());
        assertEquals("bytes 9990-9999/" + LENGTH, r.headers().get("content-range"));
        assertArrayEquals(Arrays.copyOfRange(body, 9990, LENGTH), r.body());
        Wire.Reply suffix = get("bytes=-99999999999999999999");
        assertEquals(206, suffix.status());
        assertArrayEquals(body, suffix.body());
    }
}
