package io.aria.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.audit.AuditReader;
import io.aria.core.audit.AuditRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C / SIGTERM (issue 8, finding 11): a real child JVM running a command is sent SIGTERM
 * ({@link Process#destroy()}) mid-run; it must print its summary once, exit with 143 (128 + 15),
 * and leave audit files that end with a complete line and parse cleanly.
 */
@DisplayName("SIGTERM ends a run with its summary and closed files")
class GracefulShutdownTest {

    @TempDir
    Path dir;

    /**
     * A child JVM with this test's class path. Its output goes to files, not pipes: {@link
     * Process#destroy()} closes the parent's ends of the pipes, which would lose what the child
     * prints while it shuts down (the very summary under test).
     */
    static final class Child implements AutoCloseable {
        final Process process;
        final Path out;
        final Path err;

        Child(Path dir, String name, String... args) throws IOException {
            this.out = dir.resolve(name + ".out");
            this.err = dir.resolve(name + ".err");
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("-Xmx256m");
            cmd.add("-XX:TieredStopAtLevel=1");
            cmd.add("-cp");
            cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
            cmd.add(AriaMain.class.getName());
            cmd.addAll(List.of(args));
            process = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        }

        String stdout() throws IOException {
            return Files.exists(out) ? new String(Files.readAllBytes(out), StandardCharsets.UTF_8) : "";
        }

        String diagnostics() throws IOException {
            return "stdout:\n" + stdout() + "\nstderr:\n" + Files.readString(err);
        }

        /** Waits until standard output shows {@code text}, the process dies, or the deadline passes. */
        boolean awaitOutput(String text, long seconds) throws InterruptedException, IOException {
            waitFor(seconds, () -> !process.isAlive() || stdout().contains(text));
            return stdout().contains(text);
        }

        int terminate(long seconds) throws InterruptedException {
            process.destroy(); // SIGTERM
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                return -1;
            }
            return process.exitValue();
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static long count(String text, String what) {
        long n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    /** Every audit file under {@code data} ends with a newline, and the folder reads with nothing torn. */
    private static void assertAuditComplete(Path data, String diagnostics) throws IOException {
        for (String folder : List.of("audit_logs", "live_logs")) {
            Path f = data.resolve(folder);
            assertTrue(Files.isDirectory(f), folder + " missing\n" + diagnostics);
            List<Path> files;
            try (Stream<Path> s = Files.list(f)) {
                files = s.filter(Files::isRegularFile).toList();
            }
            assertFalse(files.isEmpty(), folder + " is empty\n" + diagnostics);
            for (Path p : files) {
                byte[] b = Files.readAllBytes(p);
                assertTrue(b.length > 0 && b[b.length - 1] == '\n', p + " does not end with a complete line");
            }
            AuditReader.Result<AuditRecord> r = AuditReader.readFolder(f);
            assertTrue(r.isClean(), folder + ": " + r);
            assertFalse(r.records().isEmpty(), folder + " holds no record");
        }
    }

    /** Both reports are in the data folder, their paths printed, and the JSON says the run did not end by itself. */
    private static void assertReportsWritten(Path data, String out, String diagnostics) throws IOException {
        for (String name : List.of("report.json", "report.html")) {
            Path p = data.resolve(name);
            assertTrue(Files.isRegularFile(p), name + " missing\n" + diagnostics);
            assertTrue(out.contains("report: " + p), "path of " + name + " not printed\n" + diagnostics);
        }
        String json = Files.readString(data.resolve("report.json"));
        assertTrue(json.contains("\"completed\" : false"), "a signalled run is marked as not completed\n" + json);
    }

    @Test
    @Timeout(180)
    @DisplayName("backtest: SIGTERM mid-replay prints the summary once, exits 143, and writes both reports")
    void backtestStoppedBySigterm() throws Exception {
        Path data = dir.resolve("data");
        try (Child c = new Child(dir, "backtest", "backtest", "--synthetic", "--duration", "P3650D",
                "--status-every", "PT0.2S", "--seed", "5", "--data", data.toString())) {
            waitFor(120, () -> !c.process.isAlive() || c.stdout().matches("(?s).*orders [1-9].*"));
            assertTrue(c.process.isAlive(), "a ten-year replay ended by itself\n" + c.diagnostics());
            int rc = c.terminate(90);
            String out = c.stdout();
            assertEquals(143, rc, c.diagnostics());
            assertEquals(1, count(out, "ARIA backtest summary"), c.diagnostics());
            assertTrue(out.contains("stopped before the end of the data"), c.diagnostics());
            assertAuditComplete(data, c.diagnostics());
            assertReportsWritten(data, out, c.diagnostics());
        }
    }

    @Test
    @Timeout(180)
    @DisplayName("paper: SIGTERM mid-session prints the summary once, exits 143, and the audit ends with whole lines")
    void paperStoppedBySigterm() throws Exception {
        Path data = dir.resolve("data");
        try (Child c = new Child(dir, "paper", "paper", "--duration", "P30D", "--speed", "2000",
                "--status-every", "PT0.2S", "--seed", "5", "--data", data.toString())) {
            assertTrue(c.awaitOutput("orders ", 120), "no status line\n" + c.diagnostics());
            // wait for orders so the execution audit has records, then signal
            waitFor(90, () -> !c.process.isAlive() || c.stdout().matches("(?s).*orders [1-9].*"));
            assertTrue(c.process.isAlive(), "the 30-day session ended by itself\n" + c.diagnostics());
            int rc = c.terminate(90);
            String out = c.stdout();
            assertEquals(143, rc, c.diagnostics());
            assertEquals(1, count(out, "ARIA paper-trading summary"), c.diagnostics());
            assertTrue(out.contains("stopped by a signal"), c.diagnostics());
            assertTrue(out.contains("hedge-fund analytics"), "the summary is printed to its end\n" + c.diagnostics());
            assertAuditComplete(data, c.diagnostics());
            assertReportsWritten(data, out, c.diagnostics());
        }
    }

    @Test
    @Timeout(180)
    @DisplayName("mt5 --simulate: SIGTERM mid-run prints the summary once, exits 143, and the audit ends with whole lines")
    void mt5StoppedBySigterm() throws Exception {
        Path data = dir.resolve("data");
        try (Child c = new Child(dir, "mt5", "mt5", "--simulate", "--duration", "PT0S", "--speed", "300",
                "--status-every", "PT0.5S", "--symbols", "EURUSD,GBPUSD,USDJPY,XAUUSD,BTCUSD", "--data",
                data.toString())) {
            assertTrue(c.awaitOutput("connected: account", 120), "never connected\n" + c.diagnostics());
            waitFor(90, () -> !c.process.isAlive() || c.stdout().matches("(?s).*orders [1-9].*"));
            assertTrue(c.process.isAlive(), "a run until interrupted ended by itself\n" + c.diagnostics());
            int rc = c.terminate(90);
            String out = c.stdout();
            assertEquals(143, rc, c.diagnostics());
            assertEquals(1, count(out, "ARIA MT5 (simulated terminal) summary"), c.diagnostics());
            assertTrue(out.contains("bridge: "), "the summary is printed to its end\n" + c.diagnostics());
            assertAuditComplete(data, c.diagnostics());
            assertReportsWritten(data, out, c.diagnostics());
        }
    }

    @Test
    @Timeout(240)
    @DisplayName("serve: SIGTERM while serving a quick-started pipeline stops it once, exits 143, and the audit ends with whole lines")
    void serveStoppedBySigterm() throws Exception {
        Path data = dir.resolve("data");
        try (Child c = new Child(dir, "serve", "serve", "--port", "0", "--speed", "2000", "--data", data.toString())) {
            assertTrue(c.awaitOutput("Ctrl-C stops it", 120), "never served\n" + c.diagnostics());
            java.util.regex.Matcher url = java.util.regex.Pattern.compile("control API on (http://127\\.0\\.0\\.1:[0-9]+)")
                    .matcher(c.stdout());
            java.util.regex.Matcher token = java.util.regex.Pattern.compile("token \\(generated, shown once\\): (\\S+)")
                    .matcher(c.stdout());
            assertTrue(url.find() && token.find(), c.diagnostics());
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.util.function.Function<String, java.net.http.HttpRequest.Builder> req = path -> java.net.http.HttpRequest
                    .newBuilder(java.net.URI.create(url.group(1) + path)).header("Authorization", "Bearer " + token.group(1));
            var q = http.send(req.apply("/live-execution/quick-start").POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, q.statusCode(), q.body());
            String[] last = {""};
            waitFor(120, () -> {
                last[0] = http.send(req.apply("/live-execution/status").GET().build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                return !c.process.isAlive() || last[0].matches("(?s).*\"ordersSent\":[1-9].*");
            });
            String status = last[0];
            assertTrue(status.matches("(?s).*\"ordersSent\":[1-9].*"), "no order in time: " + status + "\n" + c.diagnostics());
            int rc = c.terminate(90);
            String out = c.stdout();
            assertEquals(143, rc, c.diagnostics());
            assertEquals(1, count(out, "stopped: "), c.diagnostics());
            assertFalse(Files.readString(c.err).contains(token.group(1)), "the token is in no log");
            assertAuditComplete(data, c.diagnostics());
        }
    }

    /**
     * Waits until the condition holds or {@code seconds} pass; the assertions after the wait say
     * what was missing, with the child's output.
     */
    static void waitFor(long seconds, java.util.concurrent.Callable<Boolean> condition) {
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(seconds))
                    .pollInterval(java.time.Duration.ofMillis(100)).pollInSameThread().until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // the caller's assertion reports it
        }
    }
}
