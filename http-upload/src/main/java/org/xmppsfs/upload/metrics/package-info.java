/** A tiny Prometheus text-format registry and the series this service exports. */
package org.xmppsfs.upload.metrics;
