package io.aria.analytics.internal;

import io.aria.analytics.PerformanceReport.TradeStats;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Streaming figures over closed trades, overall and per symbol, and the broker-side closes per
 * symbol. O(1) memory per symbol. Not thread-safe: the owner locks.
 */
public final class TradeTally {

    /** One symbol's line. */
    public static final class Line {
        private final Figures trades = new Figures();
        private long brokerCloses;

        /** @return the symbol's closed-trade figures */
        public TradeStats trades() {
            return trades.stats();
        }

        /** @return the symbol's broker-side position changes */
        public long brokerCloses() {
            return brokerCloses;
        }
    }

    private final Figures overall = new Figures();
    private final Map<String, Line> bySymbol = new TreeMap<>();

    private Line line(String symbol) {
        return bySymbol.computeIfAbsent(symbol, s -> new Line());
    }

    /**
     * @param symbol the trade's symbol; null counts the trade overall only (a trade recorded from
     *               elsewhere without one)
     * @param profit a closed trade's profit; non-finite values are ignored
     */
    public void add(String symbol, double profit) {
        if (!Double.isFinite(profit)) {
            return;
        }
        overall.add(profit);
        if (symbol != null) {
            line(symbol).trades.add(profit);
        }
    }

    /** @param symbol a symbol whose position changed on the broker's side */
    public void brokerClose(String symbol) {
        line(symbol).brokerCloses++;
    }

    /** @return the figures of no trades */
    public static TradeStats none() {
        return new Figures().stats();
    }

    /** @return the overall figures now */
    public TradeStats stats() {
        return overall.stats();
    }

    /** @return the lines by symbol, live (copy what you keep before releasing the lock) */
    public Map<String, Line> lines() {
        return Collections.unmodifiableMap(bySymbol);
    }

    /** Streaming figures over closed trades. */
    private static final class Figures {
        private long trades;
        private long wins;
        private long losses;
        private double total;
        private double grossProfit;
        private double grossLoss;
        private double best = Double.NEGATIVE_INFINITY;
        private double worst = Double.POSITIVE_INFINITY;

        void add(double profit) {
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

        TradeStats stats() {
            if (trades == 0) {
                return new TradeStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
            }
            return new TradeStats(trades, wins, losses, (double) wins / trades, total, grossProfit, grossLoss,
                    Stats.ratio(grossProfit, grossLoss), Stats.ratio(grossProfit, wins), Stats.ratio(-grossLoss, losses),
                    total / trades, best, worst);
        }
    }
}
