package io.aria.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The bench command: runs in child JVMs, medians and paired ratios, JSON, table and docs block. */
class BenchCommandTest {

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    private Result bench(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            CommandLine cl = new CommandLine(new BenchCommand());
            cl.setErr(new PrintWriter(err));
            cl.setParameterExceptionHandler((ex, a) -> {
                ex.getCommandLine().getErr().println(ex.getMessage());
                return 2;
            });
            cl.setExecutionExceptionHandler((ex, c, p) -> {
                c.getErr().println(ex.getMessage());
                return 1;
            });
            int code = cl.execute(args);
            return new Result(code, bytes.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(saved);
        }
    }

    @Test
    void threeRuns_inFreshJvms_giveMediansSpreadsAndPairedRatios_andRegenerateOnlyTheBlock() throws Exception {
        Path counter = dir.resolve("counter");
        System.setProperty("aria.echo.counter", counter.toString());
        Path doc = dir.resolve("PERFORMANCE.md");
        Files.createDirectories(dir.resolve("bench"));
        Files.writeString(dir.resolve("bench/echo.md"), "### How\n\nNotes on echo.\n\n```bash\n# a comment, not a heading\n```\n");
        Files.writeString(doc, "# Perf\n\nprose before\n\n" + BenchReport.BEGIN + "\nold figures\n" + BenchReport.END
                + "\n\nprose after\n");
        Path json = dir.resolve("out/bench.json");
        try {
            Result r = bench("--part", EchoPart.class.getName(), "--runs", "3", "--out", json.toString(), "--docs",
                    doc.toString());
            assertEquals(0, r.code(), r.out() + r.err());
            assertEquals("3", Files.readString(counter).trim(), "each run is its own JVM, three of them");
        } finally {
            System.clearProperty("aria.echo.counter");
        }
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertEquals(3, report.path("runs").asInt());
        assertTrue(report.path("machine").path("cores").asInt() >= 1);
        assertEquals(3, report.path("machine").path("load_before").size());
        JsonNode figs = report.path("parts").get(0).path("figures");
        JsonNode base = figs.get(0);
        assertEquals(20.0, base.path("median").asDouble(), 1e-9);
        assertEquals(10.0, base.path("min").asDouble(), 1e-9);
        assertEquals(30.0, base.path("max").asDouble(), 1e-9);
        JsonNode aria = figs.get(1);
        // per run: 21/10, 42/20, 63/30 = 2.1 each
        assertEquals(2.1, aria.path("ratio").asDouble(), 1e-9);
        assertTrue(aria.path("met").asBoolean(), "2.1x meets <= 2.5x");
        JsonNode rate = figs.get(2);
        assertEquals(2_000_000.0, rate.path("median").asDouble(), 1e-6);
        assertFalse(rate.path("met").asBoolean(), "2,000,000 misses >= 2,500,000");

        String text = Files.readString(doc);
        assertTrue(text.startsWith("# Perf\n\nprose before\n\n" + BenchReport.BEGIN), text);
        assertTrue(text.endsWith(BenchReport.END + "\n\nprose after\n"), text);
        assertFalse(text.contains("old figures"), text);
        assertTrue(text.contains("| the thing \\| measured | 42 |"), "markdown row with the escaped pipe: " + text);
        assertTrue(text.contains("2.10x (2.10-2.10)"), text);
        assertTrue(text.contains("Notes on echo."), "the part's notes are included: " + text);
        assertTrue(text.contains("\n#### How\n"), "a note's heading sits under the part's: " + text);
        assertTrue(text.contains("\n# a comment, not a heading\n"), "code blocks are left alone: " + text);
        assertTrue(text.contains("| NO |"), text);

        // the table again, from the JSON alone
        Result again = bench("--render", json.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("the thing | measured"), again.out());
        assertTrue(again.out().contains("2.10x"), again.out());
    }

    @Test
    void aSmokePass_runsOnce() throws Exception {
        Path json = dir.resolve("smoke.json");
        Result r = bench("--part", EchoPart.class.getName(), "--smoke", "--out", json.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertTrue(report.path("smoke").asBoolean());
        assertEquals(1, report.path("parts").get(0).path("figures").get(0).path("values").size());
        assertTrue(r.out().contains("SMOKE"), r.out());
    }

    @Test
    void badOptions_areOneLineNamingTheOptionAndTheValue() {
        Result part = bench("--part", "nosuchpart");
        assertEquals(2, part.code());
        assertTrue(part.err().contains("--part") && part.err().contains("nosuchpart"), part.err());
        assertEquals(1, part.err().strip().lines().count(), part.err());
        Result runs = bench("--part", EchoPart.class.getName(), "--runs", "0");
        assertEquals(2, runs.code());
        assertTrue(runs.err().contains("--runs") && runs.err().contains("0"), runs.err());
    }

    @Test
    void docsWithoutTheMarkers_areRefusedAndLeftAlone() throws Exception {
        Path json = dir.resolve("b.json");
        assertEquals(0, bench("--part", EchoPart.class.getName(), "--smoke", "--out", json.toString()).code());
        Path doc = dir.resolve("plain.md");
        Files.writeString(doc, "# nothing generated here\n");
        Result r = bench("--render", json.toString(), "--docs", doc.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--docs") && r.err().contains("plain.md"), r.err());
        assertEquals("# nothing generated here\n", Files.readString(doc));
    }
}
