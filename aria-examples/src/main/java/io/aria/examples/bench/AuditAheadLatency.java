package io.aria.examples.bench;

import io.aria.core.audit.AuditRecord;
import io.aria.core.audit.JsonlAuditSink;
import io.aria.core.audit.JsonlAuditSink.SyncPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The order path's added latency: how long the event loop waits in the audit for one
 * {@code order_submitted}, as the caller sees it, recorded into HdrHistograms. Each step hands
 * the sink 9 decision records ({@code record}, asynchronous, as the decisions before an order do)
 * and then one {@code order_submitted}, timed, by one of:
 * <ul>
 *   <li>{@code record}: the hand-off only (what the engine did before write-ahead; the floor);</li>
 *   <li>{@code recordAhead}: waits until it and the 9 decisions are written ({@code write(2)}),
 *       sync policy {@code ON_ROTATION_AND_CLOSE} (the default);</li>
 *   <li>{@code recordAhead+fsync}: the same with sync policy {@code WRITE_AHEAD} (one
 *       {@code fsync} per order);</li>
 *   <li>{@code record+flush}: the interface's default write-ahead (record, then {@code flush()}),
 *       for comparison.</li>
 * </ul>
 * Steps are 200 µs apart (orders are rare; this leaves the writer idle between them, as in
 * trading). The modes run interleaved in rounds so machine load hits each alike.
 *
 * <p>Run: {@code java -Xmx256m -cp aria-examples/target/aria-examples.jar io.aria.examples.bench.AuditAheadLatency [orders per mode per round] [rounds]}
 */
public final class AuditAheadLatency {

    private static final String[] MODES = {"record", "recordAhead", "recordAhead+fsync", "record+flush"};

    private AuditAheadLatency() {
    }

    /**
     * @param args orders per mode per round (default 20,000) and rounds (default 3)
     * @throws IOException when the temporary folder cannot be made
     */
    public static void main(String[] args) throws IOException {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        AuditRecord[] decisions = new AuditRecord[9];
        for (int i = 0; i < decisions.length; i++) {
            decisions[i] = AuditBenchmark.decisionLogged(AuditBenchmark.T0 + i, i);
        }
        AuditRecord order = AuditBenchmark.executionRecord(AuditBenchmark.T0, 9); // an order_submitted
        if (!(order instanceof AuditRecord.OrderSubmitted)) {
            throw new IllegalStateException("expected an order_submitted, got " + order);
        }
        Histogram[] h = new Histogram[MODES.length];
        for (int m = 0; m < MODES.length; m++) {
            h[m] = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        }
        // warm-up round, not recorded
        for (int m = 0; m < MODES.length; m++) {
            run(m, Math.max(2_000, orders / 4), decisions, order, null);
        }
        for (int r = 0; r < rounds; r++) {
            for (int m = 0; m < MODES.length; m++) {
                run(m, orders, decisions, order, h[m]);
            }
        }
        System.out.printf(Locale.ROOT, "order_submitted latency as the caller sees it, %d orders per mode (%d rounds), "
                + "9 async decisions before each, 200 us apart; ns%n", orders * rounds, rounds);
        System.out.printf(Locale.ROOT, "%-18s %9s %9s %9s %9s %10s %10s%n", "mode", "p50", "p90", "p99", "p99.9",
                "max", "mean");
        for (int m = 0; m < MODES.length; m++) {
            Histogram x = h[m];
            System.out.printf(Locale.ROOT, "%-18s %9d %9d %9d %9d %10d %10.0f%n", MODES[m],
                    x.getValueAtPercentile(50), x.getValueAtPercentile(90), x.getValueAtPercentile(99),
                    x.getValueAtPercentile(99.9), x.getMaxValue(), x.getMean());
        }
    }

    private static void run(int mode, int orders, AuditRecord[] decisions, AuditRecord order, Histogram into)
            throws IOException {
        Path dir = Files.createTempDirectory("aria-audit-ahead");
        JsonlAuditSink.Builder b = JsonlAuditSink.builder(dir);
        if (mode == 2) {
            b.syncPolicy(SyncPolicy.WRITE_AHEAD);
        }
        try (JsonlAuditSink sink = b.build()) {
            for (int i = 0; i < orders; i++) {
                for (AuditRecord d : decisions) {
                    sink.record(d);
                }
                long t0 = System.nanoTime();
                switch (mode) {
                    case 0 -> sink.record(order);
                    case 1, 2 -> sink.recordAhead(order);
                    default -> {
                        sink.record(order);
                        sink.flush();
                    }
                }
                long t1 = System.nanoTime();
                if (into != null) {
                    into.recordValue(t1 - t0);
                }
                LockSupport.parkNanos(200_000);
            }
        } finally {
            AuditBenchmark.delete(dir);
        }
    }
}
