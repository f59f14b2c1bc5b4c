package org.xmppsfs.upload.metrics;

import java.util.function.LongSupplier;

/** The series this service exports, registered once per server. */
public final class UploadMetrics {

    public final MetricsRegistry registry = new MetricsRegistry();
    public final MetricsRegistry.Counter slotsGranted = registry.counter("xmppsfs_slots_granted_total", "Upload slots granted.");
    public final MetricsRegistry.Counter uploads = registry.counter("xmppsfs_uploads_total", "Uploads completed (PUT, MMMSG and mirror ingest).");
    public final MetricsRegistry.Counter uploadBytes = registry.counter("xmppsfs_upload_bytes_total", "Bytes of completed uploads.");
    public final MetricsRegistry.Counter deduplicated = registry.counter("xmppsfs_uploads_deduplicated_total", "Uploads whose content was already stored.");
    public final MetricsRegistry.Counter downloads = registry.counter("xmppsfs_downloads_total", "GET responses with a body (200 and 206).");
    public final MetricsRegistry.Counter downloadBytes = registry.counter("xmppsfs_download_bytes_total", "Body bytes of GET responses.");
    public final MetricsRegistry.LabeledCounter refusals = registry.counter("xmppsfs_refusals_total", "Refused slot requests and HTTP requests, by reason.", "reason");
    public final MetricsRegistry.Counter expired = registry.counter("xmppsfs_files_expired_total", "Files removed by retention.");
    public final MetricsRegistry.Gauge uploadsInFlight = registry.gauge("xmppsfs_uploads_in_flight", "Upload bodies being received.");
    public final MetricsRegistry.Gauge downloadsInFlight = registry.gauge("xmppsfs_downloads_in_flight", "Download bodies being sent.");

    /** Adds the gauges that read the store. */
    public UploadMetrics(LongSupplier storedBytes, LongSupplier backgroundQueue) {
        registry.gauge("xmppsfs_storage_used_bytes", "Bytes of distinct stored blobs.", storedBytes);
        registry.gauge("xmppsfs_background_hashing_queue", "Files waiting for background hashing.", backgroundQueue);
    }
}
