package org.xmppsfs.upload.hardening;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmppsfs.upload.SlotGrant;
import org.xmppsfs.upload.TestServer;
import org.xmppsfs.upload.UploadServer;

/**
 * A corrupt metadata database stops the server at start with an error naming the file, and the file is left
 * exactly as it was (an operator may still recover it). (A database locked by another process:
 * CrashTest#killedMidUploadServerRestartsWithAcknowledgedFilesIntactAndNothingPartial.)
 */
class CorruptDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void garbageInPlaceOfTheDatabaseIsAClearStartupErrorAndTheFileIsNotOverwritten() throws Exception {
        Path db = dir.resolve("metadata.mv.db");
        byte[] garbage = TestServer.bytes(64 * 1024, 81);
        Files.write(db, garbage);
        assertRefusesToStart(db, garbage);
    }

    @Test
    void aRealDatabaseWithItsHeaderOverwrittenIsAClearStartupErrorAndTheFileIsNotOverwritten() throws Exception {
        // A database that was fine, then damaged in place (e.g. by a bad disk): its first 4 KiB blocks are trashed.
        try (TestServer s = TestServer.start(dir)) {
            byte[] body = TestServer.bytes(1000, 82);
            SlotGrant g = s.slot("x.bin", body.length);
            assertEquals(201, s.put(g, body).statusCode());
        }
        Path db = dir.resolve("metadata.mv.db");
        byte[] damaged = Files.readAllBytes(db);
        byte[] noise = TestServer.bytes(8192, 83);
        System.arraycopy(noise, 0, damaged, 0, Math.min(noise.length, damaged.length));
        Files.write(db, damaged);
        assertRefusesToStart(db, damaged);
    }

    private void assertRefusesToStart(Path db, byte[] expectedBytes) throws Exception {
        UploadServer server = new UploadServer(TestServer.config(dir).build());
        IOException e = assertThrows(IOException.class, server::start);
        String message = e.getMessage();
        assertTrue(message.contains(db.toAbsolutePath().toString()), "names the file: " + message);
        assertTrue(message.length() < 2000, "a short message: " + message);
        assertArrayEquals(expectedBytes, Files.readAllBytes(db), "the corrupt database file is not overwritten");
        // The failed start left nothing listening and created no other database (H2's metadata.trace.db diagnostic may
        // appear; the completion journal's files are the earlier run's, emptied when it stopped).
        assertTrue(server.port() < 0);
        assertEquals(List.of("metadata.mv.db"), Arrays.stream(dir.toFile().list())
                .filter(n -> n.startsWith("metadata") && !n.equals("metadata.trace.db") && !n.startsWith("metadata.journal-")).toList());
        for (String journal : List.of("metadata.journal-0", "metadata.journal-1")) {
            Path p = dir.resolve(journal);
            assertTrue(!Files.exists(p) || Files.size(p) == 0, journal + " is empty after a clean stop");
        }
        // A second attempt fails the same way (nothing was "repaired" behind the operator's back).
        UploadServer again = new UploadServer(TestServer.config(dir).build());
        assertThrows(IOException.class, again::start);
        assertArrayEquals(expectedBytes, Files.readAllBytes(db));
    }

}
