package io.aria.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aria.core.audit.AuditReader;
import io.aria.core.audit.AuditRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code backtest} command on the checked-in MT5-export sample and on synthetic ticks. */
class BacktestCommandTest {

    /** The checked-in sample: three days of three symbols in MT5 "Export ticks" layout. */
    static final Path SAMPLES = Path.of("..", "samples", "mt5");

    @TempDir
    Path dir;

    static String sampleFiles() {
        List<String> files = new ArrayList<>();
        for (String s : SampleTicks.SYMBOLS) {
            Path p = SAMPLES.resolve(s + "_ticks.csv");
            assertTrue(Files.isRegularFile(p), "sample tick file missing: " + p.toAbsolutePath());
            files.add(p.toString());
        }
        return String.join(",", files);
    }

    record Run(BacktestCommand.Result result, String console, Path data) {
    }

    Run run(String name, String... args) {
        BacktestCommand cmd = new BacktestCommand();
        Path data = dir.resolve(name);
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data", data.toString()));
        new CommandLine(cmd).parseArgs(all.toArray(String[]::new));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        cmd.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        BacktestCommand.Result r = cmd.run();
        return new Run(r, bytes.toString(StandardCharsets.UTF_8), data);
    }

    @Test
    @DisplayName("backtest on the checked-in MT5 export twice gives byte-identical report.json, and trades after the warm-up only")
    void sampleTwiceGivesTheSameReport() throws Exception {
        Run a = run("a", "--ticks", sampleFiles(), "--warm-up", "PT2H");
        Run b = run("b", "--ticks", sampleFiles(), "--warm-up", "PT2H");

        Path ja = a.data.resolve("report.json");
        Path jb = b.data.resolve("report.json");
        assertTrue(Files.isRegularFile(ja) && Files.isRegularFile(a.data.resolve("report.html")), a.console);
        assertArrayEquals(Files.readAllBytes(ja), Files.readAllBytes(jb), "the same data gives the same report");
        assertTrue(a.console.contains("report: " + ja), a.console);
        assertTrue(a.console.contains("report: " + a.data.resolve("report.html")), a.console);

        var bt = a.result.backtest();
        assertTrue(bt.completed());
        assertEquals(0, bt.malformed());
        assertTrue(bt.snapshot().counters().ordersFilled() > 10, "the sample trades: " + bt.snapshot().counters());
        assertEquals(bt.ticks(), bt.snapshot().counters().ticksIn(), "warm-up ticks never reach the pipeline");
        assertTrue(bt.warmUp().ticks() > 100, bt.warmUp().toString());
        assertTrue(bt.firstMillis() >= bt.warmUp().fromMillis() + 2 * 3_600_000L, "trading starts after 2 h of data");

        JsonNode report = new ObjectMapper().readTree(ja.toFile());
        assertEquals("backtest", report.at("/run/command").asText());
        assertTrue(report.at("/run/warmUp").asText().contains("PT2H"), report.at("/run").toString());
        assertEquals(List.of("EURUSD", "XAUUSD", "BTCUSD"),
                new ObjectMapper().convertValue(report.at("/run/symbols"), List.class));
        assertTrue(report.at("/analytics/performance/trades/trades").asLong() > 0, report.toString());
        assertFalse(Files.readString(ja).matches("(?s).*(wall|elapsed|ticksPerSecond).*"),
                "no wall-clock figure in report.json");

        // no order before the warm-up ended: the audit's first order is at or after the first traded tick
        AuditReader.Result<AuditRecord> exec = AuditReader.readFolder(a.data.resolve("audit_logs"));
        assertTrue(exec.isClean(), exec.toString());
        long firstOrder = exec.records().stream().filter(AuditRecord.OrderSubmitted.class::isInstance)
                .map(AuditRecord.OrderSubmitted.class::cast).mapToLong(AuditRecord.OrderSubmitted::epochMillis).min()
                .orElseThrow();
        assertTrue(firstOrder >= bt.firstMillis(), "an order at " + firstOrder + " before trading began at " + bt.firstMillis());
    }

    @Test
    @DisplayName("backtest --synthetic is deterministic for a seed and differs for another seed")
    void syntheticIsDeterministicForASeed() throws Exception {
        String[] args = {"--synthetic", "--symbols", "EURUSD,XAUUSD,BTCUSD", "--duration", "PT6H", "--warm-up", "PT1H"};
        Run a = run("a", concat(args, "--seed", "7"));
        Run b = run("b", concat(args, "--seed", "7"));
        Run c = run("c", concat(args, "--seed", "8"));
        byte[] ra = Files.readAllBytes(a.data.resolve("report.json"));
        assertArrayEquals(ra, Files.readAllBytes(b.data.resolve("report.json")));
        assertFalse(java.util.Arrays.equals(ra, Files.readAllBytes(c.data.resolve("report.json"))),
                "another seed, other ticks, another report");
        assertTrue(a.console.contains("[##########] 100%"), "the progress bar ends full:\n" + a.console);
        assertTrue(a.console.contains("ARIA backtest summary"), a.console);
        assertNotNull(a.result.reports());
    }

    @Test
    @DisplayName("backtest refuses, with one line and exit code 2, what it cannot use")
    void badInputIsOneLine() throws Exception {
        Path bars = dir.resolve("bars.csv");
        Files.writeString(bars, "symbol,start,open,high,low,close,volume\nEURUSD,2024-01-02T00:00:00Z,1.1,1.0,1.2,1.1,5\n");
        String files = sampleFiles();
        String[][] cases = {
            {"--ticks", dir.resolve("missing.csv").toString()},
            {"--ticks", dir.toString()},
            {"--ticks", files, "--seed", "3"},
            {"--ticks", files, "--warm-up", "-PT1H"},
            {"--ticks", files, "--server-zone", "Mars/Olympus"},
            {"--ticks", files, "--warm-up-bars", bars.toString()},
            {"--ticks", files, "--synthetic"},
            {},
        };
        for (String[] c : cases) {
            StringWriter err = new StringWriter();
            CommandLine cl = AriaMain.commandLine();
            cl.setErr(new PrintWriter(err));
            cl.setOut(new PrintWriter(new StringWriter()));
            String[] args = concat(new String[] {"backtest"}, c);
            int rc = cl.execute(concat(args, "--data", dir.resolve("bad").toString()));
            String e = err.toString().strip();
            assertEquals(2, rc, String.join(" ", c) + " -> " + e);
            assertEquals(1, e.lines().count(), "one line: " + e);
            assertFalse(e.contains("Exception") || e.contains("\tat "), e);
        }
        assertFalse(Files.exists(dir.resolve("bad").resolve("report.json")), "bad input traded nothing");
    }

    @Test
    @DisplayName("a tick file with a broken line is backtested with the line skipped and counted in the report")
    void malformedLinesAreCountedInTheReport() throws Exception {
        Path f = dir.resolve("EURUSD_ticks.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(SAMPLES.resolve("EURUSD_ticks.csv")));
        lines.add(500, "2024.01.02\t03:00:00.000\tNaN\t1.1\t\t\t6");
        Files.write(f, lines);
        Run r = run("m", "--ticks", f.toString());
        assertEquals(1, r.result.backtest().malformed());
        JsonNode report = new ObjectMapper().readTree(r.data.resolve("report.json").toFile());
        assertEquals(1, report.at("/run/settings/malformed lines skipped").asLong(), report.at("/run").toString());
        assertTrue(r.console.contains("skipped 1 malformed line"), r.console);
    }

    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
