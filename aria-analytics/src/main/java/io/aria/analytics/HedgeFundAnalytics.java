package io.aria.analytics;

import io.aria.analytics.PerformanceReport.TradeStats;
import io.aria.analytics.internal.AttributionBook;
import io.aria.analytics.internal.EquitySeries;
import io.aria.analytics.internal.ExecutionBook;
import io.aria.analytics.internal.Exposures;
import io.aria.analytics.internal.Reports;
import io.aria.analytics.internal.Stats;
import io.aria.analytics.internal.TradeTally;
import io.aria.core.AssetCatalog;
import io.aria.core.Decision;
import io.aria.core.ExecutionReport;
import io.aria.core.OrderIntent;
import io.aria.core.PipelineSnapshot;
import io.aria.core.TradeEvent;
import io.aria.core.spi.PipelineListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Collections;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The hedge-fund analytics of a pipeline: performance, model attribution, risk and execution
 * quality, as immutable reports. Register it with
 * {@link io.aria.core.TradingPipeline.Builder#listener(PipelineListener)}:
 *
 * <pre>{@code
 * HedgeFundAnalytics analytics = HedgeFundAnalytics.builder().build();
 * TradingPipeline pipeline = TradingPipeline.builder()...listener(analytics).build();
 * ...
 * AnalyticsReport report = analytics.report(pipeline.snapshot());
 * String json = report.toJson();
 * }</pre>
 *
 * <p><b>Threading.</b> The {@link PipelineListener} methods are called by the pipeline's event
 * loop (one writer); each takes a short lock and does O(1) work (plus a map lookup), never blocks
 * on I/O and logs nothing. They are safe from other threads too, so a control API can record a
 * trade made elsewhere (the seed's {@code POST /hedge-fund/analytics/trade}) with
 * {@link #onTradeClosed}. The report methods may be called from any thread: they copy what they
 * need under the same lock and compute outside it, so a report is consistent with itself, and
 * {@link #report(PipelineSnapshot)} takes all four parts at the same moment.
 *
 * <p><b>Memory</b> is bounded: at most {@code maxPoints} equity points (the interval doubles when
 * full), fixed-size histograms per symbol, and counters per model name.
 */
public final class HedgeFundAnalytics implements PipelineListener {

    private final AssetCatalog catalog;
    private final double riskFreeRate;
    private final FxRates fxRates;
    private final Object lock = new Object();
    private final EquitySeries equity;
    private final TradeTally trades = new TradeTally();
    private final AttributionBook attribution = new AttributionBook();
    private final ExecutionBook execution;
    private final Map<String, Double> lastPrices = new HashMap<>();

    private HedgeFundAnalytics(Builder b) {
        this.catalog = b.catalog;
        this.riskFreeRate = b.riskFreeRate;
        this.fxRates = b.fxRates;
        this.equity = new EquitySeries(b.interval.toMillis(), b.maxPoints);
        this.execution = new ExecutionBook(catalog);
    }

    /** @return a builder with the defaults: default catalog, 1-minute intervals, 10,000 points, risk-free 0 */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ listener (event loop)

    @Override
    public void onExecution(ExecutionReport report, OrderIntent intent) {
        synchronized (lock) {
            execution.add(report);
            if (report.status().isFill()) {
                lastPrices.put(report.symbol(), report.fillPrice());
            }
        }
    }

    @Override
    public void onTradeEvent(TradeEvent event) {
        synchronized (lock) {
            lastPrices.put(event.symbol(), event.price());
            trades.brokerClose(event.symbol());
        }
    }

    @Override
    public void onTradeClosed(String symbol, Decision entry, double profit, long epochMillis) {
        synchronized (lock) {
            trades.add(symbol, profit);
            attribution.add(entry, profit);
        }
    }

    @Override
    public void onEquity(double equityValue, long epochMillis) {
        synchronized (lock) {
            equity.add(equityValue, epochMillis);
        }
    }

    // ------------------------------------------------------------------ reports (any thread)

    /** @return performance now; see {@link PerformanceReport} for the conventions */
    public PerformanceReport performance() {
        EquitySeries s;
        TradeStats t;
        synchronized (lock) {
            s = equity.copy();
            t = trades.stats();
        }
        return Reports.performance(s, t, riskFreeRate);
    }

    /**
     * The per-symbol tally: for every symbol with an execution report, a broker-side close or a
     * closed trade so far, its fills and non-fills (as {@link #execution()} counts them), its
     * broker-side closes and its closed-trade figures (as {@link #performance()} counts them
     * overall).
     *
     * @return the tallies by symbol, in symbol order (an immutable copy)
     */
    public Map<String, SymbolTally> bySymbol() {
        ExecutionStatistics e;
        Map<String, SymbolTally> out = new TreeMap<>();
        synchronized (lock) {
            e = execution.statistics();
            trades.lines().forEach((symbol, line) -> out.put(symbol, tally(symbol, e, line.brokerCloses(), line.trades())));
        }
        e.bySymbol().keySet().forEach(symbol -> out.computeIfAbsent(symbol, s -> tally(s, e, 0, TradeTally.none())));
        return Collections.unmodifiableMap(out);
    }

    private static SymbolTally tally(String symbol, ExecutionStatistics e, long brokerCloses, TradeStats t) {
        ExecutionStatistics.Figures f = e.bySymbol().get(symbol);
        long fills = f == null ? 0 : f.filled() + f.partiallyFilled();
        long rejects = f == null ? 0 : f.orders() - fills;
        return new SymbolTally(symbol, fills, rejects, brokerCloses, t);
    }

    /** @return model attribution now */
    public AttributionReport attribution() {
        synchronized (lock) {
            return attribution.report();
        }
    }

    /** @return execution statistics now */
    public ExecutionStatistics execution() {
        synchronized (lock) {
            return execution.statistics();
        }
    }

    /**
     * @param snapshot the pipeline's state, for the open positions and equity
     * @return risk figures: tail risk of the equity returns recorded so far and the snapshot's exposure
     */
    public RiskReport risk(PipelineSnapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        EquitySeries s;
        Map<String, Double> prices;
        synchronized (lock) {
            s = equity.copy();
            prices = Map.copyOf(lastPrices);
        }
        return risk(snapshot, s, prices);
    }

    private RiskReport risk(PipelineSnapshot snapshot, EquitySeries s, Map<String, Double> prices) {
        double eq = snapshot.account().equity();
        String ccy = snapshot.account().currency();
        Exposures x = new Exposures(catalog, ccy, fxRates, prices, snapshot.positions(), eq);
        List<RiskReport.SymbolExposure> symbols = x.symbols();
        double gross = 0;
        double net = 0;
        double hhi = 0;
        for (RiskReport.SymbolExposure e : symbols) {
            gross += e.grossNotional();
            net += e.netNotional();
        }
        for (RiskReport.SymbolExposure e : symbols) {
            double w = Stats.ratio(e.grossNotional(), gross);
            hhi += w * w;
        }
        RiskReport.SymbolExposure largest = symbols.isEmpty() ? null : symbols.get(0);
        TreeSet<String> approx = new TreeSet<>(x.approximated());
        approx.addAll(x.unknown());
        double[] returns = Stats.returns(s.values());
        boolean positive = eq > 0;
        return new RiskReport(snapshot.epochMillis(), ccy, eq, returns.length, s.intervalMillis(),
                Reports.tail(returns, eq), gross, net, positive ? Stats.ratio(gross, eq) : 0,
                positive ? Stats.ratio(net, eq) : 0, largest == null ? "" : largest.symbol(),
                largest == null ? 0 : largest.shareOfEquity(), Math.min(1, hhi), symbols, x.classes(),
                new ArrayList<>(approx));
    }

    /**
     * @param snapshot the pipeline's state
     * @return all four reports, taken at the same moment
     */
    public AnalyticsReport report(PipelineSnapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        EquitySeries s;
        TradeStats t;
        AttributionReport a;
        ExecutionStatistics e;
        Map<String, Double> prices;
        synchronized (lock) {
            s = equity.copy();
            t = trades.stats();
            a = attribution.report();
            e = execution.statistics();
            prices = Map.copyOf(lastPrices);
        }
        return new AnalyticsReport(snapshot.epochMillis(), Reports.performance(s, t, riskFreeRate), a,
                risk(snapshot, s, prices), e);
    }

    /** Builds {@link HedgeFundAnalytics}; {@link #build()} checks every option. */
    public static final class Builder {
        private AssetCatalog catalog = AssetCatalog.defaults();
        private double riskFreeRate;
        private Duration interval = Duration.ofMinutes(1);
        private int maxPoints = 10_000;
        private FxRates fxRates = FxRates.none();

        private Builder() {
        }

        /**
         * @param v the assets (points, contract sizes, currencies); default {@link AssetCatalog#defaults()}
         * @return this builder
         */
        public Builder catalog(AssetCatalog v) {
            this.catalog = Objects.requireNonNull(v, "catalog");
            return this;
        }

        /**
         * @param v annual risk-free rate for Sharpe and Sortino, for example 0.04; default 0
         * @return this builder
         */
        public Builder riskFreeRate(double v) {
            this.riskFreeRate = v;
            return this;
        }

        /**
         * @param v the interval equity is resampled to, in simulated time; default one minute
         * @return this builder
         */
        public Builder resampleInterval(Duration v) {
            this.interval = Objects.requireNonNull(v, "resampleInterval");
            return this;
        }

        /**
         * @param v most equity points kept, &gt;= 16; default 10,000 (a week of minutes before the
         *          interval first doubles)
         * @return this builder
         */
        public Builder maxPoints(int v) {
            this.maxPoints = v;
            return this;
        }

        /**
         * @param v rates to the account currency for valuing positions, asked from the thread
         *          that asks for a risk report; default none (the rates implied by the snapshot's
         *          marks and the latest fills are used)
         * @return this builder
         */
        public Builder fxRates(FxRates v) {
            this.fxRates = Objects.requireNonNull(v, "fxRates");
            return this;
        }

        /**
         * @return the analytics
         * @throws IllegalArgumentException when the risk-free rate is not finite or outside
         *                                  [-1, 1], the interval is under one millisecond, or
         *                                  maxPoints is below 16
         */
        public HedgeFundAnalytics build() {
            if (!(riskFreeRate >= -1 && riskFreeRate <= 1)) {
                throw new IllegalArgumentException("riskFreeRate must be in [-1, 1], was " + riskFreeRate);
            }
            if (interval.toMillis() < 1) {
                throw new IllegalArgumentException("resampleInterval must be >= 1 ms, was " + interval);
            }
            if (maxPoints < 16) {
                throw new IllegalArgumentException("maxPoints must be >= 16, was " + maxPoints);
            }
            return new HedgeFundAnalytics(this);
        }
    }
}
