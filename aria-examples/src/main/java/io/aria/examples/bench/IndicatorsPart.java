package io.aria.examples.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The {@code indicators} part: ARIA's streaming EMA, ATR, Donchian channel, efficiency ratio and
 * rolling deviation against ta4j computing the same on the same seeded bars, per update
 * ({@link IndicatorBenchmark}). Before measuring it checks that both compute the same values.
 *
 * <p>Full mode: JMH, one fork per benchmark and indicator, 2 &times; 0.5 s warm-up and
 * 3 &times; 0.5 s measurement, GC profiler on (bytes allocated per update). Smoke mode: a
 * hand-timed loop of 10,000 updates per indicator, no JMH.
 */
public record IndicatorsPart() implements BenchPart {

    private static final int SMOKE_UPDATES = 10_000;

    @Override
    public String name() {
        return "indicators";
    }

    @Override
    public String description() {
        return "ARIA's streaming EMA, ATR, Donchian, efficiency ratio and rolling deviation against ta4j 0.17 "
                + "(bar added to a BarSeries with a maximum bar count, value read at the end index), per update";
    }

    @Override
    public List<String> jvmArgs() {
        return List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC");
    }

    @Override
    public List<Figure> run(BenchContext ctx) throws Exception {
        for (String which : IndicatorBenchmark.INDICATORS) {
            int n = IndicatorBenchmark.checkAgreement(which, ctx.smoke() ? 1_000 : 5_000);
            ctx.log().printf(Locale.ROOT, "  %s: ARIA and ta4j agree on %,d values%n", which, n);
        }
        Map<String, double[]> ns = ctx.smoke() ? handTimed() : jmh(ctx);
        List<Figure> out = new ArrayList<>();
        for (String which : IndicatorBenchmark.INDICATORS) {
            double[] aria = ns.get("aria/" + which);
            double[] ta4j = ns.get("ta4j/" + which);
            String params = params(which);
            out.add(Figure.of(which + ".ta4j", "ta4j " + params + ": addBar + getValue(end)", ta4j[0], "ns/update"));
            out.add(Figure.of(which + ".aria", "ARIA " + params + ": update + value", aria[0], "ns/update")
                    .against(which + ".ta4j").goal("<= 1x"));
            if (!Double.isNaN(ta4j[1]) && !Double.isNaN(aria[1])) {
                out.add(Figure.of(which + ".ta4j.alloc", "ta4j " + which + " allocation", ta4j[1], "B/update"));
                out.add(Figure.of(which + ".aria.alloc", "ARIA " + which + " allocation", aria[1], "B/update")
                        .goal("<= 1"));
            }
        }
        double[] bar = ns.get("ta4jBarOnly/none");
        out.add(Figure.of("ta4j.bar", "ta4j addBar alone (the floor of the ta4j figures)", bar[0], "ns/update"));
        if (!Double.isNaN(bar[1])) {
            out.add(Figure.of("ta4j.bar.alloc", "ta4j addBar alone, allocation", bar[1], "B/update"));
        }
        return out;
    }

    private static String params(String which) {
        return switch (which) {
            case "ema" -> "EMA(" + IndicatorBenchmark.EMA_PERIOD + ")";
            case "atr" -> "ATR(" + IndicatorBenchmark.ATR_PERIOD + ")";
            case "donchian" -> "Donchian(" + IndicatorBenchmark.DONCHIAN_WINDOW + ")";
            case "er" -> "ER(" + IndicatorBenchmark.ER_PERIOD + ")";
            case "stddev" -> "StdDev(" + IndicatorBenchmark.STDDEV_WINDOW + ")";
            default -> which;
        };
    }

    /** @return ns/update and NaN allocation per "benchmark/indicator", from a short loop each */
    private static Map<String, double[]> handTimed() {
        Map<String, double[]> ns = new HashMap<>();
        IndicatorBenchmark.Bars bars = new IndicatorBenchmark.Bars(IndicatorBenchmark.SEED);
        double sink = 0;
        for (String which : IndicatorBenchmark.INDICATORS) {
            IndicatorBenchmark.Updater a = IndicatorBenchmark.aria(which);
            long t0 = System.nanoTime();
            for (int i = 0; i < SMOKE_UPDATES; i++) {
                sink += a.update(bars, i & IndicatorBenchmark.MASK);
            }
            long t1 = System.nanoTime();
            IndicatorBenchmark.Ta4j t = new IndicatorBenchmark.Ta4j(which);
            for (int i = 0; i < SMOKE_UPDATES; i++) {
                sink += t.update(bars, i & IndicatorBenchmark.MASK);
            }
            long t2 = System.nanoTime();
            ns.put("aria/" + which, new double[] {(t1 - t0) / (double) SMOKE_UPDATES, Double.NaN});
            ns.put("ta4j/" + which, new double[] {(t2 - t1) / (double) SMOKE_UPDATES, Double.NaN});
        }
        IndicatorBenchmark.Ta4j none = new IndicatorBenchmark.Ta4j("none");
        long t0 = System.nanoTime();
        for (int i = 0; i < SMOKE_UPDATES; i++) {
            sink += none.update(bars, i & IndicatorBenchmark.MASK);
        }
        ns.put("ta4jBarOnly/none", new double[] {(System.nanoTime() - t0) / (double) SMOKE_UPDATES,
            sink == 42 ? 0 : Double.NaN});
        return ns;
    }

    /** @return ns/update and B/update per "benchmark/indicator", from JMH */
    private static Map<String, double[]> jmh(BenchContext ctx) throws Exception {
        Options opts = new OptionsBuilder()
                .include(IndicatorBenchmark.class.getName() + "\\.(aria|ta4j|ta4jBarOnly)$")
                .forks(1)
                .jvmArgs("-Xms256m", "-Xmx256m", "-XX:+UseG1GC")
                .warmupIterations(2).warmupTime(TimeValue.milliseconds(500))
                .measurementIterations(3).measurementTime(TimeValue.milliseconds(500))
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(opts).run();
        Map<String, double[]> ns = new HashMap<>();
        for (RunResult r : results) {
            String bench = r.getParams().getBenchmark();
            bench = bench.substring(bench.lastIndexOf('.') + 1);
            String which = r.getParams().getParam("indicator");
            double alloc = Double.NaN;
            for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
                if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                    alloc = e.getValue().getScore();
                }
            }
            ns.put(bench + "/" + (which == null ? "none" : which),
                    new double[] {r.getPrimaryResult().getScore(), alloc});
        }
        ctx.log().printf(Locale.ROOT, "  JMH: %d results%n", results.size());
        return ns;
    }
}
