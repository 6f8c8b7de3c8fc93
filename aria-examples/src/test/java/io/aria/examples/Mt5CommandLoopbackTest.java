package io.aria.examples;

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
        assertTrue(console.matches("(?s).*connecting: Mt5Config\\[commandEndpoint=tcp://127\\.0\\.0\\.1:\\d+, "
                + "eventEndpoint=tcp://127\\.0\\.0\\.1:\\d+,.*"), console);
    }
}
