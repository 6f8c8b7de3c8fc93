package io.aria.examples.bench;

import io.aria.core.PipelineCounters;
import io.aria.core.Tick;
import io.aria.core.audit.JsonlAuditSink;
import io.aria.core.spi.AuditSink;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Per-tick latency of the whole decision path on one thread, recorded into HdrHistograms, beside
 * a baseline measured in the same run (the timer and the tick read alone); bytes allocated on
 * ticks that produce no decision; and the live heap over a long run.
 *
 * <p>Run: {@code java -Xmx64m -cp aria-examples/target/aria-examples.jar io.aria.examples.bench.PipelineLatencyHarness [ticks] [audit|noaudit] [normal|halted]}
 * (the normal trading regime by default, see {@link PipelineFixture}; the {@code pipeline} part of
 * the {@code bench} command measures the same and more, see {@link PipelinePart})
 */
public final class PipelineLatencyHarness {

    private PipelineLatencyHarness() {
    }

    /**
     * @param args number of measured ticks (default 10,000,000), whether to write the JSONL
     *             audit to a temporary folder ({@code audit}) or not ({@code noaudit}, the default), and
     *             the regime ({@code normal}, the default, or {@code halted}: the default limits)
     * @throws Exception when the temporary folder cannot be made
     */
    public static void main(String[] args) throws Exception {
        long measured = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        boolean withAudit = args.length > 1 && args[1].equals("audit");
        Path dir = withAudit ? Files.createTempDirectory("aria-latency") : null;
        AuditSink audit = withAudit ? JsonlAuditSink.builder(dir).build() : AuditSink.noop();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

        PipelineFixture.Regime regime = args.length > 2 && args[2].equals("halted") ? PipelineFixture.Regime.HALTED
                : PipelineFixture.Regime.NORMAL;
        PipelineFixture f = new PipelineFixture(42, audit, regime);
        int batch = 1 << 16;
        Tick[] buf = new Tick[batch];
        // warm-up: JIT, ensemble warm-up bars
        long warm = 2_000_000;
        for (long i = 0; i < warm; i += batch) {
            fill(f, buf);
            for (Tick t : buf) {
                f.pipeline.step(t);
            }
        }

        Histogram pipeline = new Histogram(3_600_000_000L, 3);
        Histogram baseline = new Histogram(3_600_000_000L, 3);
        long decisionFree = 0;
        long decisionFreeBytes = 0;
        long busyNanos = 0;
        StringBuilder heap = new StringBuilder();
        long nextHeapCheck = measured / 10;
        double sink = 0;
        long done = 0;
        for (; done < measured; done += batch) {
            fill(f, buf); // tick generation happens outside the timed region
            for (Tick t : buf) {
                long b0 = System.nanoTime();
                sink += t.bid();
                long b1 = System.nanoTime();
                baseline.recordValue(b1 - b0);

                long activityBefore = f.counter.activity();
                long a0 = threads.getCurrentThreadAllocatedBytes();
                long t0 = System.nanoTime();
                f.pipeline.step(t);
                long t1 = System.nanoTime();
                long a1 = threads.getCurrentThreadAllocatedBytes();
                pipeline.recordValue(t1 - t0);
                busyNanos += t1 - t0;
                if (f.counter.activity() == activityBefore) {
                    decisionFree++;
                    decisionFreeBytes += a1 - a0;
                }
            }
            if (done + batch >= nextHeapCheck) {
                System.gc();
                heap.append(String.format(Locale.ROOT, "  after %,d ticks: live heap %.1f MB%n", done + batch,
                        memory.getHeapMemoryUsage().getUsed() / 1e6));
                nextHeapCheck += measured / 10;
            }
        }
        PipelineCounters c = f.pipeline.snapshot().counters();
        f.pipeline.close();
        System.out.printf(Locale.ROOT, "ticks measured %,d (after %,d warm-up), %s regime, audit %s, max heap %.0f MB%n",
                done, warm, regime, withAudit ? "JSONL to " + dir : "off", Runtime.getRuntime().maxMemory() / 1e6);
        System.out.printf(Locale.ROOT, "throughput (time inside step only): %,.0f ticks/s%n", done / (busyNanos / 1e9));
        print("pipeline step", pipeline);
        print("baseline (timer + tick read)", baseline);
        System.out.printf(Locale.ROOT, "quiet ticks (no decision, order or broker event): %,d, allocated %,d bytes in all (%.3f bytes/tick)%n", decisionFree, decisionFreeBytes,
                decisionFreeBytes / (double) Math.max(1, decisionFree));
        System.out.printf(Locale.ROOT, "decisions %,d, orders sent %,d, filled %,d, blocked %,d (by the kill switch %,d), "
                + "kill switch engaged at the end: %s%n", c.decisions(), c.ordersSent(), c.ordersFilled(), c.ordersBlocked(),
                c.blockedByKillSwitch(), f.halted());
        System.out.print(heap);
        if (sink == 42) {
            System.out.println();
        }
    }

    private static void fill(PipelineFixture f, Tick[] buf) {
        for (int i = 0; i < buf.length; i++) {
            buf[i] = f.next();
        }
    }

    private static void print(String name, Histogram h) {
        System.out.printf(Locale.ROOT, "%-30s p50 %,7d ns  p90 %,7d ns  p99 %,7d ns  p99.9 %,8d ns  max %,10d ns%n", name,
                h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9), h.getMaxValue());
    }
}
