package io.aria.core.paper;

import java.util.SplittableRandom;

/**
 * Simulated time between an order's hand-off and its execution, in milliseconds of simulated
 * (tick) time. Seeded models are not safe for use from multiple threads.
 */
@FunctionalInterface
public interface LatencyModel {

    /** @return the latency of the next order in simulated milliseconds, &gt;= 0 */
    long nextMillis();

    /** @return no latency: orders fill against the current quote, synchronously */
    static LatencyModel none() {
        return () -> 0L;
    }

    /**
     * @param millis latency of every order, &gt;= 0
     * @return the model
     * @throws IllegalArgumentException when {@code millis} is negative
     */
    static LatencyModel fixed(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("millis must be >= 0, was " + millis);
        }
        return () -> millis;
    }

    /**
     * @param minMillis smallest latency, &gt;= 0
     * @param maxMillis largest latency, &gt;= minMillis
     * @param seed      seed of the generator, so runs repeat
     * @return a model drawing uniformly from [minMillis, maxMillis]
     * @throws IllegalArgumentException when the bounds are negative or reversed
     */
    static LatencyModel random(long minMillis, long maxMillis, long seed) {
        if (minMillis < 0) {
            throw new IllegalArgumentException("minMillis must be >= 0, was " + minMillis);
        }
        if (maxMillis < minMillis) {
            throw new IllegalArgumentException("maxMillis must be >= minMillis (" + minMillis + "), was " + maxMillis);
        }
        SplittableRandom random = new SplittableRandom(seed);
        return () -> random.nextLong(minMillis, maxMillis + 1);
    }
}
