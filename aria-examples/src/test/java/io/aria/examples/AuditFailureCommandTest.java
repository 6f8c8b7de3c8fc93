package io.aria.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The trading commands fail closed when the audit cannot write: one line, a non-zero exit, no trading. */
@Timeout(120)
class AuditFailureCommandTest {

    @TempDir
    Path dir;

    /** What a command run printed and returned. */
    private record Run(int rc, String out, String err) {
    }

    private static Run execute(Object command, java.util.function.Consumer<PrintStream> setOut, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        setOut.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        CommandLine cl = new CommandLine(command);
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        int rc = cl.execute(args);
        return new Run(rc, bytes.toString(StandardCharsets.UTF_8), err.toString());
    }

    private static void assertOneLineNoStackTrace(Run r) {
        String err = r.err().strip();
        assertFalse(err.isEmpty(), "an error line on stderr");
        assertFalse(err.contains("\n"), () -> "one line on stderr:\n" + r.err());
        assertFalse(err.contains("Exception") || err.contains("\tat "), () -> "no stack trace:\n" + r.err());
    }

    @Test
    @DisplayName("paper --data <a regular file>: exit 2, one line naming the folder and ENOTDIR, nothing traded")
    void paperDataIsARegularFile() throws Exception {
        Path file = dir.resolve("data");
        Files.writeString(file, "a regular file");
        PaperTradingDemo demo = new PaperTradingDemo();
        Run r = execute(demo, out -> demo.out = out, "--data", file.toString(), "--duration", "PT1H");

        assertEquals(2, r.rc(), r::toString);
        assertOneLineNoStackTrace(r);
        assertEquals("--data " + file + ": cannot create audit folder " + file.resolve("audit_logs")
                + ": Not a directory", r.err().strip());
        assertEquals("", r.out(), "no banner, no status, no summary: the pipeline never started");
        assertEquals("a regular file", Files.readString(file));
    }

    @Test
    @DisplayName("aria paper --data <a regular file> through the main command: exit 2, the line on its stderr")
    void throughAriaMain() throws Exception {
        Path file = dir.resolve("data");
        Files.writeString(file, "x");
        CommandLine cl = new CommandLine(new AriaMain());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        assertEquals(2, cl.execute("paper", "--data", file.toString()));
        assertTrue(err.toString().strip().endsWith("audit_logs: Not a directory"), err::toString);
    }

    @Test
    @DisplayName("mt5 --simulate --data <a regular file>: exit 2 before any terminal starts")
    void mt5DataIsARegularFile() throws Exception {
        Path file = dir.resolve("data");
        Files.writeString(file, "a regular file");
        Mt5Command cmd = new Mt5Command();
        Run r = execute(cmd, out -> cmd.out = out, "--simulate", "--data", file.toString(), "--duration", "PT5S");

        assertEquals(2, r.rc(), r::toString);
        assertOneLineNoStackTrace(r);
        assertTrue(r.err().contains("cannot create audit folder " + file.resolve("audit_logs") + ": Not a directory"),
                r::toString);
        assertEquals("", r.out(), "no terminal started, no order sent");
    }

    @Test
    @DisplayName("paper with a disk that fills during the run: exit 1 with the one line, not a summary pointing at the audit")
    void paperAuditFailsDuringTheRun() throws Exception {
        Path devFull = Path.of("/dev/full");
        assumeTrue(Files.isWritable(devFull), "needs /dev/full");
        Path data = dir.resolve("data");
        Path file = data.resolve("audit_logs").resolve("execution_audit_20250303.jsonl");
        Files.createDirectories(file.getParent());
        Files.createSymbolicLink(file, devFull); // ENOSPC on the first write
        PaperTradingDemo demo = new PaperTradingDemo();
        Run r = execute(demo, out -> demo.out = out, "--data", data.toString(), "--duration", "PT2H",
                "--start", "2025-03-03T07:00:00Z", "--symbols", "EURUSD,GBPUSD", "--status-every", "PT1S");

        assertEquals(1, r.rc(), r::toString);
        assertOneLineNoStackTrace(r);
        assertTrue(r.err().startsWith("audit failed during the run: cannot write audit file " + file
                + ": No space left on device; "), r::toString);
        assertTrue(r.err().strip().endsWith("not written"), r::toString);
        assertFalse(r.out().contains("audit trail:"), () -> "no pointer at an audit that is not there:\n" + r.out());
        assertEquals(LocalDate.of(2025, 3, 3).toString().replace("-", ""),
                file.getFileName().toString().replaceAll("\\D", ""), "the day file the run writes");
    }
}
