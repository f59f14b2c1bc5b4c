package org.xmppsfs.upload.concurrent;

/**
 * A fixed set of monitors picked by key: work on the same key is serialised, work on different keys rarely waits
 * (only when two keys share a stripe), and memory stays constant however many keys there are.
 */
public final class StripedLocks {

    private final Object[] stripes;

    public StripedLocks(int stripes) {
        this.stripes = new Object[stripes];
        for (int i = 0; i < stripes; i++) {
            this.stripes[i] = new Object();
        }
    }

    /** The monitor for {@code key}; always the same one for equal keys. */
    public Object lockFor(Object key) {
        return stripes[Math.floorMod(key.hashCode(), stripes.length)];
    }
}
