package io.aria.examples.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The forked JVM of the {@code pipeline} part's GC comparison: one {@link PipelineRun#latency} run in
 * the normal regime with the JSONL audit on (or off), its tail emitted as figures whose ids start with the
 * given prefix. Also runnable alone:
 * {@code java -XX:+UseZGC -cp aria-examples/target/aria-examples.jar io.aria.examples.bench.PipelineTailMain zgc17 10000000 2000000 /tmp/audit}
 */
public final class PipelineTailMain {

    private PipelineTailMain() {
    }

    /**
     * @param args id prefix, measured ticks, warm-up ticks, audit folder ({@code -} for no audit)
     * @throws Exception when the run fails
     */
    public static void main(String[] args) throws Exception {
        String prefix = args[0];
        long measured = Long.parseLong(args[1]);
        long warm = Long.parseLong(args[2]);
        Path dir = args[3].equals("-") ? null : Path.of(args[3]);
        PipelineRun.Result r = PipelineRun.latency(PipelineFixture.Regime.NORMAL, warm, measured, dir);
        System.out.println(prefix + ": " + System.getProperty("java.version") + " " + gcNames() + ": " + r.summary());
        PipelinePart.requireNormal(r, prefix, measured >= 1_000_000);
        String label = prefix + " (" + System.getProperty("java.version") + ", " + gcNames() + ", audit "
                + (dir == null ? "off" : "on") + ", normal regime)";
        for (Figure f : tail(prefix, label, r)) {
            BenchContext.emit(f);
        }
    }

    /**
     * @param prefix id prefix
     * @param label  what ran, for people
     * @param r      the run
     * @return p99.9 and max (with their goals) and the GC count
     */
    static List<Figure> tail(String prefix, String label, PipelineRun.Result r) {
        List<Figure> out = new ArrayList<>();
        out.add(Figure.of(prefix + ".p99", label + ": step p99", r.step.getValueAtPercentile(99), "ns").goal("<= 1000"));
        out.add(Figure.of(prefix + ".p999", label + ": step p99.9", r.step.getValueAtPercentile(99.9), "ns")
                .goal("<= 10000"));
        out.add(Figure.of(prefix + ".max", label + ": step max", r.step.getMaxValue(), "ns").goal("<= 1000000"));
        out.add(Figure.of(prefix + ".quiet.p999", label + ": p99.9 of quiet ticks (no decision, no order)",
                r.quietStep.getValueAtPercentile(99.9), "ns"));
        out.add(Figure.of(prefix + ".order.p50", label + ": p50 of ticks with an order (write-ahead audit wait)",
                r.orderStep.getValueAtPercentile(50), "ns"));
        out.add(Figure.of(prefix + ".gc", label + ": collections during the measured ticks", r.gcCount, "collections"));
        out.add(Figure.of(prefix + ".gcpause", label + ": stop-the-world pause time during the measured ticks",
                r.gcPauseMillis, "ms"));
        return out;
    }

    static String gcNames() {
        List<String> names = new ArrayList<>();
        for (var b : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            names.add(b.getName());
        }
        return String.join("+", names);
    }
}
