package io.aria.analytics.internal;

import io.aria.analytics.AttributionLine;
import io.aria.analytics.ClosedTradeRecord;
import io.aria.core.AssetCatalog;
import io.aria.core.AssetSpec;
import io.aria.core.ClosedTrade;
import io.aria.core.Decision;
import io.aria.core.ModelVote;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every closed trade (one per closing deal, from {@link ClosedTrade}) with LEAN's trade figures
 * kept incrementally: LEAN divides each trade's profit by the running capital (starting equity
 * plus the profit of the trades before it), so Average Win and Average Loss are shares, and counts
 * a trade with profit exactly 0 as a loss. Also the streaks, gross profit and loss, and the
 * attribution by model (by entry share), regime, asset class and symbol. The list of trades is
 * bounded by {@code maxTrades} (the figures go on counting past it). Not thread-safe: the owner locks.
 */
public final class TradeLog {

    /** Running figures of one attribution line. */
    private static final class Line {
        long trades;
        long wins;
        double profit;
    }

    private final AssetCatalog catalog;
    private final int maxTrades;
    private final List<ClosedTradeRecord> records = new ArrayList<>();
    private long dropped;

    private long trades;
    private long wins;
    private long losses;
    private double winShareSum;
    private double lossShareSum;
    private double runningCapital = Double.NaN;
    private double grossProfit;
    private double grossLoss;
    private int streak; // > 0 wins in a row, < 0 losses in a row
    private int maxWinStreak;
    private int maxLossStreak;
    private long strictLosses;
    private double maeSum;
    private double mfeSum;

    private final Map<String, Line> byModel = new TreeMap<>();
    private final Map<String, Line> byRegime = new TreeMap<>();
    private final Map<String, Line> byClass = new TreeMap<>();
    private final Map<String, Line> bySymbol = new TreeMap<>();

    /**
     * @param catalog   for each symbol's asset class
     * @param maxTrades most trades listed, &gt;= 0
     */
    public TradeLog(AssetCatalog catalog, int maxTrades) {
        this.catalog = catalog;
        this.maxTrades = maxTrades;
    }

    /**
     * @param t             a closed trade
     * @param startingEquity the run's starting equity (used by the first trade only), NaN when unknown
     */
    public void add(ClosedTrade t, double startingEquity) {
        double p = t.profit();
        if (Double.isNaN(runningCapital)) {
            runningCapital = startingEquity;
        }
        trades++;
        if (p > 0) {
            wins++;
            grossProfit += p;
            winShareSum += runningCapital > 0 ? p / runningCapital : 0;
            streak = streak > 0 ? streak + 1 : 1;
            maxWinStreak = Math.max(maxWinStreak, streak);
        } else {
            losses++;
            grossLoss -= p;
            if (p < 0) {
                strictLosses++;
            }
            lossShareSum += runningCapital > 0 ? p / runningCapital : 0;
            streak = streak < 0 ? streak - 1 : -1;
            maxLossStreak = Math.max(maxLossStreak, -streak);
        }
        runningCapital += p;
        maeSum += t.mae();
        mfeSum += t.mfe();

        AssetSpec spec = catalog.find(t.symbol()).orElse(null);
        String assetClass = spec == null ? "UNKNOWN" : spec.assetClass().name();
        Decision d = t.entryDecision();
        String regime = d == null ? "UNKNOWN" : d.regime().name();
        Map<String, Double> shares = shares(d);
        add(bySymbol, t.symbol(), p, 1);
        add(byClass, assetClass, p, 1);
        add(byRegime, regime, p, 1);
        if (shares.isEmpty()) {
            add(byModel, "(unattributed)", p, 1);
        } else {
            shares.forEach((m, s) -> add(byModel, m, p, s));
        }
        if (records.size() < maxTrades) {
            records.add(new ClosedTradeRecord(t.symbol(), assetClass, t.side().name(), t.volume(), t.entryEpochMillis(),
                    t.entryPrice(), t.exitEpochMillis(), t.exitPrice(), p, t.mae(), t.mfe(), t.exitReason().name(),
                    t.partial(), regime, shares));
        } else {
            dropped++;
        }
    }

    private static Map<String, Double> shares(Decision d) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (d == null) {
            return out;
        }
        double total = 0;
        for (ModelVote v : d.votes()) {
            if (v.share() > 0) {
                total += v.share();
            }
        }
        if (!(total > 0)) {
            return out;
        }
        for (ModelVote v : d.votes()) {
            if (v.share() > 0) {
                out.merge(v.model(), v.share() / total, Double::sum);
            }
        }
        return out;
    }

    private static void add(Map<String, Line> m, String key, double profit, double share) {
        Line l = m.computeIfAbsent(key, k -> new Line());
        l.trades++;
        l.profit += profit * share;
        if (profit > 0) {
            l.wins++;
        }
    }

    /** @return closed trades counted */
    public long trades() {
        return trades;
    }

    /** @return trades with profit &gt; 0 */
    public long wins() {
        return wins;
    }

    /** @return trades with profit &lt;= 0 (LEAN counts a zero as a loss) */
    public long losses() {
        return losses;
    }

    /** @return LEAN's Average Win: mean of profit / running capital over wins, NaN without wins */
    public double averageWin() {
        return wins == 0 ? Double.NaN : winShareSum / wins;
    }

    /** @return LEAN's Average Loss (&lt;= 0), NaN without losses */
    public double averageLoss() {
        return losses == 0 ? Double.NaN : lossShareSum / losses;
    }

    /** @return trades with profit &lt; 0 (a zero is not one) */
    public long strictLosses() {
        return strictLosses;
    }

    /** @return sum of winning profits */
    public double grossProfit() {
        return grossProfit;
    }

    /** @return minus the sum of losing profits, &gt;= 0 */
    public double grossLoss() {
        return grossLoss + 0.0;
    }

    /** @return the most wins in a row */
    public int maxConsecutiveWins() {
        return maxWinStreak;
    }

    /** @return the most losses (profit &lt;= 0) in a row */
    public int maxConsecutiveLosses() {
        return maxLossStreak;
    }

    /** @return mean MAE in the account currency, NaN without trades */
    public double meanMae() {
        return trades == 0 ? Double.NaN : maeSum / trades;
    }

    /** @return mean MFE in the account currency, NaN without trades */
    public double meanMfe() {
        return trades == 0 ? Double.NaN : mfeSum / trades;
    }

    /** @return the listed trades (a copy) */
    public List<ClosedTradeRecord> records() {
        return List.copyOf(records);
    }

    /** @return trades not listed because {@code maxTrades} were */
    public long dropped() {
        return dropped;
    }

    /** @return attribution by model, largest profit first */
    public List<AttributionLine> byModel() {
        return lines(byModel);
    }

    /** @return attribution by regime */
    public List<AttributionLine> byRegime() {
        return lines(byRegime);
    }

    /** @return attribution by asset class */
    public List<AttributionLine> byAssetClass() {
        return lines(byClass);
    }

    /** @return attribution by symbol */
    public List<AttributionLine> bySymbol() {
        return lines(bySymbol);
    }

    private static List<AttributionLine> lines(Map<String, Line> m) {
        double positive = 0;
        for (Line l : m.values()) {
            positive += Math.max(0, l.profit);
        }
        List<AttributionLine> out = new ArrayList<>(m.size());
        for (Map.Entry<String, Line> e : m.entrySet()) {
            Line l = e.getValue();
            double share = l.profit > 0 && positive > 0 ? Math.min(1, l.profit / positive) : 0;
            out.add(new AttributionLine(e.getKey(), l.trades, l.wins, l.profit + 0.0, share));
        }
        out.sort(Comparator.comparingDouble(AttributionLine::profit).reversed().thenComparing(AttributionLine::name));
        return out;
    }
}
