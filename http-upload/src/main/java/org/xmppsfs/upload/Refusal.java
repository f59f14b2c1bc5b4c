package org.xmppsfs.upload;

import java.time.Instant;
import java.util.Objects;

/**
 * The one catalogue of reasons this service says no. Each kind maps once to an XMPP error (in the component)
 * and once to an HTTP status with a short reason (in the HTTP handlers). Every refusal carries a human-readable
 * {@link #text()} that is safe to show to the requester.
 */
public sealed interface Refusal {

    /** Human-readable, safe to send back to the requester. */
    String text();

    /** The file exceeds the size limit. XMPP: modify/not-acceptable + file-too-large; HTTP 413. */
    record TooLarge(long maxFileSize, String text) implements Refusal {}

    /** A quota is exhausted until {@code retryAfter}. XMPP: wait/resource-constraint + retry; HTTP 429/507. */
    record QuotaExceeded(Instant retryAfter, String text) implements Refusal {
        public QuotaExceeded {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    /** Too many requests from one requester. XMPP: wait/policy-violation (+ retry); HTTP 429. */
    record RateLimited(Instant retryAfter, String text) implements Refusal {}

    /** Not allowed for this requester or credential. XMPP: auth/forbidden; HTTP 403. */
    record Forbidden(String text) implements Refusal {}

    /** The request is malformed. XMPP: modify/bad-request; HTTP 400. */
    record BadRequest(String text) implements Refusal {}

    /** Nothing stored under that name or hash. XMPP: cancel/item-not-found; HTTP 404. */
    record NotFound(String text) implements Refusal {}

    /** The slot was already used. XMPP: cancel/conflict; HTTP 409. */
    record Conflict(String text) implements Refusal {}

    /** The disk or the global storage cap is full. XMPP: wait/resource-constraint; HTTP 507. */
    record InsufficientStorage(String text) implements Refusal {}

    /** Received bytes do not have an announced hash. XMPP: modify/not-acceptable; HTTP 400. */
    record HashMismatch(String algo, String text) implements Refusal {}

    /** A mirror source was refused before or while fetching (SSRF guard, scheme, size, timeout, HTTP error). XMPP: cancel/not-acceptable; HTTP 502. */
    record SourceRefused(String text) implements Refusal {}

    /** Something failed on our side; details are in the log, not in the text. XMPP: wait/internal-server-error; HTTP 500. */
    record Internal(String text) implements Refusal {}
}
