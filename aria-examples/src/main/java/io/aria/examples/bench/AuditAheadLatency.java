package io.aria.examples.bench;

import io.aria.core.audit.AuditRecord;
import io.aria.core.audit.JsonlAuditSink.SyncPolicy;
import io.aria.core.audit.JsonlAuditSink;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
 *   <li>{@code recordAhead.fsync}: the same with sync policy {@code WRITE_AHEAD} (one
 *       {@code fsync} per order);</li>
 *   <li>{@code plain}: the baseline of {@code recordAhead}: the caller itself writes the same 10
 *       lines (pre-encoded, the bytes the sink writes) into two {@code BufferedOutputStream}s and
 *       flushes both, timed from the order's line to the end of the flush (the 9 decisions' bytes
 *       are written inside the timing, as in the sink);</li>
 *   <li>{@code plain.fsync}: the same and an {@code fdatasync} of the order's file (the baseline of
 *       {@code recordAhead.fsync}).</li>
 * </ul>
 * The streams' files are opened as the sink opens its own ({@code FileChannel}, not {@code O_APPEND}).
 * Steps are 200 µs apart (orders are rare; this leaves the writer idle between them, as in
 * trading). The modes run interleaved in rounds so machine load hits each alike.
 *
 * <p>Run: {@code java -Xmx256m -cp aria-examples/target/aria-examples.jar io.aria.examples.bench.AuditAheadLatency [orders per mode per round] [rounds]}
 * (defaults 20,000 and 3); the {@code audit} bench part calls {@link #measure}.
 */
public final class AuditAheadLatency {

    /** How the sink opens its day files. */
    private static final Set<StandardOpenOption> OPEN = EnumSet.of(StandardOpenOption.CREATE,
            StandardOpenOption.READ, StandardOpenOption.WRITE);

    /** Figure ids of the modes. */
    static final String[] IDS = {"record", "plain", "recordAhead", "plain.fsync", "recordAhead.fsync"};
    /** What each mode times. */
    static final String[] LABELS = {
        "record(order_submitted): the asynchronous hand-off (floor)",
        "plain: the caller writes the same 10 lines to buffered streams and flushes (write(2))",
        "recordAhead(order_submitted) until it returns: it and 9 queued decisions written (write(2))",
        "plain + fsync of the order's file",
        "recordAhead with SyncPolicy.WRITE_AHEAD (fsync per order)"};
    /** The baseline mode of each mode, or null. */
    static final String[] BASELINE = {null, null, "plain", null, "plain.fsync"};

    private AuditAheadLatency() {
    }

    /**
     * @param args orders per mode per round (default 20,000) and rounds (default 3)
     * @throws IOException when the temporary folder cannot be made
     */
    public static void main(String[] args) throws IOException {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path work = Files.createTempDirectory("aria-audit-ahead");
        Histogram[] h;
        try {
            h = measure(work, orders, rounds, Math.max(2_000, orders / 4));
        } finally {
            AuditBenchmark.delete(work);
        }
        System.out.printf(Locale.ROOT, "order_submitted latency as the caller sees it, %d orders per mode (%d rounds), "
                + "9 async decisions before each, 200 us apart; ns%n", orders * rounds, rounds);
        System.out.printf(Locale.ROOT, "%-18s %9s %9s %9s %9s %10s %10s%n", "mode", "p50", "p90", "p99", "p99.9",
                "max", "mean");
        for (int m = 0; m < IDS.length; m++) {
            Histogram x = h[m];
            System.out.printf(Locale.ROOT, "%-18s %9d %9d %9d %9d %10d %10.0f%n", IDS[m],
                    x.getValueAtPercentile(50), x.getValueAtPercentile(90), x.getValueAtPercentile(99),
                    x.getValueAtPercentile(99.9), x.getMaxValue(), x.getMean());
        }
    }

    /**
     * Measures every mode of {@link #IDS}, interleaved in rounds after a warm-up round.
     *
     * @param work   folder for the sinks' and streams' files (each run in a fresh sub-folder)
     * @param orders orders per mode per round
     * @param rounds rounds
     * @param warm   orders per mode in the unrecorded warm-up round
     * @return one histogram (ns) per mode, in the order of {@link #IDS}
     * @throws IOException when a folder or file cannot be made
     */
    static Histogram[] measure(Path work, int orders, int rounds, int warm) throws IOException {
        AuditRecord[] decisions = new AuditRecord[9];
        for (int i = 0; i < decisions.length; i++) {
            decisions[i] = AuditBenchmark.decisionLogged(AuditBenchmark.T0 + i, i);
        }
        AuditRecord order = AuditBenchmark.executionRecord(AuditBenchmark.T0, 9); // an order_submitted
        if (!(order instanceof AuditRecord.OrderSubmitted)) {
            throw new IllegalStateException("expected an order_submitted, got " + order);
        }
        byte[][] lines = lines(work, decisions, order);
        Histogram[] h = new Histogram[IDS.length];
        for (int m = 0; m < IDS.length; m++) {
            h[m] = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        }
        for (int m = 0; m < IDS.length; m++) {
            run(work, m, warm, decisions, order, lines, null);
        }
        for (int r = 0; r < rounds; r++) {
            for (int m = 0; m < IDS.length; m++) {
                run(work, m, orders, decisions, order, lines, h[m]);
            }
        }
        return h;
    }

    /** @return the 9 decisions' lines and then the order's, as the sink writes them, with newlines */
    private static byte[][] lines(Path work, AuditRecord[] decisions, AuditRecord order) throws IOException {
        Path dir = Files.createTempDirectory(work, "lines");
        try (JsonlAuditSink sink = JsonlAuditSink.builder(dir).build()) {
            for (AuditRecord d : decisions) {
                sink.record(d);
            }
            sink.record(order);
        }
        LocalDate day = LocalDate.of(2024, 3, 14);
        List<String> dec = Files.readAllLines(JsonlAuditSink.decisionFile(dir, day));
        List<String> exe = Files.readAllLines(JsonlAuditSink.executionFile(dir, day));
        byte[][] out = new byte[decisions.length + 1][];
        for (int i = 0; i < decisions.length; i++) {
            out[i] = (dec.get(i) + "\n").getBytes(StandardCharsets.UTF_8);
        }
        out[decisions.length] = (exe.get(0) + "\n").getBytes(StandardCharsets.UTF_8);
        AuditBenchmark.delete(dir);
        return out;
    }

    private static void run(Path work, int mode, int orders, AuditRecord[] decisions, AuditRecord order,
            byte[][] lines, Histogram into) throws IOException {
        Path dir = Files.createTempDirectory(work, "ahead");
        try {
            if (mode == 1 || mode == 3) {
                plain(dir, mode == 3, orders, lines, into);
                return;
            }
            JsonlAuditSink.Builder b = JsonlAuditSink.builder(dir);
            if (mode == 4) {
                b.syncPolicy(SyncPolicy.WRITE_AHEAD);
            }
            try (JsonlAuditSink sink = b.build()) {
                for (int i = 0; i < orders; i++) {
                    for (AuditRecord d : decisions) {
                        sink.record(d);
                    }
                    long t0 = System.nanoTime();
                    if (mode == 0) {
                        sink.record(order);
                    } else {
                        sink.recordAhead(order);
                    }
                    long t1 = System.nanoTime();
                    if (into != null) {
                        into.recordValue(t1 - t0);
                    }
                    LockSupport.parkNanos(200_000);
                }
            }
        } finally {
            AuditBenchmark.delete(dir);
        }
    }

    private static void plain(Path dir, boolean fsync, int orders, byte[][] lines, Histogram into)
            throws IOException {
        Files.createDirectories(dir.resolve(JsonlAuditSink.DECISION_DIR));
        Files.createDirectories(dir.resolve(JsonlAuditSink.EXECUTION_DIR));
        LocalDate day = LocalDate.of(2024, 3, 14);
        int last = lines.length - 1;
        // the files opened as the sink opens them, so only the writing differs
        try (FileChannel df = FileChannel.open(JsonlAuditSink.decisionFile(dir, day), OPEN);
                FileChannel ef = FileChannel.open(JsonlAuditSink.executionFile(dir, day), OPEN);
                BufferedOutputStream d = new BufferedOutputStream(Channels.newOutputStream(df), 64 * 1024);
                BufferedOutputStream e = new BufferedOutputStream(Channels.newOutputStream(ef), 64 * 1024)) {
            for (int i = 0; i < orders; i++) {
                for (int k = 0; k < last; k++) {
                    d.write(lines[k]);
                }
                long t0 = System.nanoTime();
                e.write(lines[last]);
                d.flush();
                e.flush();
                if (fsync) {
                    ef.force(false); // fdatasync, as the sink's FileChannel.force(false)
                }
                long t1 = System.nanoTime();
                if (into != null) {
                    into.recordValue(t1 - t0);
                }
                LockSupport.parkNanos(200_000);
            }
        }
    }
}
