package io.aria.examples.bench;

import io.aria.core.AssetCatalog;
import io.aria.core.Decision;
import io.aria.core.Tick;
import io.aria.core.ensemble.Bar;
import io.aria.core.ensemble.WeightedEnsemble;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
 * Per-tick cost of the default {@link WeightedEnsemble} over the 21 catalog symbols (ticks
 * round-robin over the symbols, every symbol warmed up from 60 history bars).
 *
 * <ul>
 * <li>{@code baseline}: read a pre-built tick and consume its mid price: the floor.</li>
 * <li>{@code noBarClose}: {@code onTick} on pre-built ticks that all fall inside the open bar:
 * the path that decides nothing and must allocate nothing.</li>
 * <li>{@code baselineGenerated}: build a tick with advancing time (as a feed would) and consume
 * it: the floor of the next benchmark, including the tick's own allocation.</li>
 * <li>{@code streamWithBarCloses}: the same generated ticks through {@code onTick}, 100 ms apart,
 * so each symbol sees about 29 ticks per one-minute bar and every bar close emits a decision.</li>
 * </ul>
 *
 * <p>Run: {@code java -cp <classpath> io.aria.examples.bench.EnsembleBenchmark} (1 fork, GC
 * profiler on), or through {@code org.openjdk.jmh.Main EnsembleBenchmark -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EnsembleBenchmark {

    static final AssetCatalog CATALOG = AssetCatalog.defaults();
    static final long MINUTE = 60_000;
    /** A minute boundary after the history bars. */
    static final long LIVE_START = 1_700_000_000_000L - 1_700_000_000_000L % MINUTE + 61 * MINUTE;

    /** Keeps the last decision so nothing is optimised away; counts decisions. */
    static final class Sink implements Consumer<Decision> {
        Decision last;
        long count;

        @Override
        public void accept(Decision d) {
            last = d;
            count++;
        }
    }

    static WeightedEnsemble warmedEnsemble(SplittableRandom r, double[] price) {
        WeightedEnsemble e = WeightedEnsemble.withDefaults(CATALOG);
        List<Bar> history = new ArrayList<>();
        List<String> symbols = CATALOG.symbols();
        for (int s = 0; s < symbols.size(); s++) {
            price[s] = CATALOG.spec(s).typicalSpread() * 10_000;
            for (int b = 0; b < 60; b++) {
                double open = price[s];
                double close = open * Math.exp(0.002 * (r.nextDouble() - 0.5));
                double high = Math.max(open, close) * (1 + 0.0005 * r.nextDouble());
                double low = Math.min(open, close) * (1 - 0.0005 * r.nextDouble());
                long start = LIVE_START - (60 - b) * MINUTE;
                history.add(new Bar(symbols.get(s), start, start + MINUTE, open, high, low, close, 10, 10));
                price[s] = close;
            }
        }
        e.warmUp(history);
        return e;
    }

    /** Pre-built ticks that all fall inside one bar per symbol. */
    @State(Scope.Thread)
    public static class SameBar {
        static final int MASK = (1 << 14) - 1;
        Tick[] ticks;
        WeightedEnsemble ensemble;
        Sink sink = new Sink();
        int next;

        @Setup
        public void setup() {
            SplittableRandom r = new SplittableRandom(42);
            double[] price = new double[CATALOG.size()];
            ensemble = warmedEnsemble(r, price);
            ticks = new Tick[MASK + 1];
            List<String> symbols = CATALOG.symbols();
            for (int i = 0; i < ticks.length; i++) {
                int s = i % symbols.size();
                price[s] *= Math.exp(0.0002 * (r.nextDouble() - 0.5));
                double half = price[s] * 5e-5;
                long t = LIVE_START + (long) i * (MINUTE - 1) / ticks.length;
                ticks[i] = new Tick(symbols.get(s), t, price[s] - half, price[s] + half, 1);
            }
            // open every symbol's bar so the measured ticks only update it
            for (Tick t : ticks) {
                ensemble.onTick(t, sink);
            }
            if (sink.count != 0) {
                throw new IllegalStateException("same-bar ticks emitted " + sink.count + " decisions");
            }
        }

        Tick nextTick() {
            Tick t = ticks[next];
            next = (next + 1) & MASK;
            return t;
        }
    }

    /** Ticks generated with advancing time: bars close and decisions are emitted. */
    @State(Scope.Thread)
    public static class Stream {
        static final int STEPS = 1 << 16;
        String[] symbols;
        double[] price;
        double[] steps;
        WeightedEnsemble ensemble;
        Sink sink = new Sink();
        long time;
        int next;

        @Setup
        public void setup() {
            SplittableRandom r = new SplittableRandom(7);
            price = new double[CATALOG.size()];
            ensemble = warmedEnsemble(r, price);
            symbols = CATALOG.symbols().toArray(new String[0]);
            steps = new double[STEPS];
            for (int i = 0; i < STEPS; i++) {
                steps[i] = Math.exp(0.0004 * (r.nextDouble() - 0.5) + (i % 4096 < 2048 ? 0.00002 : -0.00002));
            }
            time = LIVE_START;
        }

        Tick nextTick() {
            int i = next++;
            int s = i % symbols.length;
            double p = price[s] * steps[i & (STEPS - 1)];
            price[s] = p;
            time += 100;
            double half = p * 5e-5;
            return new Tick(symbols[s], time, p - half, p + half, 1);
        }
    }

    @Benchmark
    public double baseline(SameBar state) {
        return state.nextTick().mid();
    }

    @Benchmark
    public void noBarClose(SameBar state) {
        state.ensemble.onTick(state.nextTick(), state.sink);
    }

    @Benchmark
    public void baselineGenerated(Stream state, Blackhole bh) {
        bh.consume(state.nextTick());
    }

    @Benchmark
    public void streamWithBarCloses(Stream state) {
        state.ensemble.onTick(state.nextTick(), state.sink);
    }

    /**
     * Runs the benchmarks with the GC profiler.
     *
     * @param args optional JMH include pattern
     * @throws RunnerException when JMH fails
     */
    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder()
                .include(args.length > 0 ? args[0] : EnsembleBenchmark.class.getSimpleName())
                .addProfiler("gc")
                .build()).run();
    }
}
