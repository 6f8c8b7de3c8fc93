package io.aria.examples.bench;

import java.nio.file.Files;
import java.util.List;

/** A bench part for the tests: figures that vary by run (counted in a file), one failing mode. */
public final class EchoPart implements BenchPart {

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public String description() {
        return "Test figures: a value at twice its baseline.";
    }

    @Override
    public List<String> jvmArgs() {
        return List.of("-Xmx64m", "-Daria.echo.counter=" + System.getProperty("aria.echo.counter", ""));
    }

    @Override
    public List<Figure> run(BenchContext ctx) throws Exception {
        if (!Files.isDirectory(ctx.workDir())) {
            throw new IllegalStateException("no scratch folder");
        }
        String counter = System.getProperty("aria.echo.counter", "");
        int run = 1;
        if (!counter.isEmpty()) {
            java.nio.file.Path c = java.nio.file.Path.of(counter);
            run = Files.exists(c) ? Integer.parseInt(Files.readString(c).trim()) + 1 : 1;
            Files.writeString(c, Integer.toString(run));
        }
        if (System.getenv("ARIA_ECHO_FAIL") != null) {
            throw new IllegalStateException("asked to fail");
        }
        double base = ctx.smoke() ? 1 : 10 * run; // runs 1, 2, 3: baseline 10, 20, 30
        return List.of(Figure.of("base", "the baseline", base, "ns"),
                Figure.of("aria", "the thing | measured", 2 * base + run, "ns").against("base").goal("<= 2.5x"),
                Figure.of("rate", "a rate", 1_000_000.0 * run, "records/s").goal(">= 2,500,000"));
    }
}
