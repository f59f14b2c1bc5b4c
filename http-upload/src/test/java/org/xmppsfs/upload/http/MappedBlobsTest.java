package org.xmppsfs.upload.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.xmppsfs.upload.storage.BlobAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads written from memory mappings: the right bytes, one mapping per blob, and a clear error on a bad file. */
class MappedBlobsTest {

    private static final BlobAddress SHA = new BlobAddress("ab".repeat(32));

    @TempDir
    Path dir;

    private final MappedBlobs mapped = new MappedBlobs();

    private byte[] blob(Path p, int n) throws IOException {
        byte[] bytes = new byte[n];
        new Random(n).nextBytes(bytes);
        Files.write(p, bytes);
        return bytes;
    }

    private static byte[] drain(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    @Test
    void slicesHoldExactlyTheRequestedRangeAndShareOneMapping() throws Exception {
        Path p = dir.resolve("blob");
        byte[] bytes = blob(p, 300_000);
        ByteBuffer whole = mapped.slice(SHA, p, bytes.length, 0, bytes.length);
        ByteBuffer middle = mapped.slice(SHA, p, bytes.length, 1000, 5000);
        assertEquals(0, middle.position());
        assertArrayEquals(bytes, drain(whole));
        assertArrayEquals(Arrays.copyOfRange(bytes, 1000, 6000), drain(middle));
        assertEquals(1, mapped.size());
    }

    @Test
    void aFileWhoseSizeDisagreesWithItsRecordIsAnErrorNotShortData() throws Exception {
        Path p = dir.resolve("blob");
        blob(p, 1000);
        IOException e = assertThrows(IOException.class, () -> mapped.slice(SHA, p, 2000, 0, 2000));
        assertEquals("blob " + SHA + " has 1000 bytes on disk, its record says 2000", e.getMessage());
    }

    @Test
    void aMissingFileIsNoSuchFile() {
        assertThrows(NoSuchFileException.class, () -> mapped.slice(SHA, dir.resolve("gone"), 10, 0, 10));
    }

    @Test
    void rangesOutsideTheBlobAreRefused() throws Exception {
        Path p = dir.resolve("blob");
        blob(p, 100);
        assertThrows(IllegalArgumentException.class, () -> mapped.slice(SHA, p, 100, 50, 51));
        assertThrows(IllegalArgumentException.class, () -> mapped.slice(SHA, p, MappedBlobs.MAX_MAPPED, 0, 1));
    }
}
