package io.aria.examples.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code pipeline} part: the whole decision path on one thread, 21 symbols, in the normal
 * trading regime (the pipeline decides, orders, fills and closes for the whole run; checked), see
 * {@link PipelineFixture}:
 * <ul>
 *   <li>average cost of {@code step} per tick against the bare loop over the same ticks, and the
 *       difference (the pipeline's own cost);</li>
 *   <li>per-tick latency p50/p99/p99.9/max over 10 M ticks with the JSONL audit on, against the
 *       timer alone, with the rates of decisions, orders, fills and closes, the bytes allocated per
 *       quiet tick, per decision and per order, and the collections;</li>
 *   <li>the same tail in forked JVMs: G1 with the recommended heap, ZGC on 17, generational ZGC on
 *       25 (when a JDK 25 is installed);</li>
 *   <li>the halted regime's cost per tick, labelled as such.</li>
 * </ul>
 * A run in the normal regime whose kill switch engages fails the part: its figures would measure
 * the wrong thing.
 */
public record PipelinePart() implements BenchPart {

    static final List<String> G1 = List.of("-Xms256m", "-Xmx256m", "-XX:+UseG1GC", "-XX:+AlwaysPreTouch");
    /** ZGC with the same fixed heap; generational on JDK 24+ (the only mode there), single-generation on 17. */
    static final List<String> ZGC = List.of("-Xms256m", "-Xmx256m", "-XX:+UseZGC", "-XX:+AlwaysPreTouch");
    /** The heap and collector this part recommends and runs its main figures with (see docs/bench/pipeline.md). */
    static final List<String> RECOMMENDED = ZGC;

    @Override
    public String name() {
        return "pipeline";
    }

    @Override
    public String description() {
        return "tick -> ensemble -> sizer -> risk -> paper order on one thread, 21 symbols, normal trading regime: "
                + "cost per tick against the bare tick loop, per-tick tail with the JSONL audit on against the timer, "
                + "allocation per decision and order, G1/ZGC/generational ZGC, and the halted regime";
    }

    @Override
    public List<String> jvmArgs() {
        return RECOMMENDED;
    }

    @Override
    public List<Figure> run(BenchContext ctx) throws Exception {
        long warm = ctx.scale(2_000_000, 20_000);
        long costTicks = ctx.scale(4_000_000, 50_000);
        long tailTicks = ctx.scale(10_000_000, 100_000);
        List<Figure> out = new ArrayList<>();

        double[] cost = PipelineRun.cost(PipelineFixture.Regime.NORMAL, warm, costTicks, null);
        ctx.log().printf("  cost, normal regime: step %.1f ns/tick CPU (%.1f wall), bare loop %.1f CPU (%.1f wall)%n",
                cost[0], cost[2], cost[1], cost[3]);
        out.add(Figure.of("cost.loop", "bare loop over the same pre-generated ticks (reads each tick), thread CPU time",
                cost[1], "ns/tick"));
        out.add(Figure.of("cost.step", "step per tick, normal regime, audit off, thread CPU time over " + costTicks
                + " ticks", cost[0], "ns/tick").against("cost.loop"));
        double own = Math.max(0, cost[0] - cost[1]);
        out.add(Figure.of("cost.own", "pipeline's own cost per tick (step - bare loop, thread CPU time), normal regime",
                own, "ns/tick").goal("<= 100"));
        out.add(Figure.of("throughput.own", "ticks/s of the pipeline's own work (1 / own cost)",
                1e9 / Math.max(own, 1e-9), "ticks/s").goal(">= 10000000"));
        out.add(Figure.of("cost.step.wall", "step per tick, normal regime, audit off, wall time (holds the waits for a "
                + "core on a shared machine)", cost[2], "ns/tick"));

        PipelineRun.Result r = PipelineRun.latency(PipelineFixture.Regime.NORMAL, warm, tailTicks,
                ctx.workDir().resolve("audit-main"));
        ctx.log().println("  tail, normal regime, audit on: " + r.summary());
        requireNormal(r, "main run", !ctx.smoke());
        String on = tailTicks + " ticks, JSONL audit on, normal regime, " + String.join(" ", RECOMMENDED);
        out.add(Figure.of("timer.p50", "timer + tick read alone, p50", r.baseline.getValueAtPercentile(50), "ns"));
        out.add(Figure.of("step.p50", "step p50, " + on, r.step.getValueAtPercentile(50), "ns").against("timer.p50"));
        out.add(Figure.of("timer.p99", "timer + tick read alone, p99", r.baseline.getValueAtPercentile(99), "ns"));
        out.add(Figure.of("step.p99", "step p99, " + on, r.step.getValueAtPercentile(99), "ns").against("timer.p99")
                .goal("<= 1000"));
        out.add(Figure.of("timer.p999", "timer + tick read alone, p99.9", r.baseline.getValueAtPercentile(99.9), "ns"));
        out.add(Figure.of("step.p999", "step p99.9, " + on, r.step.getValueAtPercentile(99.9), "ns")
                .against("timer.p999").goal("<= 10000"));
        out.add(Figure.of("timer.max", "timer + tick read alone, max", r.baseline.getMaxValue(), "ns"));
        out.add(Figure.of("step.max", "step max, " + on, r.step.getMaxValue(), "ns").against("timer.max")
                .goal("<= 1000000"));
        out.add(Figure.of("quiet.p999", "p99.9 of quiet ticks (no decision, no order), audit on",
                r.quietStep.getValueAtPercentile(99.9), "ns"));
        out.add(Figure.of("decision.p99", "p99 of ticks with a decision and no order, audit on",
                r.decisionStep.getValueAtPercentile(99), "ns"));
        out.add(Figure.of("order.p50", "p50 of ticks with an order report or broker event (write-ahead wait), audit on",
                r.orderStep.getValueAtPercentile(50), "ns"));
        out.add(Figure.of("order.p99", "p99 of ticks with an order report or broker event, audit on",
                r.orderStep.getValueAtPercentile(99), "ns"));
        out.add(Figure.of("rate.decisions", "decisions per second of the measured run", r.perSecond(r.counters.decisions()),
                "1/s"));
        out.add(Figure.of("rate.orders", "orders sent per second of the measured run",
                r.perSecond(r.counters.ordersSent()), "1/s"));
        out.add(Figure.of("rate.fills", "orders filled per second of the measured run",
                r.perSecond(r.counters.ordersFilled()), "1/s"));
        out.add(Figure.of("rate.closes", "trades closed per second of the measured run", r.perSecond(r.closes), "1/s"));
        out.add(Figure.of("orders.per1m", "orders sent per million ticks (the regime's rate, whatever the speed)",
                r.counters.ordersSent() * 1e6 / (r.ticks + r.warm), "orders"));
        out.add(Figure.of("killswitch.engaged", "kill switch engagements over warm-up and the measured ticks",
                r.engagements, "times").goal("<= 0"));
        out.add(Figure.of("alloc.quiet", "bytes allocated on all quiet ticks together (no decision, no order), "
                + r.quietTicks + " ticks", r.quietBytes, "B"));
        out.add(Figure.of("alloc.decision", "bytes allocated per decision on ticks with no order (incl. blocked intents)",
                r.bytesPerDecision(), "B/decision"));
        out.add(Figure.of("alloc.order", "bytes allocated per order report or broker event on ticks with one",
                r.bytesPerOrder(), "B/order"));
        out.add(Figure.of("gc.main", "collections during the measured ticks", r.gcCount, "collections"));
        out.add(Figure.of("gcpause.main", "stop-the-world pause time during the measured ticks", r.gcPauseMillis, "ms"));

        PipelineRun.Result off = PipelineRun.latency(PipelineFixture.Regime.NORMAL, warm, tailTicks, null);
        ctx.log().println("  tail, normal regime, audit off: " + off.summary());
        requireNormal(off, "run without the audit", !ctx.smoke());
        out.addAll(PipelineTailMain.tail("noaudit", "same JVM, audit off (AuditSink.noop), normal regime", off));

        out.addAll(forks(ctx, warm, tailTicks));

        double[] halted = PipelineRun.cost(PipelineFixture.Regime.HALTED, warm, costTicks, null);
        ctx.log().printf("  cost, HALTED regime: step %.1f ns/tick CPU (%.1f wall), bare loop %.1f CPU%n", halted[0],
                halted[2], halted[1]);
        out.add(Figure.of("halted.loop", "HALTED regime (default limits, kill switch engaged early): bare loop, CPU time",
                halted[1], "ns/tick"));
        out.add(Figure.of("halted.step", "HALTED regime (default limits, kill switch engaged early): step per tick, CPU "
                + "time", halted[0], "ns/tick").against("halted.loop"));
        out.add(Figure.of("halted.own", "HALTED regime: own cost per tick (step - bare loop, CPU time)",
                Math.max(0, halted[0] - halted[1]), "ns/tick"));
        return out;
    }

    /** The GC comparison: one fork per collector, each a full tail run with the audit on. */
    private static List<Figure> forks(BenchContext ctx, long warm, long ticks) throws Exception {
        String n = Long.toString(ticks);
        String w = Long.toString(warm);
        if (ctx.smoke()) { // one tiny fork proves the child main still runs
            return ctx.fork(null, RECOMMENDED, PipelineTailMain.class,
                    List.of("fork", "20000", "5000", ctx.workDir().resolve("audit-fork").toString()), 60);
        }
        List<Figure> out = new ArrayList<>();
        out.addAll(ctx.fork(null, G1, PipelineTailMain.class,
                List.of("g1", n, w, ctx.workDir().resolve("audit-g1").toString()), 150));
        out.addAll(ctx.fork(null, ZGC, PipelineTailMain.class,
                List.of("zgc17", n, w, ctx.workDir().resolve("audit-zgc17").toString()), 150));
        Path jdk25 = BenchContext.jdk25();
        if (jdk25 != null) { // generational ZGC is the only ZGC on 24+ (-XX:+ZGenerational is ignored there)
            out.addAll(ctx.fork(jdk25, ZGC, PipelineTailMain.class,
                    List.of("zgc25", n, w, ctx.workDir().resolve("audit-zgc25").toString()), 150));
        } else {
            ctx.log().println("  no JDK 25 under /usr/lib/jvm: the generational ZGC figures are left out");
        }
        return out;
    }

    /**
     * @param r     a run in the normal regime
     * @param which which run, for the message
     * @param expectOrders whether the run was long enough that it must have sent orders
     * @throws IllegalStateException when its kill switch engaged: the figures would measure a halt
     */
    static void requireNormal(PipelineRun.Result r, String which, boolean expectOrders) {
        if (r.engagements > 0 || r.haltedAtEnd || r.counters.blockedByKillSwitch() > 0 || (expectOrders && r.counters.ordersSent() == 0)) {
            throw new IllegalStateException(which + " left the normal regime: kill switch engaged " + r.engagements
                    + " times, " + r.counters.blockedByKillSwitch() + " intents blocked by it, " + r.counters.ordersSent()
                    + " orders sent");
        }
    }
}
