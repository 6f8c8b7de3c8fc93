package io.aria.core.indicators;

import io.aria.core.Values;

/**
 * The highest (or lowest) of the last {@code window} values, kept in a monotonic deque over
 * primitive arrays: O(1) amortised per update, no allocation. Not thread-safe.
 */
public final class RollingExtreme {

    private final int window;
    private final boolean max;
    private final double[] values;
    private final long[] seqs;
    private int head;
    private int size;
    private long seq;

    private RollingExtreme(int window, boolean max) {
        this.window = Values.atLeast(window, 1, "window");
        this.max = max;
        this.values = new double[window];
        this.seqs = new long[window];
    }

    /**
     * @param window number of values, &ge; 1
     * @return a rolling maximum
     * @throws IllegalArgumentException when window &lt; 1
     */
    public static RollingExtreme max(int window) {
        return new RollingExtreme(window, true);
    }

    /**
     * @param window number of values, &ge; 1
     * @return a rolling minimum
     * @throws IllegalArgumentException when window &lt; 1
     */
    public static RollingExtreme min(int window) {
        return new RollingExtreme(window, false);
    }

    /**
     * @param x next value (finite)
     * @return the extreme of the window including {@code x}
     */
    public double update(double x) {
        // drop from the back every value that x dominates
        while (size > 0) {
            double back = values[index(size - 1)];
            if (max ? back <= x : back >= x) {
                size--;
            } else {
                break;
            }
        }
        // drop from the front a value that left the window
        if (size > 0 && seqs[head] <= seq - window) {
            head = index(1);
            size--;
        }
        int tail = index(size);
        values[tail] = x;
        seqs[tail] = seq;
        size++;
        seq++;
        return values[head];
    }

    private int index(int offset) {
        int i = head + offset;
        return i >= window ? i - window : i;
    }

    /** @return the current extreme, NaN before the first value */
    public double value() {
        return size == 0 ? Double.NaN : values[head];
    }

    /** @return true once {@code window} values have been seen */
    public boolean isReady() {
        return seq >= window;
    }

    /** @return the window length */
    public int window() {
        return window;
    }

    /** Forgets everything seen. */
    public void reset() {
        head = 0;
        size = 0;
        seq = 0;
    }
}
