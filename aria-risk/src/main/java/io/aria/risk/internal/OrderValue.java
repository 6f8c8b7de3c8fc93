package io.aria.risk.internal;

import io.aria.core.AssetSpec;
import io.aria.core.OrderIntent;
import io.aria.core.spi.PortfolioView;

/**
 * One order's numbers as the limits see them: value per lot at {@link Pricing#orderPrice}, the
 * spread it pays, and the symbol's position before and after.
 */
public final class OrderValue {

    /** Account-currency value of one lot. */
    public final double perLot;
    /** Net lots before the order. */
    public final double pre;
    /** +1 buy, -1 sell. */
    public final int sign;
    /** Spread paid per lot, in the account currency. */
    public final double spreadCostPerLot;
    /** Equity before the order. */
    public final double equity;

    private OrderValue(double perLot, double pre, int sign, double spreadCostPerLot, double equity) {
        this.perLot = perLot;
        this.pre = pre;
        this.sign = sign;
        this.spreadCostPerLot = spreadCostPerLot;
        this.equity = equity;
    }

    /**
     * @param intent    the order
     * @param spec      its asset
     * @param portfolio the state
     * @return the values, or null when equity is not positive or no conversion rate is known
     */
    public static OrderValue of(OrderIntent intent, AssetSpec spec, PortfolioView portfolio) {
        double rate = Pricing.rate(portfolio, spec.quoteCurrency());
        double equity = portfolio.equity();
        if (Double.isNaN(rate) || !(equity > 0) || Double.isInfinite(equity)) {
            return null;
        }
        double price = Pricing.orderPrice(portfolio, spec, intent.referencePrice());
        return new OrderValue(spec.notional(1, price) * rate, portfolio.netVolume(spec.symbol()),
                intent.side().sign(), spec.notional(1, Pricing.spread(portfolio, spec)) * rate, equity);
    }

    /**
     * @param volume order lots
     * @return signed notional of the symbol's position after the order
     */
    public double signedPosition(double volume) {
        return (pre + sign * volume) * perLot;
    }

    /**
     * @param volume order lots
     * @return |notional| of the symbol's position after the order
     */
    public double position(double volume) {
        return Math.abs(signedPosition(volume));
    }

    /**
     * @param volume order lots
     * @return equity after paying the spread on the order
     */
    public double equityAfter(double volume) {
        return equity - volume * spreadCostPerLot;
    }

    /**
     * @param after  a measure after the order
     * @param limit  its limit
     * @param before the measure before the order
     * @return whether the limit holds after, or the order does not make an existing breach worse
     */
    public static boolean within(double after, double limit, double before) {
        return after <= limit || after <= before;
    }
}
