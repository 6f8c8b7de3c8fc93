package io.aria.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.PipelineCounters;
import io.aria.core.audit.AuditReader;
import io.aria.core.audit.AuditRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class Mt5CommandTest {

    @TempDir
    Path data;

    @Test
    @DisplayName("mt5 --simulate trades the full pipeline through real sockets and audits every order")
    void simulateTradesThroughTheBridge() throws Exception {
        Mt5Command cmd = new Mt5Command();
        new CommandLine(cmd).parseArgs("--simulate", "--duration", "PT12S", "--speed", "150", "--data",
                data.toString(), "--status-every", "PT3S", "--symbols", "EURUSD,GBPUSD,USDJPY,XAUUSD,BTCUSD");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        cmd.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Mt5Command.Result r = cmd.run();
        String console = bytes.toString(StandardCharsets.UTF_8);

        PipelineCounters c = r.snapshot().counters();
        assertTrue(c.ticksAccepted() > 100, console);
        assertTrue(c.ordersSent() > 0, "no order went through the bridge:\n" + console);
        assertEquals(0, c.ordersUnknown(), console);
        assertEquals(0, c.ordersInFlight(), console);
        assertTrue(console.contains("connected: account"), console);
        assertTrue(java.nio.file.Files.isRegularFile(data.resolve("report.json")), console);
        assertTrue(java.nio.file.Files.isRegularFile(data.resolve("report.html")), console);
        assertTrue(console.contains("report: " + data.resolve("report.json")), console);
        assertTrue(console.contains("report: " + data.resolve("report.html")), console);
        assertFalse(console.contains("Mt5Config[") || console.contains("OrderStatistics["), "no record dumps:\n" + console);
        java.util.regex.Matcher ticks = java.util.regex.Pattern.compile("ticks +([0-9,]+) in").matcher(console);
        assertTrue(ticks.find(), console);
        assertEquals(c.ticksIn(), Long.parseLong(ticks.group(1).replace(",", "")),
                "the summary prints the final snapshot's figures");

        AuditReader.Result<AuditRecord> exec = AuditReader.readFolder(data.resolve("audit_logs"));
        assertTrue(exec.isClean(), exec.toString());
        long submitted = exec.records().stream().filter(AuditRecord.OrderSubmitted.class::isInstance).count();
        long completed = exec.records().stream().filter(AuditRecord.OrderCompleted.class::isInstance).count();
        assertEquals(c.ordersSent(), submitted);
        assertEquals(c.ordersSent(), completed);
    }

    @Test
    @DisplayName("--simulate and --endpoint exclude each other, and one is required")
    void targetIsRequiredAndExclusive() {
        CommandLine cl = new CommandLine(new Mt5Command());
        cl.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
        assertEquals(2, cl.execute());
        assertEquals(2, cl.execute("--simulate", "--endpoint", "tcp://127.0.0.1:15555"));
    }
}
