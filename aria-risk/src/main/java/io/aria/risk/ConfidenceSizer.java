package io.aria.risk;

import io.aria.risk.internal.Fmt;

/**
 * The default sizer: target notional = equity &times; the class's maximum position share &times;
 * confidence &times; the liquidity tier's factor, converted into lots through the contract size, the
 * entry price and the quote currency's rate into the account currency. The volume is rounded down
 * to the volume step; below the minimum volume the answer is "no trade", never a silent round-up.
 * So the result never exceeds the class's per-position share, and never shrinks when confidence
 * grows.
 *
 * <p>Stops: a stop-loss {@code atrMultiple} ATRs away (from the decision's {@code "atr"} indicator
 * or the {@link Volatility} given; {@code fallbackStopSpreads} typical spreads while neither is
 * known), a take-profit {@code takeProfitRatio} times as far, both at least the asset's minimum
 * stop distance plus the spread from the entry price.
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
    Raw rawLots(Inputs in) {
        double share = config.limits(in.spec().assetClass()).maxPositionShare();
        double tier = config.sizing().tierFactor(in.spec().liquidityTier());
        double notional = in.equity() * share * in.decision().confidence() * tier;
        double lots = notional / (in.spec().contractSize() * in.price() * in.rate());
        String note = "confidence sizing: equity " + Fmt.money(in.equity()) + " x share " + Fmt.num(share)
                + " x confidence " + Fmt.num(in.decision().confidence()) + " x " + in.spec().liquidityTier() + " "
                + Fmt.num(tier) + " = notional " + Fmt.money(notional);
        return new Raw(lots, note);
    }
}
