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
 * <p>Span: {@value #DEFAULT_DAYS} days by default ({@code -Daria.bench.strategy.days=365} for the
 * full year); smoke: 3 days of 2 symbols. Ticks per bar: 1 by default (the bar's single price;
 * {@code -Daria.bench.strategy.ticksPerBar=4} gives ARIA four ticks per bar to build its bars from).
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
        return List.of("-Xms3g", "-Xmx3g", "-XX:+UseG1GC");
    }

    @Override
    public List<Figure> run(BenchContext ctx) throws Exception {
        int days = ctx.smoke() ? 3 : Integer.getInteger("aria.bench.strategy.days", DEFAULT_DAYS);
        int symbols = ctx.smoke() ? 2 : Integer.getInteger("aria.bench.strategy.symbols", 21);
        int ticksPerBar = Integer.getInteger("aria.bench.strategy.ticksPerBar", 1);
        long g0 = System.nanoTime();
        CrossData data = CrossData.synthetic(symbols, days, ticksPerBar, SEED);
        ctx.log().printf(Locale.ROOT, "  generated %,d ticks, %,d minute bars of %d symbols over %d days in %.1f s%n",
                data.ticks, data.bars(), symbols, days, (System.nanoTime() - g0) / 1e9);

        if (!ctx.smoke()) { // both once on a small sample, so neither timed run pays for the JIT's warm-up alone
            CrossData warm = CrossData.synthetic(21, 5, ticksPerBar, SEED + 1);
            CrossRuns.ta4j(warm);
            CrossRuns.aria(warm, Files.createDirectories(ctx.workDir().resolve("warm-audit")));
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        CrossRuns.Signals ta4j = CrossRuns.ta4j(data);
        long t1 = System.nanoTime();
        long c1 = os.getProcessCpuTime();
        Path audit = Files.createDirectories(ctx.workDir().resolve("strategy-audit"));
        CrossRuns.Signals aria = CrossRuns.aria(data, audit);
        long t2 = System.nanoTime();
        long c2 = os.getProcessCpuTime();
        CrossRuns.Signals model = CrossRuns.ariaModelOnly(data);
        long t3 = System.nanoTime();
        List<CrossRuns.Mismatch> modelMismatches = CrossRuns.compare(data, model, ta4j);

        List<CrossRuns.Mismatch> mismatches = CrossRuns.compare(data, aria, ta4j);
        Map<String, Integer> kinds = new TreeMap<>();
        for (CrossRuns.Mismatch m : mismatches) {
            kinds.merge("only in " + m.onlyIn(), 1, Integer::sum);
        }
        for (int k = 0; k < Math.min(5, mismatches.size()); k++) {
            ctx.log().println("  mismatch: " + mismatches.get(k));
        }
        double ta4jSec = (t1 - t0) / 1e9;
        double ariaSec = (t2 - t1) / 1e9;
        double modelSec = (t3 - t2) / 1e9;
        double ta4jCpu = (c1 - c0) / 1e9;
        double ariaCpu = (c2 - c1) / 1e9;
        ctx.log().printf(Locale.ROOT, "  wall: ta4j %.2f s, ARIA pipeline %.2f s, ARIA model alone %.2f s; process CPU: "
                + "ta4j %.2f s, ARIA pipeline %.2f s (all its threads)%n", ta4jSec, ariaSec, modelSec, ta4jCpu, ariaCpu);
        ctx.log().printf(Locale.ROOT, "  ta4j %.2f s, ARIA %.2f s; signals ta4j %,d, ARIA %,d, mismatches %d %s; "
                + "ARIA: %,d fills, %,d trades closed, %,d intents blocked, %,d audit records%n",
                ta4jSec, ariaSec, ta4j.count(), aria.count(), mismatches.size(), kinds, aria.fills,
                aria.tradesClosed, aria.blocked, aria.auditRecords);

        String span = String.format(Locale.ROOT, "%d symbols, %d days, %,d bars", symbols, days, data.bars());
        List<Figure> out = new ArrayList<>();
        out.add(Figure.of("wall.ta4j", "ta4j BarSeries + BarSeriesManager.run, " + span, ta4jSec, "s"));
        out.add(Figure.of("wall.aria", "ARIA Backtest, whole pipeline + audit + analytics, " + span, ariaSec, "s")
                .against("wall.ta4j").goal("<= 1x"));
        out.add(Figure.of("cpu.ta4j", "ta4j process CPU time", ta4jCpu, "s"));
        out.add(Figure.of("cpu.aria", "ARIA process CPU time (runner, tick source and audit writer threads)", ariaCpu, "s")
                .against("cpu.ta4j").goal("<= 1x"));
        out.add(Figure.of("wall.aria.model", "ARIA strategy alone (TimeBarBuilder, Ema, cross; no pipeline), " + span,
                modelSec, "s").against("wall.ta4j").goal("<= 1x"));
        out.add(Figure.of("bars.ta4j", "ta4j bars per second", data.bars() / ta4jSec, "bars/s"));
        out.add(Figure.of("bars.aria", "ARIA bars per second (" + ticksPerBar + " tick(s) per bar)",
                data.bars() / ariaSec, "bars/s").against("bars.ta4j").goal(">= 1x"));
        out.add(Figure.of("signals.ta4j", "ta4j entries + exits", ta4j.count(), "signals"));
        out.add(Figure.of("signals.aria", "ARIA entry and exit decisions", aria.count(), "signals"));
        out.add(Figure.of("mismatches", "signals in one and not the other", mismatches.size(), "signals").goal("<= 0"));
        out.add(Figure.of("mismatches.model", "signals of the model alone not in ta4j's or the other way",
                modelMismatches.size(), "signals").goal("<= 0"));
        out.add(Figure.of("aria.fills", "ARIA orders filled by the paper broker", aria.fills, "fills"));
        out.add(Figure.of("aria.closed", "ARIA trades closed (signal exits, stops, take-profits)", aria.tradesClosed,
                "trades"));
        out.add(Figure.of("aria.blocked", "ARIA intents stopped by a risk guard or the kill switch", aria.blocked,
                "intents"));
        out.add(Figure.of("aria.audit", "ARIA audit records written", aria.auditRecords, "records"));
        return out;
    }
}
