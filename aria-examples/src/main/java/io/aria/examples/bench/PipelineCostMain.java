package io.aria.examples.bench;

import java.util.Locale;

/**
 * The {@code pipeline} part's cost loop alone ({@link PipelineRun#cost}, audit off), repeated in one
 * JVM, for profiling it or comparing two builds in the same session:
 * {@code java -cp aria-examples/target/aria-examples.jar io.aria.examples.bench.PipelineCostMain 1000000 4000000 NORMAL 2}
 * (warm-up ticks, measured ticks, regime, repetitions; later repetitions are the warm ones).
 */
public final class PipelineCostMain {

    private PipelineCostMain() {
    }

    /**
     * @param args warm-up ticks, measured ticks, optionally the regime (NORMAL or HALTED) and repetitions
     * @throws Exception when a run fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.out.println("usage: PipelineCostMain <warm-up ticks> <measured ticks> [NORMAL|HALTED] [repetitions]");
            System.exit(2);
        }
        long warm = Long.parseLong(args[0]);
        long measured = Long.parseLong(args[1]);
        PipelineFixture.Regime regime = PipelineFixture.Regime.valueOf(args.length > 2 ? args[2] : "NORMAL");
        int reps = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        for (int k = 0; k < reps; k++) {
            double[] c = PipelineRun.cost(regime, warm, measured, null);
            System.out.printf(Locale.ROOT, "cost %s run %d: step %.1f ns, bare loop %.1f ns, own %.1f ns a tick (thread CPU)%n",
                    regime, k + 1, c[0], c[1], c[0] - c[1]);
        }
    }
}
