package org.xmppsfs.bench;

/**
 * One reported figure.
 *
 * @param id             stable key used in the CSV
 * @param label          what was measured, in words
 * @param unit           unit of the value
 * @param higherIsBetter direction, so a ratio above 1 can be read as "ours is ahead" or "ours is behind"
 */
public record Metric(String id, String label, String unit, boolean higherIsBetter) {
}
