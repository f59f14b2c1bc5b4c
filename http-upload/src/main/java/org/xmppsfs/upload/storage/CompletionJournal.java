package org.xmppsfs.upload.storage;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.xmppsfs.model.MediaType;
import org.xmppsfs.model.hash.Hash;
import org.xmppsfs.upload.Purpose;

/**
 * Redo journal of completed uploads, for the embedded H2 store.
 *
 * <p>Why: H2's store rewrites every B-tree page a commit touches. Uploads are keyed by random slot ids and random
 * SHA-256s, so each synced completion rewrote a dozen pages of up to tens of KiB: about 45 KiB written per small
 * upload, a metadata file of several GiB after 100,000 uploads, and an fsync of all that before every 201. Instead, a
 * completion is committed to H2 without a sync and appended here (a few hundred bytes) with a sync shared by
 * concurrent completions. Every couple of seconds the store syncs H2 once and the journal entries it covers are
 * dropped, so H2 absorbs thousands of completions per page write.
 *
 * <p>Two files take turns: {@link #rotate} switches appends to the other file, syncs H2, then empties the one it
 * left. Startup replays both files; replaying is idempotent (a completion already in H2 is skipped). A record is
 * {@code magic, length, payload, CRC-32C}; reading stops at the first record that is incomplete or does not check
 * out, which is where a crash interrupted the last append (that upload was not acknowledged).
 */
final class CompletionJournal implements Closeable {

    private static final int MAGIC = 0x53465331; // "SFS1"
    private static final int MAX_RECORD = 1 << 20;

    /** One completed upload: the slot as granted, and what {@link MetadataStore#complete} recorded for it. */
    record Entry(SlotRecord slot, BlobAddress blob, long size, List<Hash> hashes, Optional<MediaType> putContentType,
                 Instant completed) {}

    private final Path[] files;
    private final boolean diskSync;
    private final Object appendLock = new Object();
    private Segment active;
    private boolean written;

    /** The file appends go to, with its own group sync: a sync of one file must not count for the other. */
    private record Segment(int index, FileChannel channel, GroupSync durability) {}

    private CompletionJournal(Path[] files, boolean diskSync) throws IOException {
        this.files = files;
        this.diskSync = diskSync;
        this.active = segment(0);
    }

    private Segment segment(int index) throws IOException {
        return new Segment(index, openForAppend(files[index]), new GroupSync());
    }

    /** The journal in {@code base + ".journal-0"} and {@code "-1"}; entries already there stay until {@link #clear}. */
    static CompletionJournal open(Path base, boolean diskSync) throws IOException {
        Path[] files = {base.resolveSibling(base.getFileName() + ".journal-0"), base.resolveSibling(base.getFileName() + ".journal-1")};
        return new CompletionJournal(files, diskSync);
    }

    private static FileChannel openForAppend(Path p) throws IOException {
        return FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** Every intact entry of both files, oldest file first. */
    List<Entry> readAll() throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (Path p : files) {
            if (Files.exists(p)) {
                try (InputStream in = Files.newInputStream(p)) {
                    readFrom(new DataInputStream(in), entries);
                }
            }
        }
        return entries;
    }

    private static void readFrom(DataInputStream in, List<Entry> into) throws IOException {
        while (true) {
            try {
                if (in.readInt() != MAGIC) {
                    return;
                }
                int length = in.readInt();
                if (length <= 0 || length > MAX_RECORD) {
                    return;
                }
                byte[] payload = in.readNBytes(length);
                if (payload.length != length) {
                    return;
                }
                CRC32C crc = new CRC32C();
                crc.update(payload);
                if (in.readInt() != (int) crc.getValue()) {
                    return;
                }
                into.add(decode(payload));
            } catch (EOFException e) {
                return;
            }
        }
    }

    /** Appends the entry and returns once it is on disk (or, without disk sync, written to the file). */
    void append(Entry entry) throws IOException {
        byte[] payload = encode(entry);
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ByteBuffer record = ByteBuffer.allocate(payload.length + 12);
        record.putInt(MAGIC).putInt(payload.length).put(payload).putInt((int) crc.getValue()).flip();
        Segment segment;
        synchronized (appendLock) {
            segment = active;
            while (record.hasRemaining()) {
                segment.channel().write(record);
            }
            written = true;
        }
        if (diskSync) {
            try {
                segment.durability().await(() -> segment.channel().force(false));
            } catch (ClosedChannelException e) {
                // A rotation closed this file, which it does only after syncing H2, and H2 already held this
                // completion (committed before it was appended): it is durable.
            }
        }
    }

    /**
     * Switches appends to the other file, runs {@code makeDurable} (which must put every completion committed so far
     * on disk in H2), then empties the file left behind. Does nothing if nothing was appended since the last time.
     *
     * @return whether anything was appended, and so {@code makeDurable} ran
     */
    <E extends Exception> boolean rotate(GroupSync.Action<E> makeDurable) throws E, IOException {
        Segment left;
        synchronized (appendLock) {
            if (!written) {
                return false;
            }
            left = active;
            active = segment(1 - left.index());
            written = false;
        }
        makeDurable.sync();
        left.channel().close();
        empty(files[left.index()]);
        return true;
    }

    /** Empties both files, once their entries are durable in H2 (after a replay). */
    void clear() throws IOException {
        synchronized (appendLock) {
            for (Path p : files) {
                empty(p);
            }
            written = false;
        }
    }

    private void empty(Path p) throws IOException {
        try (FileChannel c = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            if (diskSync) {
                c.force(true);
            }
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (appendLock) {
            active.channel().close();
        }
    }

    // ------------------------------------------------------------------ record format

    private static byte[] encode(Entry e) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        DataOutputStream out = new DataOutputStream(bytes);
        SlotRecord s = e.slot();
        out.writeUTF(s.id());
        out.writeUTF(s.owner());
        out.writeUTF(s.filename());
        out.writeLong(s.size());
        writeOptional(out, s.contentType().map(MediaType::toString));
        out.writeUTF(s.purpose().elementName());
        out.writeLong(s.purpose() instanceof Purpose.Ephemeral ep ? ep.expireBefore().toEpochMilli() : 0L);
        out.writeLong(s.created().toEpochMilli());
        out.writeLong(s.putExpires().toEpochMilli());
        out.writeBoolean(s.anonymousPut());
        out.writeUTF(e.blob().hex());
        out.writeLong(e.size());
        out.writeShort(e.hashes().size());
        for (Hash h : e.hashes()) {
            out.writeUTF(h.algo());
            out.writeUTF(Base64.getEncoder().encodeToString(h.digest()));
        }
        writeOptional(out, e.putContentType().map(MediaType::toString));
        out.writeLong(e.completed().toEpochMilli());
        out.flush();
        return bytes.toByteArray();
    }

    private static Entry decode(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload));
        String id = in.readUTF();
        String owner = in.readUTF();
        String filename = in.readUTF();
        long size = in.readLong();
        Optional<MediaType> contentType = readOptional(in).flatMap(MediaType::parse);
        Purpose purpose = Purpose.fromStored(in.readUTF(), Instant.ofEpochMilli(in.readLong()));
        Instant created = Instant.ofEpochMilli(in.readLong());
        Instant putExpires = Instant.ofEpochMilli(in.readLong());
        boolean anonymousPut = in.readBoolean();
        SlotRecord slot = SlotRecord.pending(id, owner, filename, size, contentType, purpose, created, putExpires, anonymousPut);
        BlobAddress sha = new BlobAddress(in.readUTF());
        long blobSize = in.readLong();
        int n = in.readUnsignedShort();
        List<Hash> hashes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            hashes.add(new Hash(in.readUTF(), Base64.getDecoder().decode(in.readUTF())));
        }
        Optional<MediaType> putType = readOptional(in).flatMap(MediaType::parse);
        Instant completed = Instant.ofEpochMilli(in.readLong());
        return new Entry(slot, sha, blobSize, hashes, putType, completed);
    }

    private static void writeOptional(DataOutputStream out, Optional<String> value) throws IOException {
        out.writeBoolean(value.isPresent());
        if (value.isPresent()) {
            out.writeUTF(value.get());
        }
    }

    private static Optional<String> readOptional(DataInputStream in) throws IOException {
        return in.readBoolean() ? Optional.of(in.readUTF()) : Optional.empty();
    }
}
