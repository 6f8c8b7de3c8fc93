package io.aria.examples.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The {@code strategy} part's two runs alone, ta4j then ARIA's whole backtest on the same bars, repeated
 * in one JVM, for profiling ARIA's side or comparing two builds in the same session:
 * {@code java -Xms3g -Xmx3g -cp aria-examples/target/aria-examples.jar io.aria.examples.bench.StrategyWallMain 91 3}
 * (days, repetitions; the first is the cold one). The audit goes to a temporary folder.
 */
public final class StrategyWallMain {

    private StrategyWallMain() {
    }

    /**
     * @param args days of minute bars (21 symbols), repetitions
     * @throws Exception when a run fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.out.println("usage: StrategyWallMain <days> <repetitions>");
            System.exit(2);
        }
        int days = Integer.parseInt(args[0]);
        int reps = Integer.parseInt(args[1]);
        CrossData data = CrossData.synthetic(21, days, 1, StrategyPart.SEED);
        Path dir = Files.createTempDirectory("aria-strategy-wall");
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            CrossRuns.ta4j(data);
            long t1 = System.nanoTime();
            CrossRuns.aria(data, Files.createDirectories(dir.resolve("audit-" + r)));
            long t2 = System.nanoTime();
            System.out.printf(Locale.ROOT, "strategy run %d: ta4j %.3f s, ARIA pipeline %.3f s, ratio %.2f%n", r + 1,
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t2 - t1) / (double) (t1 - t0));
        }
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
