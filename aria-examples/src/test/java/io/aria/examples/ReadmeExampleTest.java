package io.aria.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's library example, kept compiling and running. */
class ReadmeExampleTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("the README's pipeline replays a CSV file and stops cleanly")
    void readmeExampleRuns() throws Exception {
        Path csv = dir.resolve("ticks.csv");
        List<String> lines = new ArrayList<>(List.of("time,symbol,bid,ask"));
        Instant t = Instant.parse("2024-01-03T10:00:00Z");
        for (int i = 0; i < 5_000; i++) {
            double mid = 1.1 + 0.002 * Math.sin(i / 300.0);
            lines.add(String.format(Locale.ROOT, "%s,EURUSD,%.5f,%.5f", t.plusSeconds(i), mid - 0.00006, mid + 0.00006));
        }
        Files.write(csv, lines);

        AssetCatalog catalog = AssetCatalog.defaults();
        RiskLayer risk = RiskLayer.defaults(catalog);
        TradingPipeline pipeline = TradingPipeline.builder()
                .catalog(catalog)
                .tickSource(TickSource.replay(csv))
                .ensemble(WeightedEnsemble.withDefaults(catalog))
                .sizer(risk.sizer())
                .riskGuard(risk.guard())
                .gateway(PaperBroker.builder().catalog(catalog).startingBalance(100_000).build())
                .auditSink(JsonlAuditSink.builder(dir.resolve("data")).build())
                .build();
        pipeline.start();
        assertTrue(pipeline.awaitQuiescent(Duration.ofMinutes(1)));
        PipelineSnapshot s = pipeline.snapshot();
        pipeline.engageKillSwitch("me", "done for today");
        pipeline.close();

        assertEquals(5_000, s.counters().ticksAccepted());
        assertTrue(s.counters().decisions() > 0, "a one-minute bar closes every 60 ticks");
        assertTrue(Files.exists(dir.resolve("data/live_logs/decisions_20240103.jsonl")));
    }
}
