package io.aria.examples.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code aria bench}: the performance suite in one go (or the parts named), each part run in its
 * own JVM {@code --runs} times; prints a table of medians and spreads beside the baselines of the
 * same runs, writes the JSON, and regenerates the generated block of {@code docs/PERFORMANCE.md}
 * when asked.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run the performance suite (or the named parts), each figure beside its baseline from the same "
                + "run; write JSON and a table, and regenerate docs/PERFORMANCE.md's figures.")
public final class BenchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--part", split = ",", paramLabel = "<name>",
            description = "Only these parts (see --list). Default: all.")
    List<String> partNames = new ArrayList<>();

    @Option(names = "--runs", paramLabel = "<n>", description = "Runs of each part, each in a fresh JVM; "
            + "figures are medians. Default: 3 (1 with --smoke).")
    Integer runs;

    @Option(names = "--smoke", description = "A few seconds per part: proves the suite runs, the figures mean nothing.")
    boolean smoke;

    @Option(names = "--out", paramLabel = "<file>", description = "Where the JSON goes. Default: ${DEFAULT-VALUE}.")
    Path out = Path.of("bench.json");

    @Option(names = "--docs", paramLabel = "<file>", description = "Regenerate the figures block of this markdown "
            + "file (docs/PERFORMANCE.md) from the results.")
    Path docs;

    @Option(names = "--render", paramLabel = "<file>", description = "Run nothing: print and render (--docs) the "
            + "results of an earlier run from its JSON.")
    Path render;

    @Option(names = "--list", description = "List the parts and exit.")
    boolean list;

    @Option(names = "--timeout", paramLabel = "<seconds>", description = "Longest run of one part. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds = 1800;

    @Override
    public Integer call() throws Exception {
        PrintStream console = System.out;
        if (list) {
            for (BenchPart p : BenchParts.all()) {
                console.printf(Locale.ROOT, "%-12s %s%n", p.name(), p.description());
            }
            return 0;
        }
        if (render != null) {
            JsonNode report = BenchReport.read(render);
            BenchReport.printTable(report, console);
            if (docs != null) {
                BenchReport.render(report, docs);
                console.println("regenerated " + docs);
            }
            return 0;
        }
        int n = runs != null ? runs : smoke ? 1 : 3;
        if (n < 1 || n > 50) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--runs must be between 1 and 50, was " + n);
        }
        if (timeoutSeconds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--timeout must be at least 1 second, was " + timeoutSeconds);
        }
        List<BenchPart> parts = new ArrayList<>();
        if (partNames.isEmpty()) {
            parts.addAll(BenchParts.all());
        } else {
            for (String name : partNames) {
                try {
                    parts.add(BenchParts.find(name.trim()));
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--part: " + e.getMessage());
                }
            }
        }
        String command = "aria bench" + (partNames.isEmpty() ? "" : " --part " + String.join(",", partNames))
                + " --runs " + n + (smoke ? " --smoke" : "");
        BenchReport report = new BenchReport(command, smoke, n);
        BenchContext parent = new BenchContext(smoke, null, console);
        for (int r = 1; r <= n; r++) {
            for (BenchPart p : parts) {
                console.printf(Locale.ROOT, "run %d/%d: %s ...%n", r, n, p.name());
                long t0 = System.nanoTime();
                List<Figure> figures = parent.fork(null, p.jvmArgs(), BenchPartMain.class,
                        smoke ? List.of(BenchParts.key(p), "smoke") : List.of(BenchParts.key(p)), timeoutSeconds);
                double secs = (System.nanoTime() - t0) / 1e9;
                if (figures.isEmpty()) {
                    throw new IllegalStateException("bench part " + p.name() + " measured nothing");
                }
                report.add(p, figures, secs);
                console.printf(Locale.ROOT, "run %d/%d: %s done in %.1f s, %d figures%n", r, n, p.name(), secs,
                        figures.size());
            }
        }
        report.finish();
        report.write(out);
        JsonNode json = BenchReport.read(out);
        console.println();
        BenchReport.printTable(json, console);
        console.println();
        console.println("wrote " + out);
        if (docs != null) {
            BenchReport.render(json, docs);
            console.println("regenerated " + docs);
        }
        return 0;
    }
}
