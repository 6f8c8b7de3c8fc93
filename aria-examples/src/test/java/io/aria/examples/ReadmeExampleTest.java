package io.aria.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.analytics.AnalyticsReport;
import io.aria.analytics.Backtest;
import io.aria.analytics.HedgeFundAnalytics;
import io.aria.core.AssetCatalog;
import io.aria.core.PipelineSnapshot;
import io.aria.core.TradingPipeline;
import io.aria.core.audit.JsonlAuditSink;
import io.aria.core.ensemble.WeightedEnsemble;
import io.aria.core.paper.PaperBroker;
import io.aria.core.spi.TickSource;
import io.aria.risk.RiskLayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The README's library examples, compiled and run, and kept word for word in sync: the code
 * between the {@code README example:NAME} markers below must equal the README's {@code java} block
 * after {@code <!-- example:NAME -->} (the README's first lines that set {@code ticks} and
 * {@code data} are replaced here by the sample file and a temporary folder). The README's option
 * lists are checked against picocli's usage help the same way.
 */
class ReadmeExampleTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path SOURCE = Path.of("src", "test", "java", "io", "aria", "examples", "ReadmeExampleTest.java");

    @TempDir
    Path dir;

    @Test
    @DisplayName("the README's pipeline replays the sample MT5 file to its end, with the analytics, and stops cleanly")
    void readmeExampleRuns() throws Exception {
        Path ticks = BacktestCommandTest.SAMPLES.resolve("EURUSD_ticks.csv");
        Path data = dir.resolve("data");
        // README example:library begin
        AssetCatalog catalog = AssetCatalog.defaults();                 // the 21 assets
        RiskLayer risk = RiskLayer.defaults(catalog);                   // or RiskLayer.fromConfig(RiskConfig.load(path), catalog)
        HedgeFundAnalytics analytics = HedgeFundAnalytics.builder().catalog(catalog).build();
        TradingPipeline pipeline = TradingPipeline.builder()
                .catalog(catalog)
                .tickSource(TickSource.replay(ticks))               // a file replay ends; TickSource.synthetic(seed) never does
                .ensemble(WeightedEnsemble.withDefaults(catalog))
                .sizer(risk.sizer())
                .riskGuard(risk.guard())
                .gateway(PaperBroker.builder().catalog(catalog).startingBalance(100_000).build())
                .auditSink(JsonlAuditSink.builder(data).build())
                .listener(analytics)                                // performance, attribution, risk, execution
                .build();
        pipeline.start();                                           // its own event-loop thread
        boolean replayed = pipeline.awaitQuiescent(Duration.ofMinutes(5)); // true once the file is done
        PipelineSnapshot s = pipeline.snapshot();                   // immutable, consistent: account, positions, counters
        AnalyticsReport report = analytics.report(s);               // report.summary(), report.toJson(), report.toHtml()
        pipeline.engageKillSwitch("me", "done for today");          // thread-safe control
        pipeline.close();
        // README example:library end

        assertTrue(replayed, "a file replay ends, so awaitQuiescent returns true");
        long lines = Files.readAllLines(ticks).size() - 1;
        assertEquals(lines, s.counters().ticksAccepted());
        assertTrue(s.counters().ordersFilled() > 0, s.counters().summary());
        assertTrue(report.performance().trades().trades() > 0, report.summary());
        assertTrue(Files.exists(data.resolve("live_logs/decisions_20240102.jsonl")));

        // README example:backtest begin
        WeightedEnsemble ensemble = WeightedEnsemble.withDefaults(catalog);
        Backtest.Result result = Backtest.builder()
                .pipeline(TradingPipeline.builder().catalog(catalog).ensemble(ensemble).sizer(risk.sizer())
                        .riskGuard(risk.guard()).gateway(PaperBroker.builder().catalog(catalog).startingBalance(100_000).build()))
                .source(TickSource.replay(ticks))
                .analytics(HedgeFundAnalytics.builder().catalog(catalog).build())
                .warmUp(Duration.ofHours(1), tick -> ensemble.warmUpTicks(List.of(tick)))   // not traded
                .build()
                .run();                                             // same ticks, same result
        String json = result.report().toJson();
        // README example:backtest end

        assertTrue(result.completed());
        assertEquals(lines, result.ticks() + result.warmUp().ticks());
        assertTrue(json.contains("\"performance\""), json);
    }

    @Test
    @DisplayName("the README's java blocks are the code this test runs, line for line")
    void readmeBlocksMatchThisTest() throws Exception {
        String readme = Files.readString(README);
        String source = Files.readString(SOURCE);
        for (String name : List.of("library", "backtest")) {
            List<String> block = readmeBlock(readme, "<!-- example:" + name + " -->");
            if (name.equals("library")) {
                assertTrue(block.get(0).startsWith("Path ticks = ") && block.get(1).startsWith("Path data = "), block.toString());
                block = block.subList(2, block.size());
            }
            int b = source.indexOf("// README example:" + name + " begin");
            int e = source.indexOf("// README example:" + name + " end");
            List<String> code = source.substring(source.indexOf('\n', b) + 1, e).lines().map(String::strip)
                    .filter(l -> !l.isEmpty()).toList();
            assertEquals(code, block, "README block '" + name + "' and ReadmeExampleTest differ");
        }
    }

    @Test
    @DisplayName("the README's option lists name every option of paper --help and backtest --help")
    void readmeOptionListsAreComplete() throws Exception {
        String readme = Files.readString(README);
        for (String command : List.of("paper", "backtest")) {
            TreeSet<String> listed = new TreeSet<>();
            for (String line : readmeBlock(readme, "<!-- options:" + command + " -->")) {
                listed.add(line.split("\\s+")[0]);
            }
            CommandLine cl = AriaMain.commandLine().getSubcommands().get(command);
            TreeSet<String> options = new TreeSet<>();
            for (CommandLine.Model.OptionSpec o : cl.getCommandSpec().options()) {
                if (!o.usageHelp() && !o.versionHelp()) {
                    options.add(o.longestName());
                }
            }
            // and each appears in the usage help a user sees
            String usage = cl.getUsageMessage();
            for (String o : options) {
                assertTrue(usage.contains(o), o + " not in the usage help");
            }
            assertEquals(options, listed, "README options of " + command + " vs " + command + " --help");
        }
    }

    /** @return the stripped, non-blank lines of the fenced block right after the marker */
    private static List<String> readmeBlock(String readme, String marker) {
        int m = readme.indexOf(marker);
        assertTrue(m >= 0, "README has no " + marker);
        int open = readme.indexOf("```", m);
        int start = readme.indexOf('\n', open) + 1;
        int close = readme.indexOf("\n```", start);
        List<String> out = new ArrayList<>();
        readme.substring(start, close).lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(out::add);
        return out;
    }
}
