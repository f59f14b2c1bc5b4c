package org.xmppsfs.upload.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppsfs.model.hash.Hash;
import org.xmppsfs.model.MediaType;
import org.xmppsfs.model.hash.HashAlgorithm;
import org.xmppsfs.upload.Purpose;
import org.xmppsfs.upload.concurrent.DaemonThreads;

/**
 * {@link MetadataStore} over JDBC: the embedded H2 file database by default, any database speaking the portable
 * SQL of {@code db/migration/*.sql} (PostgreSQL) otherwise. Connections come from a small internal pool.
 */
public final class JdbcMetadataStore implements MetadataStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcMetadataStore.class);

    /** Migrations in order; each file is applied once and recorded in {@code schema_version}. */
    static final List<String> MIGRATIONS = List.of("V1__initial_schema.sql");

    /** H2's error code for "Database may be already in use". */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;
    /** Enough for every thread that may touch the store at once (HTTP, XMPP, sweeps), so none opens a session per call. */
    private static final int MAX_IDLE = 64;

    private final String url;
    private final String user;
    private final String password;
    private final String describedLocation;
    private final boolean h2;
    private final boolean diskSync;
    /** Where the completion journal lives (next to the H2 file); null for other databases, whose commits are durable. */
    private final Path journalBase;
    private CompletionJournal journal;
    private ScheduledExecutorService checkpoints;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private final GroupSync durability = new GroupSync();
    private boolean closed;

    private JdbcMetadataStore(String url, String user, String password, String describedLocation, boolean diskSync,
                              Path journalBase) {
        this.diskSync = diskSync;
        this.journalBase = journalBase;
        this.url = url;
        this.user = user;
        this.password = password;
        this.describedLocation = describedLocation;
        this.h2 = url.startsWith("jdbc:h2:");
    }

    /**
     * The embedded H2 database in the file {@code base + ".mv.db"}.
     *
     * @param diskSync false to write durable commits to the file without forcing them to disk ({@code storage.fsync
     *                 = false}): they survive the process being killed, not a power loss
     */
    public static JdbcMetadataStore h2File(Path base, boolean diskSync) {
        Path abs = base.toAbsolutePath();
        // retry: reopens the file if a thread is interrupted during I/O (Jetty interrupts its threads on stop),
        // instead of leaving the database closed. DB_CLOSE_ON_EXIT=FALSE: close() shuts it down, not a JVM hook.
        // QUERY_CACHE_SIZE: each pooled session sees all of this store's ~40 statements; H2's default of 8 cached
        // parses per session would make most of them parse their SQL again on every call.
        // PAGE_SIZE: H2 rewrites a whole B-tree page for every change to it, and uploads are keyed by random ids and
        // hashes, so each one touches a dozen different pages; 2 KiB pages instead of the default cut what a burst of
        // 60,000 uploads writes (and the file grows by, before the space is reused) from 2.2 GB to 0.8 GB, measured.
        // CACHE_SIZE (KiB): lookups by hash land on random pages; a quarter of the heap, at most 64 MiB, keeps the
        // pages of a few hundred thousand files in memory instead of H2's default of a few MiB for a small heap.
        long cacheKiB = Math.min(64 * 1024, Runtime.getRuntime().maxMemory() / 4 / 1024);
        // RETENTION_TIME: H2 reuses the space of replaced pages only after this long (default 45 s, so that a power
        // loss cannot find them overwritten before the write that replaced them reached the disk). The checkpoint
        // below syncs every change within CHECKPOINT_SECONDS, so 10 s keeps that guarantee, and a burst of uploads
        // grows the file by 10 s of writes instead of 45.
        // WRITE_DELAY=0: H2 stores every commit in the committing thread instead of handing it to a background
        // writer. With the background writer, CHECKPOINT returns without waiting when another store is under way,
        // and that store may still sit in an in-memory queue; the journal rotation after the checkpoint then
        // dropped completions that no file held yet, and a kill lost acknowledged uploads. Now a checkpoint finds
        // every earlier commit written, and only the fsync is shared.
        return new JdbcMetadataStore("jdbc:h2:retry:" + abs + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;QUERY_CACHE_SIZE=64;PAGE_SIZE=2048"
                + ";CACHE_SIZE=" + cacheKiB + ";RETENTION_TIME=" + RETENTION_MILLIS, "", "",
                abs + ".mv.db", diskSync, abs);
    }

    public static JdbcMetadataStore jdbc(String url, String user, String password) {
        return new JdbcMetadataStore(url, user, password, url, true, null);
    }

    @Override
    public void open() throws IOException {
        Connection c = null;
        try {
            c = connect();
            migrate(c);
            synchronized (this) {
                closed = false;
                idle.push(c);
            }
            c = null;
            if (journalBase != null) {
                openJournal();
            }
        } catch (SQLException | IOException e) {
            if (c != null) {
                closeQuietly(c);
            }
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException("metadata database " + describedLocation + ": " + e.getMessage(), e);
        }
    }

    /** Replays what a crash left in the journal, makes it durable in H2, and starts the periodic checkpoints. */
    private void openJournal() throws IOException {
        journal = CompletionJournal.open(journalBase, diskSync);
        List<CompletionJournal.Entry> pending = journal.readAll();
        if (!pending.isEmpty()) {
            int applied = 0;
            for (CompletionJournal.Entry e : pending) {
                applied += lazyTx(c -> replay(c, e)) ? 1 : 0;
            }
            syncH2();
            LOG.info("Replayed {} completed upload(s) from the metadata journal ({} already stored)", applied, pending.size() - applied);
        }
        journal.clear();
        ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("metadata-checkpoint"));
        ex.scheduleWithFixedDelay(this::checkpoint, CHECKPOINT_SECONDS, CHECKPOINT_SECONDS, TimeUnit.SECONDS);
        checkpoints = ex;
    }

    /**
     * Syncs H2 once for every completion journaled since the last checkpoint, then drops those journal entries. It
     * syncs even when nothing was journaled: slot grants, hashes, sweeps and H2's own compaction are written without
     * a sync, and the short retention time relies on nothing staying unsynced for longer than a checkpoint.
     */
    private void checkpoint() {
        try {
            if (!journal.rotate(this::syncH2)) {
                syncH2();
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Metadata checkpoint failed (the journal keeps the completions; retrying)", e);
        }
    }

    private static final long CHECKPOINT_SECONDS = 2;
    /** At least three checkpoints long, see {@link #h2File}. */
    private static final long RETENTION_MILLIS = 10_000;

    /** Everything committed so far, written and synced to the H2 file (once, for concurrent callers). */
    private void syncH2() {
        transaction(c -> null, true);
    }

    private boolean replay(Connection c, CompletionJournal.Entry e) throws SQLException {
        String state;
        try (PreparedStatement ps = c.prepareStatement("SELECT state FROM slots WHERE id = ?")) {
            ps.setString(1, e.slot().id());
            try (ResultSet rs = ps.executeQuery()) {
                state = rs.next() ? rs.getString(1) : null;
            }
        }
        if (state == null) {
            insertSlotRow(c, e.slot());
        } else if (!SlotState.PENDING.column().equals(state)) {
            return false;
        }
        return completeIn(c, e.slot().id(), e.blob(), e.size(), e.hashes(), e.putContentType(), e.completed())
                != Completion.NOT_PENDING;
    }

    private void migrate(Connection c) throws SQLException, IOException {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, "
                    + "description VARCHAR(200) NOT NULL, applied BIGINT NOT NULL)");
            c.commit();
            int current = 0;
            try (ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                rs.next();
                current = rs.getInt(1);
            }
            if (current > MIGRATIONS.size()) {
                throw new IOException("metadata database " + describedLocation + " has schema version " + current
                        + ", newer than this program knows (" + MIGRATIONS.size() + ")");
            }
            for (int v = current + 1; v <= MIGRATIONS.size(); v++) {
                String file = MIGRATIONS.get(v - 1);
                for (String sql : statements(readMigration(file))) {
                    st.execute(sql);
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO schema_version (version, description, applied) VALUES (?, ?, ?)")) {
                    ps.setInt(1, v);
                    ps.setString(2, file);
                    ps.setLong(3, System.currentTimeMillis());
                    ps.executeUpdate();
                }
                c.commit();
                LOG.info("Metadata schema migrated to version {} ({})", v, file);
            }
        } catch (SQLException | IOException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static String readMigration(String file) throws IOException {
        try (InputStream in = JdbcMetadataStore.class.getResourceAsStream("/db/migration/" + file)) {
            if (in == null) {
                throw new IOException("missing migration resource db/migration/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Splits a migration into statements: drops {@code --} comment lines, splits at {@code ;}. */
    static List<String> statements(String script) {
        StringBuilder sb = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.strip().startsWith("--")) {
                sb.append(line).append('\n');
            }
        }
        List<String> out = new ArrayList<>();
        for (String s : sb.toString().split(";")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- connections

    private Connection connect() throws SQLException, IOException {
        try {
            if (h2) {
                // The driver directly, not DriverManager: it works whichever class loader (a plugin's) loaded us.
                Properties props = new Properties();
                props.setProperty("user", user);
                props.setProperty("password", password);
                return org.h2.Driver.load().connect(url, props);
            }
            return DriverManager.getConnection(url, user, password);
        } catch (SQLException e) {
            if (h2 && (e.getErrorCode() == H2_DATABASE_ALREADY_OPEN || String.valueOf(e.getMessage()).contains("already in use"))) {
                throw new IOException("metadata database " + describedLocation + " is locked by another process: is another "
                        + "server running on the same storage.data-dir? Stop it, or use a different directory.", e);
            }
            throw e;
        }
    }

    private Connection borrow() throws SQLException {
        synchronized (this) {
            if (closed) {
                throw new SQLException("metadata store is closed");
            }
            Connection c = idle.poll();
            if (c != null) {
                return c;
            }
        }
        try {
            return connect();
        } catch (IOException e) {
            throw new SQLException(e.getMessage(), e);
        }
    }

    private void release(Connection c) {
        synchronized (this) {
            if (!closed && idle.size() < MAX_IDLE) {
                idle.push(c);
                return;
            }
        }
        closeQuietly(c);
    }

    @Override
    public void close() {
        ScheduledExecutorService ex = checkpoints;
        checkpoints = null;
        if (ex != null) {
            ex.shutdown();
            try {
                ex.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            checkpoint();
        }
        if (journal != null) {
            try {
                journal.close();
            } catch (IOException e) {
                LOG.debug("closing the metadata journal", e);
            }
            journal = null;
        }
        List<Connection> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayList<>(idle);
            idle.clear();
        }
        if (h2 && !toClose.isEmpty()) {
            // Closes the embedded database and its background writer now, not when the last pooled connection goes.
            try (Statement st = toClose.get(0).createStatement()) {
                st.execute("SHUTDOWN");
            } catch (SQLException e) {
                LOG.debug("H2 shutdown", e);
            }
        }
        toClose.forEach(JdbcMetadataStore::closeQuietly);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("closing connection", e);
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in one durable transaction: it is on disk when this returns, as an acknowledged upload or a
     * deletion must be. A SQL failure becomes an {@link IllegalStateException}.
     */
    private <T> T tx(Work<T> work) {
        return transaction(work, true);
    }

    /**
     * Runs {@code work} in one transaction that H2 writes to its file at commit but does not sync (the next periodic checkpoint does, within seconds).
     * For state a crash may lose harmlessly: a pending slot reservation (its PUT then fails and the client asks
     * again; the reservation's quota share goes with it), hashes that are recomputed on demand, sweep results that
     * the next sweep repeats. Forcing each of those to disk costs a synchronous checkpoint per slot request.
     */
    private <T> T lazyTx(Work<T> work) {
        return transaction(work, false);
    }

    private <T> T transaction(Work<T> work, boolean durable) {
        Connection c = null;
        try {
            c = borrow();
            c.setAutoCommit(false);
            T result = work.run(c);
            c.commit();
            if (h2 && durable) {
                // H2 writes commits in the background; a synced checkpoint makes an acknowledged upload survive a
                // crash. Concurrent completions share one (group commit): the checkpoint holds H2's database lock
                // while the disk syncs, so one per commit would queue every other session behind the disk.
                Connection own = c;
                durability.await(() -> {
                    try (Statement st = own.createStatement()) {
                        st.execute(diskSync ? "CHECKPOINT SYNC" : "CHECKPOINT");
                    }
                });
            }
            return result;
        } catch (SQLException e) {
            if (c != null) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is broken; it is closed below
                }
                closeQuietly(c);
                c = null;
            }
            throw new IllegalStateException("metadata database: " + e.getMessage(), e);
        } finally {
            if (c != null) {
                try {
                    c.setAutoCommit(true);
                    release(c);
                } catch (SQLException e) {
                    closeQuietly(c);
                }
            }
        }
    }

    /** Read-only work; no sync barrier. */
    private <T> T read(Work<T> work) {
        Connection c = null;
        try {
            c = borrow();
            return work.run(c);
        } catch (SQLException e) {
            if (c != null) {
                closeQuietly(c);
                c = null;
            }
            throw new IllegalStateException("metadata database: " + e.getMessage(), e);
        } finally {
            if (c != null) {
                release(c);
            }
        }
    }

    // ---------------------------------------------------------------- slots

    private static final String SLOT_COLUMNS = "s.id, s.owner, s.filename, s.size, s.content_type, s.purpose, s.expire_before, "
            + "s.created, s.put_expires, s.anonymous_put, s.state, s.completed, f.sha256, f.content_type";
    private static final String SLOT_FROM = " FROM slots s LEFT JOIN files f ON f.slot_id = s.id";

    @Override
    public void insertSlot(SlotRecord s) {
        lazyTx(c -> {
            insertSlotRow(c, s);
            return null;
        });
    }

    private static void insertSlotRow(Connection c, SlotRecord s) throws SQLException {
        {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO slots (id, owner, filename, size, content_type, purpose, "
                    + "expire_before, created, put_expires, anonymous_put, state, completed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)")) {
                ps.setString(1, s.id());
                ps.setString(2, s.owner());
                ps.setString(3, s.filename());
                ps.setLong(4, s.size());
                setNullableString(ps, 5, s.contentType().map(MediaType::toString));
                ps.setString(6, s.purpose().elementName());
                if (s.purpose() instanceof Purpose.Ephemeral e) {
                    ps.setLong(7, e.expireBefore().toEpochMilli());
                } else {
                    ps.setNull(7, Types.BIGINT);
                }
                ps.setLong(8, s.created().toEpochMilli());
                ps.setLong(9, s.putExpires().toEpochMilli());
                ps.setBoolean(10, s.anonymousPut());
                ps.setString(11, s.state().column());
                ps.executeUpdate();
            }
        }
    }

    @Override
    public Optional<SlotRecord> findSlot(String id) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + SLOT_COLUMNS + SLOT_FROM + " WHERE s.id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(slot(rs)) : Optional.empty();
                }
            }
        });
    }

    private static SlotRecord slot(ResultSet rs) throws SQLException {
        String purposeName = rs.getString(6);
        long expireBefore = rs.getLong(7);
        boolean hasExpireBefore = !rs.wasNull();
        Purpose purpose = Purpose.fromStored(purposeName, hasExpireBefore ? Instant.ofEpochMilli(expireBefore) : Instant.EPOCH);
        long completed = rs.getLong(12);
        boolean hasCompleted = !rs.wasNull();
        return new SlotRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                Optional.ofNullable(rs.getString(5)).flatMap(MediaType::parse), purpose, Instant.ofEpochMilli(rs.getLong(8)),
                Instant.ofEpochMilli(rs.getLong(9)), rs.getBoolean(10), SlotState.ofColumn(rs.getString(11)),
                hasCompleted ? Optional.of(Instant.ofEpochMilli(completed)) : Optional.empty(),
                Optional.ofNullable(rs.getString(13)).map(String::trim).map(BlobAddress::new),
                Optional.ofNullable(rs.getString(14)).flatMap(MediaType::parse));
    }

    @Override
    public boolean deletePendingSlot(String id) {
        return lazyTx(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM slots WHERE id = ? AND state = 'pending'")) {
                ps.setString(1, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<Charge> chargesSince(String owner, Instant since, Instant now) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT created, size FROM slots WHERE owner = ? AND created >= ? "
                    + "AND (completed IS NOT NULL OR (state = 'pending' AND put_expires > ?)) ORDER BY created")) {
                ps.setString(1, owner);
                ps.setLong(2, since.toEpochMilli());
                ps.setLong(3, now.toEpochMilli());
                List<Charge> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Charge(Instant.ofEpochMilli(rs.getLong(1)), rs.getLong(2)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public long ownerBytes(String owner, Instant now) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(size), 0) FROM slots WHERE owner = ? "
                    + "AND (state = 'completed' OR (state = 'pending' AND put_expires > ?))")) {
                ps.setString(1, owner);
                ps.setLong(2, now.toEpochMilli());
                return single(ps);
            }
        });
    }

    @Override
    public long reservedBytes(Instant now) {
        return read(c -> {
            long stored;
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(size), 0) FROM blobs")) {
                stored = single(ps);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(size), 0) FROM slots WHERE state = 'pending' AND put_expires > ?")) {
                ps.setLong(1, now.toEpochMilli());
                return stored + single(ps);
            }
        });
    }

    @Override
    public long storedBytes() {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(size), 0) FROM blobs")) {
                return single(ps);
            }
        });
    }

    private static long single(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ---------------------------------------------------------------- files and blobs

    @Override
    public Completion complete(SlotRecord slot, BlobAddress blob, long size, Collection<Hash> hashes,
                               Optional<MediaType> putContentType, Instant now) {
        if (journal == null) {
            return tx(c -> completeIn(c, slot.id(), blob, size, hashes, putContentType, now));
        }
        Completion done = lazyTx(c -> completeIn(c, slot.id(), blob, size, hashes, putContentType, now));
        if (done != Completion.NOT_PENDING) {
            try {
                journal.append(new CompletionJournal.Entry(slot, blob, size, List.copyOf(hashes), putContentType, now));
            } catch (IOException e) {
                // Committed in H2 but not journaled: sync H2 itself instead, or report the failure.
                LOG.warn("Metadata journal append failed ({}); syncing the database instead", e.getMessage());
                syncH2();
            }
        }
        return done;
    }

    private Completion completeIn(Connection c, String slotId, BlobAddress blob, long size, Collection<Hash> hashes,
                                  Optional<MediaType> putContentType, Instant now) throws SQLException {
        String sha256Hex = blob.hex();
        try (PreparedStatement ps = c.prepareStatement("UPDATE slots SET state = 'completed', completed = ? WHERE id = ? AND state = 'pending'")) {
            ps.setLong(1, now.toEpochMilli());
            ps.setString(2, slotId);
            if (ps.executeUpdate() != 1) {
                c.rollback();
                return Completion.NOT_PENDING;
            }
        }
        boolean existing;
        try (PreparedStatement ps = c.prepareStatement("UPDATE blobs SET refcount = refcount + 1 WHERE sha256 = ?")) {
            ps.setString(1, sha256Hex);
            existing = ps.executeUpdate() == 1;
        }
        if (!existing) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO blobs (sha256, size, refcount, created) VALUES (?, ?, 1, ?)")) {
                ps.setString(1, sha256Hex);
                ps.setLong(2, size);
                ps.setLong(3, now.toEpochMilli());
                ps.executeUpdate();
            }
        }
        insertHashes(c, sha256Hex, hashes);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO files (slot_id, sha256, content_type) VALUES (?, ?, ?)")) {
            ps.setString(1, slotId);
            ps.setString(2, sha256Hex);
            setNullableString(ps, 3, putContentType.map(MediaType::toString));
            ps.executeUpdate();
        }
        return existing ? Completion.EXISTING_BLOB : Completion.NEW_BLOB;
    }

    private static void insertHashes(Connection c, String sha256Hex, Collection<Hash> hashes) throws SQLException {
        Set<String> present = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT algo FROM blob_hashes WHERE sha256 = ?")) {
            ps.setString(1, sha256Hex);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    present.add(rs.getString(1));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO blob_hashes (sha256, algo, digest) VALUES (?, ?, ?)")) {
            for (Hash h : hashes) {
                Optional<HashAlgorithm> a = h.algorithm();
                if (a.isEmpty() || !present.add(a.get().xepName())) {
                    continue;
                }
                ps.setString(1, sha256Hex);
                ps.setString(2, a.get().xepName());
                ps.setString(3, h.base64Url());
                ps.executeUpdate();
            }
        }
    }

    @Override
    public Deletion deleteFile(String slotId, Instant now) {
        return tx(c -> {
            String sha;
            try (PreparedStatement ps = c.prepareStatement("SELECT f.sha256 FROM files f JOIN slots s ON s.id = f.slot_id "
                    + "WHERE f.slot_id = ? AND s.state = 'completed'")) {
                ps.setString(1, slotId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return new Deletion(false, Optional.empty());
                    }
                    sha = rs.getString(1).trim();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE slots SET state = 'deleted' WHERE id = ? AND state = 'completed'")) {
                ps.setString(1, slotId);
                if (ps.executeUpdate() != 1) {
                    c.rollback();
                    return new Deletion(false, Optional.empty());
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM files WHERE slot_id = ?")) {
                ps.setString(1, slotId);
                ps.executeUpdate();
            }
            return new Deletion(true, dropReference(c, sha).map(BlobAddress::new));
        });
    }

    /** Decrements a blob's refcount; at zero removes its rows and returns its address. */
    private static Optional<String> dropReference(Connection c, String sha) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE blobs SET refcount = refcount - 1 WHERE sha256 = ?")) {
            ps.setString(1, sha);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT refcount FROM blobs WHERE sha256 = ?")) {
            ps.setString(1, sha);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getInt(1) > 0) {
                    return Optional.empty();
                }
            }
        }
        deleteBlobRows(c, sha);
        return Optional.of(sha);
    }

    private static void deleteBlobRows(Connection c, String sha) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM blob_hashes WHERE sha256 = ?")) {
            ps.setString(1, sha);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM blobs WHERE sha256 = ?")) {
            ps.setString(1, sha);
            ps.executeUpdate();
        }
    }

    @Override
    public Optional<BlobAddress> findBlob(HashAlgorithm algorithm, byte[] digest) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT sha256 FROM blob_hashes WHERE algo = ? AND digest = ?")) {
                ps.setString(1, algorithm.xepName());
                ps.setString(2, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new BlobAddress(rs.getString(1).trim())) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<Long> blobSize(BlobAddress blob) {
        String sha256Hex = blob.hex();
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT size FROM blobs WHERE sha256 = ?")) {
                ps.setString(1, sha256Hex);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Map<HashAlgorithm, Hash> hashesOf(BlobAddress blob) {
        String sha256Hex = blob.hex();
        return read(c -> {
            Map<HashAlgorithm, Hash> out = new EnumMap<>(HashAlgorithm.class);
            try (PreparedStatement ps = c.prepareStatement("SELECT algo, digest FROM blob_hashes WHERE sha256 = ?")) {
                ps.setString(1, sha256Hex);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Optional<HashAlgorithm> a = HashAlgorithm.fromName(rs.getString(1));
                        if (a.isPresent()) {
                            out.put(a.get(), Hash.of(a.get(), Base64.getUrlDecoder().decode(rs.getString(2))));
                        }
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void addHashes(BlobAddress blob, Collection<Hash> hashes) {
        String sha256Hex = blob.hex();
        lazyTx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM blobs WHERE sha256 = ?")) {
                ps.setString(1, sha256Hex);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null; // deleted meanwhile
                    }
                }
            }
            insertHashes(c, sha256Hex, hashes);
            return null;
        });
    }

    @Override
    public List<BlobAddress> blobsMissing(HashAlgorithm algorithm, int limit) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT b.sha256 FROM blobs b WHERE NOT EXISTS "
                    + "(SELECT 1 FROM blob_hashes h WHERE h.sha256 = b.sha256 AND h.algo = ?) ORDER BY b.created")) {
                ps.setString(1, algorithm.xepName());
                ps.setMaxRows(limit);
                return strings(ps).stream().map(BlobAddress::new).toList();
            }
        });
    }

    @Override
    public List<SlotRecord> filesOf(BlobAddress blob) {
        String sha256Hex = blob.hex();
        return read(c -> {
            // Starts from files (indexed by sha256): the LEFT JOIN of SLOT_FROM made H2 scan every slot ever granted.
            try (PreparedStatement ps = c.prepareStatement("SELECT " + SLOT_COLUMNS
                    + " FROM files f JOIN slots s ON s.id = f.slot_id"
                    + " WHERE f.sha256 = ? AND s.state = 'completed' ORDER BY s.completed DESC")) {
                ps.setString(1, sha256Hex);
                List<SlotRecord> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(slot(rs));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public List<String> expiredFiles(Cutoffs k, int limit) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM slots WHERE state = 'completed' AND ("
                    + "(purpose = 'message' AND completed < ?) OR (purpose = 'profile' AND completed < ?) "
                    + "OR (purpose = 'permanent' AND completed < ?) OR (purpose = 'ephemeral' AND expire_before <= ?))")) {
                ps.setLong(1, millis(k.message()));
                ps.setLong(2, millis(k.profile()));
                ps.setLong(3, millis(k.permanent()));
                ps.setLong(4, millis(k.ephemeralNow()));
                ps.setMaxRows(limit);
                return strings(ps);
            }
        });
    }

    private static long millis(Instant i) {
        return i.equals(Instant.MIN) ? Long.MIN_VALUE : i.toEpochMilli();
    }

    @Override
    public int purgeSlots(Instant pendingExpiredBefore, Instant deletedBefore) {
        return lazyTx(c -> {
            int n;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM slots WHERE state = 'pending' AND put_expires <= ?")) {
                ps.setLong(1, pendingExpiredBefore.toEpochMilli());
                n = ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM slots WHERE state = 'deleted' AND created < ?")) {
                ps.setLong(1, deletedBefore.toEpochMilli());
                n += ps.executeUpdate();
            }
            return n;
        });
    }

    @Override
    public Set<BlobAddress> blobAddresses() {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT sha256 FROM blobs")) {
                return new HashSet<>(strings(ps).stream().map(BlobAddress::new).toList());
            }
        });
    }

    @Override
    public int forgetBlob(BlobAddress blob) {
        String sha256Hex = blob.hex();
        return tx(c -> {
            List<String> slots;
            try (PreparedStatement ps = c.prepareStatement("SELECT slot_id FROM files WHERE sha256 = ?")) {
                ps.setString(1, sha256Hex);
                slots = strings(ps);
            }
            for (String id : slots) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE slots SET state = 'deleted' WHERE id = ?")) {
                    ps.setString(1, id);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM files WHERE sha256 = ?")) {
                ps.setString(1, sha256Hex);
                ps.executeUpdate();
            }
            deleteBlobRows(c, sha256Hex);
            return slots.size();
        });
    }

    private static List<String> strings(PreparedStatement ps) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1).trim());
            }
        }
        return out;
    }

    private static void setNullableString(PreparedStatement ps, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            ps.setString(index, value.get());
        } else {
            ps.setNull(index, Types.VARCHAR);
        }
    }

    @Override
    public String toString() {
        return "JdbcMetadataStore[" + Objects.requireNonNull(describedLocation) + "]";
    }
}
