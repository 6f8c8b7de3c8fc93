package io.aria.examples.bench;

import io.aria.core.audit.AuditRecord;
import io.aria.core.audit.JsonlAuditSink;
import io.aria.core.audit.JsonlAuditSink.SyncPolicy;
import io.aria.core.spi.AuditSink;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * The {@code audit} part: {@link JsonlAuditSink} end to end against writing the very same bytes
 * with a plain {@link BufferedOutputStream}, in the same folder, with the same flush points.
 *
 * <p>Records: what the benchmarked pipeline ({@link PipelineFixture}) hands its audit, captured
 * from a run of it (decisions, order_submitted through {@code recordAhead}, order_completed,
 * trade events, trade_closed, blocked orders, control actions, in the pipeline's proportions and
 * order), re-timed into one UTC day so that no pass rotates files. End to end: from the first
 * record handed to the sink until {@code flush()} returns (every byte handed to the operating
 * system, {@code write(2)}); the sink's {@code close()} (its fsync) is outside the timing, as the
 * baseline's. The baseline is one thread writing the lines the sink wrote (read back from its
 * files) into two {@code BufferedOutputStream}s of 64 KiB (the sink's write threshold), flushing
 * both at every write-ahead record (where {@code recordAhead} writes both logs) and at the end.
 * Durable mode: sync policy {@code WRITE_AHEAD} (an {@code fsync} of the order's file before
 * {@code recordAhead} returns) against the baseline forcing the same file at the same points.
 *
 * <p>Write-ahead latency: {@link AuditAheadLatency}, {@code recordAhead} as the caller sees it,
 * against the caller writing the same lines itself and flushing.
 *
 * <p>A record without components, so every instance equals the one {@link BenchParts#find} makes.
 */
public record AuditPart() implements BenchPart {

    /** How the sink opens its day files. */
    private static final Set<StandardOpenOption> OPEN = EnumSet.of(StandardOpenOption.CREATE,
            StandardOpenOption.READ, StandardOpenOption.WRITE);

    /** One calendar day in milliseconds. */
    private static final long DAY = 86_400_000L;
    /** Start of the day the records are re-timed into. */
    static final long T0 = LocalDate.of(2025, 3, 4).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();

    @Override
    public String name() {
        return "audit";
    }

    @Override
    public String description() {
        return "The audit: ARIA's sink against writing the same bytes with a plain buffered stream.";
    }

    @Override
    public List<String> jvmArgs() {
        return List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC");
    }

    /** A pipeline's audit stream: the records and which went through {@code recordAhead}. */
    record Stream(AuditRecord[] records, boolean[] ahead) {
        int size() {
            return records.length;
        }

        long aheadCount() {
            long n = 0;
            for (boolean b : ahead) {
                n += b ? 1 : 0;
            }
            return n;
        }
    }

    @Override
    public List<Figure> run(BenchContext ctx) throws Exception {
        long start = System.nanoTime();
        Stream captured = capture(ctx.scale(3_000_000, 400_000));
        if (captured.aheadCount() == 0) { // a smoke pass's short run may not reach its first order
            captured = synthetic();
        }
        int n = (int) ctx.scale(60_000, 1_000);
        Stream stream = cycle(captured, n);
        ctx.log().printf(Locale.ROOT, "  captured %,d records from the pipeline (%,d write-ahead); passes of %,d%n",
                captured.size(), captured.aheadCount(), n);
        byte[][] lines = lines(ctx.workDir().resolve("lines"), stream);
        long bytes = 0;
        for (byte[] l : lines) {
            bytes += l.length;
        }

        int warm = (int) ctx.scale(2, 0);
        int passes = (int) ctx.scale(5, 1);
        double[] aria = new double[passes];
        double[] plain = new double[passes];
        double[] async = new double[passes];
        double[] cpu = new double[passes];
        double[] one = new double[1];
        for (int i = 0; i < warm; i++) {
            sinkPass(ctx.workDir(), stream, SyncPolicy.ON_ROTATION_AND_CLOSE);
            plainPass(ctx.workDir(), stream, lines, false);
        }
        for (int i = 0; i < passes; i++) { // interleaved, so load hits both alike
            aria[i] = n / sinkPass(ctx.workDir(), stream, SyncPolicy.ON_ROTATION_AND_CLOSE);
            plain[i] = n / plainPass(ctx.workDir(), stream, lines, false);
            async[i] = n / sinkPass(ctx.workDir(), stream, SyncPolicy.ON_ROTATION_AND_CLOSE, true, one);
            cpu[i] = one[0];
        }

        ctx.log().printf(Locale.ROOT, "  throughput done at %.1f s%n", (System.nanoTime() - start) / 1e9);
        int dn = (int) ctx.scale(3_000, 100);
        Stream durableStream = cycle(captured, dn);
        byte[][] durableLines = Arrays.copyOf(lines, dn);
        int dpasses = (int) ctx.scale(3, 1);
        double[] ariaSync = new double[dpasses];
        double[] plainSync = new double[dpasses];
        for (int i = 0; i < dpasses; i++) {
            ariaSync[i] = dn / sinkPass(ctx.workDir(), durableStream, SyncPolicy.WRITE_AHEAD);
            plainSync[i] = dn / plainPass(ctx.workDir(), durableStream, durableLines, true);
        }

        ctx.log().printf(Locale.ROOT, "  durable done at %.1f s%n", (System.nanoTime() - start) / 1e9);
        int orders = (int) ctx.scale(700, 30);
        int rounds = (int) ctx.scale(2, 1);
        Histogram[] h = AuditAheadLatency.measure(ctx.workDir(), orders, rounds, (int) ctx.scale(orders / 4, 10));
        ctx.log().printf(Locale.ROOT, "  latency done at %.1f s%n", (System.nanoTime() - start) / 1e9);

        List<Figure> out = new ArrayList<>();
        String mix = String.format(Locale.ROOT, "%d records of the pipeline's mix, 1 in %.0f write-ahead", n,
                (double) n / Math.max(1, stream.aheadCount()));
        out.add(Figure.of("plain.records", "plain BufferedOutputStream, same bytes, same flush points (" + mix + ")",
                median(plain), "records/s"));
        out.add(Figure.of("aria.records", "JsonlAuditSink end to end, write(2) (" + mix + ")", median(aria),
                "records/s").against("plain.records").goal(">= 1000000"));
        out.add(Figure.of("aria.async.records", "JsonlAuditSink, the same lines all through record() (no write-ahead"
                + " hand-offs)", median(async), "records/s").against("plain.records"));
        out.add(Figure.of("aria.writer.cpu", "JsonlAuditSink writer thread CPU per record (encode + write(2)), all"
                + " through record()", median(cpu) / 1000.0, "us"));
        out.add(Figure.of("bytes.per.record", "bytes per record (JSON line with its newline)", (double) bytes / n,
                "B"));
        out.add(Figure.of("plain.mbytes", "plain stream, bytes written", median(plain) * bytes / n / 1e6, "MB/s"));
        out.add(Figure.of("aria.mbytes", "JsonlAuditSink, bytes written", median(aria) * bytes / n / 1e6, "MB/s")
                .against("plain.mbytes"));
        out.add(Figure.of("plain.durable.records", "plain stream, fsync of the order's file at each write-ahead point",
                median(plainSync), "records/s"));
        out.add(Figure.of("aria.durable.records", "JsonlAuditSink, SyncPolicy.WRITE_AHEAD (fsync per order)",
                median(ariaSync), "records/s").against("plain.durable.records"));
        String[] ids = AuditAheadLatency.IDS;
        for (double p : new double[] {50, 99, 99.9}) {
            String q = p == 99.9 ? "p999" : "p" + (int) p;
            String qs = p == 99.9 ? "p99.9" : "p" + (int) p;
            for (int m = 0; m < ids.length; m++) {
                String base = AuditAheadLatency.BASELINE[m];
                Figure f = Figure.of("ahead." + ids[m] + "." + q, AuditAheadLatency.LABELS[m] + ", " + qs,
                        h[m].getValueAtPercentile(p) / 1000.0, "us");
                out.add(base == null ? f : f.against("ahead." + base + "." + q));
            }
        }
        return out;
    }

    /** @return seconds from the first record handed over until {@code flush()} returned */
    static double sinkPass(Path work, Stream s, SyncPolicy sync) throws IOException {
        return sinkPass(work, s, sync, false, null);
    }

    /**
     * @param allAsync  every record through {@code record}, none through {@code recordAhead} (the same
     *                  lines without the write-ahead hand-offs)
     * @param writerCpu when not null, receives the writer thread's CPU time per record (ns) over the pass
     * @return seconds from the first record handed over until {@code flush()} returned
     */
    static double sinkPass(Path work, Stream s, SyncPolicy sync, boolean allAsync, double[] writerCpu)
            throws IOException {
        Path dir = Files.createTempDirectory(work, "sink");
        double seconds;
        String name = "aria-audit-writer-bench-" + dir.getFileName();
        try (JsonlAuditSink sink = JsonlAuditSink.builder(dir).syncPolicy(sync).threadName(name).build()) {
            AuditRecord[] rs = s.records;
            boolean[] ahead = s.ahead;
            long writerId = writerCpu == null ? -1 : threadId(name);
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long cpu0 = writerId < 0 ? 0 : mx.getThreadCpuTime(writerId);
            long t0 = System.nanoTime();
            for (int i = 0; i < rs.length; i++) {
                if (ahead[i] && !allAsync) {
                    sink.recordAhead(rs[i]);
                } else {
                    sink.record(rs[i]);
                }
            }
            sink.flush();
            seconds = (System.nanoTime() - t0) / 1e9;
            if (writerId >= 0) {
                writerCpu[0] = (double) (mx.getThreadCpuTime(writerId) - cpu0) / rs.length;
            }
            if (sink.stats().recordsWritten() != rs.length) {
                throw new IllegalStateException("the sink wrote " + sink.stats().recordsWritten() + " of " + rs.length);
            }
        }
        AuditBenchmark.delete(dir);
        return seconds;
    }

    /** @return the id of the live thread of that name, or -1 */
    private static long threadId(String name) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name)) {
                return t.getId();
            }
        }
        return -1;
    }

    /** @return seconds to write the lines as the sink would, flushing at the same points */
    static double plainPass(Path work, Stream s, byte[][] lines, boolean fsync) throws IOException {
        Path dir = Files.createTempDirectory(work, "plain");
        Files.createDirectories(dir.resolve(JsonlAuditSink.DECISION_DIR));
        Files.createDirectories(dir.resolve(JsonlAuditSink.EXECUTION_DIR));
        LocalDate day = LocalDate.ofEpochDay(T0 / DAY);
        double seconds;
        // the files opened as the sink opens them, so only the writing differs
        try (FileChannel df = FileChannel.open(JsonlAuditSink.decisionFile(dir, day), OPEN);
                FileChannel ef = FileChannel.open(JsonlAuditSink.executionFile(dir, day), OPEN);
                BufferedOutputStream d = new BufferedOutputStream(Channels.newOutputStream(df), 64 * 1024);
                BufferedOutputStream e = new BufferedOutputStream(Channels.newOutputStream(ef), 64 * 1024)) {
            AuditRecord[] rs = s.records;
            boolean[] ahead = s.ahead;
            long t0 = System.nanoTime();
            for (int i = 0; i < rs.length; i++) {
                boolean decision = rs[i].isDecisionLog();
                (decision ? d : e).write(lines[i]);
                if (ahead[i]) {
                    d.flush();
                    e.flush();
                    if (fsync) {
                        (decision ? df : ef).force(false); // fdatasync, as the sink's FileChannel.force(false)
                    }
                }
            }
            d.flush();
            e.flush();
            seconds = (System.nanoTime() - t0) / 1e9;
        }
        AuditBenchmark.delete(dir);
        return seconds;
    }

    /** @return the lines (with their newline) the sink writes for the stream, in the stream's order */
    static byte[][] lines(Path dir, Stream s) throws IOException {
        Files.createDirectories(dir);
        try (JsonlAuditSink sink = JsonlAuditSink.builder(dir).build()) {
            for (AuditRecord r : s.records) {
                sink.record(r);
            }
        }
        LocalDate day = LocalDate.ofEpochDay(T0 / DAY);
        List<String> dec = Files.readAllLines(JsonlAuditSink.decisionFile(dir, day));
        List<String> exe = Files.exists(JsonlAuditSink.executionFile(dir, day))
                ? Files.readAllLines(JsonlAuditSink.executionFile(dir, day)) : List.of();
        byte[][] out = new byte[s.size()][];
        int di = 0;
        int ei = 0;
        for (int i = 0; i < s.size(); i++) {
            String l = s.records[i].isDecisionLog() ? dec.get(di++) : exe.get(ei++);
            out[i] = (l + "\n").getBytes(StandardCharsets.UTF_8);
        }
        AuditBenchmark.delete(dir);
        return out;
    }

    /** Runs the benchmarked pipeline and keeps what it hands its audit. */
    static Stream capture(long ticks) {
        List<AuditRecord> records = new ArrayList<>();
        List<Boolean> ahead = new ArrayList<>();
        AuditSink capture = new AuditSink() {
            @Override
            public void record(AuditRecord r) {
                records.add(r);
                ahead.add(false);
            }

            @Override
            public void recordAhead(AuditRecord r) {
                records.add(r);
                ahead.add(true);
            }
        };
        PipelineFixture f = new PipelineFixture(42, capture);
        for (long i = 0; i < ticks; i++) {
            f.pipeline.step(f.next());
        }
        f.pipeline.close();
        boolean[] a = new boolean[ahead.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = ahead.get(i);
        }
        return new Stream(records.toArray(new AuditRecord[0]), a);
    }

    /** @return a decision and an order in the proportions of a trading pipeline (for a smoke pass) */
    static Stream synthetic() {
        AuditRecord[] rs = new AuditRecord[14];
        boolean[] ahead = new boolean[rs.length];
        for (int i = 0; i < rs.length - 1; i++) {
            rs[i] = AuditBenchmark.decisionLogged(T0 + i, i);
        }
        rs[rs.length - 1] = AuditBenchmark.executionRecord(T0, 9); // an order_submitted
        ahead[rs.length - 1] = true;
        return new Stream(rs, ahead);
    }

    /** @return n records cycling through the captured ones, re-timed 0.5 ms apart within one day */
    static Stream cycle(Stream captured, int n) {
        AuditRecord[] rs = new AuditRecord[n];
        boolean[] ahead = new boolean[n];
        for (int i = 0; i < n; i++) {
            int k = i % captured.size();
            rs[i] = retime(captured.records[k], T0 + i / 2);
            ahead[i] = captured.ahead[k];
        }
        return new Stream(rs, ahead);
    }

    /** @return the record with another time (the file's day), its content unchanged */
    static AuditRecord retime(AuditRecord r, long t) {
        if (r instanceof AuditRecord.DecisionLogged x) {
            return new AuditRecord.DecisionLogged(t, x.decision(), x.directionChanged());
        } else if (r instanceof AuditRecord.OrderSubmitted x) {
            return new AuditRecord.OrderSubmitted(t, x.request(), x.intent(), x.verdict());
        } else if (r instanceof AuditRecord.OrderBlocked x) {
            return new AuditRecord.OrderBlocked(t, x.intent(), x.verdict());
        } else if (r instanceof AuditRecord.OrderCompleted x) {
            return new AuditRecord.OrderCompleted(t, x.report(), x.intent());
        } else if (r instanceof AuditRecord.TradeEventRecorded x) {
            return new AuditRecord.TradeEventRecorded(t, x.event());
        } else if (r instanceof AuditRecord.ControlAction x) {
            return new AuditRecord.ControlAction(t, x.action(), x.by(), x.detail());
        } else if (r instanceof AuditRecord.TradeClosed x) {
            return new AuditRecord.TradeClosed(t, x.trade());
        } else if (r instanceof AuditRecord.OrderBlockedSummary x) {
            return new AuditRecord.OrderBlockedSummary(t, x.symbol(), x.code(), x.repeats(), x.firstEpochMillis(),
                    x.lastEpochMillis());
        }
        throw new IllegalArgumentException("record type " + r.getClass().getSimpleName() + " not known to the bench");
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
