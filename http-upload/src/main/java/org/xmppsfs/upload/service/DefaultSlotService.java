package org.xmppsfs.upload.service;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppsfs.model.MediaType;
import org.xmppsfs.upload.Outcome;
import org.xmppsfs.upload.Purpose;
import org.xmppsfs.upload.Refusal;
import org.xmppsfs.upload.SlotGrant;
import org.xmppsfs.upload.SlotRequest;
import org.xmppsfs.upload.SlotService;
import org.xmppsfs.upload.UploadConfig;
import org.xmppsfs.upload.concurrent.StripedLocks;
import org.xmppsfs.upload.metrics.UploadMetrics;
import org.xmppsfs.upload.slot.SlotCredentials;
import org.xmppsfs.upload.slot.SlotRules;
import org.xmppsfs.upload.slot.SlotUrls;
import org.xmppsfs.upload.storage.MetadataStore;
import org.xmppsfs.upload.storage.SlotRecord;

/**
 * Grants slots after checking the request (name, size, type, purpose) and the quotas.
 *
 * <p>Quota accounting: a pending slot counts against every quota from the moment it is granted until its
 * credential expires unused, so parallel slot requests cannot race past a quota; a completed upload keeps
 * counting (daily: for 24 h from its grant, even if deleted; total: while stored). Per-user quotas count each
 * file at its full size; the global cap counts distinct blobs (deduplicated) plus pending slots.
 */
public final class DefaultSlotService implements SlotService {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultSlotService.class);
    private static final Duration DAY = Duration.ofDays(1);
    /** Free disk space kept in reserve beyond a slot's size, so metadata and logs can still be written. */
    private static final long DISK_RESERVE = 64L * 1024 * 1024;

    private final UploadConfig config;
    private final MetadataStore meta;
    private final SlotCredentials credentials;
    private final SlotUrls urls;
    private final Clock clock;
    private final UploadMetrics metrics;
    private final SecureRandom random = new SecureRandom();
    /**
     * Check-then-insert of one owner's quotas must not interleave within this node. Owners are spread over stripes so
     * that different users' requests do not queue behind each other; with a global cap every request competes with
     * every other, so all take the one global lock.
     */
    private final StripedLocks ownerLocks = new StripedLocks(64);
    private final Object globalLock = new Object();
    /** Resolved once: looking a path's file store up reads the mount table, a statvfs per request is enough. */
    private volatile FileStore dataFileStore;

    public DefaultSlotService(UploadConfig config, MetadataStore meta, SlotCredentials credentials, SlotUrls urls,
                              Clock clock, UploadMetrics metrics) {
        this.config = config;
        this.meta = meta;
        this.credentials = credentials;
        this.urls = urls;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public long maxFileSize() {
        return config.maxFileSize();
    }

    @Override
    public Outcome<SlotGrant> requestSlot(SlotRequest request) {
        Outcome<SlotRecord> reserved = reserve(request.requester(), request.filename(), request.size(),
                request.contentType(), request.purpose(), config.putValidity(), false);
        return reserved.map(slot -> {
            String token = credentials.mint(slot.id(), slot.size(), slot.contentType().map(MediaType::toString), slot.putExpires());
            return new SlotGrant(slot.id(), urls.putUrl(slot.id(), slot.filename(), Optional.of(token)),
                    List.of(new SlotGrant.Header("Authorization", "Bearer " + token)),
                    urls.getUrl(slot.id(), slot.filename()), slot.putExpires());
        });
    }

    /**
     * Validates and charges a slot, then records it as pending.
     *
     * @param anonymousPut true when the URL alone authorises the PUT (MMMSG)
     */
    public Outcome<SlotRecord> reserve(String owner, String filename, long size, Optional<String> contentType,
                                       Purpose purpose, Duration validity, boolean anonymousPut) {
        Outcome<SlotRecord> out;
        try {
            out = reserveChecked(owner, filename, size, contentType, purpose, validity, anonymousPut);
        } catch (RuntimeException e) {
            LOG.error("Slot request of {} failed", owner, e);
            out = Outcome.refused(new Refusal.Internal("internal error; try again later"));
        }
        if (out instanceof Outcome.Refused<SlotRecord> r) {
            metrics.refusals.labels(reasonLabel(r.refusal())).inc();
        } else {
            metrics.slotsGranted.inc();
        }
        return out;
    }

    private Outcome<SlotRecord> reserveChecked(String owner, String filename, long size, Optional<String> contentType,
                                               Purpose purpose, Duration validity, boolean anonymousPut) {
        if (owner.isBlank()) {
            return Outcome.refused(new Refusal.BadRequest("the requester is unknown"));
        }
        Optional<String> nameProblem = SlotRules.filenameProblem(filename);
        if (nameProblem.isPresent()) {
            return Outcome.refused(new Refusal.BadRequest(nameProblem.get()));
        }
        if (size <= 0) {
            return Outcome.refused(new Refusal.BadRequest("size must be a positive number of bytes, got " + size));
        }
        if (size > config.maxFileSize()) {
            return Outcome.refused(new Refusal.TooLarge(config.maxFileSize(),
                    "file of " + size + " bytes is larger than the limit of " + config.maxFileSize() + " bytes"));
        }
        Optional<String> announced = contentType.map(String::strip).filter(s -> !s.isEmpty());
        Optional<MediaType> type = announced.flatMap(MediaType::parse);
        if (announced.isPresent() && type.isEmpty()) {
            return Outcome.refused(new Refusal.BadRequest("content-type is not a media type (type/subtype): " + announced.get()));
        }
        if (type.isPresent()) {
            MediaType t = type.get();
            if (!config.allowedContentTypes().isEmpty() && !t.matchesAny(config.allowedContentTypes())) {
                return Outcome.refused(new Refusal.Forbidden("files of type " + t.essence() + " are not accepted here"));
            }
            if (t.matchesAny(config.deniedContentTypes())) {
                return Outcome.refused(new Refusal.Forbidden("files of type " + t.essence() + " are not accepted here"));
            }
        } else if (!config.allowedContentTypes().isEmpty()) {
            return Outcome.refused(new Refusal.BadRequest("a content-type is required here (accepted: "
                    + String.join(", ", config.allowedContentTypes()) + ")"));
        }
        Instant now = clock.instant();
        if (purpose instanceof Purpose.Ephemeral e && !e.expireBefore().isAfter(now)) {
            return Outcome.refused(new Refusal.BadRequest("ephemeral expire-before " + e.expireBefore() + " is not in the future"));
        }
        Instant putExpires = now.plus(validity).truncatedTo(ChronoUnit.SECONDS);
        Object lock = quotaLockFor(owner);
        if (lock == null) {
            return charge(owner, filename, size, type, purpose, now, putExpires, anonymousPut);
        }
        synchronized (lock) {
            return charge(owner, filename, size, type, purpose, now, putExpires, anonymousPut);
        }
    }

    private Outcome<SlotRecord> charge(String owner, String filename, long size, Optional<MediaType> type, Purpose purpose,
                                       Instant now, Instant putExpires, boolean anonymousPut) {
        Optional<Refusal> quota = quotaProblem(owner, size, now);
        if (quota.isPresent()) {
            return Outcome.refused(quota.get());
        }
        SlotRecord slot = SlotRecord.pending(newSlotId(), owner, filename, size, type, purpose, now, putExpires, anonymousPut);
        meta.insertSlot(slot);
        return Outcome.ok(slot);
    }

    /** The lock that check-then-insert needs, or null when no quota is configured and there is nothing to race for. */
    private Object quotaLockFor(String owner) {
        if (config.globalBytes() > 0) {
            return globalLock;
        }
        if (config.userDailyBytes() > 0 || config.userTotalBytes() > 0) {
            return ownerLocks.lockFor(owner);
        }
        return null;
    }

    private Optional<Refusal> quotaProblem(String owner, long size, Instant now) {
        long daily = config.userDailyBytes();
        if (daily > 0) {
            List<MetadataStore.Charge> charges = meta.chargesSince(owner, now.minus(DAY), now);
            long used = charges.stream().mapToLong(MetadataStore.Charge::size).sum();
            if (used + size > daily) {
                Instant retry = now.plus(DAY);
                if (size <= daily) {
                    long toFree = used + size - daily;
                    for (MetadataStore.Charge c : charges) {
                        toFree -= c.size();
                        if (toFree <= 0) {
                            retry = c.created().plus(DAY);
                            break;
                        }
                    }
                }
                return Optional.of(new Refusal.QuotaExceeded(retry.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1),
                        "daily upload quota of " + daily + " bytes reached (" + used + " used in the last 24 hours)"));
            }
        }
        long total = config.userTotalBytes();
        if (total > 0) {
            long used = meta.ownerBytes(owner, now);
            if (used + size > total) {
                return Optional.of(new Refusal.QuotaExceeded(now.plus(DAY).truncatedTo(ChronoUnit.SECONDS),
                        "storage quota of " + total + " bytes reached (" + used + " stored); delete files or wait for old ones to expire"));
            }
        }
        long global = config.globalBytes();
        if (global > 0 && meta.reservedBytes(now) + size > global) {
            return Optional.of(new Refusal.InsufficientStorage("the service's storage is full"));
        }
        if (usableDiskSpace() < size + DISK_RESERVE) {
            return Optional.of(new Refusal.InsufficientStorage("the service's disk is full"));
        }
        return Optional.empty();
    }

    private long usableDiskSpace() {
        try {
            FileStore fs = dataFileStore;
            if (fs == null) {
                fs = Files.getFileStore(config.dataDir());
                dataFileStore = fs;
            }
            return fs.getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE; // unknown: let the write itself fail with a clear 507 if the disk is full
        }
    }

    /** 144 random bits, unpadded base64url (24 characters). */
    private String newSlotId() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A metrics label naming a refusal kind, e.g. {@code too_large}. */
    public static String reasonLabel(Refusal r) {
        return r.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
