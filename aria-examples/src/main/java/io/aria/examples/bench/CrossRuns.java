package io.aria.examples.bench;

import io.aria.analytics.Backtest;
import io.aria.analytics.HedgeFundAnalytics;
import io.aria.core.AssetCatalog;
import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.OrderIntent;
import io.aria.core.Tick;
import io.aria.core.TradingPipeline;
import io.aria.core.Verdict;
import io.aria.core.audit.JsonlAuditSink;
import io.aria.core.paper.PaperBroker;
import io.aria.core.spi.PipelineListener;
import io.aria.core.spi.TickListener;
import io.aria.core.spi.TickSource;
import io.aria.risk.RiskLayer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Strategy;
import org.ta4j.core.Trade;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

/**
 * The EMA-cross strategy of the {@code strategy} part run by both: ta4j's {@link BarSeriesManager}
 * with a ta4j {@link Strategy} on one {@link BarSeries} per symbol, and ARIA's {@link Backtest}
 * with {@link EmaCrossModel} in the full pipeline (default sizer and risk guards, paper broker,
 * JSONL audit, analytics). Each returns its signals: per symbol, the bar index at which a trade
 * happens and its side, encoded {@code index << 1 | (sell ? 1 : 0)}.
 */
final class CrossRuns {

    /** UTC as a region: its rules are cached, where {@code ZoneOffset.UTC.getRules()} builds new ones per call. */
    private static final java.time.ZoneId UTC = java.time.ZoneId.of("UTC");
    static final int FAST = 12;
    static final int SLOW = 26;

    private CrossRuns() {
    }

    /** Signals per symbol and what else a run counted. */
    static final class Signals {
        final long[][] bySymbol;
        long fills;
        long tradesClosed;
        long blocked;
        long noTrade;
        long auditRecords;
        long decisions;
        long ticks;

        Signals(long[][] bySymbol) {
            this.bySymbol = bySymbol;
        }

        long count() {
            long n = 0;
            for (long[] s : bySymbol) {
                n += s.length;
            }
            return n;
        }
    }

    static long encode(int barIndex, boolean sell) {
        return ((long) barIndex << 1) | (sell ? 1 : 0);
    }

    static String describe(long signal) {
        return ((signal & 1) == 0 ? "BUY" : "SELL") + " at bar " + (signal >> 1);
    }

    // ------------------------------------------------------------------ ta4j

    /**
     * ta4j 0.17: per symbol, a BarSeries (DoubleNum) built from the bars, the strategy, and
     * {@code BarSeriesManager.run} with its defaults (long, TradeOnNextOpenModel, zero costs).
     *
     * @param data the bars
     * @return ta4j's trades as signals
     */
    static Signals ta4j(CrossData data) {
        int n = data.symbols.size();
        long[][] out = new long[n][];
        Duration minute = Duration.ofMinutes(1);
        for (int s = 0; s < n; s++) {
            BarSeries series = new BaseBarSeriesBuilder().withName(data.symbols.get(s))
                    .withNumTypeOf(DoubleNum.class).build();
            long[] start = data.barStart[s];
            for (int j = 0; j < start.length; j++) {
                ZonedDateTime end = ZonedDateTime.ofInstant(Instant.ofEpochMilli(start[j] + CrossData.MINUTE), UTC);
                series.addBar(minute, end, data.open[s][j], data.high[s][j], data.low[s][j], data.close[s][j],
                        data.barVolume[s][j]);
            }
            ClosePriceIndicator close = new ClosePriceIndicator(series);
            EMAIndicator fast = new EMAIndicator(close, FAST);
            EMAIndicator slow = new EMAIndicator(close, SLOW);
            Strategy strategy = new BaseStrategy(EmaCrossModel.NAME, new CrossedUpIndicatorRule(fast, slow),
                    new CrossedDownIndicatorRule(fast, slow), SLOW);
            TradingRecord record = new BarSeriesManager(series).run(strategy);
            List<Trade> trades = record.getTrades();
            long[] sig = new long[trades.size()];
            for (int k = 0; k < sig.length; k++) {
                Trade t = trades.get(k);
                sig[k] = encode(t.getIndex(), t.getType() == Trade.TradeType.SELL);
            }
            out[s] = sig;
        }
        return new Signals(out);
    }

    // ------------------------------------------------------------------ ARIA

    /**
     * ARIA: the data's ticks replayed by {@link Backtest} through the whole pipeline with
     * {@link EmaCrossModel}, the default risk layer, a paper broker, a JSONL audit in
     * {@code auditDir} and the analytics.
     *
     * @param data     the ticks
     * @param auditDir where the audit goes
     * @return ARIA's decisions that changed a symbol's target, as signals at the bar of their tick
     */
    static Signals aria(CrossData data, Path auditDir) {
        AssetCatalog catalog = AssetCatalog.defaults();
        EmaCrossModel model = new EmaCrossModel(catalog, FAST, SLOW);
        RiskLayer risk = RiskLayer.defaults(catalog);
        PaperBroker broker = PaperBroker.builder().catalog(catalog).startingBalance(1_000_000).build();
        JsonlAuditSink audit = JsonlAuditSink.builder(auditDir).build();
        Recorder recorder = new Recorder(data);
        Backtest.Result r = Backtest.builder()
                .pipeline(TradingPipeline.builder().catalog(catalog).ensemble(model).sizer(risk.sizer())
                        .riskGuard(risk.guard()).gateway(broker).auditSink(audit).listener(recorder))
                .source(new ArrayTickSource(data))
                .analytics(HedgeFundAnalytics.builder().catalog(catalog).executionModel(broker.executionModel()).build())
                .build()
                .run();
        if (!r.completed()) {
            throw new IllegalStateException("the ARIA backtest stopped before the end of the data");
        }
        Signals s = recorder.signals();
        s.ticks = r.ticks();
        s.decisions = r.snapshot().counters().decisions();
        s.auditRecords = audit.stats().recordsWritten();
        return s;
    }

    /**
     * ARIA's strategy alone, without the pipeline: {@link EmaCrossModel} fed the same ticks (built
     * from the arrays as the source builds them) by a plain loop, its decisions kept by the same
     * target logic as the pipeline's decision path. What ta4j's run does (bars, indicators, rules,
     * a trading record) and nothing more: no sizer, guards, broker, audit or analytics.
     *
     * @param data the ticks
     * @return the decisions that changed a symbol's target, as signals
     */
    static Signals ariaModelOnly(CrossData data) {
        AssetCatalog catalog = AssetCatalog.defaults();
        EmaCrossModel model = new EmaCrossModel(catalog, FAST, SLOW);
        Recorder recorder = new Recorder(data);
        java.util.function.Consumer<Decision> sink = recorder::onDecision;
        String[] names = data.symbols.toArray(new String[0]);
        for (int k = 0; k < data.ticks; k++) {
            model.onTick(new Tick(names[data.tickSymbol[k]], data.tickMillis[k], data.bid[k], data.ask[k],
                    data.volume[k]), sink);
        }
        Signals s = recorder.signals();
        s.ticks = data.ticks;
        s.decisions = model.crosses();
        return s;
    }

    /** Records, per symbol, the decisions that changed its target, and counts what followed. */
    static final class Recorder implements PipelineListener {
        private final CrossData data;
        private final java.util.Map<String, Integer> index = new java.util.HashMap<>();
        private final Direction[] target;
        private final long[][] signals;
        private final int[] counts;
        private long fills;
        private long closed;
        private long blocked;

        Recorder(CrossData data) {
            this.data = data;
            int n = data.symbols.size();
            for (int i = 0; i < n; i++) {
                index.put(data.symbols.get(i), i);
            }
            target = new Direction[n];
            Arrays.fill(target, Direction.FLAT);
            signals = new long[n][16];
            counts = new int[n];
        }

        @Override
        public void onDecision(Decision d) {
            Integer s = index.get(d.symbol());
            if (s == null || d.direction() == target[s]) {
                return;
            }
            target[s] = d.direction();
            int bar = data.barAt(s, d.epochMillis());
            if (counts[s] == signals[s].length) {
                signals[s] = Arrays.copyOf(signals[s], 2 * counts[s]);
            }
            signals[s][counts[s]++] = encode(bar, d.direction() != Direction.LONG);
        }

        @Override
        public void onExecution(io.aria.core.ExecutionReport report, OrderIntent intent) {
            if (report.status().isFill()) {
                fills++;
            }
        }

        @Override
        public void onTradeClosed(io.aria.core.ClosedTrade trade) {
            closed++;
        }

        @Override
        public void onBlocked(OrderIntent intent, Verdict verdict, long epochMillis) {
            blocked++;
        }

        Signals signals() {
            long[][] out = new long[signals.length][];
            for (int s = 0; s < out.length; s++) {
                out[s] = Arrays.copyOf(signals[s], counts[s]);
            }
            Signals r = new Signals(out);
            r.fills = fills;
            r.tradesClosed = closed;
            r.blocked = blocked;
            return r;
        }
    }

    /** Replays the data's ticks from a thread of its own, as a finite source does. */
    static final class ArrayTickSource implements TickSource {
        private final CrossData data;
        private volatile boolean closed;
        private Thread thread;

        ArrayTickSource(CrossData data) {
            this.data = data;
        }

        @Override
        public List<String> symbols() {
            return data.symbols;
        }

        @Override
        public synchronized void start(TickListener listener) {
            if (thread != null) {
                throw new IllegalStateException("started twice");
            }
            thread = new Thread(() -> {
                String[] names = data.symbols.toArray(new String[0]);
                for (int k = 0; k < data.ticks && !closed; k++) {
                    listener.onTick(new Tick(names[data.tickSymbol[k]], data.tickMillis[k], data.bid[k], data.ask[k],
                            data.volume[k]));
                }
                if (!closed) {
                    listener.onEnd(this);
                }
            }, "bench-ticks");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() {
            closed = true;
            Thread t;
            synchronized (this) {
                t = thread;
            }
            if (t != null && t != Thread.currentThread()) {
                try {
                    t.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    // ------------------------------------------------------------------ comparison

    /** One signal one side has and the other has not. */
    record Mismatch(String symbol, long signal, String onlyIn) {
        @Override
        public String toString() {
            return symbol + " " + describe(signal) + " only in " + onlyIn;
        }
    }

    /**
     * @param data  the data (for the symbol names)
     * @param aria  ARIA's signals
     * @param ta4j  ta4j's signals
     * @return every signal that is in one and not the other
     */
    static List<Mismatch> compare(CrossData data, Signals aria, Signals ta4j) {
        List<Mismatch> out = new ArrayList<>();
        for (int s = 0; s < data.symbols.size(); s++) {
            long[] a = aria.bySymbol[s];
            long[] t = ta4j.bySymbol[s];
            int i = 0;
            int j = 0;
            while (i < a.length || j < t.length) {
                if (j >= t.length || (i < a.length && a[i] < t[j])) {
                    out.add(new Mismatch(data.symbols.get(s), a[i++], "ARIA"));
                } else if (i >= a.length || t[j] < a[i]) {
                    out.add(new Mismatch(data.symbols.get(s), t[j++], "ta4j"));
                } else {
                    i++;
                    j++;
                }
            }
        }
        return out;
    }
}
