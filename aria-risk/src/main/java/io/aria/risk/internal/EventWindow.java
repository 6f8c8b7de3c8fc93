package io.aria.risk.internal;

/**
 * Events in a sliding time window, each with a flag (an order and whether it failed). A growable
 * ring of primitives: adding allocates only when the ring grows.
 *
 * <p>Not thread-safe: one owner thread.
 */
public final class EventWindow {

    private final long windowMillis;
    private long[] times = new long[16];
    private boolean[] flags = new boolean[16];
    private int head;
    private int size;
    private int flagged;

    /** @param windowMillis length of the window, &gt; 0 */
    public EventWindow(long windowMillis) {
        if (windowMillis <= 0) {
            throw new IllegalArgumentException("windowMillis must be > 0, was " + windowMillis);
        }
        this.windowMillis = windowMillis;
    }

    /**
     * Adds an event and drops those that left the window.
     *
     * @param epochMillis when
     * @param flag        its flag
     */
    public void add(long epochMillis, boolean flag) {
        evict(epochMillis);
        if (size == times.length) {
            grow();
        }
        int at = (head + size) % times.length;
        times[at] = epochMillis;
        flags[at] = flag;
        size++;
        if (flag) {
            flagged++;
        }
    }

    /**
     * Drops events at or before {@code now - windowMillis}: the window is (now - window, now].
     *
     * @param now current time
     */
    public void evict(long now) {
        long cutoff = now - windowMillis;
        while (size > 0 && times[head] <= cutoff) {
            if (flags[head]) {
                flagged--;
            }
            head = (head + 1) % times.length;
            size--;
        }
    }

    /** @return events in the window (after the last add or evict) */
    public int count() {
        return size;
    }

    /** @return flagged events in the window */
    public int flagged() {
        return flagged;
    }

    /** Forgets every event. */
    public void clear() {
        head = 0;
        size = 0;
        flagged = 0;
    }

    private void grow() {
        long[] t = new long[times.length * 2];
        boolean[] f = new boolean[flags.length * 2];
        for (int i = 0; i < size; i++) {
            t[i] = times[(head + i) % times.length];
            f[i] = flags[(head + i) % flags.length];
        }
        times = t;
        flags = f;
        head = 0;
    }
}
