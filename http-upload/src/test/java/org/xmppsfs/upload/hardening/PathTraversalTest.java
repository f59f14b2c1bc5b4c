package org.xmppsfs.upload.hardening;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xmppsfs.upload.Outcome;
import org.xmppsfs.upload.Purpose;
import org.xmppsfs.upload.SlotGrant;
import org.xmppsfs.upload.SlotRequest;
import org.xmppsfs.upload.TestServer;
import org.xmppsfs.upload.Wire;

/**
 * Path traversal in every encoding, on every method and on the hash lookup. Files are addressed by slot id and
 * content hash, never by a path built from the URL; these tests hold that up from outside: a canary next to the
 * data directory (and the slot secret inside it) is never served, overwritten or deleted, and every attempt gets
 * 400 or 404 (405 for PUT/DELETE on the read-only hash lookup).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PathTraversalTest {

    private static final String ADMIN = "admin-token-0123456789abcdef";
    private static final byte[] CANARY = "CANARY-do-not-serve-or-overwrite\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVIL = "PWNED".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    static Path root;
    Path canary;
    FileTime canaryModified;
    byte[] secret;
    TestServer s;
    SlotGrant stored;
    byte[] storedBody;
    SlotGrant pending;

    @BeforeAll
    void start() throws Exception {
        canary = root.resolve("canary.txt");
        Files.write(canary, CANARY);
        canaryModified = Files.getLastModifiedTime(canary);
        s = TestServer.start(root.resolve("data"), b -> b.adminToken(Optional.of(ADMIN)), Clock.systemUTC());
        secret = Files.readAllBytes(root.resolve("data").resolve("slot-secret.key"));
        storedBody = TestServer.bytes(3000, 9);
        stored = s.slot("photo.jpg", storedBody.length);
        assertEquals(201, s.put(stored, storedBody).statusCode());
        pending = s.slot("canary.txt", EVIL.length);
    }

    @AfterAll
    void stop() {
        s.close();
    }

    /** Payloads that would reach {@code root/canary.txt} from {@code /files/<slot>/} if a path were built from the URL. */
    static List<String> payloads() {
        return List.of(
                "../../canary.txt",
                "../../../canary.txt",
                "%2e%2e/%2e%2e/canary.txt",
                "%2E%2E%2F%2E%2E%2Fcanary.txt",
                "..%2f..%2fcanary.txt",
                ".%2e/.%2e/canary.txt",
                "..%5c..%5ccanary.txt",
                "..\\..\\canary.txt",
                "%c0%ae%c0%ae/%c0%ae%c0%ae/canary.txt",
                "%c0%ae%c0%ae%c0%af%c0%ae%c0%ae%c0%afcanary.txt",
                "%252e%252e%252f%252e%252e%252fcanary.txt",
                "..%00/..%00/canary.txt",
                "canary.txt%00.jpg",
                "..;/..;/canary.txt",
                "slot-secret.key",
                "../slot-secret.key",
                "%2e%2e%2fslot-secret.key");
    }

    static Stream<Arguments> attempts() {
        List<Arguments> out = new ArrayList<>();
        for (String method : List.of("GET", "HEAD", "PUT", "DELETE")) {
            for (String p : payloads()) {
                out.add(Arguments.of(method, "slot/" + p));
                out.add(Arguments.of(method, "base/" + p));
                out.add(Arguments.of(method, "hash/" + p));
            }
            out.add(Arguments.of(method, "absolute"));
            out.add(Arguments.of(method, "absolute-in-slot"));
            out.add(Arguments.of(method, "absolute-form"));
            out.add(Arguments.of(method, "double-slash"));
        }
        return out.stream();
    }

    private String target(String where) {
        String abs = canary.toAbsolutePath().toString();
        return switch (where) {
            case "absolute" -> abs;
            case "absolute-in-slot" -> "/files/" + pending.slotId() + "/" + abs;
            case "absolute-form" -> "http://127.0.0.1:" + s.port() + "/files/../../" + abs;
            case "double-slash" -> "/files//" + abs;
            default -> {
                int slash = where.indexOf('/');
                String p = where.substring(slash + 1);
                yield switch (where.substring(0, slash)) {
                    case "slot" -> "/files/" + pending.slotId() + "/" + p;
                    case "base" -> "/files/" + p;
                    default -> "/files/hash/sha-256/" + p;
                };
            }
        };
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("attempts")
    void traversalNeverLeavesTheDataDirectory(String method, String where) throws Exception {
        String target = target(where);
        String headers = switch (method) {
            case "PUT" -> "Authorization: " + TestServer.bearer(pending) + "\r\nContent-Length: " + EVIL.length + "\r\n";
            case "DELETE" -> "Authorization: Bearer " + ADMIN + "\r\n";
            default -> "";
        };
        Wire.Reply r;
        try (Wire w = new Wire(s.port())) {
            w.send(method + " " + target + " HTTP/1.1\r\nHost: x\r\n" + headers + "Connection: close\r\n\r\n");
            if (method.equals("PUT")) {
                w.send(EVIL);
            }
            r = w.read(method.equals("HEAD"));
        }
        Set<Integer> allowed = where.startsWith("hash/") && (method.equals("PUT") || method.equals("DELETE"))
                ? Set.of(400, 404, 405) : Set.of(400, 404);
        assertTrue(allowed.contains(r.status()), method + " " + target + " answered " + r.status() + ": " + r.text());
        String body = r.text();
        assertFalse(body.contains("CANARY"), "canary served");
        assertFalse(body.contains(new String(secret, StandardCharsets.ISO_8859_1).strip()), "slot secret served");
        assertCanaryUntouched();
    }

    @Test
    void aSlotNamedLikeATraversalStoresItsBytesUnderTheDataDirectoryOnly() throws Exception {
        for (String name : List.of("../../canary.txt", "..\\..\\canary.txt", "/" + canary.toAbsolutePath())) {
            Outcome<SlotGrant> o = s.server.slots().requestSlot(new SlotRequest(TestServer.OWNER, name, EVIL.length, Optional.empty(), Purpose.MESSAGE));
            if (o instanceof Outcome.Ok<SlotGrant> ok) {
                SlotGrant g = ok.value();
                assertFalse(g.getUrl().getRawPath().contains("/../"), g.getUrl().toString());
                assertEquals(201, s.put(g, EVIL).statusCode(), name);
                assertArrayEquals(EVIL, s.get(g.getUrl()).body(), name);
            }
            assertCanaryUntouched();
        }
        assertArrayEquals(storedBody, s.get(stored.getUrl()).body());
    }

    private void assertCanaryUntouched() throws Exception {
        assertArrayEquals(CANARY, Files.readAllBytes(canary), "canary overwritten");
        assertEquals(canaryModified, Files.getLastModifiedTime(canary));
        try (Stream<Path> siblings = Files.list(root)) {
            assertEquals(Set.of("canary.txt", "data"), siblings.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
        }
        assertTrue(Files.isRegularFile(root.resolve("data").resolve("slot-secret.key")));
    }
}
