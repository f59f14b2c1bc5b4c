package org.xmppsfs.upload.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import org.xmppsfs.model.MediaType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmppsfs.model.hash.Hash;
import org.xmppsfs.upload.Purpose;

/** The redo journal of completed uploads: every field survives, a torn or damaged tail is where reading stops. */
class CompletionJournalTest {

    @TempDir
    Path dir;

    private static CompletionJournal.Entry entry(int i, Purpose purpose) {
        Instant t = Instant.ofEpochMilli(1_790_000_000_000L + i);
        SlotRecord slot = SlotRecord.pending("slot-" + i, "user" + i + "@example.org", "fïle " + i + ".jpg", 1000 + i,
                i % 2 == 0 ? Optional.of(MediaType.of("image/jpeg")) : Optional.empty(), purpose, t, t.plusSeconds(300), i % 3 == 0);
        return new CompletionJournal.Entry(slot, new BlobAddress(String.format("%064x", i)), 1000 + i,
                List.of(new Hash("sha-256", new byte[] {1, 2, (byte) i}), new Hash("blake2b-256", new byte[] {9, 8})),
                i % 2 == 0 ? Optional.empty() : Optional.of(MediaType.of("application/pdf")), t.plusSeconds(1));
    }

    private static void assertSame(CompletionJournal.Entry expected, CompletionJournal.Entry actual) {
        assertEquals(expected.slot(), actual.slot());
        assertEquals(expected.blob(), actual.blob());
        assertEquals(expected.size(), actual.size());
        assertEquals(expected.putContentType(), actual.putContentType());
        assertEquals(expected.completed(), actual.completed());
        assertEquals(expected.hashes().size(), actual.hashes().size());
        for (int i = 0; i < expected.hashes().size(); i++) {
            assertEquals(expected.hashes().get(i).algo(), actual.hashes().get(i).algo());
            assertArrayEquals(expected.hashes().get(i).digest(), actual.hashes().get(i).digest());
        }
    }

    @Test
    void everyFieldOfEveryPurposeIsReadBackAfterAReopen() throws Exception {
        Path base = dir.resolve("metadata");
        List<CompletionJournal.Entry> written = List.of(entry(1, Purpose.MESSAGE), entry(2, new Purpose.Profile()),
                entry(3, new Purpose.Permanent()), entry(4, new Purpose.Ephemeral(Instant.ofEpochSecond(1_800_000_000L))));
        try (CompletionJournal journal = CompletionJournal.open(base, true)) {
            for (CompletionJournal.Entry e : written) {
                journal.append(e);
            }
        }
        try (CompletionJournal reopened = CompletionJournal.open(base, true)) {
            List<CompletionJournal.Entry> read = reopened.readAll();
            assertEquals(written.size(), read.size());
            for (int i = 0; i < written.size(); i++) {
                assertSame(written.get(i), read.get(i));
            }
        }
    }

    @Test
    void aTornOrDamagedLastRecordEndsTheJournalThere() throws Exception {
        Path base = dir.resolve("metadata");
        try (CompletionJournal journal = CompletionJournal.open(base, false)) {
            journal.append(entry(1, Purpose.MESSAGE));
            journal.append(entry(2, Purpose.MESSAGE));
        }
        Path file = dir.resolve("metadata.journal-0");
        byte[] whole = Files.readAllBytes(file);

        Files.write(file, Arrays.copyOf(whole, whole.length - 3)); // a crash in the middle of the second append
        try (CompletionJournal j = CompletionJournal.open(base, false)) {
            assertEquals(List.of("slot-1"), j.readAll().stream().map(e -> e.slot().id()).toList());
        }
        byte[] flipped = whole.clone();
        flipped[whole.length - 20] ^= 0x40; // a damaged byte in the second record's payload fails its checksum
        Files.write(file, flipped);
        try (CompletionJournal j = CompletionJournal.open(base, false)) {
            assertEquals(List.of("slot-1"), j.readAll().stream().map(e -> e.slot().id()).toList());
        }
    }

    @Test
    void rotationEmptiesOnlyWhatTheDatabaseSyncCovered() throws Exception {
        Path base = dir.resolve("metadata");
        AtomicInteger syncs = new AtomicInteger();
        try (CompletionJournal journal = CompletionJournal.open(base, true)) {
            journal.append(entry(1, Purpose.MESSAGE));
            assertTrue(journal.rotate(() -> {
                // appends during the database sync go to the other file and are kept
                journal.append(entry(2, Purpose.MESSAGE));
                syncs.incrementAndGet();
            }));
            assertEquals(1, syncs.get());
            assertEquals(List.of("slot-2"), journal.readAll().stream().map(e -> e.slot().id()).toList());
            assertTrue(journal.rotate(syncs::incrementAndGet));
            assertEquals(List.of(), journal.readAll());
            assertEquals(false, journal.rotate(syncs::incrementAndGet));
            assertEquals(2, syncs.get(), "nothing appended since the last rotation: no sync");
            journal.append(entry(3, Purpose.MESSAGE));
            journal.clear();
            assertEquals(List.of(), journal.readAll());
        }
        assertTrue(Files.size(dir.resolve("metadata.journal-0")) == 0 && Files.size(dir.resolve("metadata.journal-1")) == 0);
    }
}
