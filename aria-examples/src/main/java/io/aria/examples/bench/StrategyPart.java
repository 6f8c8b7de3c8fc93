package io.aria.examples.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code strategy} part: the same EMA(12)/EMA(26) cross on the same seeded one-minute bars of
 * the catalog's 21 symbols, run by ta4j's {@code BarSeriesManager} and by ARIA's {@code Backtest}
 * (whole pipeline: sizer, risk guards, paper broker, audit, analytics), their entry and exit
 * signals compared one by one, and the wall time of each. See {@link EmaCrossModel} and
 * {@link CrossRuns} for how the two were made equivalent.
 *
 * <p>Span: {@value #DEFAULT_DAYS} days by default ({@code ARIA_BENCH_STRATEGY_DAYS=365} in the
 * environment, or {@code -Daria.bench.strategy.days=365} in the part's JVM, for the full year);
 * smoke: 3 days of 2 symbols. Ticks per bar: 1 by default (the bar's single price;
 * {@code ARIA_BENCH_STRATEGY_TICKSPERBAR=4} gives ARIA four ticks per bar to build its bars from).
 */
public record StrategyPart() implements BenchPart {

    static final int DEFAULT_DAYS = 91;
    static final long SEED = 13L;

    @Override
    public String name() {
        return "strategy";
    }

    @Override
    public String description() {
        return "the same EMA(12/26) cross on the same seeded minute bars of 21 symbols: ta4j BarSeriesManager "
                + "against ARIA's Backtest with sizer, risk guards, paper broker, audit and analytics; signals compared";
    }

    @Override
    public List<String> jvmArgs() {
        // a year of 21 symbols holds about 1 GB live (the data, and ta4j's series of the symbol it runs);
        // 3 GB keeps ta4j's year-long runs free of full collections
        return List.of("-Xms3g", "-Xmx3g", "-XX:+UseG1GC");
    }

    /**
     * @param name the setting, read from {@code -Daria.bench.strategy.<name>} or, so that it reaches
     *             the part's child JVM, the environment variable {@code ARIA_BENCH_STRATEGY_<NAME>}
     * @param dflt its default
     * @param min  smallest allowed value
     * @param max  largest allowed value
     * @return its value
     * @throws IllegalArgumentException naming the setting and the value when it is not a number in range
     */
    static int setting(String name, int dflt, int min, int max) {
        String key = "aria.bench.strategy." + name;
        String env = "ARIA_BENCH_STRATEGY_" + name.toUpperCase(Locale.ROOT);
        String v = System.getProperty(key, System.getenv(env));
        if (v == null || v.isBlank()) {
            return dflt;
        }
        int n;
        try {
            n = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " (or " + env + ") must be a whole number, was '" + v + "'");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(key + " (or " + env + ") must be in " + min + ".." + max + ", was " + n);
        }
        return n;
    }

    @Override
    public List<Figure> run(BenchContext ctx) throws Exception {
        int days = ctx.smoke() ? 3 : setting("days", DEFAULT_DAYS, 1, 366);
        int symbols = ctx.smoke() ? 2 : setting("symbols", 21, 1, 21);
        int ticksPerBar = setting("ticksPerBar", 1, 1, 60);
        long g0 = System.nanoTime();
        CrossData data = CrossData.synthetic(symbols, days, ticksPerBar, SEED);
        ctx.log().printf(Locale.ROOT, "  generated %,d ticks, %,d minute bars of %d symbols over %d days in %.1f s%n",
                data.ticks, data.bars(), symbols, days, (System.nanoTime() - g0) / 1e9);

        int reps = ctx.smoke() ? 1 : setting("reps", 3, 1, 20);
        java.lang.management.OperatingSystemMXBean mx = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        com.sun.management.OperatingSystemMXBean os = mx instanceof com.sun.management.OperatingSystemMXBean o ? o : null;
        // each rep runs ta4j, ARIA's pipeline and ARIA's model alone on the whole data, in that order; the
        // first rep is the cold one (JIT), the figures are the best of the others (noise on a shared machine
        // only ever adds time)
        double[] ta4jSec = new double[reps];
        double[] ariaSec = new double[reps];
        double[] modelSec = new double[reps];
        double[] ta4jCpu = new double[reps];
        double[] ariaCpu = new double[reps];
        CrossRuns.Signals ta4j = null;
        CrossRuns.Signals aria = null;
        List<CrossRuns.Mismatch> mismatches = List.of();
        List<CrossRuns.Mismatch> modelMismatches = List.of();
        for (int rep = 0; rep < reps; rep++) {
            long c0 = cpu(os);
            long t0 = System.nanoTime();
            ta4j = CrossRuns.ta4j(data);
            long t1 = System.nanoTime();
            long c1 = cpu(os);
            Path audit = Files.createDirectories(ctx.workDir().resolve("strategy-audit-" + rep));
            aria = CrossRuns.aria(data, audit);
            long t2 = System.nanoTime();
            long c2 = cpu(os);
            CrossRuns.Signals model = CrossRuns.ariaModelOnly(data);
            long t3 = System.nanoTime();
            ta4jSec[rep] = (t1 - t0) / 1e9;
            ariaSec[rep] = (t2 - t1) / 1e9;
            modelSec[rep] = (t3 - t2) / 1e9;
            ta4jCpu[rep] = (c1 - c0) / 1e9;
            ariaCpu[rep] = (c2 - c1) / 1e9;
            List<CrossRuns.Mismatch> m = CrossRuns.compare(data, aria, ta4j);
            if (m.size() >= mismatches.size()) {
                mismatches = m;
            }
            List<CrossRuns.Mismatch> mm = CrossRuns.compare(data, model, ta4j);
            if (mm.size() >= modelMismatches.size()) {
                modelMismatches = mm;
            }
            ctx.log().printf(Locale.ROOT, "  rep %d: wall ta4j %.2f s, ARIA pipeline %.2f s, ARIA model alone %.2f s; "
                    + "process CPU ta4j %.2f s, ARIA pipeline %.2f s (all its threads)%n", rep, ta4jSec[rep], ariaSec[rep],
                    modelSec[rep], ta4jCpu[rep], ariaCpu[rep]);
            deleteTree(audit);
        }
        Map<String, Integer> kinds = new TreeMap<>();
        for (CrossRuns.Mismatch m : mismatches) {
            kinds.merge("only in " + m.onlyIn(), 1, Integer::sum);
        }
        for (int k = 0; k < Math.min(5, mismatches.size()); k++) {
            ctx.log().println("  mismatch: " + mismatches.get(k));
        }
        ctx.log().printf(Locale.ROOT, "  signals ta4j %,d, ARIA %,d, mismatches %d %s; "
                + "ARIA: %,d fills, %,d trades closed, %,d intents blocked, %,d audit records%n",
                ta4j.count(), aria.count(), mismatches.size(), kinds, aria.fills,
                aria.tradesClosed, aria.blocked, aria.auditRecords);

        String warm = reps > 1 ? ", best warm run" : ", one cold run";
        double ta4jWall = best(ta4jSec);
        double ariaWall = best(ariaSec);
        List<Figure> out = new ArrayList<>();
        out.add(Figure.of("bars", String.format(Locale.ROOT, "minute bars: %d symbols, %d days, %d tick(s) per bar, "
                + "%d runs of each side in one JVM", symbols, days, ticksPerBar, reps), data.bars(), "bars"));
        out.add(Figure.of("wall.ta4j", "ta4j: BarSeries + BarSeriesManager.run" + warm, ta4jWall, "s"));
        out.add(Figure.of("wall.aria", "ARIA: Backtest, whole pipeline + audit + analytics" + warm, ariaWall, "s")
                .against("wall.ta4j").goal("<= 1x"));
        if (os != null) {
            out.add(Figure.of("cpu.ta4j", "ta4j: process CPU" + warm, best(ta4jCpu), "s"));
            out.add(Figure.of("cpu.aria", "ARIA: process CPU, its 3 threads" + warm, best(ariaCpu), "s")
                    .against("cpu.ta4j").goal("<= 1x"));
        }
        out.add(Figure.of("wall.aria.model", "ARIA: the strategy alone, no pipeline" + warm, best(modelSec), "s")
                .against("wall.ta4j").goal("<= 1x"));
        if (reps > 1) {
            out.add(Figure.of("wall.ta4j.cold", "ta4j: first run in a fresh JVM", ta4jSec[0], "s"));
            out.add(Figure.of("wall.aria.cold", "ARIA: pipeline, first run (after ta4j's)", ariaSec[0], "s")
                    .against("wall.ta4j.cold"));
        }
        out.add(Figure.of("bars.ta4j", "ta4j: bars per second" + warm, data.bars() / ta4jWall, "bars/s"));
        out.add(Figure.of("bars.aria", "ARIA: bars per second, whole pipeline" + warm, data.bars() / ariaWall, "bars/s")
                .against("bars.ta4j").goal(">= 1x"));
        out.add(Figure.of("signals.ta4j", "ta4j: entries + exits", ta4j.count(), "signals"));
        out.add(Figure.of("signals.aria", "ARIA: entry and exit decisions", aria.count(), "signals"));
        out.add(Figure.of("mismatches", "signals in one and not the other", mismatches.size(), "signals").goal("<= 0"));
        out.add(Figure.of("mismatches.model", "signals of ARIA's strategy alone not in ta4j's, or the other way",
                modelMismatches.size(), "signals").goal("<= 0"));
        out.add(Figure.of("aria.fills", "ARIA: orders filled by the paper broker", aria.fills, "fills"));
        out.add(Figure.of("aria.closed", "ARIA: trades closed (signal exits, stops, take-profits)", aria.tradesClosed,
                "trades"));
        out.add(Figure.of("aria.blocked", "ARIA: intents stopped by a risk guard or the kill switch", aria.blocked,
                "intents"));
        out.add(Figure.of("aria.audit", "ARIA: audit records written", aria.auditRecords, "records"));
        return out;
    }

    /** @return the process's CPU time in ns, 0 where the JVM does not tell (the CPU figures are then left out) */
    private static long cpu(com.sun.management.OperatingSystemMXBean os) {
        return os == null ? 0 : os.getProcessCpuTime();
    }

    /** @return the smallest of the warm runs (all but the first), or the only run */
    private static double best(double[] v) {
        double b = Double.POSITIVE_INFINITY;
        for (int i = v.length > 1 ? 1 : 0; i < v.length; i++) {
            b = Math.min(b, v[i]);
        }
        return b;
    }

    private static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // the scratch folder goes with the run
        }
    }
}
