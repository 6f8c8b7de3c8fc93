package io.aria.risk;

/**
 * A volatility estimate per symbol, in price units, for volatility-based stops.
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

    /** @return an estimate that never knows anything (stops fall back to typical spreads) */
    static Volatility none() {
        return symbol -> Double.NaN;
    }
}
