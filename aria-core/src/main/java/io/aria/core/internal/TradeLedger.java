package io.aria.core.internal;

import io.aria.core.ClosedTrade;
import io.aria.core.Decision;
import io.aria.core.ExecutionReport;
import io.aria.core.Position;
import io.aria.core.TradeEvent;

/**
 * Realised profit and attribution, per symbol: which decision opened the symbol's trade, what
 * its closing deals realised so far (partial closes add up until the symbol is flat), the
 * {@code trade_closed} record of each closing deal, and the end of the trade, when the ensemble
 * learns its profit. Not safe for use from multiple threads: the loop thread only.
 */
final class TradeLedger {

    private static final double FLAT = 1e-12;

    private final Portfolio portfolio;
    private final PlugIns plugIns;
    private final Decision[] entryDecision;
    private final double[] tradeProfit;

    TradeLedger(Portfolio portfolio, PlugIns plugIns, int symbols) {
        this.portfolio = portfolio;
        this.plugIns = plugIns;
        this.entryDecision = new Decision[symbols];
        this.tradeProfit = new double[symbols];
    }

    /** @return the trade a filled closing order closed, or null (read before the book is re-read) */
    ClosedTrade closedBy(SentOrder p, ExecutionReport r) {
        if (!r.status().isFill() || !p.intent().reducing() || p.target() == null) {
            return null;
        }
        Position pos = p.target();
        int i = p.symbolIndex();
        double lots = Math.min(r.filledVolume(), pos.volume());
        return portfolio.closedTrade(i, pos, lots, r.fillPrice(), r.epochMillis() > 0 ? r.epochMillis() : portfolio.now(),
                portfolio.closeProfit(i, pos, lots, r.fillPrice()), p.purpose().exitReason() == null
                        ? ClosedTrade.ExitReason.SIGNAL : p.purpose().exitReason(), r.clientOrderId(), entryDecision[i]);
    }

    /** @return the trade a broker-side close (SL, TP, stop-out, external) closed, or null */
    ClosedTrade closedBy(int i, TradeEvent e) {
        if (i < 0 || e.kind() == TradeEvent.Kind.LATE_FILL) {
            return null;
        }
        Position pos = portfolio.knownPosition(e.positionTicket());
        if (pos == null || !(e.volume() > 0)) {
            return null;
        }
        double lots = Math.min(e.volume(), pos.volume());
        return portfolio.closedTrade(i, pos, lots, e.price(), e.epochMillis() > 0 ? e.epochMillis() : portfolio.now(),
                e.profit(), exitReason(e.kind()), "", entryDecision[i]);
    }

    private static ClosedTrade.ExitReason exitReason(TradeEvent.Kind kind) {
        return switch (kind) {
            case STOP_LOSS -> ClosedTrade.ExitReason.STOP_LOSS;
            case TAKE_PROFIT -> ClosedTrade.ExitReason.TAKE_PROFIT;
            case STOP_OUT -> ClosedTrade.ExitReason.STOP_OUT;
            default -> ClosedTrade.ExitReason.EXTERNAL;
        };
    }

    /**
     * After an order's report and the re-read of the book: an entry that opened a flat symbol
     * starts its trade (its decision is the attribution).
     *
     * @return whether the fill closed the symbol's trade (a reducing fill that left it flat)
     */
    boolean filled(SentOrder p, ExecutionReport r, double netBefore, double netAfter) {
        if (!r.status().isFill()) {
            return false;
        }
        int i = p.symbolIndex();
        if (!p.intent().reducing() && Math.abs(netBefore) < FLAT) {
            entryDecision[i] = p.intent().decision();
            tradeProfit[i] = 0;
        }
        return p.intent().reducing() && Math.abs(netAfter) < FLAT && Math.abs(netBefore) > FLAT;
    }

    /** A closing deal: it adds to the trade's profit and is recorded and told to the listeners. */
    void emit(int i, ClosedTrade t) {
        tradeProfit[i] += t.profit();
        plugIns.closedTrade(t, portfolio.now());
    }

    /**
     * After a broker-side event and the re-read: when it left a symbol flat that was not, the
     * trade is over (its profit is the event's when no closing deal was recorded for it).
     */
    void afterEvent(int i, TradeEvent e, ClosedTrade closed, double netBefore) {
        if (i >= 0 && e.kind() != TradeEvent.Kind.LATE_FILL && Math.abs(netBefore) > FLAT
                && Math.abs(portfolio.net(i)) < FLAT) {
            if (closed == null) {
                tradeProfit[i] += e.profit();
            }
            over(i);
        }
    }

    /** The symbol's trade is over (flat again): the ensemble and the older listener callback learn its profit. */
    void over(int i) {
        Decision entry = entryDecision[i];
        double profit = tradeProfit[i];
        entryDecision[i] = null;
        tradeProfit[i] = 0;
        if (entry != null) {
            plugIns.tradeOver(entry, profit, portfolio.now());
        }
    }
}
