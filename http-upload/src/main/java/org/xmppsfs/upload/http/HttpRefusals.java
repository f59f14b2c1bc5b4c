package org.xmppsfs.upload.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.xmppsfs.upload.Refusal;

/** The one mapping from the refusal catalogue to HTTP: a status and a short plain-text reason. */
public final class HttpRefusals {

    private HttpRefusals() {
    }

    /** The HTTP status for a refusal. */
    public static int status(Refusal refusal) {
        if (refusal instanceof Refusal.TooLarge) {
            return 413;
        } else if (refusal instanceof Refusal.QuotaExceeded || refusal instanceof Refusal.RateLimited) {
            return 429;
        } else if (refusal instanceof Refusal.Forbidden) {
            return 403;
        } else if (refusal instanceof Refusal.BadRequest || refusal instanceof Refusal.HashMismatch) {
            return 400;
        } else if (refusal instanceof Refusal.NotFound) {
            return 404;
        } else if (refusal instanceof Refusal.Conflict) {
            return 409;
        } else if (refusal instanceof Refusal.InsufficientStorage) {
            return 507;
        } else if (refusal instanceof Refusal.SourceRefused) {
            return 502;
        }
        return 500;
    }

    /** Sends the refusal: its status, {@code Retry-After} when it has a retry time, and its text. */
    static void send(Response response, Callback callback, Refusal refusal, Clock clock) {
        Instant retry = refusal instanceof Refusal.QuotaExceeded q ? q.retryAfter()
                : refusal instanceof Refusal.RateLimited r ? r.retryAfter() : null;
        if (retry != null) {
            long seconds = Math.max(1, Duration.between(clock.instant(), retry).toSeconds() + 1);
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(seconds));
        }
        sendText(response, callback, status(refusal), refusal.text());
    }

    static void sendText(Response response, Callback callback, int status, String text) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.getHeaders().remove(HttpHeader.CONTENT_DISPOSITION);
        response.getHeaders().remove(HttpHeader.ETAG);
        response.getHeaders().remove(HttpHeader.LAST_MODIFIED);
        response.getHeaders().remove(HttpHeader.CACHE_CONTROL);
        response.getHeaders().remove(HttpHeader.CONTENT_LENGTH);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Content.Sink.write(response, true, text + "\n", callback);
    }
}
