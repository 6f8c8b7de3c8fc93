package io.aria.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.ModelVote;
import io.aria.core.audit.AuditReader;
import io.aria.core.audit.AuditRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PaperTradingDemoTest {

    @TempDir
    Path data;

    @Test
    @DisplayName("a short simulated session places orders, writes parseable audit files, and attributes every fill")
    void shortSessionTradesAndAuditsEveryFill() throws Exception {
        PaperTradingDemo demo = new PaperTradingDemo();
        new CommandLine(demo).parseArgs("--duration", "PT3H", "--data", data.toString(), "--seed", "11",
                "--status-every", "PT0.2S");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        demo.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        PaperTradingDemo.Result r = demo.run();
        String console = bytes.toString(StandardCharsets.UTF_8);

        assertTrue(r.snapshot().counters().ordersFilled() > 10, "orders filled: " + r.snapshot().counters());
        assertTrue(console.contains("ARIA paper-trading summary"), console);
        assertTrue(console.contains("[##########] 100%"), "the progress bar ends full:\n" + console);
        assertTrue(java.nio.file.Files.isRegularFile(data.resolve("report.json")), console);
        assertTrue(java.nio.file.Files.isRegularFile(data.resolve("report.html")), console);
        assertTrue(console.contains("report: " + data.resolve("report.json")), console);
        assertTrue(console.contains("report: " + data.resolve("report.html")), console);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(data.resolve("report.json").toFile());
        assertEquals("paper", json.at("/run/command").asText());
        assertEquals(11, json.at("/run/seed").asLong());
        assertEquals(r.snapshot().account().equity(), json.at("/analytics/performance/endEquity").asDouble(), 1e-6,
                "the report is taken from the same final snapshot as the summary");
        String html = java.nio.file.Files.readString(data.resolve("report.html"));
        assertTrue(html.contains("<h2>Settings</h2>") && html.contains("ARIA paper report"), "the page states the run's settings");

        AuditReader.Result<AuditRecord> exec = AuditReader.readFolder(data.resolve("audit_logs"));
        AuditReader.Result<AuditRecord> decisions = AuditReader.readFolder(data.resolve("live_logs"));
        assertTrue(exec.isClean(), exec.toString());
        assertTrue(decisions.isClean(), decisions.toString());
        assertFalse(decisions.records().isEmpty());

        Set<String> submitted = new HashSet<>();
        exec.records().stream().filter(AuditRecord.OrderSubmitted.class::isInstance)
                .map(AuditRecord.OrderSubmitted.class::cast).forEach(o -> submitted.add(o.request().clientOrderId()));
        List<AuditRecord.OrderCompleted> fills = exec.records().stream()
                .filter(AuditRecord.OrderCompleted.class::isInstance).map(AuditRecord.OrderCompleted.class::cast)
                .filter(o -> o.report().status().isFill()).toList();
        assertEquals(r.snapshot().counters().ordersFilled() + r.snapshot().counters().ordersPartiallyFilled(),
                fills.size());
        for (AuditRecord.OrderCompleted f : fills) {
            assertTrue(submitted.contains(f.report().clientOrderId()), "fill without a write-ahead record");
            var decision = f.intent().decision();
            if (f.intent().reducing() && decision.votes().isEmpty()) {
                continue; // closes from a flatten carry no model vote
            }
            assertFalse(decision.votes().isEmpty(), "fill " + f.report().clientOrderId() + " has no attribution");
            if (!f.intent().reducing()) {
                double agreeing = decision.votes().stream().mapToDouble(ModelVote::share).sum();
                assertEquals(1.0, agreeing, 1e-9, "shares of an entry sum to 1");
            }
        }
    }

    @Test
    @DisplayName("paced at --speed 600, the first simulated minutes show the warm-up's progress instead of nothing (issue 11)")
    void warmUpShowsItsProgress() throws Exception {
        PaperTradingDemo demo = new PaperTradingDemo();
        new CommandLine(demo).parseArgs("--duration", "PT10M", "--speed", "600", "--symbols", "EURUSD,BTCUSD",
                "--data", data.toString(), "--status-every", "PT0.2S");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        demo.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        demo.run();
        String console = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(console.contains("the first 50 min of the session warm them up"), console);
        assertTrue(console.matches("(?s).*\\| warm-up [0-9]+/50 bars.*"), "the status line counts the bars:\n" + console);
    }
}
