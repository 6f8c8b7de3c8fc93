package io.aria.analytics;

import static io.aria.core.Values.nonNegative;
import static io.aria.core.Values.text;

import io.aria.analytics.PerformanceReport.TradeStats;
import java.util.Objects;

/**
 * What happened in one symbol so far: orders filled and not filled, positions closed on the
 * broker's side (stop-loss, take-profit, stop-out) and the closed trades' figures. The one
 * per-symbol tally of ARIA: {@link HedgeFundAnalytics#bySymbol()} gives it, the examples' console
 * summary prints it.
 *
 * @param symbol       catalog symbol, not blank
 * @param fills        execution reports that filled, in full or in part, &gt;= 0
 * @param rejects      execution reports that filled nothing (rejected, errors, unknown), &gt;= 0
 * @param brokerCloses trade events: positions changed on the broker's side, &gt;= 0
 * @param trades       the symbol's closed trades (count, wins, realised profit, ...)
 */
public record SymbolTally(String symbol, long fills, long rejects, long brokerCloses, TradeStats trades) {

    public SymbolTally {
        Objects.requireNonNull(symbol, "symbol");
        text(symbol, "symbol");
        nonNegative(fills, "fills");
        nonNegative(rejects, "rejects");
        nonNegative(brokerCloses, "brokerCloses");
        Objects.requireNonNull(trades, "trades");
    }
}
