package io.aria.core.paper;

import io.aria.core.AssetSpec;
import io.aria.core.Side;
import io.aria.core.Tick;
import java.util.SplittableRandom;

/**
 * How far a market order's fill moves from the quoted price (ask for buys, bid for sells), in
 * price units; positive is adverse to the client.
 *
 * <p>The seeded models keep a random generator: not safe for use from multiple threads; each
 * {@link FillModel} owns its own.
 */
@FunctionalInterface
public interface SlippageModel {

    /**
     * @param side the order's side
     * @param tick the quote the order fills against
     * @param spec the symbol's specification
     * @return the adverse price move added to the quoted price, in price units (negative is in
     *     the client's favour)
     */
    double slippage(Side side, Tick tick, AssetSpec spec);

    /** @return fills exactly at the quote */
    static SlippageModel none() {
        return (side, tick, spec) -> 0.0;
    }

    /**
     * @param points adverse slippage in points, &gt;= 0
     * @return a model that always slips by that many points against the client
     * @throws IllegalArgumentException when {@code points} is negative
     */
    static SlippageModel fixedPoints(int points) {
        if (points < 0) {
            throw new IllegalArgumentException("points must be >= 0, was " + points);
        }
        return (side, tick, spec) -> points * spec.point();
    }

    /**
     * @param maxPoints largest slippage in points either way, &gt;= 0
     * @param seed      seed of the generator, so runs repeat
     * @return a model that slips a uniform whole number of points in [-maxPoints, +maxPoints]
     * @throws IllegalArgumentException when {@code maxPoints} is negative
     */
    static SlippageModel randomPoints(int maxPoints, long seed) {
        if (maxPoints < 0) {
            throw new IllegalArgumentException("maxPoints must be >= 0, was " + maxPoints);
        }
        SplittableRandom random = new SplittableRandom(seed);
        return (side, tick, spec) -> random.nextInt(-maxPoints, maxPoints + 1) * spec.point();
    }

    /**
     * @param share fraction of the current spread, in [0, 10]
     * @return a model that slips adversely by {@code share} &times; (ask - bid)
     * @throws IllegalArgumentException when {@code share} is outside [0, 10]
     */
    static SlippageModel spreadShare(double share) {
        if (!(share >= 0 && share <= 10)) {
            throw new IllegalArgumentException("share must be in [0, 10], was " + share);
        }
        return (side, tick, spec) -> share * tick.spread();
    }
}
