package org.xmppsfs.upload.storage;

import java.util.Locale;

/** Life of a slot: granted and waiting for its PUT, holding a file, or deleted (expired or by request). */
public enum SlotState {
    PENDING, COMPLETED, DELETED;

    String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    static SlotState ofColumn(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
