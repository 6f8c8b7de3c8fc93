package io.aria.examples.bench;

import io.aria.core.AssetCatalog;
import io.aria.core.PipelineCounters;
import io.aria.core.Tick;
import io.aria.core.TradingPipeline;
import io.aria.core.ensemble.WeightedEnsemble;
import io.aria.core.paper.PaperBroker;
import io.aria.core.spi.AuditSink;
import io.aria.risk.RiskConfig;
import io.aria.risk.RiskLayer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code scaling} part: the pipeline's cost per tick with 1, 21, 210 and 2,100 symbols of a
 * generated catalog ({@link ScalingCatalog}), each against the 21-symbol figure of the same run;
 * the live heap after a full GC at 10 % and at 100 % of the measured ticks at every size; and the
 * orders sent per million ticks, to show that the pipeline trades at every size.
 *
 * <p>The pipeline is {@link PipelineFixture}'s: the default ensemble, the default risk layer's
 * sizer and guards, the paper broker, no audit, driven by {@link TradingPipeline#step} on one
 * thread. Ticks are made in batches outside the timed region; the cost is the thread's CPU time
 * in the {@code step} calls of a batch, divided by its ticks (one read per batch, not per tick):
 * on a shared machine CPU time leaves out the time the thread waited for a core, which wall time
 * (also reported) does not.
 *
 * <p>A full run measures each size in its own JVM ({@link #jvmArgs()}), so one size's heap and
 * JIT profile never reach another's; 2,100 symbols run {@value #LONG_RUN} measured ticks (the
 * flat-heap check over 10 M ticks), the others {@value #SHORT_RUN}. A smoke run measures every
 * size in this JVM for a few thousand ticks.
 *
 * <p>Run one size alone: {@code java -Xmx1g -cp aria-examples/target/aria-examples.jar
 * io.aria.examples.bench.ScalingPart 2100 1000000 10000000}.
 */
public record ScalingPart() implements BenchPart {

    static final int[] SIZES = {1, 21, 210, 2_100};
    static final long WARM_UP = 500_000;
    static final long SHORT_RUN = 2_000_000;
    static final long LONG_RUN = 10_000_000;
    private static final int BATCH = 4_096;
    static final long STEP_MILLIS = 250;
    static final long HISTORY_STEP_MILLIS = 20_000;

    @Override
    public String name() {
        return "scaling";
    }

    @Override
    public String description() {
        return "pipeline cost per tick and live heap with 1, 21, 210 and 2,100 generated symbols, against 21";
    }

    @Override
    public List<Figure> run(BenchContext ctx) throws Exception {
        List<Figure> out = new ArrayList<>();
        for (int n : SIZES) {
            if (ctx.smoke()) {
                out.addAll(measure(n, 4_096, 4_096, ctx));
            } else {
                long measured = n == SIZES[SIZES.length - 1] ? LONG_RUN : SHORT_RUN;
                out.addAll(ctx.fork(null, jvmArgs(), ScalingPart.class,
                        List.of(Integer.toString(n), Long.toString(WARM_UP), Long.toString(measured)), 600));
            }
        }
        return out;
    }

    /**
     * One size in this JVM: {@code ScalingPart <symbols> <warm-up ticks> <measured ticks>}.
     *
     * @param args the symbols, warm-up ticks and measured ticks
     */
    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        long warm = Long.parseLong(args[1]);
        long measured = Long.parseLong(args[2]);
        for (Figure f : measure(n, warm, measured, new BenchContext(false, null, System.out))) {
            BenchContext.emit(f);
        }
    }

    /**
     * @param n        symbols
     * @param warm     ticks before the measured ones
     * @param measured measured ticks
     * @param ctx      for the log
     * @return the figures of this size
     */
    static List<Figure> measure(int n, long warm, long measured, BenchContext ctx) {
        AssetCatalog catalog = ScalingCatalog.of(n);
        ScalingCatalog.Ticks ticks = new ScalingCatalog.Ticks(catalog, 42, PipelineFixture.START.toEpochMilli());
        RiskLayer risk = RiskLayer.fromConfig(tradingRegime(), catalog);
        PipelineFixture.Counter counter = new PipelineFixture.Counter();
        WeightedEnsemble ensemble = WeightedEnsemble.withDefaults(catalog);
        TradingPipeline pipeline = TradingPipeline.builder().catalog(catalog)
                .ensemble(ensemble).sizer(risk.sizer()).riskGuard(risk.guard())
                .gateway(PaperBroker.builder().catalog(catalog).startingBalance(1_000_000).build())
                .auditSink(AuditSink.noop()).listener(counter).build();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Tick[] buf = new Tick[BATCH];
        try {
            // history first: steps of 20 s close a bar every 3 ticks of a symbol, so every symbol has
            // warmed its models, regime and ATR after 3 x N x bars ticks at any size
            long historyTicks = 3L * n * (Math.max(ensemble.warmUpBars(), risk.config().sizing().atrPeriod()) + 5);
            if (ctx.smoke()) {
                historyTicks = Math.min(historyTicks, 3L * 21 * 20); // seconds, not a warm model: smoke proves it runs
            }
            ticks.stepMillis(HISTORY_STEP_MILLIS);
            for (long done = 0; done < historyTicks; done += BATCH) {
                fill(ticks, buf);
                for (Tick t : buf) {
                    pipeline.step(t);
                }
            }
            ticks.stepMillis(STEP_MILLIS);
            for (long done = 0; done < warm; done += BATCH) {
                fill(ticks, buf);
                for (Tick t : buf) {
                    pipeline.step(t);
                }
            }
            PipelineCounters before = pipeline.snapshot().counters();
            ctx.log().printf(Locale.ROOT, "  %,d symbols: measuring from %s (for profiles)%n", n, java.time.Instant.now());
            long busy = 0;
            long cpu = 0;
            long bytes = 0;
            long done = 0;
            double heapAtTenth = Double.NaN;
            long tenth = Math.max(BATCH, measured / 10);
            while (done < measured) {
                fill(ticks, buf);
                long a0 = threads.getCurrentThreadAllocatedBytes();
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                for (Tick t : buf) {
                    pipeline.step(t);
                }
                long t1 = System.nanoTime();
                cpu += threads.getCurrentThreadCpuTime() - c0;
                bytes += threads.getCurrentThreadAllocatedBytes() - a0;
                busy += t1 - t0;
                done += BATCH;
                if (Double.isNaN(heapAtTenth) && done >= tenth) {
                    heapAtTenth = liveHeapMb(memory);
                }
            }
            double heapAtEnd = liveHeapMb(memory);
            PipelineCounters c = pipeline.snapshot().counters();
            long orders = c.ordersSent() - before.ordersSent();
            double perTick = cpu / (double) done;
            double wallPerTick = busy / (double) done;
            ctx.log().printf(Locale.ROOT, "  %,d symbols: %,d ticks (after %,d warm-up and %,d history ticks), %.0f ns/tick of CPU (%.0f ns wall),"
                    + " %.1f bytes/tick, live heap %.1f -> %.1f MB; decisions %,d, orders sent %,d, filled %,d,"
                    + " blocked %,d (kill switch %,d), kill switch %s%n", n, done, warm, historyTicks, perTick, wallPerTick,
                    bytes / (double) done, heapAtTenth, heapAtEnd, c.decisions() - before.decisions(), orders,
                    c.ordersFilled() - before.ordersFilled(), c.ordersBlocked() - before.ordersBlocked(),
                    c.blockedByKillSwitch() - before.blockedByKillSwitch(),
                    pipeline.killSwitch().isEngaged() ? "engaged" : "released");
            String id = "n" + n;
            List<Figure> out = new ArrayList<>();
            Figure cost = Figure.of("tick." + id, String.format(Locale.ROOT, "CPU time per tick, %,d symbols", n),
                    perTick, "ns/tick");
            out.add(n == 21 ? cost : cost.against("tick.n21").goal("<= 2x"));
            Figure wall = Figure.of("wall." + id, String.format(Locale.ROOT, "wall time per tick, %,d symbols", n),
                    wallPerTick, "ns/tick");
            out.add(n == 21 ? wall : wall.against("wall.n21"));
            out.add(Figure.of("heap." + id, String.format(Locale.ROOT,
                    "live heap growth from 10%% to 100%% of %,d ticks, %,d symbols", done, n), heapAtEnd - heapAtTenth,
                    "MB").goal("<= 5"));
            out.add(Figure.of("live." + id, String.format(Locale.ROOT, "live heap after %,d ticks, %,d symbols", done, n),
                    heapAtEnd, "MB").goal("<= 64"));
            out.add(Figure.of("alloc." + id, String.format(Locale.ROOT, "bytes allocated per tick, %,d symbols", n),
                    bytes / (double) done, "B/tick"));
            out.add(Figure.of("orders." + id, String.format(Locale.ROOT, "orders sent per 1 M ticks, %,d symbols", n),
                    orders * 1e6 / done, "orders/Mtick").goal(">= 5"));
            return out;
        } finally {
            pipeline.close();
        }
    }

    /**
     * @return the default risk config with a daily loss limit the run never reaches, so that the
     *         synthetic strategy keeps trading (the halted regime is not what scales)
     */
    static RiskConfig tradingRegime() {
        RiskConfig d = RiskConfig.defaults();
        RiskConfig.KillSwitchRules k = d.killSwitch();
        return new RiskConfig(d.classLimits(), d.maxAccountLeverage(), d.maxOpenPositions(), d.maxOrderNotional(),
                d.maxOrdersPerMinute(), d.sizing(), new RiskConfig.KillSwitchRules(1.0, k.dayZone(), k.dayStart(),
                        k.maxErrorRate(), k.errorWindowSeconds(), k.errorMinOrders()), d.correlation(), d.sessions());
    }

    private static void fill(ScalingCatalog.Ticks ticks, Tick[] buf) {
        for (int i = 0; i < buf.length; i++) {
            buf[i] = ticks.next();
        }
    }

    private static double liveHeapMb(MemoryMXBean memory) {
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed() / 1e6;
    }
}
