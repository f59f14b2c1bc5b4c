package org.xmppsfs.upload.http;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppsfs.model.MediaType;
import org.xmppsfs.model.hash.Hash;
import org.xmppsfs.model.hash.HashAlgorithm;
import org.xmppsfs.model.json.JsonParseException;
import org.xmppsfs.model.json.JsonReader;
import org.xmppsfs.model.json.JsonWriter;
import org.xmppsfs.upload.Outcome;
import org.xmppsfs.upload.Purpose;
import org.xmppsfs.upload.Refusal;
import org.xmppsfs.upload.UploadConfig;
import org.xmppsfs.upload.limit.RateLimiter;
import org.xmppsfs.upload.metrics.UploadMetrics;
import org.xmppsfs.upload.service.BlobCatalog;
import org.xmppsfs.upload.service.DefaultSlotService;
import org.xmppsfs.upload.service.TempUpload;
import org.xmppsfs.upload.slot.SlotCredentials;
import org.xmppsfs.upload.slot.SlotRules;
import org.xmppsfs.upload.slot.SlotUrls;
import org.xmppsfs.upload.storage.SlotRecord;
import org.xmppsfs.upload.storage.SlotState;

/**
 * The blob service's HTTP surface, as one Jetty core handler (no servlets):
 * <ul>
 *   <li>{@code PUT {base}/{slot}/{name}} — the XEP-0363 upload, credential in {@code Authorization: Bearer} or {@code ?token=};</li>
 *   <li>{@code GET|HEAD {base}/{slot}/{name}} — download with ranges and validators;</li>
 *   <li>{@code GET|HEAD {base}/hash/{algo}/{b64url}} — download by content hash;</li>
 *   <li>{@code DELETE {base}/{slot}/{name}} — with the slot's credential or the admin token;</li>
 *   <li>{@code OPTIONS} — CORS preflight;</li>
 *   <li>{@code POST {mmmsg.path}} — Acrobits MMMSG slot request, when enabled.</li>
 * </ul>
 * Blocking by design: bodies stream between the socket and a file channel on Jetty's pool threads.
 *
 * <p>Decisions where XEP-0363 leaves the status open: a PUT whose Content-Type differs from the slot's is 400
 * (a missing Content-Type is accepted); a Content-Length above the slot size, or a body running past it, is 413;
 * shorter is 400; a second PUT after success is 409; a failed PUT leaves the slot usable.
 */
public final class UploadHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(UploadHandler.class);
    private static final int IO_BUFFER = 64 * 1024;
    private static final int MMMSG_MAX_BODY = 4096;
    /** Responses this large are written from a shared memory mapping of the blob; smaller ones through one buffer. */
    private static final long MAPPED_MIN = IO_BUFFER;
    /** Most bytes of a refused upload's body read and dropped so the client gets to see the refusal. */
    private static final long MAX_DRAINED_BODY = 8L * 1024 * 1024;
    private static final String EXPOSED_HEADERS = "Content-Length, Content-Range, Content-Type, Content-Disposition, ETag, Location, Last-Modified, Accept-Ranges, Retry-After";
    private static final String ALLOWED_REQUEST_HEADERS = "Authorization, Content-Type, Range, If-None-Match, If-Modified-Since, If-Range";

    private final UploadConfig config;
    private final BlobCatalog catalog;
    private final DefaultSlotService slots;
    private final SlotCredentials credentials;
    private final SlotUrls urls;
    private final UploadMetrics metrics;
    private final Clock clock;
    private final RateLimiter mmmsgLimiter;
    private final String basePath;
    private final Set<String> uploading = ConcurrentHashMap.newKeySet();
    private final MappedBlobs mapped = new MappedBlobs();

    public UploadHandler(UploadConfig config, BlobCatalog catalog, DefaultSlotService slots, SlotCredentials credentials,
                         SlotUrls urls, UploadMetrics metrics, Clock clock) {
        super(InvocationType.BLOCKING);
        this.config = config;
        this.catalog = catalog;
        this.slots = slots;
        this.credentials = credentials;
        this.urls = urls;
        this.metrics = metrics;
        this.clock = clock;
        this.mmmsgLimiter = new RateLimiter(config.mmmsgRequestsPerMinute(), clock);
        this.basePath = config.effectiveBasePath();
    }

    /** Drops rate-limit windows that ended; called by the expiry job. */
    public void forgetIdleRateLimits() {
        mmmsgLimiter.sweep();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        try {
            route(request, response, callback);
        } catch (BlobCatalog.DiskFull e) {
            LOG.error("Disk full while storing an upload", e);
            refuse(response, callback, new Refusal.InsufficientStorage("the service's disk is full"));
        } catch (Exception e) {
            if (BlobCatalog.isDiskFull(e)) {
                LOG.error("Disk full", e);
                refuse(response, callback, new Refusal.InsufficientStorage("the service's disk is full"));
            } else {
                LOG.error("{} {} failed", request.getMethod(), request.getHttpURI().getPath(), e);
                if (response.isCommitted()) {
                    callback.failed(e);
                } else {
                    refuse(response, callback, new Refusal.Internal("internal error"));
                }
            }
        }
        return true;
    }

    private void route(Request request, Response response, Callback callback) throws IOException {
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        String path = Optional.ofNullable(request.getHttpURI().getPath()).orElse("/");
        String pathQuery = Optional.ofNullable(request.getHttpURI().getPathQuery()).orElse(path);
        if (pathQuery.length() > config.maxUriLength()) {
            HttpRefusals.sendText(response, callback, 414, "request URI is longer than " + config.maxUriLength() + " bytes");
            return;
        }
        Optional<String> coding = unsupportedTransferCoding(request);
        if (coding.isPresent()) {
            // RFC 9112 §6.1: the parser only removes "chunked"; any other coding would be stored as if it were the content.
            HttpRefusals.sendText(response, callback, 501, "transfer coding " + coding.get() + " is not supported (only chunked)");
            return;
        }
        boolean mmmsg = config.mmmsgEnabled() && path.equals(config.mmmsgPath());
        boolean corsAllowed = applyCors(request, response);
        if (method.equals("OPTIONS")) {
            preflight(request, response, callback, corsAllowed, mmmsg);
            return;
        }
        if (mmmsg) {
            if (method.equals("POST")) {
                mmmsgPost(request, response, callback);
            } else {
                methodNotAllowed(response, callback, "POST, OPTIONS");
            }
            return;
        }
        if (!path.startsWith(basePath + "/")) {
            refuse(response, callback, new Refusal.NotFound("not found"));
            return;
        }
        String[] segments = path.substring(basePath.length() + 1).split("/", -1);
        if (segments.length == 3 && segments[0].equals("hash")) {
            if (method.equals("GET") || method.equals("HEAD")) {
                hashGet(request, response, callback, segments[1], segments[2], method.equals("HEAD"));
            } else {
                methodNotAllowed(response, callback, "GET, HEAD, OPTIONS");
            }
            return;
        }
        if (segments.length != 2 || segments[0].isEmpty() || segments[1].isEmpty()) {
            refuse(response, callback, new Refusal.NotFound("not found"));
            return;
        }
        switch (method) {
            case "PUT" -> put(request, response, callback, segments[0], segments[1]);
            case "GET", "HEAD" -> get(request, response, callback, segments[0], segments[1], method.equals("HEAD"));
            case "DELETE" -> delete(request, response, callback, segments[0], segments[1]);
            default -> methodNotAllowed(response, callback, "GET, HEAD, PUT, DELETE, OPTIONS");
        }
    }

    /** The first transfer coding other than {@code chunked}, if the request names one. */
    private static Optional<String> unsupportedTransferCoding(Request request) {
        for (String coding : request.getHeaders().getCSV(HttpHeader.TRANSFER_ENCODING, false)) {
            if (!coding.strip().equalsIgnoreCase("chunked")) {
                return Optional.of(coding.strip());
            }
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ CORS

    /** Adds CORS response headers when the Origin is allowed; returns whether it is. */
    private boolean applyCors(Request request, Response response) {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin == null) {
            return false;
        }
        HttpFields.Mutable h = response.getHeaders();
        if (config.corsAllowedOrigins().contains("*")) {
            h.put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        } else if (config.corsAllowedOrigins().contains(origin)) {
            h.put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            h.add(HttpHeader.VARY, "Origin");
        } else {
            return false;
        }
        h.put(HttpHeader.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        return true;
    }

    private void preflight(Request request, Response response, Callback callback, boolean corsAllowed, boolean mmmsg) {
        HttpFields.Mutable h = response.getHeaders();
        String methods = mmmsg ? "POST, PUT, GET, HEAD, OPTIONS" : "GET, HEAD, PUT, DELETE, OPTIONS";
        h.put(HttpHeader.ALLOW, methods);
        if (corsAllowed) {
            h.put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, methods);
            h.put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_REQUEST_HEADERS);
            h.put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "86400");
        }
        response.setStatus(204);
        response.write(true, BufferUtil.EMPTY_BUFFER, callback);
    }

    private void methodNotAllowed(Response response, Callback callback, String allow) {
        response.getHeaders().put(HttpHeader.ALLOW, allow);
        HttpRefusals.sendText(response, callback, 405, "method not allowed here (allowed: " + allow + ")");
    }

    private void refuse(Response response, Callback callback, Refusal refusal) {
        metrics.refusals.labels(DefaultSlotService.reasonLabel(refusal)).inc();
        HttpRefusals.send(response, callback, refusal, clock);
    }

    // ------------------------------------------------------------------ PUT

    private void put(Request request, Response response, Callback callback, String slotId, String rawName) throws IOException {
        Optional<SlotRecord> found = slotNamed(slotId, rawName);
        if (found.isEmpty() || found.get().state() == SlotState.DELETED) {
            refuseUpload(request, response, callback, new Refusal.NotFound("no such upload slot"));
            return;
        }
        SlotRecord slot = found.get();
        Instant now = clock.instant();
        Optional<Refusal> denied = slot.anonymousPut()
                ? (slot.state() == SlotState.PENDING && !now.isBefore(slot.putExpires())
                    ? Optional.of(new Refusal.Forbidden("this upload URL has expired")) : Optional.empty())
                : checkCredential(request, slot, now, true);
        if (denied.isPresent()) {
            refuseUpload(request, response, callback, denied.get());
            return;
        }
        if (slot.state() == SlotState.COMPLETED) {
            refuseUpload(request, response, callback, new Refusal.Conflict("a file was already uploaded to this slot"));
            return;
        }
        long declared = request.getLength();
        if (declared > slot.size()) {
            refuseUpload(request, response, callback, new Refusal.TooLarge(slot.size(),
                    "Content-Length " + declared + " exceeds the slot's size of " + slot.size() + " bytes"));
            return;
        }
        if (declared >= 0 && declared != slot.size()) {
            refuseUpload(request, response, callback, new Refusal.BadRequest(
                    "Content-Length " + declared + " does not match the slot's size of " + slot.size() + " bytes"));
            return;
        }
        String putHeader = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        Optional<MediaType> putType = MediaType.parse(putHeader);
        if (slot.contentType().isPresent() && putHeader != null
                && !putType.map(t -> t.sameEssence(slot.contentType().get())).orElse(false)) {
            refuseUpload(request, response, callback, new Refusal.BadRequest("Content-Type "
                    + putType.map(MediaType::essence).orElse(putHeader.strip()) + " does not match the slot's " + slot.contentType().get()));
            return;
        }
        if (!uploading.add(slot.id())) {
            refuseUpload(request, response, callback, new Refusal.Conflict("an upload to this slot is already in progress"));
            return;
        }
        metrics.uploadsInFlight.inc();
        catalog.foreground().begin();
        // The answer is written only after the slot is released: a client that retries the moment it reads a
        // 400 or 413 must find the slot free, not be told that its own finished attempt is still in progress.
        Refusal refusal;
        try (TempUpload upload = catalog.begin(slot.size(), config.inlineAlgorithms())) {
            refusal = receive(request, slot, putType, upload);
        } finally {
            uploading.remove(slot.id());
            metrics.uploadsInFlight.dec();
            catalog.foreground().end();
        }
        if (refusal != null) {
            refuse(response, callback, refusal);
            return;
        }
        response.setStatus(201);
        response.getHeaders().put(HttpHeader.LOCATION, urls.getUrl(slot.id(), slot.filename()).toString());
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
        response.write(true, BufferUtil.EMPTY_BUFFER, callback);
    }

    /** Reads the body into {@code upload} and commits it; the refusal, or null when the file is stored. */
    private Refusal receive(Request request, SlotRecord slot, Optional<MediaType> putType, TempUpload upload) throws IOException {
        BodyEnd end = readBody(request, upload);
        if (end == BodyEnd.OVERRUN) {
            return new Refusal.TooLarge(slot.size(), "body exceeds the slot's size of " + slot.size() + " bytes");
        }
        if (end == BodyEnd.FAILED || upload.written() != slot.size()) {
            return new Refusal.BadRequest("body ended after " + upload.written() + " of " + slot.size() + " bytes");
        }
        Outcome<SlotRecord> done = catalog.commit(slot, upload, upload.finish(), putType);
        return done.fold(stored -> null, refusal -> refusal);
    }

    /**
     * Refuses a PUT whose body the client may still be sending: the refusal is written first, then up to
     * {@link #MAX_DRAINED_BODY} bytes of the unread body are read and dropped. Closing the connection on unread
     * bytes instead makes the client's TCP stack reset it, and the client then often sees "connection reset" rather
     * than the 403/409/413 that says what was wrong. Larger bodies are not drained (the connection is closed), and
     * neither is a body the client only sends after "100 Continue", which a refusal never invites. Used only
     * before the body is read and the slot marked busy, so draining holds no slot.
     */
    private void refuseUpload(Request request, Response response, Callback callback, Refusal refusal) {
        long declared = request.getLength();
        boolean drain = declared != 0 && declared <= MAX_DRAINED_BODY
                && !request.getHeaders().contains(HttpHeader.EXPECT, "100-continue");
        if (!drain) {
            refuse(response, callback, refusal);
            return;
        }
        try (Blocker.Callback written = Blocker.callback()) {
            refuse(response, written, refusal);
            written.block();
        } catch (IOException | RuntimeException e) {
            callback.failed(e);
            return;
        }
        try {
            discardBody(request, MAX_DRAINED_BODY);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Dropping the body of a refused upload failed", e);
        }
        callback.succeeded();
    }

    /** Reads and drops up to {@code limit} body bytes, blocking this thread while waiting for them. */
    private static void discardBody(Request request, long limit) throws IOException {
        long left = limit;
        while (left > 0) {
            Content.Chunk chunk = nextChunk(request);
            if (Content.Chunk.isFailure(chunk)) {
                return;
            }
            left -= chunk.remaining();
            chunk.release();
            if (chunk.isLast()) {
                return;
            }
        }
    }

    private enum BodyEnd { COMPLETE, OVERRUN, FAILED }

    /** The next chunk of the request body, blocking this thread until one is available. */
    private static Content.Chunk nextChunk(Request request) throws IOException {
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk != null) {
                return chunk;
            }
            try (Blocker.Runnable blocker = Blocker.runnable()) {
                request.demand(blocker);
                blocker.block();
            }
        }
    }

    /** Streams the request body into the upload, blocking this thread while waiting for bytes. */
    private static BodyEnd readBody(Request request, TempUpload upload) throws IOException {
        while (true) {
            Content.Chunk chunk = nextChunk(request);
            if (Content.Chunk.isFailure(chunk)) {
                LOG.debug("Upload body failed", chunk.getFailure());
                return BodyEnd.FAILED;
            }
            try {
                ByteBuffer bytes = chunk.getByteBuffer();
                if (bytes.hasRemaining() && !BlobCatalog.writeOrDiskFull(upload, bytes)) {
                    return BodyEnd.OVERRUN;
                }
            } finally {
                chunk.release();
            }
            if (chunk.isLast()) {
                return BodyEnd.COMPLETE;
            }
        }
    }

    /** Checks the slot credential (header, then query parameter). */
    private Optional<Refusal> checkCredential(Request request, SlotRecord slot, Instant now, boolean checkExpiry) {
        Optional<String> token = presentedToken(request);
        if (token.isEmpty()) {
            return Optional.of(new Refusal.Forbidden("an upload credential is required (Authorization: Bearer …)"));
        }
        SlotCredentials.Verdict v = credentials.verify(token.get(), slot.id(), slot.size(), slot.contentType().map(MediaType::toString), now, checkExpiry);
        return v == SlotCredentials.Verdict.VALID ? Optional.empty() : Optional.of(new Refusal.Forbidden(v.reason()));
    }

    private static Optional<String> presentedToken(Request request) {
        for (String auth : request.getHeaders().getValuesList(HttpHeader.AUTHORIZATION)) {
            if (auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Optional.of(auth.substring(7).strip());
            }
        }
        Fields query = Request.extractQueryParameters(request);
        return Optional.ofNullable(query.getValue(SlotUrls.TOKEN_PARAMETER));
    }

    private Optional<SlotRecord> slotNamed(String slotId, String rawName) {
        Optional<String> name = SlotUrls.decodeSegment(rawName);
        if (name.isEmpty() || slotId.length() > 64) {
            return Optional.empty();
        }
        return catalog.findSlot(slotId).filter(s -> s.filename().equals(name.get()));
    }

    // ------------------------------------------------------------------ GET / HEAD

    private void get(Request request, Response response, Callback callback, String slotId, String rawName, boolean head) throws IOException {
        Optional<BlobCatalog.Served> served = slotNamed(slotId, rawName).flatMap(catalog::servable);
        if (served.isEmpty()) {
            refuse(response, callback, new Refusal.NotFound("no such file"));
            return;
        }
        serve(request, response, callback, served.get(), head);
    }

    private void hashGet(Request request, Response response, Callback callback, String algo, String b64, boolean head) throws IOException {
        Optional<HashAlgorithm> algorithm = HashAlgorithm.fromName(SlotUrls.decodeSegment(algo).orElse(""));
        if (algorithm.isEmpty()) {
            refuse(response, callback, new Refusal.NotFound("unsupported hash algorithm"));
            return;
        }
        byte[] digest;
        try {
            digest = Base64.getUrlDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            refuse(response, callback, new Refusal.BadRequest("the hash must be unpadded base64url"));
            return;
        }
        Optional<BlobCatalog.Served> served = catalog.byHash(algorithm.get(), digest);
        if (served.isEmpty()) {
            refuse(response, callback, new Refusal.NotFound("no file with that hash"));
            return;
        }
        serve(request, response, callback, served.get(), head);
    }

    private void serve(Request request, Response response, Callback callback, BlobCatalog.Served file, boolean head) throws IOException {
        if (!Files.isRegularFile(file.path())) {
            refuse(response, callback, new Refusal.NotFound("no such file"));
            return;
        }
        long length = file.size();
        String etag = "\"sha256-" + file.blob().hash().base64Url() + "\"";
        Instant lastModified = file.lastModified().truncatedTo(ChronoUnit.SECONDS);
        MediaType contentType = file.file().servedContentType();
        HttpFields.Mutable h = response.getHeaders();
        h.put(HttpHeader.ETAG, etag);
        h.put(HttpHeader.LAST_MODIFIED, HttpDates.format(lastModified));
        h.put(HttpHeader.ACCEPT_RANGES, "bytes");
        h.put(HttpHeader.CACHE_CONTROL, "public, max-age=31536000, immutable");
        h.put(HttpHeader.CONTENT_TYPE, contentType.toString());
        h.put(HttpHeader.CONTENT_DISPOSITION, contentDisposition(contentType, file.file().filename()));
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; sandbox");
        h.put("X-Frame-Options", "DENY");
        h.put("Referrer-Policy", "no-referrer");

        HttpFields req = request.getHeaders();
        String ifNoneMatch = req.get(HttpHeader.IF_NONE_MATCH);
        boolean notModified = ifNoneMatch != null
                ? etagListMatches(ifNoneMatch, etag)
                : HttpDates.parse(req.get(HttpHeader.IF_MODIFIED_SINCE)).map(since -> !lastModified.isAfter(since)).orElse(false);
        if (notModified) {
            response.setStatus(304);
            response.write(true, BufferUtil.EMPTY_BUFFER, callback);
            return;
        }
        ByteRange range = ByteRange.parse(req.get(HttpHeader.RANGE), length);
        String ifRange = req.get(HttpHeader.IF_RANGE);
        if (ifRange != null && !(range instanceof ByteRange.Full) && !ifRangeMatches(ifRange.strip(), etag, lastModified)) {
            range = new ByteRange.Full();
        }
        if (range instanceof ByteRange.Unsatisfiable) {
            h.put(HttpHeader.CONTENT_RANGE, "bytes */" + length);
            refuseRange(response, callback, length);
            return;
        }
        long offset = 0;
        long count = length;
        if (range instanceof ByteRange.Partial p) {
            offset = p.first();
            count = p.length();
            response.setStatus(206);
            h.put(HttpHeader.CONTENT_RANGE, "bytes " + p.first() + "-" + p.last() + "/" + length);
        } else {
            response.setStatus(200);
        }
        h.put(HttpHeader.CONTENT_LENGTH, count);
        if (head) {
            response.write(true, BufferUtil.EMPTY_BUFFER, callback);
            return;
        }
        long bytes = count;
        metrics.downloadsInFlight.inc();
        catalog.foreground().begin();
        Callback counted = new Callback() {
            @Override
            public void succeeded() {
                metrics.downloadsInFlight.dec();
                catalog.foreground().end();
                metrics.downloads.inc();
                metrics.downloadBytes.add(bytes);
                callback.succeeded();
            }

            @Override
            public void failed(Throwable failure) {
                metrics.downloadsInFlight.dec();
                catalog.foreground().end();
                callback.failed(failure);
            }

            @Override
            public InvocationType getInvocationType() {
                return callback.getInvocationType();
            }
        };
        if (count >= MAPPED_MIN && file.size() < MappedBlobs.MAX_MAPPED) {
            ByteBuffer window;
            try {
                window = mapped.slice(file.blob(), file.path(), file.size(), offset, count);
            } catch (IOException e) {
                counted.failed(e);
                return;
            }
            response.write(true, window, counted);
            return;
        }
        ByteBufferPool.Sized pool = new ByteBufferPool.Sized(request.getComponents().getByteBufferPool(), true, IO_BUFFER);
        Content.copy(Content.Source.from(pool, file.path(), offset, count), response, counted);
    }

    private void refuseRange(Response response, Callback callback, long length) {
        metrics.refusals.labels("range_not_satisfiable").inc();
        response.setStatus(416);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.getHeaders().remove(HttpHeader.CONTENT_DISPOSITION);
        Content.Sink.write(response, true, "range not satisfiable for a " + length + "-byte file\n", callback);
    }

    /** Weak comparison (RFC 9110 §13.1.2): {@code *} or any listed tag with the same opaque value. */
    private static boolean etagListMatches(String header, String etag) {
        for (String tag : header.split(",")) {
            String t = tag.strip();
            if (t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** Strong comparison for entity tags; exact match for dates (RFC 9110 §13.1.5). */
    private static boolean ifRangeMatches(String value, String etag, Instant lastModified) {
        if (value.startsWith("\"") || value.startsWith("W/")) {
            return value.equals(etag);
        }
        return HttpDates.parse(value).map(lastModified::equals).orElse(false);
    }

    /** RFC 6266: inline for types a browser shows safely, else attachment; ASCII fallback plus RFC 8187 UTF-8 name. */
    static String contentDisposition(MediaType contentType, String filename) {
        StringBuilder ascii = new StringBuilder();
        for (char c : filename.toCharArray()) {
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? c : '_');
        }
        return (SlotRules.isInlineSafe(contentType) ? "inline" : "attachment") + "; filename=\"" + ascii
                + "\"; filename*=UTF-8''" + SlotUrls.encodeSegment(filename);
    }

    // ------------------------------------------------------------------ DELETE

    private void delete(Request request, Response response, Callback callback, String slotId, String rawName) throws IOException {
        Optional<SlotRecord> found = slotNamed(slotId, rawName);
        if (found.isEmpty() || found.get().state() == SlotState.DELETED) {
            refuse(response, callback, new Refusal.NotFound("no such file"));
            return;
        }
        SlotRecord slot = found.get();
        boolean admin = isAdmin(request);
        if (!admin) {
            if (slot.anonymousPut()) {
                refuse(response, callback, new Refusal.Forbidden("only an administrator may delete this file"));
                return;
            }
            // The uploader's credential stays good for deletion after its PUT window (it proves who uploaded).
            Optional<Refusal> denied = checkCredential(request, slot, clock.instant(), false);
            if (denied.isPresent()) {
                refuse(response, callback, denied.get());
                return;
            }
        }
        Outcome<?> done = slot.state() == SlotState.PENDING ? catalog.cancelPending(slot.id()) : catalog.delete(slot.id());
        if (done instanceof Outcome.Refused<?> r) {
            refuse(response, callback, r.refusal());
            return;
        }
        response.setStatus(204);
        response.write(true, BufferUtil.EMPTY_BUFFER, callback);
    }

    private boolean isAdmin(Request request) {
        if (config.adminToken().isEmpty()) {
            return false;
        }
        byte[] expected = config.adminToken().get().getBytes(StandardCharsets.UTF_8);
        for (String auth : request.getHeaders().getValuesList(HttpHeader.AUTHORIZATION)) {
            if (auth.regionMatches(true, 0, "Bearer ", 0, 7)
                    && MessageDigest.isEqual(expected, auth.substring(7).strip().getBytes(StandardCharsets.UTF_8))) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ MMMSG

    /**
     * Acrobits MMMSG: {@code POST} a JSON {@code {"contentType": …, "contentSize": N}} (also {@code content-type},
     * {@code content-size}) and get {@code 201 {"url": …}}; the URL takes one PUT without credentials (being
     * unguessable, it is the credential) until {@code mmmsg.put-validity}, then serves GETs. Requesters are
     * anonymous: each client address is rate-limited and charged as owner {@code mmmsg:<address>}.
     */
    private void mmmsgPost(Request request, Response response, Callback callback) throws IOException {
        String address = Optional.ofNullable(Request.getRemoteAddr(request)).orElse("unknown");
        Optional<Instant> limited = mmmsgLimiter.acquire(address);
        if (limited.isPresent()) {
            refuse(response, callback, new Refusal.RateLimited(limited.get(), "too many upload requests; try again later"));
            return;
        }
        if (request.getLength() > MMMSG_MAX_BODY) {
            refuse(response, callback, new Refusal.BadRequest("request body too large"));
            return;
        }
        Optional<String> body = readSmallBody(request, MMMSG_MAX_BODY);
        if (body.isEmpty()) {
            refuse(response, callback, new Refusal.BadRequest("request body missing, interrupted or larger than " + MMMSG_MAX_BODY + " bytes"));
            return;
        }
        Map<String, Object> json;
        try {
            json = JsonReader.parseObject(body.get());
        } catch (JsonParseException e) {
            refuse(response, callback, new Refusal.BadRequest(e.getMessage()));
            return;
        }
        Object size = first(json, "contentSize", "content-size", "size");
        Object type = first(json, "contentType", "content-type");
        long contentSize;
        try {
            contentSize = size instanceof BigDecimal d ? d.longValueExact() : -1;
        } catch (ArithmeticException e) {
            contentSize = -1;
        }
        if (contentSize < 0) {
            refuse(response, callback, new Refusal.BadRequest("contentSize must be a whole, non-negative number of bytes"));
            return;
        }
        if (type != null && !(type instanceof String)) {
            refuse(response, callback, new Refusal.BadRequest("contentType must be a string"));
            return;
        }
        Optional<String> contentType = Optional.ofNullable((String) type);
        Outcome<SlotRecord> reserved = slots.reserve("mmmsg:" + address, "attachment." + extensionFor(contentType),
                contentSize, contentType, Purpose.MESSAGE, config.mmmsgPutValidity(), true);
        if (reserved instanceof Outcome.Refused<SlotRecord> r) {
            refuse(response, callback, r.refusal());
            return;
        }
        SlotRecord slot = ((Outcome.Ok<SlotRecord>) reserved).value();
        String url = urls.getUrl(slot.id(), slot.filename()).toString();
        response.setStatus(201);
        response.getHeaders().put(HttpHeader.LOCATION, url);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Content.Sink.write(response, true, JsonWriter.compact().beginObject().name("url").value(url).endObject().toString(), callback);
    }

    private static Object first(Map<String, Object> json, String... keys) {
        for (String k : keys) {
            if (json.containsKey(k)) {
                return json.get(k);
            }
        }
        return null;
    }

    /** Reads a whole small body; empty when it fails or exceeds {@code limit} bytes. */
    private static Optional<String> readSmallBody(Request request, int limit) throws IOException {
        ByteBuffer collected = ByteBuffer.allocate(limit);
        while (true) {
            Content.Chunk chunk = nextChunk(request);
            if (Content.Chunk.isFailure(chunk)) {
                return Optional.empty();
            }
            try {
                ByteBuffer b = chunk.getByteBuffer();
                if (b.remaining() > collected.remaining()) {
                    return Optional.empty();
                }
                collected.put(b);
            } finally {
                chunk.release();
            }
            if (chunk.isLast()) {
                return Optional.of(new String(collected.array(), 0, collected.position(), StandardCharsets.UTF_8));
            }
        }
    }

    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("image/jpeg", "jpg"), Map.entry("image/png", "png"), Map.entry("image/gif", "gif"),
            Map.entry("image/webp", "webp"), Map.entry("image/heic", "heic"), Map.entry("video/mp4", "mp4"),
            Map.entry("video/quicktime", "mov"), Map.entry("audio/mpeg", "mp3"), Map.entry("audio/mp4", "m4a"),
            Map.entry("audio/aac", "aac"), Map.entry("audio/ogg", "ogg"), Map.entry("text/plain", "txt"),
            Map.entry("application/pdf", "pdf"));

    private static String extensionFor(Optional<String> contentType) {
        return contentType.flatMap(MediaType::parse).map(MediaType::essence).map(EXTENSIONS::get).orElse("bin");
    }
}
