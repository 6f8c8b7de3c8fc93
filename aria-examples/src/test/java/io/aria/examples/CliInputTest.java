package io.aria.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.mt5.sim.SimulatedMt5Terminal;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input on the command line (issue 8, finding 11): every refused value gives one line on
 * standard error naming the option and the value, exit code 2, no stack trace, and nothing runs;
 * a terminal that does not answer gives one line and exit code 1.
 */
@DisplayName("the command line refuses bad input in one line")
class CliInputTest {

    @TempDir
    static Path tmp;

    /** What a run of the command line left. */
    record Outcome(int rc, String out, String err, String log) {
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    static Outcome aria(String... args) {
        CommandLine cl = new CommandLine();
        return cl.run(args);
    }

    /** The real entry point's command line with its output captured. */
    static final class CommandLine {
        Outcome run(String... args) {
            // the log (slf4j-simple, on System.err) is the rest of what a user sees on standard error;
            // System.err is replaced before the command line is made, as picocli's execution strategy
            // sends execution-phase errors to the System.err it was made with when that differs
            java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
            java.io.PrintStream saved = System.err;
            System.setErr(new java.io.PrintStream(log, true, StandardCharsets.UTF_8));
            int rc;
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            try {
                picocli.CommandLine cl = AriaMain.commandLine();
                cl.setOut(new PrintWriter(out, true));
                cl.setErr(new PrintWriter(err, true));
                rc = cl.execute(args);
            } finally {
                System.setErr(saved);
            }
            return new Outcome(rc, out.toString(), err.toString(), log.toString(StandardCharsets.UTF_8));
        }
    }

    static void assertOneLine(Outcome o, String... mustContain) {
        List<String> lines = o.errLines();
        assertEquals(1, lines.size(), () -> "one line expected, got:\n" + o.err + "\nlog:\n" + o.log);
        String line = lines.get(0);
        for (String m : mustContain) {
            assertTrue(line.contains(m), () -> "'" + m + "' missing from: " + line);
        }
        assertFalse(line.contains("Exception") || line.contains("\tat "), line);
        List<String> alarms = o.log().lines().filter(l -> l.contains("WARN") || l.contains("ERROR")
                || l.contains("Exception") || l.startsWith("\tat ")).toList();
        assertEquals(List.of(), alarms, "nothing but the one line may warn the user");
    }

    private static Path file(String name, String text) {
        try {
            return Files.writeString(tmp.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Stream<Arguments> badValues() {
        String data = tmp.resolve("bad-input-data").toString();
        List<Arguments> a = new ArrayList<>();
        for (String[] c : new String[][] {
            {"--duration", "-PT1H"}, {"--duration", "PT0S"}, {"--duration", "eight hours"}, {"--duration", "PT99999999H"},
            {"--tick-interval", "PT0S"}, {"--tick-interval", "PT0.0001S"}, {"--tick-interval", "-PT1S"},
            {"--balance", "-100"}, {"--balance", "NaN"}, {"--balance", "0"}, {"--balance", "Infinity"},
            {"--balance", "1e3d"}, {"--balance", "0x10"},
            {"--speed", "-5"}, {"--speed", "NaN"}, {"--speed", "-Infinity"}, {"--speed", "5f"},
            {"--status-every", "-PT1S"}, {"--status-every", "PT0S"},
            {"--start", "yesterday"}, {"--start", "+999999999-01-01T00:00:00Z"},
            {"--seed", "forty-two"}, {"--symbols", "NOSUCH"}, {"--symbols", ""},
        }) {
            a.add(Arguments.of("paper", List.of("paper", c[0], c[1], "--data", data), c[0], c[1]));
        }
        for (String[] c : new String[][] {
            {"--duration", "-PT1M"}, {"--duration", "-PT0.001S"}, {"--speed", "0"}, {"--speed", "NaN"},
            {"--balance", "-1"}, {"--status-every", "-PT1S"}, {"--connect-timeout", "PT0S"},
            {"--connect-timeout", "-PT30S"}, {"--symbols", "EURUSD.m"}, {"--sim-start", "2025-03-03"},
            {"--magic", "0"}, {"--magic", "-7"}, {"--magic", "seven"},
        }) {
            a.add(Arguments.of("mt5 --simulate", List.of("mt5", "--simulate", c[0], c[1], "--data", data), c[0], c[1]));
        }
        for (String e : new String[] {"tcp://h:abc", "tcp://h:0", "tcp://h:70000", "tcp://:15555", "h:15555",
            "tcp://h", "tcp://h:15555/x", "udp://h:1"}) {
            a.add(Arguments.of("mt5", List.of("mt5", "--endpoint", e, "--data", data), "--endpoint", e));
        }
        a.add(Arguments.of("mt5", List.of("mt5", "--endpoint", "tcp://127.0.0.1:1", "--event-endpoint", "tcp://h:x"),
                "--event-endpoint", "tcp://h:x"));
        a.add(Arguments.of("mt5", List.of("mt5", "--endpoint", "tcp://127.0.0.1:65535"), "--endpoint", "65535"));
        a.add(Arguments.of("mt5", List.of("mt5", "--endpoint", "tcp://127.0.0.1:1", "--hedging"), "--hedging", ""));
        a.add(Arguments.of("mt5", List.of("mt5", "--endpoint", "tcp://127.0.0.1:1", "--balance", "5000"), "--balance",
                "5000"));
        a.add(Arguments.of("mt5 --simulate", List.of("mt5", "--simulate", "--event-endpoint", "tcp://127.0.0.1:9"),
                "--event-endpoint", "tcp://127.0.0.1:9"));
        a.add(Arguments.of("paper", List.of("paper", "--symbols", "EURUSD,NOSUCH"), "--symbols", "'NOSUCH'"));
        a.add(Arguments.of("paper", List.of("paper", "--no-such-option"), "--no-such-option", ""));
        return a.stream();
    }

    @ParameterizedTest(name = "{0} {2} {3}")
    @MethodSource("badValues")
    @DisplayName("a bad option value: one line naming the option and the value, exit code 2, nothing run")
    void badValue_oneLineAndExitCode2(String command, List<String> args, String option, String value) {
        Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> aria(args.toArray(String[]::new)));
        assertEquals(2, o.rc(), () -> "exit code for " + args + "\n" + o.err());
        assertOneLine(o, option, value);
        assertFalse(Files.exists(tmp.resolve("bad-input-data")), "a refused command must not start: it wrote its audit");
    }

    static Stream<Arguments> badRiskFiles() {
        Path dir = tmp.resolve("a-folder");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Stream.of(
                Arguments.of("missing", tmp.resolve("no-such-risk.json").toString()),
                Arguments.of("a folder", dir.toString()),
                Arguments.of("not JSON", file("broken.json", "{\"maxDailyLossPct\": ").toString()),
                Arguments.of("an array", file("array.json", "[1, 2]").toString()),
                Arguments.of("empty", file("empty.json", "").toString()));
    }

    @ParameterizedTest(name = "--risk-config {0}")
    @MethodSource("badRiskFiles")
    @DisplayName("a risk file that is missing, a folder or invalid: one line naming --risk-config and the file, exit code 2")
    void badRiskFile(String what, String path) {
        for (String cmd : List.of("paper", "mt5")) {
            List<String> args = new ArrayList<>(cmd.equals("mt5") ? List.of("mt5", "--simulate") : List.of("paper"));
            args.addAll(List.of("--risk-config", path, "--data", tmp.resolve("bad-input-data").toString()));
            Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> aria(args.toArray(String[]::new)));
            assertEquals(2, o.rc(), () -> cmd + ": " + o.err());
            assertOneLine(o, "--risk-config", Path.of(path).getFileName().toString());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    @DisplayName("nothing listening at --endpoint: one line naming the endpoint and what to check, exit code 1, soon")
    void nothingListening_oneLineAndExitCode1() throws IOException {
        String endpoint = "tcp://127.0.0.1:" + freePort();
        Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> aria("mt5", "--endpoint", endpoint,
                "--connect-timeout", "PT1S", "--data", tmp.resolve("unanswered").toString()));
        assertEquals(1, o.rc(), o.err());
        assertOneLine(o, "no terminal answered hello at " + endpoint + " within 1 s",
                "is the EA attached and DLL imports allowed?");
    }

    @Test
    @DisplayName("a terminal that answers but whose events never arrive: one line naming the event endpoint, exit code 1")
    void silentEventEndpoint_oneLineAndExitCode1() throws IOException {
        try (SimulatedMt5Terminal sim = SimulatedMt5Terminal.builder().symbols(List.of("EURUSD")).start()) {
            String events = "tcp://127.0.0.1:" + freePort();
            Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> aria("mt5", "--endpoint",
                    sim.commandEndpoint(), "--event-endpoint", events, "--symbols", "EURUSD", "--connect-timeout",
                    "PT2S", "--data", tmp.resolve("silent").toString()));
            assertEquals(1, o.rc(), o.err());
            assertOneLine(o, "answered hello", events, "within 2 s");
        }
    }

    @Test
    @DisplayName("valid values still run: a short paper session with every option given exits 0")
    void validValuesRun() {
        Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> aria("paper", "--duration", "PT20M",
                "--tick-interval", "PT2S", "--balance", "25000.50", "--speed", "0", "--status-every", "PT1S",
                "--start", "2025-03-04T08:00:00Z", "--seed", "-7", "--symbols", "EURUSD,XAUUSD,EURUSD",
                "--risk-config", file("ok.json", "{}").toString(), "--data", tmp.resolve("valid").toString()));
        assertEquals(0, o.rc(), o.err());
        assertEquals(List.of(), o.errLines());
    }
}
