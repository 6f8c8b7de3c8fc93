package io.aria.analytics.internal;

import io.aria.analytics.ExecutionStatistics;
import io.aria.analytics.ExecutionStatistics.Distribution;
import io.aria.analytics.ExecutionStatistics.Figures;
import io.aria.analytics.ExecutionStatistics.RejectionCount;
import io.aria.core.AssetCatalog;
import io.aria.core.AssetSpec;
import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.TradeReturnCode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts execution outcomes and keeps slippage and latency histograms, overall and per symbol.
 * Memory is fixed per symbol (two histograms of a few thousand buckets). Not thread-safe: the
 * owner locks.
 */
public final class ExecutionBook {

    private final AssetCatalog catalog;
    private final Acc overall = new Acc();
    private final Map<String, Acc> bySymbol = new TreeMap<>();

    /** @param catalog where the points of symbols are looked up */
    public ExecutionBook(AssetCatalog catalog) {
        this.catalog = catalog;
    }

    private static final class Acc {
        final long[] byStatus = new long[ExecutionStatus.values().length];
        double requested;
        double filled;
        final Map<Integer, long[]> rejections = new HashMap<>();
        final LogHistogram slippage = new LogHistogram(1e-3, 1e7, 0.02);
        final LogHistogram latency = new LogHistogram(100, 1e12, 0.02);

        void add(ExecutionReport r, double slippagePoints) {
            byStatus[r.status().ordinal()]++;
            requested += r.requestedVolume();
            filled += r.filledVolume();
            if (!r.status().isFill()) {
                rejections.computeIfAbsent(r.returnCode(), k -> new long[1])[0]++;
            }
            slippage.record(slippagePoints);
            latency.record(r.latencyNanos());
        }

        long n(ExecutionStatus s) {
            return byStatus[s.ordinal()];
        }

        Figures figures() {
            long orders = 0;
            for (long c : byStatus) {
                orders += c;
            }
            long fills = n(ExecutionStatus.FILLED) + n(ExecutionStatus.PARTIALLY_FILLED);
            List<RejectionCount> rej = new ArrayList<>(rejections.size());
            rejections.forEach((code, n) -> rej.add(new RejectionCount(code, TradeReturnCode.describe(code), n[0])));
            rej.sort(Comparator.comparingLong(RejectionCount::count).reversed().thenComparingInt(RejectionCount::code));
            return new Figures(orders, n(ExecutionStatus.FILLED), n(ExecutionStatus.PARTIALLY_FILLED),
                    n(ExecutionStatus.REJECTED), n(ExecutionStatus.ERROR), n(ExecutionStatus.UNKNOWN),
                    Stats.ratio(fills, orders), Math.min(1, Stats.ratio(filled, requested)), rej,
                    distribution(slippage), distribution(latency));
        }
    }

    /**
     * @param h a histogram
     * @return its summary
     */
    public static Distribution distribution(LogHistogram h) {
        if (h.count() == 0) {
            return Distribution.EMPTY;
        }
        double min = h.min();
        double max = h.max();
        double mean = Math.min(max, Math.max(min, h.mean()));
        double[] p = h.percentiles(0.5, 0.9, 0.95, 0.99);
        return new Distribution(h.count(), mean, min, p[0], p[1], p[2], p[3], max);
    }

    /** @param r an execution report */
    public void add(ExecutionReport r) {
        double slip = Double.NaN;
        if (r.status().isFill()) {
            AssetSpec spec = catalog.find(r.symbol()).orElse(null);
            if (spec != null) {
                slip = r.slippagePoints(spec.point());
            }
        }
        overall.add(r, slip);
        bySymbol.computeIfAbsent(r.symbol(), k -> new Acc()).add(r, slip);
    }

    /** @return the statistics now */
    public ExecutionStatistics statistics() {
        Map<String, Figures> m = new TreeMap<>();
        bySymbol.forEach((s, a) -> m.put(s, a.figures()));
        return new ExecutionStatistics(overall.figures(), m);
    }
}
