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

    @Option(names = "--symbols", split = ",", description = "Symbols to trade (default: all 21 of the catalog).")
    List<String> symbols;

    @Option(names = "--duration", defaultValue = "PT8H",
            description = "Simulated session length, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--start", defaultValue = "2025-03-03T07:00:00Z",
            description = "Simulated start time, UTC (default: ${DEFAULT-VALUE}, a Monday).")
    Instant start;

    @Option(names = "--tick-interval", defaultValue = "PT1S",
            description = "Simulated time between two ticks of a symbol (default: ${DEFAULT-VALUE}).")
    Duration tickInterval;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--speed", defaultValue = "0",
            description = "0 = as fast as possible, otherwise a multiple of real time (default: ${DEFAULT-VALUE}).")
    double speed;

    @picocli.CommandLine.Mixin
    RiskAndAuditOptions common = new RiskAndAuditOptions();

    @Option(names = "--balance", defaultValue = "100000", description = "Starting balance in USD (default: ${DEFAULT-VALUE}).")
    double balance;

    @Option(names = "--status-every", defaultValue = "PT0.5S", description = "Status line interval (default: ${DEFAULT-VALUE}).")
    Duration statusEvery;

    PrintStream out = System.out;

    /** What a run produced, for tests. */
    record Result(PipelineSnapshot snapshot, double startEquity, Path dataDir, java.util.Map<String, io.aria.analytics.SymbolTally> tally) {
    }

    @Override
    public Integer call() throws Exception {
        run();
        return 0;
    }

    Result run() throws Exception {
        AssetCatalog catalog = AssetCatalog.defaults();
        List<String> chosen = symbols == null || symbols.isEmpty() ? catalog.symbols() : symbols;
        for (String s : chosen) {
            if (catalog.indexOf(s) < 0) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "--symbols: " + s + " is not in the catalog " + catalog.symbols());
            }
        }
        SyntheticTickSource.Builder source = SyntheticTickSource.builder().catalog(catalog).symbols(chosen).seed(seed)
                .startTime(start).tickInterval(tickInterval).duration(duration);
        if (speed > 0) {
            source.realTime(speed);
        } else {
            source.fullSpeed();
        }
        RiskLayer risk = common.riskLayer(catalog);
        PaperBroker broker = PaperBroker.builder().catalog(catalog).startingBalance(balance).build();
        JsonlAuditSink audit = JsonlAuditSink.builder(common.dataDir).build();
        io.aria.analytics.HedgeFundAnalytics analytics = io.aria.analytics.HedgeFundAnalytics.builder().catalog(catalog).build();
        TradingPipeline pipeline = TradingPipeline.builder()
                .catalog(catalog)
                .tickSource(source.build())
                .ensemble(WeightedEnsemble.withDefaults(catalog))
                .sizer(risk.sizer())
                .riskGuard(risk.guard())
                .gateway(broker)
                .auditSink(audit)
                .listener(analytics)
                .build();

        ConsoleReport console = new ConsoleReport(out, System.console() != null && out == System.out);
        out.printf("ARIA paper trading: %d symbols, %s simulated from %s, seed %d, audit under %s%n", chosen.size(),
                duration, start, seed, common.dataDir.toAbsolutePath());
        double startEquity = broker.account().equity();
        long t0 = System.nanoTime();
        pipeline.start();
        long lastTicks = 0;
        long lastNanos = t0;
        boolean done = false;
        while (!done) {
            done = pipeline.awaitQuiescent(statusEvery);
            PipelineSnapshot s = pipeline.snapshot();
            long now = System.nanoTime();
            double rate = (s.counters().ticksIn() - lastTicks) / Math.max(1e-9, (now - lastNanos) / 1e9);
            lastTicks = s.counters().ticksIn();
            lastNanos = now;
            double progress = (s.epochMillis() - start.toEpochMilli()) / (double) duration.toMillis();
            console.status(s, rate, done ? 1.0 : progress);
        }
        console.endStatus();
        PipelineSnapshot last = pipeline.snapshot();
        double wall = (System.nanoTime() - t0) / 1e9;
        pipeline.close();
        console.summary("ARIA paper-trading summary", last, startEquity, analytics.bySymbol(), wall, common.dataDir.toString());
        console.analytics(analytics.report(last));
        return new Result(last, startEquity, common.dataDir, analytics.bySymbol());
    }
}
