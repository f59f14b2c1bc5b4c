package org.xmppsfs.upload.service;

import java.time.Duration;
import java.time.Instant;
import org.xmppsfs.upload.Purpose;
import org.xmppsfs.upload.UploadConfig;
import org.xmppsfs.upload.storage.MetadataStore;
import org.xmppsfs.upload.storage.SlotRecord;

/**
 * How long a completed file is served, by purpose (XEP-0363 v1.2 §Purpose). {@link Duration#ZERO} keeps forever.
 * An ephemeral file is never served at or after its {@code expire-before}, whether or not a sweep removed it yet.
 */
public record Retention(Duration message, Duration profile, Duration permanent) {

    public static Retention of(UploadConfig config) {
        return new Retention(config.retentionMessage(), config.retentionProfile(), config.retentionPermanent());
    }

    /** True when the file must no longer be served. */
    public boolean expired(SlotRecord slot, Instant now) {
        if (slot.purpose() instanceof Purpose.Ephemeral e) {
            return !now.isBefore(e.expireBefore());
        }
        Duration keep = keep(slot.purpose());
        return !keep.isZero() && slot.completed().map(c -> !now.isBefore(c.plus(keep))).orElse(false);
    }

    private Duration keep(Purpose p) {
        if (p instanceof Purpose.Profile) {
            return profile;
        }
        if (p instanceof Purpose.Permanent) {
            return permanent;
        }
        return message;
    }

    public MetadataStore.Cutoffs cutoffs(Instant now) {
        // A file completed at c expires at c + keep, i.e. it is expired once c <= now - keep: the SQL uses c < cutoff.
        return new MetadataStore.Cutoffs(cutoff(message, now), cutoff(profile, now), cutoff(permanent, now), now);
    }

    private static Instant cutoff(Duration keep, Instant now) {
        return keep.isZero() ? Instant.MIN : now.minus(keep).plusMillis(1);
    }
}
