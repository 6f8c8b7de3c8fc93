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

    /**
     * @return the model in a few words, for reports that must say latency was simulated, for
     *     example {@code "fixed 5 ms"}; {@code "custom"} unless the model says more
     */
    default String describe() {
        return "custom";
    }

    /**
     * @param millis      the latency of every order
     * @param description what {@link #describe()} answers
     * @return the model
     */
    private static LatencyModel described(java.util.function.LongSupplier millis, String description) {
        return new LatencyModel() {
            @Override
            public long nextMillis() {
                return millis.getAsLong();
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }

    /** @return no latency: orders fill against the current quote, synchronously */
    static LatencyModel none() {
        return described(() -> 0L, "none (instant fills)");
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
        return described(() -> millis, "fixed " + millis + " ms");
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
        return described(() -> random.nextLong(minMillis, maxMillis + 1),
                "uniform " + minMillis + "-" + maxMillis + " ms (seed " + seed + ")");
    }
}
