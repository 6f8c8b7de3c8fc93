package io.aria.risk;

import io.aria.risk.internal.Fmt;

/**
 * Risks a fixed share of equity between entry and a volatility-based stop: lots = equity &times;
 * {@code riskPerTradeShare} / (stop distance &times; contract size &times; quote rate), with the
 * stop {@code atrMultiple} ATRs away (see {@link ConfidenceSizer} for stop placement). The same
 * rounding and class cap as {@link ConfidenceSizer} apply. While no ATR is known there is no
 * trade: a stop made from spreads would not measure risk; the first such decision is logged at
 * WARN and all are counted in {@link #decisionsWithoutVolatility()}. The sizer feeds its
 * {@link Volatility} itself from {@link #onTick}, so it trades without any guard wired.
 *
 * <p>Threading: event-loop thread only.
 */
public final class RiskPerTradeSizer extends SizerBase {

    /**
     * @param config     risk share, limits and stop rules
     * @param volatility ATR source for stops
     */
    public RiskPerTradeSizer(RiskConfig config, Volatility volatility) {
        super(config, volatility);
    }

    @Override
    String actionWithoutVolatility() {
        return "it makes no trade until then (a stop made from spreads would not measure risk)";
    }

    @Override
    Raw rawLots(Inputs in) {
        if (!in.stopFromAtr()) {
            return null;
        }
        double risk = in.equity() * config.sizing().riskPerTradeShare();
        double lossPerLot = in.spec().notional(1, in.stopDistance()) * in.rate();
        double lots = risk / lossPerLot;
        String note = "risk-per-trade sizing: risk " + Fmt.money(risk) + " (" + Fmt.pct(config.sizing().riskPerTradeShare())
                + " of equity " + Fmt.money(in.equity()) + ") / loss per lot " + Fmt.money(lossPerLot) + " at stop distance "
                + Fmt.num(in.stopDistance());
        return new Raw(lots, note);
    }
}
