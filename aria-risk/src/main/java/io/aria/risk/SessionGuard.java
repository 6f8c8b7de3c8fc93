package io.aria.risk;

import io.aria.core.AssetSpec;
import io.aria.core.OrderIntent;
import io.aria.core.Tick;
import io.aria.core.TradingHours;
import io.aria.core.Verdict;
import io.aria.core.spi.PortfolioView;
import io.aria.core.spi.RiskGuard;
import io.aria.risk.internal.Book;
import io.aria.risk.internal.Fmt;
import java.time.Instant;
import java.util.Optional;

/**
 * Opens no new position outside an asset's trading hours (weekends for forex, exchange hours for
 * indices, never for 24/7 crypto), in the last {@code closeBufferMinutes} before a session
 * closes, without a quote, or while the spread is wider than {@code maxSpreadMultiple} typical
 * spreads. Time is the pipeline's ({@link PortfolioView#nowMillis()}).
 *
 * <p>Threading: event-loop thread only.
 */
public final class SessionGuard implements RiskGuard {

    private final int closeBufferMinutes;
    private final double maxSpreadMultiple;

    /** @param sessions the sessions section of a {@link RiskConfig} */
    public SessionGuard(RiskConfig.Sessions sessions) {
        this.closeBufferMinutes = sessions.closeBufferMinutes();
        this.maxSpreadMultiple = sessions.maxSpreadMultiple();
    }

    @Override
    public Verdict check(OrderIntent intent, PortfolioView portfolio) {
        if (!Book.increasesExposure(intent, portfolio)) {
            return Verdict.approve(RiskCodes.REDUCING, "reducing orders are never blocked by sessions or spreads");
        }
        Optional<AssetSpec> found = portfolio.catalog().find(intent.symbol());
        if (found.isEmpty()) {
            return Verdict.reject(RiskCodes.UNKNOWN_SYMBOL, "symbol " + intent.symbol() + " is not in the catalog");
        }
        AssetSpec spec = found.get();
        TradingHours hours = spec.tradingHours();
        Instant now = Instant.ofEpochMilli(portfolio.nowMillis());
        long left = hours.minutesToClose(now);
        if (left <= 0) {
            return Verdict.reject(RiskCodes.SESSION_CLOSED, spec.symbol() + " is outside its trading hours at " + now
                    + " (" + hours.zone() + ")");
        }
        if (left != Long.MAX_VALUE && left <= closeBufferMinutes) {
            return Verdict.reject(RiskCodes.SESSION_CLOSING, spec.symbol() + " session closes in " + left
                    + " min at " + now + ", no new positions in the last " + closeBufferMinutes + " min");
        }
        Optional<Tick> tick = portfolio.lastTick(spec.symbol());
        if (tick.isEmpty()) {
            return Verdict.reject(RiskCodes.NO_QUOTE, spec.symbol() + " has no quote yet");
        }
        double spread = tick.get().spread();
        double max = maxSpreadMultiple * spec.typicalSpread();
        if (spread > max) {
            return Verdict.reject(RiskCodes.SPREAD_TOO_WIDE, spec.symbol() + " spread " + Fmt.num(spread) + " is "
                    + Fmt.num(spread / spec.typicalSpread()) + " typical spreads (" + Fmt.num(spec.typicalSpread())
                    + "), limit " + Fmt.num(maxSpreadMultiple));
        }
        return Verdict.approve();
    }

    @Override
    public String name() {
        return "sessions";
    }
}
