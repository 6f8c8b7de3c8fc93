package io.aria.core.indicators;

/**
 * Donchian channel: the highest high and the lowest low of the last {@code window} bars
 * (including the bar just added). Not thread-safe.
 */
public final class DonchianChannel {

    private final RollingExtreme upper;
    private final RollingExtreme lower;

    /**
     * @param window number of bars, &ge; 1
     * @throws IllegalArgumentException when window &lt; 1
     */
    public DonchianChannel(int window) {
        this.upper = RollingExtreme.max(window);
        this.lower = RollingExtreme.min(window);
    }

    /**
     * @param high bar high
     * @param low  bar low
     */
    public void update(double high, double low) {
        upper.update(high);
        lower.update(low);
    }

    /** @return highest high of the window, NaN before the first bar */
    public double upper() {
        return upper.value();
    }

    /** @return lowest low of the window, NaN before the first bar */
    public double lower() {
        return lower.value();
    }

    /** @return (upper + lower) / 2 */
    public double middle() {
        return (upper.value() + lower.value()) * 0.5;
    }

    /** @return true once the window is full */
    public boolean isReady() {
        return upper.isReady();
    }

    /** @return the window length */
    public int window() {
        return upper.window();
    }

    /** Forgets everything seen. */
    public void reset() {
        upper.reset();
        lower.reset();
    }
}
