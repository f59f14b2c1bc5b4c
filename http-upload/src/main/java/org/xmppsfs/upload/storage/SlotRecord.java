package org.xmppsfs.upload.storage;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.xmppsfs.model.MediaType;
import org.xmppsfs.upload.Purpose;

/**
 * One slot row, with its file when completed.
 *
 * @param id           random slot id (base64url), the first URL segment
 * @param owner        who is charged for it (a bare JID, or {@code mmmsg:<address>} for anonymous MMMSG uploads)
 * @param filename     the validated file name, the last URL segment (decoded)
 * @param size         exact byte count the PUT must carry
 * @param contentType  announced MIME type, if any; the PUT must match it
 * @param purpose      retention policy
 * @param created      when the slot was granted (daily quota window)
 * @param putExpires   when the PUT credential (and so the pending slot) expires
 * @param anonymousPut true when the unguessable URL itself is the credential (MMMSG)
 * @param state        pending, completed or deleted
 * @param completed    when the upload completed
 * @param blob         where the stored content is (its SHA-256), when completed
 * @param putContentType the Content-Type the PUT carried, kept when the slot announced none
 */
public record SlotRecord(String id, String owner, String filename, long size, Optional<MediaType> contentType, Purpose purpose,
                         Instant created, Instant putExpires, boolean anonymousPut, SlotState state,
                         Optional<Instant> completed, Optional<BlobAddress> blob, Optional<MediaType> putContentType) {
    public SlotRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(putExpires, "putExpires");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(completed, "completed");
        Objects.requireNonNull(blob, "blob");
        Objects.requireNonNull(putContentType, "putContentType");
    }

    /** A new pending slot. */
    public static SlotRecord pending(String id, String owner, String filename, long size, Optional<MediaType> contentType,
                                     Purpose purpose, Instant created, Instant putExpires, boolean anonymousPut) {
        return new SlotRecord(id, owner, filename, size, contentType, purpose, created, putExpires, anonymousPut,
                SlotState.PENDING, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The type to serve: the announced one, else the PUT's, else {@code application/octet-stream}. */
    public MediaType servedContentType() {
        return contentType.or(() -> putContentType).orElse(MediaType.OCTET_STREAM);
    }
}
