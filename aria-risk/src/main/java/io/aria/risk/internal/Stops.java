package io.aria.risk.internal;

import io.aria.core.AssetSpec;
import io.aria.core.Side;

/**
 * Places stop-loss and take-profit prices at least the asset's minimum stop distance away from
 * the market: the distance is measured from the reference price and widened by the current
 * spread and one point, because MT5 measures a buy's stop from the bid and a sell's from the ask.
 * Prices are rounded to the asset's digits away from the market, never toward it.
 */
public final class Stops {

    /**
     * Stop and target prices.
     *
     * @param stopLoss     stop-loss price, &gt; 0
     * @param takeProfit   take-profit price, 0 for none
     * @param stopDistance distance between reference price and stop-loss, in price units
     */
    public record Levels(double stopLoss, double takeProfit, double stopDistance) {
    }

    private Stops() {
    }

    /**
     * @param spec   the asset
     * @param spread the current spread
     * @return the smallest distance from the reference price a stop may have
     */
    public static double minDistance(AssetSpec spec, double spread) {
        return spec.minStopDistance() + Math.max(0, spread) + spec.point();
    }

    /**
     * @param spec            the asset
     * @param side            order side
     * @param referencePrice  entry price assumed
     * @param stopDistance    wanted stop distance in price units, &gt; 0
     * @param takeProfitRatio take-profit distance over stop distance, 0 for no take-profit
     * @param spread          the current spread
     * @return the levels, or null when the stop would not be a positive price
     */
    public static Levels place(AssetSpec spec, Side side, double referencePrice, double stopDistance,
            double takeProfitRatio, double spread) {
        double min = minDistance(spec, spread);
        double d = Math.max(stopDistance, min);
        double tpd = takeProfitRatio > 0 ? Math.max(takeProfitRatio * d, min) : 0;
        double scale = Math.pow(10, spec.digits());
        double sl;
        double tp = 0;
        if (side == Side.BUY) {
            sl = floor((referencePrice - d) * scale) / scale;
            if (tpd > 0) {
                tp = ceil((referencePrice + tpd) * scale) / scale;
            }
        } else {
            sl = ceil((referencePrice + d) * scale) / scale;
            if (tpd > 0) {
                tp = floor((referencePrice - tpd) * scale) / scale;
                if (tp <= 0) {
                    tp = 0;
                }
            }
        }
        if (!(sl > 0) || Double.isInfinite(sl)) {
            return null;
        }
        return new Levels(sl, tp, Math.abs(referencePrice - sl));
    }

    // 1.10366 * 1e5 is 110366.00000000001: a millionth of a point of slack keeps it at 110366
    private static double floor(double scaled) {
        return Math.floor(scaled + 1e-6);
    }

    private static double ceil(double scaled) {
        return Math.ceil(scaled - 1e-6);
    }
}
