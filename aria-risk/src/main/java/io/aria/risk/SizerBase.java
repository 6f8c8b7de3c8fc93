package io.aria.risk;

import io.aria.core.AssetSpec;
import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.OrderIntent;
import io.aria.core.Side;
import io.aria.core.Tick;
import io.aria.core.spi.PortfolioView;
import io.aria.core.spi.PositionSizer;
import io.aria.risk.internal.Fmt;
import io.aria.risk.internal.Pricing;
import io.aria.risk.internal.Stops;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both sizers share: the checks that make a trade possible at all (a LONG or SHORT decision
 * above the minimum confidence, a known symbol with a price, positive equity, a conversion rate),
 * stop placement, rounding down to the volume step, and the class cap (a position's notional at most
 * {@link ClassLimits#maxPositionNotionalShare()} of equity, as {@link ExposureLimitGuard} checks).
 *
 * <p>Volatility: {@link #onTick} feeds every valid tick to the {@link Volatility} given (an
 * {@link AtrTracker} builds its bars from them), so the sizer needs no guard to learn its stops.
 * A decision sized while its symbol has no volatility yet is counted in
 * {@link #decisionsWithoutVolatility()}, and the first one is logged (once per sizer) with what
 * the sizer did instead.
 */
abstract class SizerBase implements PositionSizer {

    private static final Logger LOG = LoggerFactory.getLogger(SizerBase.class);

    /** Everything a sizer knows about one decision. */
    record Inputs(Decision decision, AssetSpec spec, Side side, double price, double equity, double rate,
            double stopDistance, boolean stopFromAtr, double capLots) {
    }

    /** Lots before rounding, and how they were derived. */
    record Raw(double lots, String note) {
    }

    final RiskConfig config;
    final Volatility volatility;
    private long decisionsWithoutVolatility;

    SizerBase(RiskConfig config, Volatility volatility) {
        this.config = Objects.requireNonNull(config, "config");
        this.volatility = Objects.requireNonNull(volatility, "volatility");
    }

    /**
     * Feeds the tick to the volatility estimate. Allocation-free when the estimate is (an
     * {@link AtrTracker} is).
     */
    @Override
    public final void onTick(Tick tick, PortfolioView portfolio) {
        volatility.onTick(tick);
    }

    /**
     * @return decisions that reached sizing while their symbol had no volatility (no {@code "atr"}
     *         indicator and none from the {@link Volatility}); see the subclass for what it does then
     */
    public final long decisionsWithoutVolatility() {
        return decisionsWithoutVolatility;
    }

    @Override
    public final Optional<OrderIntent> size(Decision decision, PortfolioView portfolio) {
        Objects.requireNonNull(decision, "decision");
        if (decision.direction() == Direction.FLAT || decision.confidence() < config.sizing().minConfidence()) {
            return Optional.empty();
        }
        Optional<AssetSpec> found = portfolio.catalog().find(decision.symbol());
        Optional<Tick> tick = portfolio.lastTick(decision.symbol());
        if (found.isEmpty() || tick.isEmpty()) {
            LOG.debug("no trade for {}: {}", decision.symbol(), found.isEmpty() ? "not in the catalog" : "no price yet");
            return Optional.empty();
        }
        AssetSpec spec = found.get();
        Side side = decision.direction().entrySide();
        double price = tick.get().priceFor(side);
        double equity = portfolio.equity();
        double rate = Pricing.rate(portfolio, spec.quoteCurrency());
        if (!(price > 0) || !(equity > 0) || Double.isNaN(rate)) {
            LOG.debug("no trade for {}: price {}, equity {}, {} rate {}", spec.symbol(), price, equity,
                    spec.quoteCurrency(), rate);
            return Optional.empty();
        }
        double atr = atrOf(decision, spec);
        boolean fromAtr = atr > 0;
        if (!fromAtr && decisionsWithoutVolatility++ == 0) {
            LOG.warn("{} has no volatility for {} yet (no \"atr\" indicator in the decision and none from {}): {};"
                    + " the estimate learns from the sizer's onTick, which the pipeline calls for every valid tick"
                    + " (said once; decisionsWithoutVolatility() counts them)", getClass().getSimpleName(),
                    spec.symbol(), volatility.getClass().getSimpleName(), actionWithoutVolatility());
        }
        double stopDistance = fromAtr ? config.sizing().atrMultiple() * atr
                : config.sizing().fallbackStopSpreads() * spec.typicalSpread();
        Stops.Levels levels = Stops.place(spec, side, price, stopDistance, config.sizing().takeProfitRatio(),
                tick.get().spread());
        if (levels == null) {
            return Optional.empty();
        }
        ClassLimits limits = config.limits(spec.assetClass());
        // valued like the guards value a new order, so a sized order passes the position limit: notional at
        // the order price within share x leverage of equity after the spread the order pays
        double k = limits.maxPositionNotionalShare();
        double perLot = spec.notional(1, Pricing.orderPrice(portfolio, spec, price)) * rate;
        double spreadPerLot = spec.notional(1, Pricing.spread(portfolio, spec)) * rate;
        double capLots = equity * k / (perLot + k * spreadPerLot);
        Inputs in = new Inputs(decision, spec, side, price, equity, rate, levels.stopDistance(), fromAtr, capLots);
        Raw raw = rawLots(in);
        if (raw == null) {
            return Optional.empty();
        }
        double wanted = Math.min(raw.lots(), capLots);
        double volume = spec.roundVolumeDown(wanted);
        if (volume <= 0) {
            LOG.debug("no trade for {}: {} lots is below the minimum volume {}", spec.symbol(), wanted,
                    spec.volumeMin());
            return Optional.empty();
        }
        String note = raw.note() + (raw.lots() > capLots ? ", capped at class share " + Fmt.lots(capLots) : "")
                + " -> " + Fmt.num(wanted) + " lots -> " + Fmt.lots(volume) + " (step " + Fmt.lots(spec.volumeStep())
                + "); stop " + Fmt.num(levels.stopDistance()) + (fromAtr ? " from ATR" : " from typical spread");
        return Optional.of(new OrderIntent(spec.symbol(), side, volume, price, levels.stopLoss(), levels.takeProfit(),
                false, decision, note));
    }

    /** @return the decision's own "atr" indicator, else the tracker's, else NaN */
    private double atrOf(Decision decision, AssetSpec spec) {
        Double own = decision.indicators().get("atr");
        if (own != null && own > 0 && Double.isFinite(own)) {
            return own;
        }
        double a = volatility.atr(spec.symbol());
        return a > 0 && Double.isFinite(a) ? a : Double.NaN;
    }

    /** @return what this sizer does while a symbol has no volatility, for the one log line that says so */
    abstract String actionWithoutVolatility();

    /**
     * @param in the inputs
     * @return lots before rounding and capping, or null for "no trade"
     */
    abstract Raw rawLots(Inputs in);
}
