package io.aria.examples.bench;

import io.aria.core.PipelineCounters;
import io.aria.core.Tick;
import io.aria.core.audit.JsonlAuditSink;
import io.aria.core.spi.AuditSink;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * One measured run of {@link PipelineFixture} on the calling thread: ticks are generated in batches
 * outside the timed region, then each is stepped through the pipeline. Two kinds of run:
 * <ul>
 *   <li>{@link #cost}: the average cost of {@code step} per tick, timed over whole batches (no
 *       per-tick timer), beside the same loop that only reads each tick (the baseline);</li>
 *   <li>{@link #latency}: every tick timed on its own into an HdrHistogram, beside a baseline of the
 *       timer and the tick read alone; the bytes the thread allocated on quiet ticks, on ticks with a
 *       decision but no order, and on ticks with an order; the GC count and time; whether the kill
 *       switch ever engaged (a listener counts every engagement).</li>
 * </ul>
 * Not safe for use from multiple threads.
 */
final class PipelineRun {

    static final int BATCH = 1 << 16;

    private PipelineRun() {
    }

    /** What a latency run saw. */
    static final class Result {
        final Histogram step = new Histogram(3_600_000_000_000L, 3);
        final Histogram baseline = new Histogram(3_600_000_000_000L, 3);
        /** Ticks with an order report or broker event (the write-ahead wait is in these). */
        final Histogram orderStep = new Histogram(3_600_000_000_000L, 3);
        /** Ticks with a decision and no order. */
        final Histogram decisionStep = new Histogram(3_600_000_000_000L, 3);
        /** Quiet ticks. */
        final Histogram quietStep = new Histogram(3_600_000_000_000L, 3);
        long ticks;
        long warm;
        long busyNanos;
        double wallSeconds;
        long quietTicks;
        long quietBytes;
        long decisionTicks;
        long decisionsOnThem;
        long decisionBytes;
        long orderTicks;
        long ordersOnThem;
        long orderBytes;
        long gcCount;
        long gcMillis;
        /** Stop-the-world pause time (ZGC: its "Pauses" collectors only; others: all collection time). */
        long gcPauseMillis;
        long engagements;
        boolean haltedAtEnd;
        long closes;
        PipelineCounters counters;

        double perSecond(long n) {
            return n / wallSeconds;
        }

        /** @return the bytes allocated per decision on ticks that decided and sent nothing */
        double bytesPerDecision() {
            return decisionBytes / (double) Math.max(1, decisionsOnThem);
        }

        /** @return the bytes allocated per order (report or broker event) on ticks that had one */
        double bytesPerOrder() {
            return orderBytes / (double) Math.max(1, ordersOnThem);
        }

        /** @return the bytes allocated per quiet tick */
        double bytesPerQuietTick() {
            return quietBytes / (double) Math.max(1, quietTicks);
        }

        String summary() {
            PipelineCounters c = counters;
            return String.format(Locale.ROOT,
                    "%,d ticks (after %,d warm-up) in %.1f s; step p50 %,d p99 %,d p99.9 %,d max %,d ns; baseline p99.9 %,d max %,d ns; "
                            + "decisions %,d, orders sent %,d, filled %,d, blocked %,d (kill switch %,d), closes %,d; kill switch "
                            + "engaged %d times%s; bytes/quiet tick %.2f, /decision %.0f, /order %.0f; GC %d (%d ms, pauses %d ms)",
                    ticks, warm, wallSeconds, step.getValueAtPercentile(50), step.getValueAtPercentile(99),
                    step.getValueAtPercentile(99.9), step.getMaxValue(), baseline.getValueAtPercentile(99.9),
                    baseline.getMaxValue(), c.decisions(), c.ordersSent(), c.ordersFilled(), c.ordersBlocked(),
                    c.blockedByKillSwitch(), closes, engagements, haltedAtEnd ? " (engaged at the end)" : "",
                    bytesPerQuietTick(), bytesPerDecision(), bytesPerOrder(), gcCount, gcMillis, gcPauseMillis)
                    + "\n    " + line("quiet ticks", quietStep) + "\n    " + line("decision ticks", decisionStep) + "\n    "
                    + line("order ticks", orderStep);
        }

        private static String line(String what, Histogram h) {
            return String.format(Locale.ROOT, "%-15s %,10d: p50 %,8d p99 %,8d p99.9 %,9d max %,11d ns", what,
                    h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(99),
                    h.getValueAtPercentile(99.9), h.getMaxValue());
        }
    }

    /**
     * @param dir a folder for the JSONL audit, or null for no audit
     * @return the sink
     * @throws IOException when the folder cannot be made
     */
    static AuditSink audit(Path dir) throws IOException {
        if (dir == null) {
            return AuditSink.noop();
        }
        Files.createDirectories(dir);
        return JsonlAuditSink.builder(dir).build();
    }

    /**
     * Average cost per tick of {@code step}, and of the bare loop reading the ticks, in the thread's
     * CPU time (what the pipeline's own work costs: on a shared machine the wall time of a batch also
     * holds the time the thread waited for a core) and in wall time.
     *
     * @param regime   limits
     * @param warm     ticks stepped before timing
     * @param measured ticks timed
     * @param auditDir folder of the audit, or null for none
     * @return {step CPU ns/tick, bare loop CPU ns/tick, step wall ns/tick, bare loop wall ns/tick}
     * @throws IOException when the audit folder cannot be made
     */
    static double[] cost(PipelineFixture.Regime regime, long warm, long measured, Path auditDir) throws IOException {
        AuditSink audit = audit(auditDir);
        PipelineFixture f = new PipelineFixture(42, audit, regime);
        java.lang.management.ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        Tick[] buf = new Tick[BATCH];
        double sink = 0;
        for (long i = 0; i < warm; i += BATCH) {
            fill(f, buf);
            sink += loopRead(buf);
            loopStep(f, buf);
        }
        long stepCpu = 0;
        long readCpu = 0;
        long stepWall = 0;
        long readWall = 0;
        long done = 0;
        for (; done < measured; done += BATCH) {
            fill(f, buf);
            long c0 = cpu.getCurrentThreadCpuTime();
            long r0 = System.nanoTime();
            sink += loopRead(buf);
            long r1 = System.nanoTime();
            long c1 = cpu.getCurrentThreadCpuTime();
            loopStep(f, buf);
            long r2 = System.nanoTime();
            long c2 = cpu.getCurrentThreadCpuTime();
            readCpu += c1 - c0;
            stepCpu += c2 - c1;
            readWall += r1 - r0;
            stepWall += r2 - r1;
        }
        f.pipeline.close();
        audit.close();
        if (sink == 42) {
            System.out.print("");
        }
        double n = done;
        return new double[] {stepCpu / n, readCpu / n, stepWall / n, readWall / n};
    }

    private static double loopRead(Tick[] buf) {
        double s = 0;
        for (Tick t : buf) {
            s += t.bid();
        }
        return s;
    }

    private static void loopStep(PipelineFixture f, Tick[] buf) {
        for (Tick t : buf) {
            f.pipeline.step(t);
        }
    }

    /**
     * Every tick timed on its own.
     *
     * @param regime   limits
     * @param warm     ticks stepped before timing (JIT, the ensemble's warm-up bars)
     * @param measured ticks timed
     * @param auditDir folder of the JSONL audit, or null for none
     * @return what the run saw
     * @throws IOException when the audit folder cannot be made
     */
    static Result latency(PipelineFixture.Regime regime, long warm, long measured, Path auditDir) throws IOException {
        AuditSink audit = audit(auditDir);
        PipelineFixture f = new PipelineFixture(42, audit, regime);
        AtomicLong engagements = new AtomicLong();
        f.pipeline.killSwitch().addListener(s -> {
            if (s.engaged()) {
                engagements.incrementAndGet();
            }
        });
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Tick[] buf = new Tick[BATCH];
        for (long i = 0; i < warm; i += BATCH) {
            fill(f, buf);
            loopStep(f, buf);
        }
        Result r = new Result();
        r.warm = warm;
        long gc0 = gcCount();
        long gcMs0 = gcMillis();
        long pause0 = gcPauseMillis();
        PipelineFixture.Counter c = f.counter;
        double sink = 0;
        long start = System.nanoTime();
        long done = 0;
        for (; done < measured; done += BATCH) {
            fill(f, buf);
            for (Tick t : buf) {
                long b0 = System.nanoTime();
                sink += t.bid();
                long b1 = System.nanoTime();
                r.baseline.recordValue(b1 - b0);

                long decisionsBefore = c.decisions;
                long ordersBefore = c.orderActivity();
                long a0 = threads.getCurrentThreadAllocatedBytes();
                long t0 = System.nanoTime();
                f.pipeline.step(t);
                long t1 = System.nanoTime();
                long a1 = threads.getCurrentThreadAllocatedBytes();
                r.step.recordValue(t1 - t0);
                r.busyNanos += t1 - t0;
                long orders = c.orderActivity() - ordersBefore;
                long decisions = c.decisions - decisionsBefore;
                if (orders > 0) {
                    r.orderStep.recordValue(t1 - t0);
                    r.orderTicks++;
                    r.ordersOnThem += orders;
                    r.orderBytes += a1 - a0;
                } else if (decisions > 0) {
                    r.decisionStep.recordValue(t1 - t0);
                    r.decisionTicks++;
                    r.decisionsOnThem += decisions;
                    r.decisionBytes += a1 - a0;
                } else {
                    r.quietStep.recordValue(t1 - t0);
                    r.quietTicks++;
                    r.quietBytes += a1 - a0;
                }
            }
        }
        r.wallSeconds = (System.nanoTime() - start) / 1e9;
        r.ticks = done;
        r.gcCount = gcCount() - gc0;
        r.gcMillis = gcMillis() - gcMs0;
        r.gcPauseMillis = gcPauseMillis() - pause0;
        r.counters = f.pipeline.snapshot().counters();
        r.haltedAtEnd = f.halted();
        r.engagements = engagements.get();
        r.closes = c.closes;
        f.pipeline.close();
        audit.close();
        if (sink == 42) {
            System.out.print("");
        }
        return r;
    }

    private static void fill(PipelineFixture f, Tick[] buf) {
        for (int i = 0; i < buf.length; i++) {
            buf[i] = f.next();
        }
    }

    private static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, b.getCollectionCount());
        }
        return n;
    }

    private static long gcPauseMillis() {
        long n = 0;
        boolean z = false;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            z |= b.getName().startsWith("ZGC");
        }
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!z || b.getName().contains("Pauses")) {
                n += Math.max(0, b.getCollectionTime());
            }
        }
        return n;
    }

    private static long gcMillis() {
        long n = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, b.getCollectionTime());
        }
        return n;
    }
}
