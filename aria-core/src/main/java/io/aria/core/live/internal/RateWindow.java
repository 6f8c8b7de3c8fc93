package io.aria.core.live.internal;

import java.util.ArrayDeque;

/**
 * Decisions and orders per minute over a sliding window of wall time, from counter samples.
 * Thread-safe.
 */
public final class RateWindow {

    /**
     * @param decisionsPerMinute decisions per minute over the window
     * @param ordersPerMinute    orders per minute over the window
     */
    public record Rates(double decisionsPerMinute, double ordersPerMinute) {
    }

    private record Sample(long millis, long decisions, long orders) {
    }

    private final long windowMillis;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    /** @param windowMillis the window, &gt; 0 */
    public RateWindow(long windowMillis) {
        if (windowMillis <= 0) {
            throw new IllegalArgumentException("windowMillis must be > 0, was " + windowMillis);
        }
        this.windowMillis = windowMillis;
    }

    /**
     * @param millis    wall time of the sample
     * @param decisions the decisions counter then
     * @param orders    the orders counter then
     */
    public synchronized void add(long millis, long decisions, long orders) {
        Sample last = samples.peekLast();
        if (last != null && millis - last.millis() < 1000 && samples.size() > 1) {
            samples.pollLast(); // keep about one sample a second
        }
        samples.addLast(new Sample(millis, decisions, orders));
        while (samples.size() > 2 && millis - samples.peekFirst().millis() > windowMillis) {
            samples.pollFirst();
        }
    }

    /** @return the rates between the oldest and newest sample in the window, 0 with fewer than two */
    public synchronized Rates rates() {
        Sample first = samples.peekFirst();
        Sample last = samples.peekLast();
        if (first == null || first == last || last.millis() <= first.millis()) {
            return new Rates(0, 0);
        }
        double minutes = (last.millis() - first.millis()) / 60_000.0;
        return new Rates((last.decisions() - first.decisions()) / minutes, (last.orders() - first.orders()) / minutes);
    }
}
