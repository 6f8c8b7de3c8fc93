package io.aria.examples.bench;

import io.aria.analytics.HedgeFundAnalytics;
import io.aria.core.ClosedTrade;
import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.ModelVote;
import io.aria.core.Regime;
import io.aria.core.Side;
import io.aria.core.Tick;
import io.aria.core.TradeReturnCode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * What the hedge-fund analytics cost the event loop, per call, on a warmed-up instance (a benchmark
 * symbol, a fee, three models in each entry decision):
 *
 * <ul>
 * <li>{@code baseline}: pick the next pre-built report and consume it: the floor.</li>
 * <li>{@code quietTick}: {@link HedgeFundAnalytics#onTick} (every accepted tick; must not allocate).</li>
 * <li>{@code fill}: {@link HedgeFundAnalytics#onExecution} of a fill (execution histograms, the
 * traded value at the latest quotes for the turnover).</li>
 * <li>{@code fillThatClosesATrade}: a fill and its {@link ClosedTrade} (LEAN's trade figures, the
 * attribution by model, regime, class and symbol, the listed trade).</li>
 * </ul>
 *
 * <p>Run: {@code java -cp aria-examples/target/aria-examples.jar org.openjdk.jmh.Main AnalyticsBenchmark -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class AnalyticsBenchmark {

    static final String[] SYMBOLS = {"EURUSD", "USDJPY", "EURJPY", "XAUUSD", "BTCUSD", "SPX500", "GBPUSD", "AUDUSD"};
    static final long T0 = 1_700_000_000_000L;

    HedgeFundAnalytics analytics;
    Tick[] ticks;
    ExecutionReport[] fills;
    ClosedTrade[] closes;
    int i;

    @Setup
    public void setUp() {
        analytics = HedgeFundAnalytics.builder().benchmark("SPX500").feePerLot(3.5).maxTrades(100_000).build();
        int n = 1024;
        ticks = new Tick[n];
        fills = new ExecutionReport[n];
        closes = new ClosedTrade[n];
        for (int k = 0; k < n; k++) {
            String s = SYMBOLS[k % SYMBOLS.length];
            double px = s.endsWith("JPY") ? 150 + k % 7 : s.equals("BTCUSD") ? 60_000 : s.equals("SPX500") ? 5000 : 1.1;
            long t = T0 + k * 250L;
            ticks[k] = new Tick(s, t, px, px * 1.0001, 1);
            fills[k] = new ExecutionReport("c" + k, s, Side.SELL, ExecutionStatus.FILLED, k + 1, k + 1, k + 1, 1, 1, px,
                    px, 0.0, 120_000 + k, TradeReturnCode.DONE, "done", t);
            Decision d = new Decision(s, t, Direction.LONG, 0.7, 0.7, Regime.values()[k % 3],
                    List.of(new ModelVote("momentum", 1, 0.8, 2, 0.5), new ModelVote("breakout", 1, 0.6, 1, 0.3),
                            new ModelVote("meanReversion", 1, 0.4, 1, 0.2)), Map.of());
            closes[k] = new ClosedTrade(s, Side.BUY, k + 1, 1, t - 60_000, px, t, px, (k % 5 - 2) * 10.0, 60_000, 5, 12,
                    ClosedTrade.ExitReason.SIGNAL, false, "c" + k, d);
        }
        for (int k = 0; k < n; k++) {
            analytics.onTick(ticks[k]);
        }
        analytics.onEquity(100_000, T0);
    }

    private int next() {
        i = (i + 1) & 1023;
        return i;
    }

    @Benchmark
    public void baseline(Blackhole bh) {
        bh.consume(fills[next()]);
    }

    @Benchmark
    public void quietTick() {
        analytics.onTick(ticks[next()]);
    }

    @Benchmark
    public void fill() {
        analytics.onExecution(fills[next()], null);
    }

    @Benchmark
    public void fillThatClosesATrade() {
        int k = next();
        analytics.onExecution(fills[k], null);
        analytics.onTradeClosed(closes[k]);
    }

    /**
     * @param args optional benchmark name pattern
     * @throws RunnerException when JMH fails
     */
    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder()
                .include(args.length > 0 ? args[0] : AnalyticsBenchmark.class.getSimpleName())
                .addProfiler("gc")
                .build()).run();
    }
}
