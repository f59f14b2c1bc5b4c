package org.xmppsfs.upload.mirror;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How the mirror fetches remote files.
 *
 * @param allowHttp      fetch plain {@code http:} sources too (default: https only)
 * @param allowList      CIDRs ({@code 10.0.0.0/8}, {@code ::1/128}), single addresses or host names that may be
 *                       fetched even though they resolve to loopback, private, link-local or other non-public
 *                       addresses (default: empty)
 * @param maxRedirects   redirects followed, each re-checked like the first URL (default 3)
 * @param connectTimeout TCP/TLS connect timeout (default 10 s)
 * @param readTimeout    longest wait for response headers, and longest silence while reading the body (default 30 s)
 * @param maxSize        largest file fetched, in bytes, whatever the announced size (default 100 MiB)
 * @param concurrency    fetches running at once (default 4); more wait in a queue of {@code queueSize}
 * @param queueSize      fetches waiting for a slot (default 32); beyond that, requests are refused as busy
 */
public record MirrorConfig(boolean allowHttp, List<String> allowList, int maxRedirects, Duration connectTimeout,
                           Duration readTimeout, long maxSize, int concurrency, int queueSize) {

    public static final int DEFAULT_MAX_REDIRECTS = 3;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final long DEFAULT_MAX_SIZE = 100L * 1024 * 1024;
    public static final int DEFAULT_CONCURRENCY = 4;
    public static final int DEFAULT_QUEUE_SIZE = 32;

    public MirrorConfig {
        allowList = List.copyOf(allowList);
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
    }

    public static MirrorConfig defaults() {
        return new MirrorConfig(false, List.of(), DEFAULT_MAX_REDIRECTS, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT,
                DEFAULT_MAX_SIZE, DEFAULT_CONCURRENCY, DEFAULT_QUEUE_SIZE);
    }

    public MirrorConfig withAllowHttp(boolean value) {
        return new MirrorConfig(value, allowList, maxRedirects, connectTimeout, readTimeout, maxSize, concurrency, queueSize);
    }

    public MirrorConfig withAllowList(List<String> value) {
        return new MirrorConfig(allowHttp, value, maxRedirects, connectTimeout, readTimeout, maxSize, concurrency, queueSize);
    }

    public MirrorConfig withMaxRedirects(int value) {
        return new MirrorConfig(allowHttp, allowList, value, connectTimeout, readTimeout, maxSize, concurrency, queueSize);
    }

    public MirrorConfig withTimeouts(Duration connect, Duration read) {
        return new MirrorConfig(allowHttp, allowList, maxRedirects, connect, read, maxSize, concurrency, queueSize);
    }

    public MirrorConfig withMaxSize(long value) {
        return new MirrorConfig(allowHttp, allowList, maxRedirects, connectTimeout, readTimeout, value, concurrency, queueSize);
    }

    public MirrorConfig withConcurrency(int threads, int queue) {
        return new MirrorConfig(allowHttp, allowList, maxRedirects, connectTimeout, readTimeout, maxSize, threads, queue);
    }

    /** Every problem with these values, one message per field; empty when valid. */
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (maxRedirects < 0 || maxRedirects > 20) {
            problems.add("mirror.max-redirects must be between 0 and 20, was " + maxRedirects);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            problems.add("mirror.connect-timeout must be positive, was " + connectTimeout);
        }
        if (readTimeout.isNegative() || readTimeout.isZero()) {
            problems.add("mirror.read-timeout must be positive, was " + readTimeout);
        }
        if (maxSize <= 0) {
            problems.add("mirror.max-size must be a positive number of bytes, was " + maxSize);
        }
        if (concurrency < 1) {
            problems.add("mirror.concurrency must be at least 1, was " + concurrency);
        }
        if (queueSize < 0) {
            problems.add("mirror.queue-size must not be negative, was " + queueSize);
        }
        for (String entry : allowList) {
            try {
                AddressGuard.AllowEntry.parse(entry);
            } catch (IllegalArgumentException e) {
                problems.add("mirror.allow-list: " + e.getMessage());
            }
        }
        return problems;
    }
}
