package io.aria.examples;

import io.aria.core.AssetCatalog;
import io.aria.core.PipelineSnapshot;
import io.aria.core.TradingPipeline;
import io.aria.core.audit.JsonlAuditSink;
import io.aria.core.ensemble.WeightedEnsemble;
import io.aria.core.paper.PaperBroker;
import io.aria.core.source.SyntheticTickSource;
import io.aria.risk.RiskLayer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The main job: the whole pipeline on the embedded defaults with no broker. Synthetic correlated
 * ticks for the chosen assets, the default ensemble, the default sizer and risk guards, the paper
 * broker, and the JSONL audit under the data folder. Shows a live status line and ends with a
 * summary table.
 */
@Command(name = "paper", mixinStandardHelpOptions = true,
        description = "Paper-trade the full pipeline on synthetic correlated ticks (no broker needed).")
public final class PaperTradingDemo implements Callable<Integer> {

    /** Time a signalled JVM waits for the summary. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    @Option(names = "--symbols", split = ",", converter = OptionTypes.CatalogSymbol.class,
            description = "Symbols to trade (default: all 21 of the catalog).")
    List<String> symbols;

    @Option(names = "--duration", defaultValue = "PT8H", converter = OptionTypes.SessionLength.class,
            description = "Simulated session length, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--start", defaultValue = "2025-03-03T07:00:00Z", converter = OptionTypes.StartTime.class,
            description = "Simulated start time, UTC (default: ${DEFAULT-VALUE}, a Monday).")
    Instant start;

    @Option(names = "--tick-interval", defaultValue = "PT1S", converter = OptionTypes.TickInterval.class,
            description = "Simulated time between two ticks of a symbol (default: ${DEFAULT-VALUE}).")
    Duration tickInterval;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--speed", defaultValue = "0", converter = OptionTypes.PaperSpeed.class,
            description = "0 = as fast as possible, otherwise a multiple of real time (default: ${DEFAULT-VALUE}).")
    double speed;

    @picocli.CommandLine.Mixin
    RiskAndAuditOptions common = new RiskAndAuditOptions();

    @Option(names = "--balance", defaultValue = "100000", converter = OptionTypes.Balance.class,
            description = "Starting balance in USD (default: ${DEFAULT-VALUE}).")
    double balance;

    @Option(names = "--status-every", defaultValue = "PT0.5S", converter = OptionTypes.StatusInterval.class,
            description = "Status line interval (default: ${DEFAULT-VALUE}).")
    Duration statusEvery;

    PrintStream out = System.out;

    /** What a run produced, for tests. */
    record Result(PipelineSnapshot snapshot, double startEquity, Path dataDir, java.util.Map<String, io.aria.analytics.SymbolTally> tally,
            Reports.Written reports) {
    }

    @Override
    public Integer call() throws Exception {
        try {
            run();
            return 0;
        } catch (RiskAndAuditOptions.AuditExit e) {
            return common.exit(e);
        }
    }

    Result run() throws Exception {
        AssetCatalog catalog = AssetCatalog.defaults();
        List<String> chosen = symbols == null || symbols.isEmpty() ? catalog.symbols()
                : List.copyOf(new java.util.LinkedHashSet<>(symbols)); // names checked by OptionTypes.CatalogSymbol
        SyntheticTickSource.Builder source = SyntheticTickSource.builder().catalog(catalog).symbols(chosen).seed(seed)
                .startTime(start).tickInterval(tickInterval).duration(duration);
        if (speed > 0) {
            source.realTime(speed);
        } else {
            source.fullSpeed();
        }
        RiskLayer risk = common.riskLayer(catalog);
        PaperBroker broker = PaperBroker.builder().catalog(catalog).startingBalance(balance).build();
        JsonlAuditSink audit = common.openAudit();
        io.aria.analytics.HedgeFundAnalytics analytics = io.aria.analytics.HedgeFundAnalytics.builder().catalog(catalog)
                .executionModel(broker.executionModel()).build(); // paper latency is simulated, not measured
        WeightedEnsemble ensemble = WeightedEnsemble.withDefaults(catalog);
        TradingPipeline pipeline = TradingPipeline.builder()
                .catalog(catalog)
                .tickSource(source.build())
                .ensemble(ensemble)
                .sizer(risk.sizer())
                .riskGuard(risk.guard())
                .gateway(broker)
                .auditSink(audit)
                .listener(analytics)
                .build();

        ConsoleReport console = new ConsoleReport(out, ConsoleReport.isTerminal(out));
        out.printf("ARIA paper trading: %d symbols (%s)%n%s simulated from %s, seed %d; audit and reports under %s%n",
                chosen.size(), Reports.shortList(chosen), duration, start, seed, common.dataDir.toAbsolutePath());
        out.printf("the models need %d bars of %s before they trade: the first %s of the session warm them up%n",
                ensemble.warmUpBars(), human(ensemble.timeframe()), human(ensemble.timeframe().multipliedBy(ensemble.warmUpBars())));
        double startEquity = broker.account().equity();
        long t0 = System.nanoTime();
        try (GracefulStop stop = new GracefulStop("paper", STOP_GRACE)) {
            pipeline.start();
            return loop(pipeline, audit, startEquity, console, analytics, ensemble, chosen, t0, stop);
        }
    }

    /** @return "50 min", "2 h", "1 day 2 h" or "45 s" */
    static String human(Duration d) {
        long s = d.toSeconds();
        if (s % 60 != 0 || s < 60) {
            return s + " s";
        }
        long m = s / 60;
        if (m < 120) {
            return m + " min";
        }
        return m % 60 == 0 ? m / 60 + " h" : m / 60 + " h " + m % 60 + " min";
    }

    /** @return "warm-up 12/50 bars" while the models have not seen enough simulated time to decide, else null */
    private String warmUpNote(PipelineSnapshot s, WeightedEnsemble ensemble) {
        if (s.counters().decisions() > 0) {
            return null;
        }
        long bars = Math.max(0, (s.epochMillis() - start.toEpochMilli()) / ensemble.timeframe().toMillis());
        return bars >= ensemble.warmUpBars() ? null : "warm-up " + bars + "/" + ensemble.warmUpBars() + " bars";
    }

    private Result loop(TradingPipeline pipeline, JsonlAuditSink audit, double startEquity, ConsoleReport console,
            io.aria.analytics.HedgeFundAnalytics analytics, WeightedEnsemble ensemble, List<String> chosen, long t0,
            GracefulStop stop) {
        long lastTicks = 0;
        long lastNanos = t0;
        boolean done = false;
        while (!done && !stop.requested()) {
            try {
                done = pipeline.awaitQuiescent(statusEvery);
            } catch (InterruptedException signalled) {
                break;
            }
            PipelineSnapshot s = pipeline.snapshot();
            long now = System.nanoTime();
            double rate = (s.counters().ticksIn() - lastTicks) / Math.max(1e-9, (now - lastNanos) / 1e9);
            lastTicks = s.counters().ticksIn();
            lastNanos = now;
            double progress = (s.epochMillis() - start.toEpochMilli()) / (double) duration.toMillis();
            console.status(s, rate, done ? 1.0 : progress, warmUpNote(s, ensemble));
        }
        boolean signalled = stop.finishing();
        console.endStatus();
        double wall = (System.nanoTime() - t0) / 1e9;
        pipeline.close();
        // after close: the sources are stopped and the loop has drained, so the summary, the logged
        // "pipeline stopped" line and the reports all show the same final figures
        PipelineSnapshot last = pipeline.snapshot();
        RiskAndAuditOptions.requireAuditWritten(audit);
        if (signalled) {
            out.println("stopped by a signal before the end of the session; the audit is closed");
        }
        console.summary("ARIA paper-trading summary", last, startEquity, analytics.bySymbol(), wall, common.dataDir.toString());
        console.analytics(analytics.report(last));
        java.util.Map<String, Object> settings = new java.util.LinkedHashMap<>();
        settings.put("balance", balance);
        settings.put("speed", speed == 0 ? "as fast as possible" : speed + "x real time");
        settings.put("tick interval", tickInterval.toString());
        settings.put("risk config", common.riskConfig == null ? "defaults" : common.riskConfig);
        Reports.RunInfo info = new Reports.RunInfo("paper", chosen, "synthetic, " + duration + " from " + start + ", seed "
                + seed, start.toEpochMilli(), last.epochMillis(), seed, "the first " + ensemble.warmUpBars() + " bars of "
                + ensemble.timeframe() + " of the session (traded as soon as warm)", settings, !signalled);
        Reports.Written w = Reports.writeAndPrint(out, analytics, last, common.dataDir, info);
        return new Result(last, startEquity, common.dataDir, analytics.bySymbol(), w);
    }
}
