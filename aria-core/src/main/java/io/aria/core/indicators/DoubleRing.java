package io.aria.core.indicators;

/** A fixed-capacity ring of doubles: the last {@code capacity} values pushed. Not thread-safe. */
final class DoubleRing {

    private final double[] values;
    private int next;
    private int size;

    DoubleRing(int capacity) {
        this.values = new double[capacity];
    }

    /**
     * @param x value to add
     * @return the value evicted to make room, or NaN while the ring was not full
     */
    double push(double x) {
        double evicted = Double.NaN;
        if (size == values.length) {
            evicted = values[next];
        } else {
            size++;
        }
        values[next] = x;
        next = next + 1 == values.length ? 0 : next + 1;
        return evicted;
    }

    /**
     * @param i 0 for the oldest value held, size() - 1 for the newest
     * @return that value
     */
    double get(int i) {
        int start = size == values.length ? next : 0;
        int j = start + i;
        return values[j >= values.length ? j - values.length : j];
    }

    /** @return the newest value (NaN when empty) */
    double newest() {
        return size == 0 ? Double.NaN : values[next == 0 ? values.length - 1 : next - 1];
    }

    /** @return the oldest value (NaN when empty) */
    double oldest() {
        return size == 0 ? Double.NaN : get(0);
    }

    int size() {
        return size;
    }

    int capacity() {
        return values.length;
    }

    boolean full() {
        return size == values.length;
    }

    void clear() {
        next = 0;
        size = 0;
    }
}
