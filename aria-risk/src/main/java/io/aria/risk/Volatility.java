package io.aria.risk;

import io.aria.core.Tick;

/**
 * A volatility estimate per symbol, in price units, for volatility-based stops.
 *
 * <p>A sizer that holds an estimate feeds it: its {@link io.aria.core.spi.PositionSizer#onTick}
 * passes every valid tick to {@link #onTick}, so the estimate learns whatever guard is wired (or
 * none).
 *
 * <p>Threading: as the implementation says; {@link AtrTracker} is event-loop only.
 */
@FunctionalInterface
public interface Volatility {

    /**
     * @param symbol catalog symbol
     * @return the average true range in price units, or NaN while none is known
     */
    double atr(String symbol);

    /**
     * Learns from a valid tick. Called on the event loop for every valid tick by the sizer that
     * holds this estimate; must not allocate. The default ignores ticks (an estimate fed elsewhere,
     * or a fixed one).
     *
     * @param tick a valid tick
     */
    default void onTick(Tick tick) {
    }

    /** @return an estimate that never knows anything (stops fall back to typical spreads) */
    static Volatility none() {
        return symbol -> Double.NaN;
    }
}
