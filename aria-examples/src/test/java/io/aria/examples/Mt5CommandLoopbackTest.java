package io.aria.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** RELIABILITY.md, "loopback by default": {@code mt5 --simulate} binds and connects on 127.0.0.1 only. */
class Mt5CommandLoopbackTest {

    @TempDir
    Path data;

    @Test
    @DisplayName("mt5 --simulate: the terminal binds loopback and the client connects to loopback")
    void simulate_isLoopbackOnly() throws Exception {
        Mt5Command cmd = new Mt5Command();
        new CommandLine(cmd).parseArgs("--simulate", "--duration", "PT1S", "--data", data.toString(), "--status-every",
                "PT1S", "--symbols", "EURUSD");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        cmd.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        cmd.run();
        String console = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(console.matches("(?s).*simulated MT5 terminal on tcp://127\\.0\\.0\\.1:\\d+ \\(commands\\) and "
                + "tcp://127\\.0\\.0\\.1:\\d+ \\(events\\).*"), console);
        assertTrue(console.matches("(?s).*connecting to tcp://127\\.0\\.0\\.1:\\d+ \\(commands\\) and "
                + "tcp://127\\.0\\.0\\.1:\\d+ \\(events\\).*"), console);
    }

    @Test
    @DisplayName("mt5 --magic: every order the pipeline sends carries it, so the gateway's book is its own")
    void magic_isThePipelinesAndTheGateways() throws Exception {
        Mt5Command cmd = new Mt5Command();
        new CommandLine(cmd).parseArgs("--simulate", "--duration", "PT8S", "--speed", "150", "--data", data.toString(),
                "--status-every", "PT4S", "--magic", "7", "--symbols", "EURUSD,GBPUSD,USDJPY,XAUUSD,BTCUSD");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        cmd.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Mt5Command.Result r = cmd.run();
        String console = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(r.snapshot().counters().ordersSent() > 0, console);
        var exec = io.aria.core.audit.AuditReader.readFolder(data.resolve("audit_logs"));
        var submitted = exec.records().stream().filter(io.aria.core.audit.AuditRecord.OrderSubmitted.class::isInstance)
                .map(io.aria.core.audit.AuditRecord.OrderSubmitted.class::cast).toList();
        assertTrue(!submitted.isEmpty() && submitted.stream().allMatch(s -> s.request().magic() == 7), submitted.toString());
        var refused = exec.records().stream().filter(io.aria.core.audit.AuditRecord.OrderCompleted.class::isInstance)
                .map(io.aria.core.audit.AuditRecord.OrderCompleted.class::cast)
                .filter(c -> c.report().message().contains("magic")).toList();
        assertTrue(refused.isEmpty(), "orders refused for their magic: " + refused);
        assertTrue(console.contains("magic 7"), console);
    }

    @Test
    void magicZero_isRefusedNamingTheOption() {
        // refused while parsing, like every option: nothing starts
        CommandLine.ParameterException e = org.junit.jupiter.api.Assertions.assertThrows(
                CommandLine.ParameterException.class,
                () -> new CommandLine(new Mt5Command()).parseArgs("--simulate", "--magic", "0", "--data", data.toString()));
        assertEquals("Invalid value for option '--magic': '0' is not a magic number > 0 (0 marks manual trades)",
                e.getMessage());
    }
}
