package org.xmppsfs.upload;

import java.util.Objects;
import java.util.Optional;

/**
 * A request for an upload slot, as the component received it (XEP-0363 §Requesting a slot).
 *
 * @param requester   bare JID of the requesting user, as a string ("alice@example.org")
 * @param filename    the client's file name, unvalidated (validation is the service's job)
 * @param size        announced size in bytes (a long: files over 2 GiB are ordinary)
 * @param contentType the announced MIME type, if any
 * @param purpose     XEP-0363 v1.2 purpose; {@link Purpose#MESSAGE} when the request had none
 */
public record SlotRequest(String requester, String filename, long size, Optional<String> contentType, Purpose purpose) {
    public SlotRequest {
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(purpose, "purpose");
    }
}
