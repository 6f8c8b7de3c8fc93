package io.aria.examples;

import io.aria.analytics.SymbolTally;
import io.aria.core.PipelineCounters;
import io.aria.core.PipelineSnapshot;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a command's live status line, progress bar and closing summary table.
 *
 * <p>The status line fits an 80-column terminal ({@link #WIDTH} characters at most: the less
 * important parts are left out when the figures grow). On a terminal it is redrawn in place with
 * {@code \r}, and while it is shown the standard error stream (where the logging backend writes)
 * is routed through this report: a log line first clears the status line, is printed whole, and
 * the status line is drawn again below it, so the two never share a line. Off a terminal (a pipe,
 * a file) each status is a line of its own and standard error is left alone.
 */
final class ConsoleReport {

    /** Longest status line: one less than 80, so writing it never wraps the cursor. */
    static final int WIDTH = 79;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);

    private final PrintStream out;
    private final boolean interactive;
    private String shown = ""; // guarded by this: the status line on screen, "" when none
    private PrintStream originalErr; // guarded by this: set while standard error is routed through here

    ConsoleReport(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    /**
     * @param out where the command prints
     * @return whether {@code out} is the process's standard output on a terminal (the status line
     *     is then redrawn in place)
     */
    static boolean isTerminal(PrintStream out) {
        if (out != System.out) {
            return false;
        }
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try { // Java 22+ has a Console even when redirected; isTerminal() tells
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException | RuntimeException olderJava) {
            return true;
        }
    }

    /**
     * @param s         snapshot
     * @param ticksPerSecond current rate
     * @param progress  share of the run done, in [0, 1]
     * @return the status line, at most {@link #WIDTH} characters
     */
    static String statusLine(PipelineSnapshot s, double ticksPerSecond, double progress) {
        return statusLine(s, ticksPerSecond, progress, null);
    }

    /**
     * @param s              snapshot
     * @param ticksPerSecond current rate
     * @param progress       share of the run done, in [0, 1]
     * @param note           what the run is doing when not trading yet ("warm-up 12/50 bars"), or null
     * @return the status line, at most {@link #WIDTH} characters: bar and time always, then the
     *     kill switch when engaged, the note, equity, open positions, orders and the tick rate as
     *     far as they fit
     */
    static String statusLine(PipelineSnapshot s, double ticksPerSecond, double progress, String note) {
        PipelineCounters c = s.counters();
        double p = Double.isFinite(progress) ? Math.max(0, Math.min(1, progress)) : 0;
        int width = 10;
        int done = (int) Math.floor(p * width + 1e-9);
        String head = String.format(Locale.ROOT, "[%s%s] %3d%% %s", "#".repeat(done), "-".repeat(width - done),
                (int) Math.floor(p * 100 + 1e-9), TIME.format(Instant.ofEpochMilli(s.epochMillis())));
        // parts in display order, each with a rank: the highest rank is left out first
        java.util.List<String> parts = new java.util.ArrayList<>();
        java.util.List<Integer> ranks = new java.util.ArrayList<>();
        if (s.killSwitch().engaged()) {
            String by = AriaMain.oneLine(s.killSwitch().by()); // who engaged it; the reason is in the summary and the log
            parts.add("KILL SWITCH" + (by.isEmpty() ? " ON" : " " + (by.length() > 12 ? by.substring(0, 12) : by)));
            ranks.add(0);
        }
        if (note != null && !note.isEmpty()) {
            parts.add(note);
            ranks.add(1);
        }
        parts.add(String.format(Locale.ROOT, "equity %,.2f %s", s.account().equity(), s.account().currency()));
        ranks.add(2);
        parts.add("open " + s.positions().size());
        ranks.add(3);
        parts.add(String.format(Locale.ROOT, "orders %,d", c.ordersSent()));
        ranks.add(4);
        parts.add(String.format(Locale.ROOT, "%s ticks/s", compact(ticksPerSecond)));
        ranks.add(5);
        String line = join(head, parts);
        for (int rank = 5; line.length() > WIDTH && rank >= 1; rank--) { // an engaged kill switch stays, cut if need be
            int i = ranks.indexOf(rank);
            if (i >= 0) {
                parts.remove(i);
                ranks.remove(i);
                line = join(head, parts);
            }
        }
        return line.length() <= WIDTH ? line : line.substring(0, WIDTH - 3) + "...";
    }

    private static String join(String head, java.util.List<String> parts) {
        return parts.isEmpty() ? head : head + " | " + String.join(" | ", parts);
    }

    /** @return a rate in at most five characters: 950, 12.3k, 201k, 1.20M */
    static String compact(double v) {
        if (!Double.isFinite(v) || v < 0) {
            return "0";
        }
        if (v < 1_000) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (v < 100_000) {
            return String.format(Locale.ROOT, "%.1fk", v / 1e3);
        }
        if (v < 1_000_000) {
            return String.format(Locale.ROOT, "%.0fk", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.2fM", v / 1e6);
    }

    void status(PipelineSnapshot s, double ticksPerSecond, double progress) {
        status(s, ticksPerSecond, progress, null);
    }

    void status(PipelineSnapshot s, double ticksPerSecond, double progress, String note) {
        showLine(statusLine(s, ticksPerSecond, progress, note));
    }

    /** @param line a status line to show in place of the last one */
    synchronized void showLine(String line) {
        if (interactive) {
            if (originalErr == null) {
                originalErr = System.err;
                System.setErr(new PrintStream(new AboveStatus(originalErr), true, java.nio.charset.StandardCharsets.UTF_8));
            }
            out.print("\r\033[2K" + line);
            shown = line;
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Ends the status line: the cursor moves to a new line and standard error is given back. */
    void endStatus() {
        PrintStream routed = null;
        synchronized (this) {
            if (interactive) {
                if (!shown.isEmpty()) {
                    out.println();
                }
                shown = "";
                if (originalErr != null) {
                    routed = System.err;
                    System.setErr(originalErr);
                    originalErr = null;
                }
            }
        }
        if (routed != null) {
            routed.flush(); // outside the lock: a logging thread may hold the stream's lock and wait for ours
        }
    }

    /**
     * Standard error while a status line is shown: a line written to it first clears the status
     * line, and the status line is drawn again after it.
     */
    private final class AboveStatus extends java.io.OutputStream {
        private final PrintStream err;
        private boolean midLine; // guarded by ConsoleReport.this

        AboveStatus(PrintStream err) {
            this.err = err;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (ConsoleReport.this) {
                if (len == 0) {
                    return;
                }
                if (!midLine && !shown.isEmpty()) {
                    out.print("\r\033[2K");
                    out.flush();
                }
                err.write(b, off, len);
                midLine = b[off + len - 1] != '\n';
                if (!midLine) {
                    err.flush();
                    if (!shown.isEmpty()) {
                        out.print(shown);
                        out.flush();
                    }
                }
            }
        }

        @Override
        public void flush() {
            err.flush();
        }
    }

    /**
     * @param title         heading
     * @param s             final snapshot
     * @param startEquity   equity at the start
     * @param tally         per-symbol counts, in symbol order ({@code HedgeFundAnalytics.bySymbol()})
     * @param wallSeconds   run time
     * @param dataDir       where the logs are
     */
    void summary(String title, PipelineSnapshot s, double startEquity, Map<String, SymbolTally> tally,
            double wallSeconds, String dataDir) {
        PipelineCounters c = s.counters();
        out.println();
        out.println(title);
        out.println("=".repeat(title.length()));
        out.printf(Locale.ROOT, "%-26s %,.2f -> %,.2f %s (%+,.2f, %+.2f%%)%n", "equity", startEquity,
                s.account().equity(), s.account().currency(), s.account().equity() - startEquity,
                (s.account().equity() / startEquity - 1) * 100);
        out.printf(Locale.ROOT, "%-26s %,d in, %,d accepted, %,d rejected (%,.0f ticks/s over %.1f s)%n", "ticks",
                c.ticksIn(), c.ticksAccepted(), c.ticksRejected(), c.ticksIn() / Math.max(1e-9, wallSeconds), wallSeconds);
        out.printf(Locale.ROOT, "%-26s %,d (%,d logged)%n", "decisions", c.decisions(), c.decisionsLogged());
        out.printf(Locale.ROOT, "%-26s %,d sent, %,d filled, %,d rejected, %,d blocked by risk (%,d by kill switch), %,d no-trade%n",
                "orders", c.ordersSent(), c.ordersFilled() + c.ordersPartiallyFilled(), c.ordersRejected() + c.ordersErrored(),
                c.ordersBlocked(), c.blockedByKillSwitch(), c.noTrade());
        out.printf(Locale.ROOT, "%-26s %d open%n", "positions", s.positions().size());
        out.printf(Locale.ROOT, "%-26s %s%n", "kill switch",
                s.killSwitch().engaged() ? "ENGAGED by " + s.killSwitch().by() + ": " + s.killSwitch().reason() : "off");
        out.println();
        out.printf(Locale.ROOT, "%-8s %7s %7s %7s %6s %8s %14s%n", "symbol", "fills", "rejects", "trades", "win%",
                "sl/tp", "realised P&L");
        double total = 0;
        for (Map.Entry<String, SymbolTally> e : tally.entrySet()) {
            SymbolTally l = e.getValue();
            long trades = l.trades().trades();
            double profit = l.trades().totalProfit();
            total += profit;
            out.printf(Locale.ROOT, "%-8s %7d %7d %7d %5.0f%% %8d %,14.2f%n", e.getKey(), l.fills(), l.rejects(),
                    trades, trades == 0 ? 0 : 100.0 * l.trades().wins() / trades, l.brokerCloses(), profit);
        }
        out.printf(Locale.ROOT, "%-8s %7s %7s %7s %6s %8s %,14.2f%n", "total", "", "", "", "", "", total);
        out.println();
        out.println("audit trail: " + dataDir + "/audit_logs/execution_audit_YYYYMMDD.jsonl");
        out.println("decision log: " + dataDir + "/live_logs/decisions_YYYYMMDD.jsonl");
    }

    /** @param report the hedge-fund analytics at the end of the run */
    void analytics(io.aria.analytics.AnalyticsReport report) {
        out.println();
        out.println("hedge-fund analytics");
        out.println(report.summary());
    }
}
