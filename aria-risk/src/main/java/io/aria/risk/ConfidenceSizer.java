package io.aria.risk;

import io.aria.risk.internal.Fmt;

/**
 * The default sizer: target margin = equity &times; the class's maximum position share &times;
 * confidence &times; the liquidity tier's factor, and target notional = that margin &times; the
 * class's leverage (see {@link ClassLimits}: a full-confidence forex position at 10% and 30:1 is 3
 * times equity), converted into lots through the contract size, the entry price and the quote
 * currency's rate into the account currency. The volume is rounded down
 * to the volume step; below the minimum volume the answer is "no trade", never a silent round-up.
 * So the result never exceeds the class's per-position share, and never shrinks when confidence
 * grows.
 *
 * <p>Stops: a stop-loss {@code atrMultiple} ATRs away (from the decision's {@code "atr"} indicator
 * or the {@link Volatility} given; {@code fallbackStopSpreads} typical spreads while neither is
 * known), a take-profit {@code takeProfitRatio} times as far, both at least the asset's minimum
 * stop distance plus the spread from the entry price. A decision whose stop comes from spreads is
 * counted in {@link #decisionsWithoutVolatility()}, and the first is logged at WARN. The sizer
 * feeds its {@link Volatility} itself from {@link #onTick}, so it needs no guard to learn it.
 *
 * <p>Threading: event-loop thread only, like every {@link io.aria.core.spi.PositionSizer}.
 */
public final class ConfidenceSizer extends SizerBase {

    /**
     * @param config     limits, tier factors and stop rules
     * @param volatility ATR source for stops
     */
    public ConfidenceSizer(RiskConfig config, Volatility volatility) {
        super(config, volatility);
    }

    @Override
    String actionWithoutVolatility() {
        return "its stops are placed " + config.sizing().fallbackStopSpreads() + " typical spreads away until then";
    }

    @Override
    Raw rawLots(Inputs in) {
        ClassLimits limits = config.limits(in.spec().assetClass());
        double tier = config.sizing().tierFactor(in.spec().liquidityTier());
        double margin = in.equity() * limits.maxPositionShare() * in.decision().confidence() * tier;
        double notional = margin * limits.maxLeverage();
        double lots = notional / (in.spec().notional(1, in.price()) * in.rate());
        String note = "confidence sizing: margin = equity " + Fmt.money(in.equity()) + " x share "
                + Fmt.num(limits.maxPositionShare()) + " x confidence " + Fmt.num(in.decision().confidence()) + " x "
                + in.spec().liquidityTier() + " " + Fmt.num(tier) + " = " + Fmt.money(margin) + ", x leverage "
                + Fmt.num(limits.maxLeverage()) + " = notional " + Fmt.money(notional);
        return new Raw(lots, note);
    }
}
