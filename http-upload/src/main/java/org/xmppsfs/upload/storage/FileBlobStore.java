package org.xmppsfs.upload.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppsfs.upload.concurrent.DaemonThreads;

/**
 * Blobs as files: {@code root/blobs/ab/cd/abcd…} (sharded by the first two bytes of the SHA-256, so no directory
 * grows past a few thousand entries) and temp files in {@code root/tmp} on the same file system. Durability
 * order: write → atomic rename → fsync file → fsync directory, all before {@link #commit} returns; a crash leaves a
 * temp file (removed at next {@link #open()}), or a blob file that no completed upload references (removed by the
 * catalog's reconciliation at startup), or a complete blob.
 */
public final class FileBlobStore implements BlobStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileBlobStore.class);
    private static final String TEMP_SUFFIX = ".part";
    private static final long WRITEBACK_STEP = 32L * 1024 * 1024;

    private final Path blobs;
    private final Path tmp;
    private final boolean fsync;
    /**
     * Early write-back of large uploads: while one is received, every {@link #WRITEBACK_STEP} bytes a sync of what
     * has arrived runs here, on the second core, so the disk works while the network does. At most two run at once;
     * more are skipped (the final sync covers everything anyway). Threads end when idle.
     */
    private final ThreadPoolExecutor writeback;

    public FileBlobStore(Path root, boolean fsync) {
        Objects.requireNonNull(root, "root");
        this.blobs = root.resolve("blobs");
        this.tmp = root.resolve("tmp");
        this.fsync = fsync;
        this.writeback = new ThreadPoolExecutor(2, 2, 10, TimeUnit.SECONDS, new SynchronousQueue<>(),
                DaemonThreads.numbered("blob-writeback-"), new ThreadPoolExecutor.DiscardPolicy());
        this.writeback.allowCoreThreadTimeOut(true);
    }

    @Override
    public int open() throws IOException {
        Files.createDirectories(blobs);
        Files.createDirectories(tmp);
        int removed = 0;
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(tmp)) {
            for (Path p : leftovers) {
                Files.deleteIfExists(p);
                removed++;
            }
        }
        if (removed > 0) {
            LOG.info("Removed {} temp file(s) of interrupted uploads in {}", removed, tmp);
        }
        return removed;
    }

    /** Ends the early write-back threads (a running write-back finishes first); the store is not used afterwards. */
    public void close() {
        writeback.shutdown();
        try {
            writeback.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public TempFile newTempFile() throws IOException {
        Path p = tmp.resolve(UUID.randomUUID() + TEMP_SUFFIX);
        FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new FileTemp(p, ch, fsync ? writeback : null);
    }

    @Override
    public boolean commit(TempFile temp, BlobAddress address) throws IOException {
        Path target = path(address);
        try (temp) {
            if (Files.exists(target)) {
                return false; // committed earlier, synced before that commit returned
            }
            Path dir = target.getParent();
            boolean newDirectories = !Files.isDirectory(dir);
            Files.createDirectories(dir);
            try {
                Files.move(temp.path(), target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("storage.data-dir: temp and blob directories must be on one file system for atomic renames ("
                        + temp.path() + " → " + target + ")", e);
            } catch (FileAlreadyExistsException e) {
                return false;
            }
            // Renamed first, synced after (through the still-open channel): one journal commit then covers the
            // data, the inode and the new directory entry, and the directory sync that POSIX asks for finds it done.
            // Syncing before the rename costs two commits per upload. A crash in between leaves a blob file that no
            // row references, which reconciliation at startup removes; the upload was not acknowledged.
            try {
                if (fsync) {
                    temp.channel().force(true);
                    syncDirectory(dir);
                    if (newDirectories) {
                        syncDirectory(dir.getParent());
                        syncDirectory(blobs);
                    }
                }
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(target);
                throw e;
            }
            return true;
        }
    }

    @Override
    public boolean exists(BlobAddress address) {
        return Files.isRegularFile(path(address));
    }

    @Override
    public Path path(BlobAddress address) {
        String hex = address.hex();
        return blobs.resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex);
    }

    @Override
    public boolean delete(BlobAddress address) throws IOException {
        Path p = path(address);
        boolean deleted = Files.deleteIfExists(p);
        if (deleted && fsync) {
            syncDirectory(p.getParent());
        }
        return deleted;
    }

    @Override
    public Set<BlobAddress> list() throws IOException {
        Set<BlobAddress> out = new HashSet<>();
        try (Stream<Path> files = Files.walk(blobs, 3)) {
            files.filter(Files::isRegularFile).forEach(p -> {
                Optional<BlobAddress> address = BlobAddress.parse(p.getFileName().toString());
                if (address.isPresent() && p.equals(path(address.get()))) {
                    out.add(address.get());
                } else {
                    LOG.warn("Ignoring a file that is not a blob: {}", p);
                }
            });
        }
        return out;
    }

    @Override
    public long totalBytes() throws IOException {
        long total = 0;
        for (BlobAddress sha : list()) {
            try {
                total += Files.size(path(sha));
            } catch (NoSuchFileException e) {
                // deleted meanwhile
            }
        }
        return total;
    }

    /** Makes a rename or deletion in {@code dir} durable (POSIX: fsync the directory). */
    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some platforms cannot open directories; the rename itself is still atomic there.
            if (!System.getProperty("os.name", "").toLowerCase().contains("win")) {
                throw e;
            }
        }
    }

    private static final class FileTemp implements TempFile {
        private final Path path;
        private final FileChannel channel;

        private final Executor writeback;
        private final AtomicBoolean writingBack = new AtomicBoolean();
        private long writeBackRequestedAt;

        FileTemp(Path path, FileChannel channel, Executor writeback) {
            this.path = path;
            this.channel = channel;
            this.writeback = writeback;
        }

        @Override
        public void written(long bytesSoFar) {
            if (writeback == null || bytesSoFar - writeBackRequestedAt < WRITEBACK_STEP || !writingBack.compareAndSet(false, true)) {
                return;
            }
            writeBackRequestedAt = bytesSoFar;
            writeback.execute(() -> {
                try {
                    channel.force(false);
                } catch (IOException | RuntimeException e) {
                    // closed meanwhile (upload ended or failed), or a real error that the final sync reports
                    LOG.trace("Early write-back of {}", path, e);
                } finally {
                    writingBack.set(false);
                }
            });
        }

        @Override
        public Path path() {
            return path;
        }

        @Override
        public FileChannel channel() {
            return channel;
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("Closing {}", path, e);
            }
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                LOG.warn("Could not delete temp file {} (it is removed at next start)", path, e);
            }
        }
    }
}
