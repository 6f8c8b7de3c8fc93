package io.aria.examples.bench;

import io.aria.core.AssetCatalog;
import io.aria.core.Tick;
import io.aria.core.TradingPipeline;
import io.aria.core.ensemble.WeightedEnsemble;
import io.aria.core.paper.PaperBroker;
import io.aria.core.spi.AuditSink;
import io.aria.risk.RiskLayer;
import java.lang.management.ManagementFactory;
import org.HdrHistogram.Histogram;

/**
 * A diagnostic beside the {@code scaling} part (not a part itself): the CPU time of every single
 * tick at N symbols, in an HdrHistogram, to find ticks that carry work growing with N (such as a
 * correlation sample). CPU time, not wall time, so a loaded machine's waits for a core do not
 * show; reading the thread's CPU clock on every tick costs a few hundred ns, so the averages here
 * are not the part's. Run with {@code -XX:+AlwaysPreTouch} so first-touch page faults of the heap
 * do not count.
 *
 * <p>Run: {@code java -Xms1g -Xmx1g -XX:+AlwaysPreTouch -cp aria-examples/target/aria-examples.jar
 * io.aria.examples.bench.ScalingTail 2100 1600000}
 */
public final class ScalingTail {

    private ScalingTail() {
    }

    /**
     * @param args symbols and measured ticks
     */
    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        long measured = Long.parseLong(args[1]);
        AssetCatalog catalog = ScalingCatalog.of(n);
        ScalingCatalog.Ticks ticks = new ScalingCatalog.Ticks(catalog, 42, PipelineFixture.START.toEpochMilli());
        RiskLayer risk = RiskLayer.fromConfig(ScalingPart.tradingRegime(), catalog);
        WeightedEnsemble ensemble = WeightedEnsemble.withDefaults(catalog);
        TradingPipeline p = TradingPipeline.builder().catalog(catalog).ensemble(ensemble).sizer(risk.sizer())
                .riskGuard(risk.guard()).gateway(PaperBroker.builder().catalog(catalog).startingBalance(1_000_000).build())
                .auditSink(AuditSink.noop()).build();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        ticks.stepMillis(ScalingPart.HISTORY_STEP_MILLIS);
        for (long i = 0; i < 3L * n * (Math.max(ensemble.warmUpBars(), risk.config().sizing().atrPeriod()) + 5); i++) {
            p.step(ticks.next());
        }
        ticks.stepMillis(ScalingPart.STEP_MILLIS);
        for (long i = 0; i < ScalingPart.WARM_UP; i++) {
            p.step(ticks.next());
        }
        Histogram h = new Histogram(10_000_000_000L, 3);
        Tick[] buf = new Tick[4096];
        for (long done = 0; done < measured; done += buf.length) {
            for (int i = 0; i < buf.length; i++) {
                buf[i] = ticks.next();
            }
            for (Tick t : buf) {
                long c0 = threads.getCurrentThreadCpuTime();
                p.step(t);
                h.recordValue(Math.max(0, threads.getCurrentThreadCpuTime() - c0));
            }
        }
        System.out.printf(java.util.Locale.ROOT, "%d symbols, %d ticks: CPU per tick p99 %d ns, p99.9 %d ns, p99.99 %d ns, max %d ns, ticks over 200 us: %d%n",
                n, h.getTotalCount(), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getValueAtPercentile(99.99),
                h.getMaxValue(), h.getCountBetweenValues(200_000, h.getHighestTrackableValue()));
        p.close();
    }
}
