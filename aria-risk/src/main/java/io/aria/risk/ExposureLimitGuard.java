package io.aria.risk;

import io.aria.core.AssetCatalog;
import io.aria.core.AssetClass;
import io.aria.core.AssetSpec;
import io.aria.core.OrderIntent;
import io.aria.core.Verdict;
import io.aria.core.spi.PortfolioView;
import io.aria.core.spi.RiskGuard;
import io.aria.risk.internal.Book;
import io.aria.risk.internal.Fmt;
import io.aria.risk.internal.Pricing;
import io.aria.risk.internal.OrderValue;
import io.aria.risk.internal.Shrinker;
import java.util.Optional;

/**
 * Size limits, applied in this order: maximum open positions (MAX_POSITIONS), notional per order
 * (ORDER_NOTIONAL), the class's position size (POSITION_SIZE: the position's margin, notional /
 * class leverage, at most {@code maxPositionShare} of equity), the class's leverage
 * (CLASS_LEVERAGE: gross notional of the class over equity at most {@code maxLeverage}) and the
 * account's leverage (ACCOUNT_LEVERAGE). Class limits come from {@link RiskConfig#classLimits()}
 * and nowhere else (see {@link ClassLimits} for why both numbers bind). An order over a limit
 * is resized to the largest volume step that fits, or rejected when not even the minimum volume
 * fits.
 *
 * <p>Valuation: notional = |net lots| &times; contract size &times; price &times; the quote
 * currency's rate into the account currency. Open positions are marked at the last mid; the new
 * order at the highest of its reference price, the ask and the mid; equity is reduced by the
 * spread the order pays. So once filled at the current price, no position, class or account is
 * above its limit, unless it already was and the order does not make it worse.
 *
 * <p>Threading: event-loop thread only.
 */
public final class ExposureLimitGuard implements RiskGuard {

    private final RiskConfig config;

    /** @param config the limits */
    public ExposureLimitGuard(RiskConfig config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    @Override
    public Verdict check(OrderIntent intent, PortfolioView portfolio) {
        if (!Book.increasesExposure(intent, portfolio)) {
            return Verdict.approve(RiskCodes.REDUCING, "reducing orders are never blocked by exposure limits");
        }
        AssetCatalog catalog = portfolio.catalog();
        Optional<AssetSpec> found = catalog.find(intent.symbol());
        if (found.isEmpty()) {
            return Verdict.reject(RiskCodes.UNKNOWN_SYMBOL, "symbol " + intent.symbol() + " is not in the catalog");
        }
        AssetSpec spec = found.get();
        double pre = portfolio.netVolume(spec.symbol());
        if (pre == 0 && Book.openSymbols(portfolio) >= config.maxOpenPositions()) {
            return Verdict.reject(RiskCodes.MAX_POSITIONS, Book.openSymbols(portfolio) + " symbols have open positions, limit "
                    + config.maxOpenPositions());
        }
        OrderValue val = OrderValue.of(intent, spec, portfolio);
        double[] others = othersNotional(portfolio, spec);
        if (val == null || others == null) {
            return Verdict.reject(RiskCodes.NO_PRICE, "cannot value " + spec.symbol() + ": equity "
                    + Fmt.money(portfolio.equity()) + ", " + spec.quoteCurrency() + " rate "
                    + Pricing.rate(portfolio, spec.quoteCurrency()) + " or an open position's price is unknown");
        }
        ClassLimits limits = config.limits(spec.assetClass());
        String ccy = portfolio.accountCurrency();
        Shrinker s = new Shrinker(intent, spec);
        s.apply(RiskCodes.ORDER_NOTIONAL, v -> val.perLot * v <= config.maxOrderNotional(),
                v -> spec.symbol() + " order notional " + Fmt.money(val.perLot * v) + " " + ccy + " exceeds the maximum "
                        + Fmt.money(config.maxOrderNotional()));
        double lev = limits.maxLeverage();
        s.apply(RiskCodes.POSITION_SIZE,
                v -> OrderValue.within(val.position(v), limits.maxPositionNotionalShare() * val.equityAfter(v),
                        val.position(0)),
                v -> spec.symbol() + " position notional " + Fmt.money(val.position(v)) + " " + ccy + " at "
                        + Fmt.num(lev) + ":1 is margin " + Fmt.money(val.position(v) / lev) + ", "
                        + Fmt.pct(val.position(v) / lev / val.equityAfter(v)) + " of equity "
                        + Fmt.money(val.equityAfter(v)) + ", " + spec.assetClass() + " limit "
                        + Fmt.pct(limits.maxPositionShare()));
        s.apply(RiskCodes.CLASS_LEVERAGE,
                v -> OrderValue.within(others[0] + val.position(v), limits.maxLeverage() * val.equityAfter(v),
                        others[0] + val.position(0)),
                v -> spec.assetClass() + " notional " + Fmt.money(others[0] + val.position(v)) + " " + ccy
                        + " would be leverage " + Fmt.num((others[0] + val.position(v)) / val.equityAfter(v))
                        + ", limit " + Fmt.num(limits.maxLeverage()));
        s.apply(RiskCodes.ACCOUNT_LEVERAGE,
                v -> OrderValue.within(others[1] + val.position(v), config.maxAccountLeverage() * val.equityAfter(v),
                        others[1] + val.position(0)),
                v -> "account notional " + Fmt.money(others[1] + val.position(v)) + " " + ccy
                        + " would be leverage " + Fmt.num((others[1] + val.position(v)) / val.equityAfter(v))
                        + ", limit " + Fmt.num(config.maxAccountLeverage()));
        return s.verdict();
    }

    /** @return {class notional, account notional} of the other symbols, or null when one is unknown */
    private static double[] othersNotional(PortfolioView portfolio, AssetSpec spec) {
        AssetCatalog catalog = portfolio.catalog();
        double[] notionals = Book.signedNotionals(portfolio, catalog);
        AssetClass cls = spec.assetClass();
        double[] out = new double[2];
        for (int i = 0; i < notionals.length; i++) {
            if (notionals[i] == 0) {
                continue; // flat: adds nothing; skipping it keeps the loop cheap at 2,100 symbols
            }
            AssetSpec other = catalog.spec(i);
            if (other.symbol().equals(spec.symbol())) {
                continue;
            }
            double n = Math.abs(notionals[i]);
            if (Double.isNaN(n)) {
                return null;
            }
            out[1] += n;
            if (other.assetClass() == cls) {
                out[0] += n;
            }
        }
        return out;
    }

    @Override
    public String name() {
        return "exposure-limits";
    }
}
