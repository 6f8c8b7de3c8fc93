package io.aria.analytics;

import io.aria.analytics.PerformanceReport.TradeStats;
import io.aria.analytics.internal.AttributionBook;
import io.aria.analytics.internal.EquitySeries;
import io.aria.analytics.internal.ExecutionBook;
import io.aria.analytics.internal.Reports;
import io.aria.analytics.internal.RiskReports;
import io.aria.analytics.internal.Stats;
import io.aria.analytics.internal.TradeTally;
import io.aria.analytics.internal.DailySeries;
import io.aria.analytics.internal.ReportWriter;
import io.aria.analytics.internal.StatisticsCalculator;
import io.aria.analytics.internal.TradeLog;
import io.aria.core.AssetCatalog;
import io.aria.core.AssetSpec;
import io.aria.core.ClosedTrade;
import io.aria.core.CurrencyConverter;
import io.aria.core.Decision;
import io.aria.core.Tick;
import io.aria.core.ExecutionReport;
import io.aria.core.OrderIntent;
import io.aria.core.PipelineSnapshot;
import io.aria.core.TradeEvent;
import io.aria.core.spi.PipelineListener;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Collections;
import java.util.Objects;
import java.util.TreeMap;

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
 * ReportFiles files = analytics.writeReports(dataFolder, RunInfo.builder("paper").symbols(symbols).build(),
 *         pipeline.snapshot());   // report.json and report.html
 * }</pre>
 *
 * <p><b>Quotes.</b> The analytics sees every valid tick the pipeline accepts
 * ({@link PipelineListener#onTick(Tick)}) and keeps the latest mid of each catalog symbol in the
 * same {@link CurrencyConverter} the pipeline's risk layer uses, so a EURJPY position is converted
 * with the latest USDJPY quote even when USDJPY was never traded. A position whose quote currency
 * has no rate at all (no quote linking it to the account currency) is listed in
 * {@link RiskReport#approximatedSymbols()} and left out of the exposure totals, never converted at 1.
 *
 * <p><b>Statistics</b> follow QuantConnect LEAN (see {@link Statistics}): daily returns at a daily
 * close (00:00 UTC by default, {@link Builder#dailyClose}), annualised with 252 trading days
 * ({@link Builder#tradingDaysPerYear}); an annualised figure needs at least
 * {@link Builder#minDailyReturns} daily returns, else it says "not enough data (N days)".
 *
 * <p><b>Threading.</b> The {@link PipelineListener} methods are called by the pipeline's event
 * loop (one writer); each takes a short lock and does O(1) work (plus a map lookup), never blocks
 * on I/O and logs nothing; {@link #onTick} allocates nothing. They are safe from other threads too, so a control API can record a
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
    private final double[] mids;
    private final CurrencyConverter converter;
    private final int benchmarkIndex;
    private final DailySeries daily;
    private final EquitySeries benchmarkSeries;
    private final TradeLog tradeLog;
    private final StatisticsCalculator.Config statsConfig;
    private final String executionModel;
    private double filledLots;

    private HedgeFundAnalytics(Builder b) {
        this.catalog = b.catalog;
        this.riskFreeRate = b.riskFreeRate;
        this.fxRates = b.fxRates;
        this.equity = new EquitySeries(b.interval.toMillis(), b.maxPoints);
        this.execution = new ExecutionBook(catalog);
        this.mids = new double[catalog.size()];
        java.util.Arrays.fill(mids, Double.NaN);
        this.converter = new CurrencyConverter(catalog, b.accountCurrency);
        this.benchmarkIndex = b.benchmark == null ? -1 : catalog.indexOf(b.benchmark);
        this.daily = new DailySeries(b.closeZone, b.closeTime, catalog.size());
        this.benchmarkSeries = new EquitySeries(b.interval.toMillis(), b.maxPoints);
        this.tradeLog = new TradeLog(catalog, b.maxTrades);
        this.statsConfig = new StatisticsCalculator.Config(b.tradingDaysPerYear, b.riskFreeRate, b.minDailyReturns,
                b.benchmark, b.feePerLot);
        this.executionModel = b.executionModel;
    }

    /** @return a builder with the defaults: default catalog, 1-minute intervals, 10,000 points, risk-free 0 */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ listener (event loop)

    /**
     * Keeps the tick's mid as the symbol's latest quote (for converting currencies and the
     * benchmark). Allocation-free; ticks of symbols outside the catalog are ignored.
     */
    @Override
    public void onTick(Tick tick) {
        int i = catalog.indexOf(tick.symbol());
        if (i < 0 || !(tick.bid() > 0) || !(tick.ask() >= tick.bid()) || !Double.isFinite(tick.ask())) {
            return;
        }
        synchronized (lock) {
            mids[i] = (tick.bid() + tick.ask()) * 0.5;
            converter.update(i, tick.bid(), tick.ask());
        }
    }

    @Override
    public void onExecution(ExecutionReport report, OrderIntent intent) {
        synchronized (lock) {
            execution.add(report);
            if (report.status().isFill()) {
                lastPrices.put(report.symbol(), report.fillPrice());
                filledLots += report.filledVolume();
                daily.addTraded(tradedValue(report), report.epochMillis());
            }
        }
    }

    /** @return the fill's value in the account currency at the latest quotes, NaN when no rate is known */
    private double tradedValue(ExecutionReport r) {
        AssetSpec spec = catalog.find(r.symbol()).orElse(null);
        if (spec == null) {
            return Double.NaN;
        }
        double units = r.filledVolume() * spec.contractSize();
        if (spec.baseCurrency().equals(converter.accountCurrency())) {
            return units;
        }
        return converter.toAccount(units * r.fillPrice(), spec.quoteCurrency());
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

    /**
     * Lists the closed trade and adds it to LEAN's trade figures and to the attribution by model
     * (entry shares), regime, asset class and symbol.
     */
    @Override
    public void onTradeClosed(ClosedTrade trade) {
        synchronized (lock) {
            tradeLog.add(trade, daily.startEquity());
        }
    }

    @Override
    public void onEquity(double equityValue, long epochMillis) {
        synchronized (lock) {
            double bench = benchmarkIndex < 0 ? Double.NaN : mids[benchmarkIndex];
            if (equity.add(equityValue, epochMillis)) {
                // the same times as the equity points, so the two resample alike; 0 until known
                benchmarkSeries.add(bench > 0 ? bench : 0, epochMillis);
            }
            daily.add(equityValue, epochMillis, bench, mids);
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

    /** @return execution statistics now (with the simulated latency model when one was given) */
    public ExecutionStatistics execution() {
        synchronized (lock) {
            return execution.statistics().withSimulatedModel(executionModel);
        }
    }

    /**
     * LEAN's statistics and ARIA's further figures now.
     *
     * @param finalEquity the final equity (for example the snapshot's), NaN to use the latest sample
     * @return the statistics
     */
    public Statistics statistics(double finalEquity) {
        State st;
        synchronized (lock) {
            st = state(executionModel);
        }
        return statistics(st, finalEquity);
    }

    /** Everything a report needs, copied under the lock so that the computing happens outside it. */
    private record State(EquitySeries equity, TradeStats trades, AttributionReport attribution,
            ExecutionStatistics execution, Map<String, Double> prices, DailySeries daily,
            StatisticsCalculator.TradeFigures tradeFigures, double filledLots) {
    }

    /** @return a copy of the state now; the caller holds the lock */
    private State state(String model) {
        return new State(equity.copy(), trades.stats(), attribution.report(),
                execution.statistics().withSimulatedModel(model), prices(), daily.copy(),
                StatisticsCalculator.TradeFigures.of(tradeLog), filledLots);
    }

    private Statistics statistics(State st, double finalEquity) {
        EquitySeries s = st.equity();
        return StatisticsCalculator.compute(statsConfig, st.daily(), st.tradeFigures(), st.execution().overall().orders(),
                st.filledLots(), finalEquity, Stats.returns(s.values()), s.intervalMillis(), s.drawdownShare());
    }

    /** @return the closed trades listed so far (one per closing deal), oldest first */
    public List<ClosedTradeRecord> closedTrades() {
        synchronized (lock) {
            return tradeLog.records();
        }
    }

    /**
     * Writes {@code report.json} and {@code report.html} into {@code folder} (created when missing;
     * existing reports are replaced, each through a temporary file and a rename so a reader never
     * sees half a file). Call it at the end of a run, including on Ctrl-C and SIGTERM, from any
     * thread; it takes the analytics' state at one moment and does the I/O outside the lock.
     *
     * <p>{@code report.json} holds every figure of {@link #report(PipelineSnapshot)} and
     * {@link #statistics(double)}, the run's settings, and the series behind them: the equity
     * curve (resampled) with its drawdown, the daily closes, daily returns, the benchmark's daily
     * closes, every closed trade with its attribution, and the exposure against the limits of
     * {@code info}. {@code report.html} is one self-contained page (uPlot inlined, no network)
     * that renders the same figures as charts and tables.
     *
     * @param folder   the data folder of the run
     * @param info     what ran: command, symbols, period, seed, risk configuration, limits
     * @param snapshot the pipeline's state at the end, for the final equity and open positions
     * @return where the two files are
     * @throws IOException when the folder cannot be created or a file cannot be written (the
     *                     message names the path)
     */
    public ReportFiles writeReports(Path folder, RunInfo info, PipelineSnapshot snapshot) throws IOException {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(snapshot, "snapshot");
        State st;
        List<ClosedTradeRecord> trades;
        List<AttributionLine>[] lines;
        EquitySeries bench;
        long dropped;
        synchronized (lock) {
            st = state(info.executionModel().isEmpty() ? executionModel : info.executionModel());
            trades = tradeLog.records();
            lines = attributionLines();
            bench = benchmarkSeries.copy();
            dropped = tradeLog.dropped();
        }
        AnalyticsReport r = report(st, snapshot);
        return ReportWriter.write(folder, info, r, st.equity(), bench, st.daily(), trades, dropped, lines, statsConfig,
                catalog);
    }

    /**
     * {@link #writeReports(Path, RunInfo, PipelineSnapshot)} without a snapshot: the final equity
     * is the latest equity sample and no open position is shown.
     *
     * @param folder the data folder of the run
     * @param info   what ran
     * @return where the two files are
     * @throws IOException when a file cannot be written
     */
    public ReportFiles writeReports(Path folder, RunInfo info) throws IOException {
        double eq;
        long t;
        synchronized (lock) {
            eq = equity.samples() > 0 ? equity.last() : 0;
            t = equity.lastMillis();
        }
        return writeReports(folder, info, RiskReports.stoppedSnapshot(converter.accountCurrency(), eq, t));
    }

    @SuppressWarnings("unchecked")
    private List<AttributionLine>[] attributionLines() {
        return new List[] {tradeLog.byModel(), tradeLog.byRegime(), tradeLog.byAssetClass(), tradeLog.bySymbol()};
    }

    /** @return attribution of every closed trade (one per closing deal) by model, by its entry shares */
    public List<AttributionLine> attributionByModel() {
        synchronized (lock) {
            return tradeLog.byModel();
        }
    }

    /** @return attribution of every closed trade by the entry decision's regime */
    public List<AttributionLine> attributionByRegime() {
        synchronized (lock) {
            return tradeLog.byRegime();
        }
    }

    /** @return attribution of every closed trade by asset class */
    public List<AttributionLine> attributionByAssetClass() {
        synchronized (lock) {
            return tradeLog.byAssetClass();
        }
    }

    /** @return attribution of every closed trade by symbol */
    public List<AttributionLine> attributionBySymbol() {
        synchronized (lock) {
            return tradeLog.bySymbol();
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
            prices = prices();
        }
        return risk(snapshot, s, prices);
    }

    /** @return the latest fill prices overridden by the latest quotes' mids (the owner holds the lock) */
    private Map<String, Double> prices() {
        Map<String, Double> out = new HashMap<>(lastPrices);
        for (int i = 0; i < mids.length; i++) {
            if (mids[i] > 0) {
                out.put(catalog.spec(i).symbol(), mids[i]);
            }
        }
        return out;
    }

    private RiskReport risk(PipelineSnapshot snapshot, EquitySeries s, Map<String, Double> prices) {
        return RiskReports.of(catalog, fxRates, snapshot, s, prices);
    }

    /**
     * @param snapshot the pipeline's state; its equity is the final equity of the total return
     * @return all the reports and the statistics, taken at the same moment
     */
    public AnalyticsReport report(PipelineSnapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        State st;
        synchronized (lock) {
            st = state(executionModel);
        }
        return report(st, snapshot);
    }

    private AnalyticsReport report(State st, PipelineSnapshot snapshot) {
        double finalEquity = snapshot.account().equity();
        return new AnalyticsReport(snapshot.epochMillis(),
                Reports.performance(st.equity(), st.trades(), riskFreeRate, finalEquity), st.attribution(),
                risk(snapshot, st.equity(), st.prices()), st.execution(), statistics(st, finalEquity));
    }

    /** Builds {@link HedgeFundAnalytics}; {@link #build()} checks every option. */
    public static final class Builder {
        private AssetCatalog catalog = AssetCatalog.defaults();
        private double riskFreeRate;
        private Duration interval = Duration.ofMinutes(1);
        private int maxPoints = 10_000;
        private FxRates fxRates = FxRates.none();
        private String accountCurrency = "USD";
        private ZoneId closeZone = ZoneOffset.UTC;
        private LocalTime closeTime = LocalTime.MIDNIGHT;
        private int tradingDaysPerYear = 252;
        private int minDailyReturns = 20;
        private String benchmark;
        private double feePerLot;
        private int maxTrades = 100_000;
        private String executionModel = "";

        private Builder() {
        }

        /**
         * @param v the account currency fills are valued in for the turnover; default USD (the
         *          exposure always uses the snapshot's currency)
         * @return this builder
         */
        public Builder accountCurrency(String v) {
            this.accountCurrency = Objects.requireNonNull(v, "accountCurrency");
            return this;
        }

        /**
         * @param zone time zone of the daily close; default UTC
         * @param time local time of the daily close; default 00:00 (for example 17:00 New York for FX)
         * @return this builder
         */
        public Builder dailyClose(ZoneId zone, LocalTime time) {
            this.closeZone = Objects.requireNonNull(zone, "dailyClose zone");
            this.closeTime = Objects.requireNonNull(time, "dailyClose time");
            return this;
        }

        /**
         * @param v periods per year the daily figures are annualised with; default 252 (LEAN's),
         *          365 for a crypto-only book that trades every calendar day
         * @return this builder
         */
        public Builder tradingDaysPerYear(int v) {
            this.tradingDaysPerYear = v;
            return this;
        }

        /**
         * @param v fewest daily returns an annualised figure (Sharpe, Sortino, PSR, compounding
         *          return, alpha, beta, ...) is computed from, &gt;= 2; default 20 (a trading month)
         * @return this builder
         */
        public Builder minDailyReturns(int v) {
            this.minDailyReturns = v;
            return this;
        }

        /**
         * @param symbol the benchmark: buy and hold of this catalog symbol at its quotes' mids
         *               (for Alpha, Beta, Information Ratio, Tracking Error, Treynor Ratio and the
         *               benchmark curve); default none
         * @return this builder
         */
        public Builder benchmark(String symbol) {
            this.benchmark = Objects.requireNonNull(symbol, "benchmark");
            return this;
        }

        /**
         * @param v commission per lot and deal in the account currency, for Total Fees (an
         *          execution report carries no fee); default 0, the paper broker's
         *          {@code commissionPerLot}
         * @return this builder
         */
        public Builder feePerLot(double v) {
            this.feePerLot = v;
            return this;
        }

        /**
         * @param v most closed trades listed in the reports, &gt;= 0; default 100,000 (the
         *          figures go on counting beyond it)
         * @return this builder
         */
        public Builder maxTrades(int v) {
            this.maxTrades = v;
            return this;
        }

        /**
         * @param v the simulated gateway's latency model, for example {@code "paper broker, latency
         *          none"}: reports then print "simulated: &lt;model&gt;" instead of latency figures
         *          that were never measured; default empty (a live gateway, measured)
         * @return this builder
         */
        public Builder executionModel(String v) {
            this.executionModel = Objects.requireNonNull(v, "executionModel");
            return this;
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
         * @param v annual risk-free rate for Sharpe, Sortino, Alpha and Treynor (LEAN subtracts it
         *          from the annual performance), for example 0.04; default 0
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
         *                                  [-1, 1], the interval is under one millisecond,
         *                                  maxPoints is below 16, tradingDaysPerYear outside [1,
         *                                  366], minDailyReturns below 2, the benchmark not in
         *                                  the catalog, feePerLot negative or maxTrades negative
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
            if (tradingDaysPerYear < 1 || tradingDaysPerYear > 366) {
                throw new IllegalArgumentException("tradingDaysPerYear must be in [1, 366], was " + tradingDaysPerYear);
            }
            if (minDailyReturns < 2) {
                throw new IllegalArgumentException("minDailyReturns must be >= 2, was " + minDailyReturns);
            }
            if (benchmark != null && catalog.indexOf(benchmark) < 0) {
                throw new IllegalArgumentException("benchmark must be a catalog symbol, was '" + benchmark + "'");
            }
            if (!(feePerLot >= 0) || !Double.isFinite(feePerLot)) {
                throw new IllegalArgumentException("feePerLot must be finite and >= 0, was " + feePerLot);
            }
            if (maxTrades < 0) {
                throw new IllegalArgumentException("maxTrades must be >= 0, was " + maxTrades);
            }
            if (accountCurrency.isBlank()) {
                throw new IllegalArgumentException("accountCurrency must not be blank, was '" + accountCurrency + "'");
            }
            return new HedgeFundAnalytics(this);
        }
    }
}
