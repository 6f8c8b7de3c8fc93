package io.aria.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.analytics.HedgeFundAnalytics;
import io.aria.core.AccountSnapshot;
import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.KillSwitch;
import io.aria.core.PipelineCounters;
import io.aria.core.PipelineSnapshot;
import io.aria.core.PipelineStatus;
import io.aria.core.Side;
import io.aria.core.TradeEvent;
import io.aria.core.TradeReturnCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConsoleReportTest {

    private static final long T0 = 1_740_996_000_000L;

    private static ExecutionReport report(String symbol, ExecutionStatus status, long n) {
        boolean fill = status.isFill();
        return new ExecutionReport("c" + n, symbol, Side.BUY, status, fill ? n : 0, fill ? n : 0, 0, 1, fill ? 1 : 0,
                1.1, fill ? 1.1 : 0, 0, 1_000, fill ? TradeReturnCode.DONE : TradeReturnCode.NO_MONEY, "", T0);
    }

    @Test
    @DisplayName("the summary table prints the analytics' per-symbol tally in the README's columns")
    void summaryTable_fromTheAnalyticsTally() {
        HedgeFundAnalytics analytics = HedgeFundAnalytics.builder().build();
        Decision entry = Decision.of("EURUSD", T0, Direction.LONG, 0.8);
        analytics.onExecution(report("EURUSD", ExecutionStatus.FILLED, 1), null);
        analytics.onExecution(report("EURUSD", ExecutionStatus.FILLED, 2), null);
        analytics.onExecution(report("EURUSD", ExecutionStatus.REJECTED, 3), null);
        analytics.onTradeClosed("EURUSD", entry, 12.5, T0);
        analytics.onTradeClosed("EURUSD", entry, -2.25, T0);
        analytics.onTradeEvent(new TradeEvent(TradeEvent.Kind.TAKE_PROFIT, "XAUUSD", 9, 0, Side.SELL, 1, 2000, 1234.5,
                "", T0));
        analytics.onExecution(report("XAUUSD", ExecutionStatus.PARTIALLY_FILLED, 4), null);
        analytics.onTradeClosed("XAUUSD", entry, 1234.5, T0);
        PipelineCounters none = new PipelineCounters(0, 0, 0, Map.of(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        PipelineSnapshot s = new PipelineSnapshot(PipelineStatus.STOPPED, T0,
                new AccountSnapshot("USD", 101_244.75, 101_244.75, 0, 101_244.75, 100, T0), List.of(), Set.of(),
                new KillSwitch.State(false, "never engaged", "", 0), none);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new ConsoleReport(new PrintStream(bytes, true, StandardCharsets.UTF_8), false)
                .summary("t", s, 100_000, analytics.bySymbol(), 1, "data");
        String out = bytes.toString(StandardCharsets.UTF_8);
        String table = out.substring(out.indexOf("symbol "), out.indexOf("audit trail")).strip();
        assertEquals(String.join(System.lineSeparator(),
                "symbol     fills rejects  trades   win%    sl/tp   realised P&L",
                "EURUSD         2       1       2    50%        0          10.25",
                "XAUUSD         1       0       1   100%        1       1,234.50",
                "total                                                  1,244.75"), table);
    }

    private static PipelineSnapshot snapshot(double equity, String currency, int open, long orders, long ticks,
            boolean killed, String reason) {
        PipelineCounters c = new PipelineCounters(ticks, ticks, 0, Map.of(), 0, 0, 0, 0, 0, 0, 0, orders, orders, 0, 0, 0,
                0, 0, 0, 0);
        List<io.aria.core.Position> positions = new java.util.ArrayList<>();
        for (int i = 0; i < open; i++) {
            positions.add(new io.aria.core.Position(i + 1, "EURUSD", Side.BUY, 0.1, 1.1, T0, 0, 0, 1.1, 0, "c" + i, 0));
        }
        return new PipelineSnapshot(PipelineStatus.RUNNING, T0, new AccountSnapshot(currency, equity, equity, 0, equity, 100, T0),
                positions, Set.of(), new KillSwitch.State(killed, killed ? reason : "never engaged", killed ? reason : "", 0), c);
    }

    @net.jqwik.api.Property(tries = 300)
    @net.jqwik.api.Label("the status line fits an 80-column terminal whatever the figures (issue 11: it was 176 characters)")
    void statusLineFitsEightyColumns(
            @net.jqwik.api.ForAll @net.jqwik.api.constraints.DoubleRange(min = -1e13, max = 1e13) double equity,
            @net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 3000) int open,
            @net.jqwik.api.ForAll @net.jqwik.api.constraints.LongRange(min = 0, max = Long.MAX_VALUE / 2) long orders,
            @net.jqwik.api.ForAll @net.jqwik.api.constraints.DoubleRange(min = 0, max = 1e12) double rate,
            @net.jqwik.api.ForAll @net.jqwik.api.constraints.DoubleRange(min = -1, max = 2) double progress,
            @net.jqwik.api.ForAll boolean killed,
            @net.jqwik.api.ForAll @net.jqwik.api.constraints.StringLength(max = 300) String reason,
            @net.jqwik.api.ForAll boolean warming) {
        PipelineSnapshot s = snapshot(equity, "USD", Math.min(open, 40), orders, orders, killed, reason);
        String line = ConsoleReport.statusLine(s, rate, progress, warming ? "warm-up 12/50 bars" : null);
        assertTrue(line.length() <= 79, line.length() + ": " + line);
        assertTrue(line.startsWith("["), line);
        assertTrue(line.chars().noneMatch(ch -> ch < 0x20), "no control character: " + line);
        if (killed) {
            assertTrue(line.contains("KILL SWITCH"), "an engaged kill switch is never left out: " + line);
        }
    }

    @Test
    @DisplayName("a typical status line keeps equity, positions and orders within 79 columns")
    void typicalStatusLine() {
        String line = ConsoleReport.statusLine(snapshot(99_313.02, "USD", 4, 757, 302_400, false, ""), 201_460, 1.0);
        assertTrue(line.startsWith("[##########] 100% 03-03 10:00 | equity 99,313.02 USD | open 4 | orders 757"), line);
        assertTrue(line.length() <= 79, line);
        String warming = ConsoleReport.statusLine(snapshot(100_000, "USD", 0, 0, 900, false, ""), 900, 0.05,
                "warm-up 15/50 bars");
        assertTrue(warming.contains("warm-up 15/50 bars"), warming);
    }

    @Test
    @DisplayName("on a terminal a log line written while the status line shows clears it, prints whole, and the status is redrawn")
    void logLinesDoNotShareTheStatusLine() {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        PrintStream savedErr = System.err;
        PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        System.setErr(err);
        try {
            ConsoleReport console = new ConsoleReport(new PrintStream(screen, true, StandardCharsets.UTF_8), true);
            console.showLine("STATUS-1");
            System.err.print("INFO part one, ");
            System.err.println("part two");
            console.showLine("STATUS-2");
            console.endStatus();
            assertTrue(System.err == err, "standard error is given back after the run");
            System.err.println("after");
        } finally {
            System.setErr(savedErr);
        }
        String clear = "\r\033[2K";
        assertEquals(clear + "STATUS-1" + clear + "STATUS-1" + clear + "STATUS-2" + System.lineSeparator(),
                screen.toString(StandardCharsets.UTF_8));
        assertEquals("INFO part one, part two" + System.lineSeparator() + "after" + System.lineSeparator(),
                errBytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("off a terminal each status is a line of its own and standard error is not touched")
    void offATerminalStatusLinesAreLines() {
        PrintStream before = System.err;
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        ConsoleReport console = new ConsoleReport(new PrintStream(screen, true, StandardCharsets.UTF_8), false);
        console.showLine("A");
        assertTrue(System.err == before);
        console.showLine("B");
        console.endStatus();
        assertEquals("A" + System.lineSeparator() + "B" + System.lineSeparator(), screen.toString(StandardCharsets.UTF_8));
    }
}
