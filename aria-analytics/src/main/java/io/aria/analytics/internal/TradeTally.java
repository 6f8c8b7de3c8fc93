package io.aria.analytics.internal;

import io.aria.analytics.PerformanceReport.TradeStats;

/** Streaming figures over closed trades, O(1) memory. Not thread-safe: the owner locks. */
public final class TradeTally {

    private long trades;
    private long wins;
    private long losses;
    private double total;
    private double grossProfit;
    private double grossLoss;
    private double best = Double.NEGATIVE_INFINITY;
    private double worst = Double.POSITIVE_INFINITY;

    /** @param profit a closed trade's profit; non-finite values are ignored */
    public void add(double profit) {
        if (!Double.isFinite(profit)) {
            return;
        }
        trades++;
        total += profit;
        if (profit > 0) {
            wins++;
            grossProfit += profit;
        } else if (profit < 0) {
            losses++;
            grossLoss -= profit;
        }
        best = Math.max(best, profit);
        worst = Math.min(worst, profit);
    }

    /** @return the figures now */
    public TradeStats stats() {
        if (trades == 0) {
            return new TradeStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        return new TradeStats(trades, wins, losses, (double) wins / trades, total, grossProfit, grossLoss,
                Stats.ratio(grossProfit, grossLoss), Stats.ratio(grossProfit, wins), Stats.ratio(-grossLoss, losses),
                total / trades, best, worst);
    }
}
