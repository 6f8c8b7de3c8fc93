package io.aria.analytics.internal;

import io.aria.analytics.AttributionReport;
import io.aria.analytics.AttributionReport.Figures;
import io.aria.analytics.AttributionReport.ModelAttribution;
import io.aria.core.Decision;
import io.aria.core.ModelVote;
import io.aria.core.Regime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Splits closed trades' profit among models by their share in the entry decision. Memory grows
 * with the number of distinct model names only. Not thread-safe: the owner locks.
 */
public final class AttributionBook {

    private static final int REGIMES = Regime.values().length;

    /** Per model, per regime ordinal. */
    private static final class Acc {
        final long[] trades = new long[REGIMES];
        final long[] hits = new long[REGIMES];
        final double[] profit = new double[REGIMES];
        final double[] shareSum = new double[REGIMES];
    }

    private final Map<String, Acc> models = new TreeMap<>();
    private long attributedTrades;
    private double attributedProfit;
    private long unattributedTrades;
    private double unattributedProfit;

    /**
     * @param entry  the decision that opened the position
     * @param profit the trade's realised profit; non-finite values are ignored
     */
    public void add(Decision entry, double profit) {
        if (!Double.isFinite(profit)) {
            return;
        }
        double total = 0;
        for (ModelVote v : entry.votes()) {
            total += v.share();
        }
        if (!(total > 0)) {
            unattributedTrades++;
            unattributedProfit += profit;
            return;
        }
        attributedTrades++;
        attributedProfit += profit;
        int r = entry.regime().ordinal();
        for (ModelVote v : entry.votes()) {
            if (v.share() <= 0) {
                continue;
            }
            double share = v.share() / total;
            Acc a = models.computeIfAbsent(v.model(), k -> new Acc());
            a.trades[r]++;
            a.profit[r] += profit * share;
            a.shareSum[r] += share;
            if (profit > 0) {
                a.hits[r]++;
            }
        }
    }

    /** @return the report now */
    public AttributionReport report() {
        List<ModelAttribution> out = new ArrayList<>(models.size());
        for (Map.Entry<String, Acc> e : models.entrySet()) {
            Acc a = e.getValue();
            Map<Regime, Figures> byRegime = new EnumMap<>(Regime.class);
            long t = 0;
            long h = 0;
            double p = 0;
            double s = 0;
            for (Regime regime : Regime.values()) {
                int r = regime.ordinal();
                byRegime.put(regime, figures(a.trades[r], a.profit[r], a.hits[r], a.shareSum[r]));
                t += a.trades[r];
                h += a.hits[r];
                p += a.profit[r];
                s += a.shareSum[r];
            }
            out.add(new ModelAttribution(e.getKey(), figures(t, p, h, s), byRegime));
        }
        return new AttributionReport(attributedTrades, attributedProfit, unattributedTrades, unattributedProfit, out);
    }

    private static Figures figures(long trades, double profit, long hits, double shareSum) {
        if (trades == 0) {
            return new Figures(0, 0, 0, 0, 0);
        }
        return new Figures(trades, profit, hits, (double) hits / trades, Math.min(1, Math.max(0, shareSum / trades)));
    }
}
