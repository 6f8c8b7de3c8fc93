package io.aria.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a newcomer reads (issue 11): the commands run as a new user runs them, in a child JVM with
 * the examples' logging backend, standard output and standard error kept apart.
 */
class ConsoleNewcomerTest {

    @TempDir
    Path dir;

    private static final Pattern RECORD_DUMP = Pattern.compile("(PipelineCounters|OrderStatistics|Mt5Config)\\[");

    private static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no match for " + regex + " in:\n" + text);
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    @Test
    @Timeout(180)
    @DisplayName("paper --symbols EURUSD,BTCUSD says 2 symbols start, dumps no record, and its summary agrees with its log")
    void paperSaysWhatStarts() throws Exception {
        try (GracefulShutdownTest.Child c = new GracefulShutdownTest.Child(dir, "paper", "paper", "--symbols",
                "EURUSD,BTCUSD", "--duration", "PT2H", "--data", dir.resolve("data").toString())) {
            assertTrue(c.process.waitFor(150, TimeUnit.SECONDS), c.diagnostics());
            assertEquals(0, c.process.exitValue(), c.diagnostics());
            String out = c.stdout();
            String err = Files.readString(c.err);
            assertTrue(err.contains("pipeline started: 2 of 21 catalog symbols enabled"), err);
            assertFalse(RECORD_DUMP.matcher(out + err).find(), "a raw record dump:\n" + out + err);
            assertTrue(out.contains("ARIA paper trading: 2 symbols (EURUSD,BTCUSD)"), out);
            assertTrue(out.contains("the first 50 min of the session warm them up"), "the warm-up is announced:\n" + out);
            assertEquals(number(err, "pipeline stopped: ([0-9,]+) ticks in"), number(out, "ticks +([0-9,]+) in,"),
                    "the summary and the log show the same final figures");
            for (String line : out.split("\\R")) {
                if (line.startsWith("[")) {
                    assertTrue(line.length() <= 79, "status line over 79 columns: " + line);
                }
            }
        }
    }

    @Test
    @Timeout(180)
    @DisplayName("mt5 --simulate prints readable one-liners and one set of figures: ticks and orders agree with the log")
    void mt5FiguresAgree() throws Exception {
        try (GracefulShutdownTest.Child c = new GracefulShutdownTest.Child(dir, "mt5", "mt5", "--simulate",
                "--duration", "PT6S", "--speed", "120", "--status-every", "PT1S", "--data", dir.resolve("data").toString())) {
            assertTrue(c.process.waitFor(150, TimeUnit.SECONDS), c.diagnostics());
            assertEquals(0, c.process.exitValue(), c.diagnostics());
            String out = c.stdout();
            String err = Files.readString(c.err);
            assertFalse(RECORD_DUMP.matcher(out + err).find(), "a raw record dump:\n" + out + err);
            assertTrue(err.contains("pipeline started: 6 of 21 catalog symbols enabled"), err);
            assertEquals(number(err, "pipeline stopped: ([0-9,]+) ticks in"), number(out, "ticks +([0-9,]+) in,"));
            assertEquals(number(err, "([0-9,]+) orders sent"), number(out, "orders +([0-9,]+) sent"));
            assertEquals(number(out, "orders +([0-9,]+) sent"), number(out, "bridge: ([0-9,]+) orders submitted"),
                    "every order the pipeline sent went through the bridge");
            assertFalse(out.matches("(?s).*[0-9]E-[0-9].*"), "no exponent notation in the summary:\n" + out);
        }
    }
}
