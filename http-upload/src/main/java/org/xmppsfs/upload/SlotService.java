package org.xmppsfs.upload;

/** Hands out upload slots (the XEP-0363 half of the seam between the XMPP and HTTP sides). Thread-safe. */
public interface SlotService {

    /** Grants a slot or says why not. Never throws for a bad request: that is a {@link Refusal.BadRequest}. */
    Outcome<SlotGrant> requestSlot(SlotRequest request);

    /** The configured maximum file size in bytes, for the XEP-0128 {@code max-file-size} disco field. */
    long maxFileSize();
}
