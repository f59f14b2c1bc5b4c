package org.xmppsfs.upload.storage;

import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.xmppsfs.model.hash.Hash;
import org.xmppsfs.model.MediaType;
import org.xmppsfs.model.hash.HashAlgorithm;

/**
 * Slots, files, blobs and their hashes. Every method is one transaction. Thread-safe.
 * Times are stored as epoch milliseconds.
 */
public interface MetadataStore extends AutoCloseable {

    /** Connects and applies pending schema migrations. */
    void open() throws IOException;

    @Override
    void close();

    void insertSlot(SlotRecord slot);

    Optional<SlotRecord> findSlot(String id);

    /** Removes a pending slot (a failed ingest); false if it was not pending. */
    boolean deletePendingSlot(String id);

    /** One upload counted against a user's daily quota: when its slot was granted and its size. */
    record Charge(Instant created, long size) {}

    /**
     * Uploads of {@code owner} granted since {@code since} that count against the daily quota: completed ones
     * (even if deleted since) and pending ones whose credential is still valid at {@code now}. Oldest first.
     */
    List<Charge> chargesSince(String owner, Instant since, Instant now);

    /** Bytes {@code owner} holds: files not deleted plus pending slots still valid at {@code now}. */
    long ownerBytes(String owner, Instant now);

    /** Bytes of all distinct stored blobs plus pending slots still valid at {@code now}. */
    long reservedBytes(Instant now);

    /** Bytes of all distinct stored blobs (deduplicated), exactly. */
    long storedBytes();

    /** What {@link #complete} did. */
    enum Completion { NEW_BLOB, EXISTING_BLOB, NOT_PENDING }

    /**
     * In one transaction: marks the slot completed (only if still pending), references the blob (creating its row
     * or incrementing its refcount), records its hashes, and stores the PUT's content type. Durable when it returns.
     *
     * @param slot the slot as granted (a journaling store records it whole, so a crash cannot separate the two)
     */
    Completion complete(SlotRecord slot, BlobAddress blob, long size, Collection<Hash> hashes,
                        Optional<MediaType> putContentType, Instant now);

    /** What {@link #deleteFile} did. */
    record Deletion(boolean deleted, Optional<BlobAddress> orphanedBlob) {}

    /**
     * Marks a completed slot deleted and drops its reference; when the blob's refcount reaches zero its rows are
     * removed and its address returned, for the caller to delete the file.
     */
    Deletion deleteFile(String slotId, Instant now);

    /** The blob having that digest in that algorithm. */
    Optional<BlobAddress> findBlob(HashAlgorithm algorithm, byte[] digest);

    /** Size of a blob row, if present. */
    Optional<Long> blobSize(BlobAddress blob);

    /** Every stored hash of a blob. */
    Map<HashAlgorithm, Hash> hashesOf(BlobAddress blob);

    /** Stores hashes of a blob; hashes already present are kept. */
    void addHashes(BlobAddress blob, Collection<Hash> hashes);

    /** Blobs with no stored hash in {@code algorithm}. */
    List<BlobAddress> blobsMissing(HashAlgorithm algorithm, int limit);

    /** Completed, not deleted files of a blob, newest first. */
    List<SlotRecord> filesOf(BlobAddress blob);

    /** Retention cut-offs per purpose; a file completed before its cut-off is expired. {@link Instant#MIN} keeps forever. */
    record Cutoffs(Instant message, Instant profile, Instant permanent, Instant ephemeralNow) {}

    /** Completed files expired under the cut-offs (ephemeral: expire-before not after now). */
    List<String> expiredFiles(Cutoffs cutoffs, int limit);

    /** Deletes pending slots whose credential expired before {@code pendingExpiredBefore} and deleted slots granted before {@code deletedBefore}. */
    int purgeSlots(Instant pendingExpiredBefore, Instant deletedBefore);

    /** Every blob address with a row. */
    Set<BlobAddress> blobAddresses();

    /** Forgets a blob whose file is missing: its files become deleted and its rows go. */
    int forgetBlob(BlobAddress blob);
}
