/** Minimal JSON reading and writing (no dependency), and the JSON form of the model used by {@code inspect}. */
package org.xmppsfs.model.json;
