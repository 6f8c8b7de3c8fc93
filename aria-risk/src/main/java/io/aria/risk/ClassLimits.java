package io.aria.risk;

/**
 * Limits of one asset class, read in the way regulators publish leverage tiers (ESMA: 30:1 major
 * forex, 20:1 minor forex, gold and major indices, 10:1 other commodities and indices, 2:1 crypto):
 * the seed's forex 30&times; leverage and 10% position size, commodities 10&times;/8%, indices
 * 20&times;/12%, crypto 5&times;/5%.
 *
 * <ul>
 *   <li><b>maxLeverage</b> L: the class is margined at L:1, so a position of notional N ties up
 *       N / L of margin; and the gross notional of the class's open positions is at most L &times;
 *       equity (the same as: the class's margin is at most the whole equity).</li>
 *   <li><b>maxPositionShare</b> s: one position's margin is at most s of equity, so its notional
 *       is at most s &times; L &times; equity ({@link #maxPositionNotionalShare()}): a 10% forex
 *       position at 30:1 is 300% of equity in notional.</li>
 * </ul>
 *
 * <p>Both numbers bind: the position cap on every entry, the class cap once the class holds 1 / s
 * full positions (10 forex, 12.5 commodity, 8.3 index, 20 crypto positions), or fewer after equity
 * falls or prices move against the notional already open. Why this reading: with the older one
 * (position size = notional share of equity) a position was capped at 5-12% of equity in notional,
 * so the 5-30&times; class caps could never bind for positions ARIA opens (all 21 assets at their
 * caps add up to 1.9&times; equity); a setting that never binds is a setting that does nothing.
 *
 * <p>This record, in {@link RiskConfig#classLimits()}, is the one place class limits are set; the
 * sizers and {@link ExposureLimitGuard} read nothing else.
 *
 * @param maxLeverage      the class's margin leverage and its cap on gross class notional over
 *                         equity, finite and &gt; 0
 * @param maxPositionShare largest margin (notional / maxLeverage) of one position as a share of
 *                         equity, in (0, 1]
 */
public record ClassLimits(double maxLeverage, double maxPositionShare) {

    public ClassLimits {
        if (!(maxLeverage > 0) || !Double.isFinite(maxLeverage)) {
            throw new IllegalArgumentException("maxLeverage must be finite and > 0, was " + maxLeverage);
        }
        if (!(maxPositionShare > 0 && maxPositionShare <= 1)) {
            throw new IllegalArgumentException("maxPositionShare must be in (0, 1] (a position's margin as a share"
                    + " of equity), was " + maxPositionShare);
        }
    }

    /** @return the largest notional of one position as a multiple of equity: maxPositionShare &times; maxLeverage */
    public double maxPositionNotionalShare() {
        return maxPositionShare * maxLeverage;
    }
}
