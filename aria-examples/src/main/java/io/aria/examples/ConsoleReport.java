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

/** Renders the demo's live status line, progress bar and closing summary table. */
final class ConsoleReport {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final PrintStream out;
    private final boolean interactive;

    ConsoleReport(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    /**
     * @param s         snapshot
     * @param ticksPerSecond current rate
     * @param progress  share of the simulated session done, in [0, 1]
     * @return the status line
     */
    static String statusLine(PipelineSnapshot s, double ticksPerSecond, double progress) {
        PipelineCounters c = s.counters();
        int width = 20;
        int done = (int) Math.round(Math.max(0, Math.min(1, progress)) * width);
        String bar = "#".repeat(done) + "-".repeat(width - done);
        return String.format(Locale.ROOT,
                "[%s] %3.0f%% | sim %s UTC | %,d ticks %,.0f/s | equity %,.2f %s | open %d | orders %d (filled %d, rejected %d, blocked %d) | kill switch %s",
                bar, progress * 100, TIME.format(Instant.ofEpochMilli(s.epochMillis())), c.ticksIn(), ticksPerSecond,
                s.account().equity(), s.account().currency(), s.positions().size(), c.ordersSent(),
                c.ordersFilled() + c.ordersPartiallyFilled(), c.ordersRejected() + c.ordersErrored(),
                c.ordersBlocked(), s.killSwitch().engaged() ? "ENGAGED (" + s.killSwitch().reason() + ")" : "off");
    }

    void status(PipelineSnapshot s, double ticksPerSecond, double progress) {
        String line = statusLine(s, ticksPerSecond, progress);
        if (interactive) {
            out.print("\r\033[2K" + line);
        } else {
            out.println(line);
        }
        out.flush();
    }

    void endStatus() {
        if (interactive) {
            out.println();
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
