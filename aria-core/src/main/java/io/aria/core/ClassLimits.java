package io.aria.core;

/**
 * Limits of one asset class: the seed's forex 30&times; leverage and 10% of equity per position,
 * commodities 10&times;/8%, indices 20&times;/12%, crypto 5&times;/5%.
 *
 * @param maxLeverage      largest notional of the class's open positions over equity, &gt; 0
 * @param maxPositionShare largest notional of one position as a share of equity, &gt; 0 and at
 *                         most {@code maxLeverage}
 */
public record ClassLimits(double maxLeverage, double maxPositionShare) {

    public ClassLimits {
        if (!(maxLeverage > 0) || !Double.isFinite(maxLeverage)) {
            throw new IllegalArgumentException("maxLeverage must be finite and > 0, was " + maxLeverage);
        }
        if (!(maxPositionShare > 0) || maxPositionShare > maxLeverage) {
            throw new IllegalArgumentException("maxPositionShare must be in (0, maxLeverage="
                    + maxLeverage + "], was " + maxPositionShare);
        }
    }
}
