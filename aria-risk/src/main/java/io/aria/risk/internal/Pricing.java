package io.aria.risk.internal;

import io.aria.core.AssetSpec;
import io.aria.core.Side;
import io.aria.core.Tick;
import io.aria.core.spi.PortfolioView;
import java.util.Optional;

/**
 * How the risk layer values positions and orders, in one place so every rule and test agrees.
 *
 * <p>An open position is marked at the last mid (or its own current price before any tick). A new
 * order is valued at the highest of its reference price, the last ask and the last mid, so a fill
 * at the current price can never be worth more than the rules assumed. Opening it costs the
 * spread, which is taken off equity before shares of equity are compared with limits.
 */
public final class Pricing {

    private Pricing() {
    }

    /**
     * @param portfolio the state
     * @param spec      the asset
     * @return the mark price (last mid), or NaN when there is no tick
     */
    public static double mark(PortfolioView portfolio, AssetSpec spec) {
        Optional<Tick> t = portfolio.lastTick(spec.symbol());
        return t.isPresent() ? t.get().mid() : Double.NaN;
    }

    /**
     * @param portfolio      the state
     * @param spec           the asset
     * @param referencePrice the order's reference price
     * @return the price the rules value a new order at
     */
    public static double orderPrice(PortfolioView portfolio, AssetSpec spec, double referencePrice) {
        Optional<Tick> t = portfolio.lastTick(spec.symbol());
        if (t.isEmpty()) {
            return referencePrice;
        }
        return Math.max(referencePrice, Math.max(t.get().ask(), t.get().mid()));
    }

    /**
     * @param portfolio the state
     * @param spec      the asset
     * @return the last spread (ask - bid), 0 when there is no tick
     */
    public static double spread(PortfolioView portfolio, AssetSpec spec) {
        Optional<Tick> t = portfolio.lastTick(spec.symbol());
        return t.isPresent() ? Math.max(0, t.get().spread()) : 0;
    }

    /**
     * @param portfolio the state
     * @param currency  ISO code
     * @return account-currency value of one unit, NaN when unknown or not positive
     */
    public static double rate(PortfolioView portfolio, String currency) {
        double r = portfolio.toAccountCurrency(1.0, currency);
        return r > 0 && Double.isFinite(r) ? r : Double.NaN;
    }

    /**
     * @param side   order side
     * @param volume lots
     * @return signed lots
     */
    public static double signed(Side side, double volume) {
        return side.sign() * volume;
    }
}
