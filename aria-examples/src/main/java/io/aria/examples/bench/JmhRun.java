package io.aria.examples.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs one JMH benchmark class inside the part's JVM (no fork: the part's run is a fresh JVM
 * already, with the part's options) with the GC profiler, and gives each method's score and bytes
 * allocated per operation.
 */
final class JmhRun {

    /** One benchmark method's figures. */
    record Score(double score, String unit, double allocatedPerOp) {
    }

    private JmhRun() {
    }

    /**
     * @param ctx       smoke or full
     * @param benchmark the JMH benchmark class
     * @param warmups   warm-up iterations of a full run
     * @param measures  measured iterations of a full run
     * @param seconds   length of one iteration of a full run
     * @return method name to its figures, in the order JMH ran them
     * @throws RunnerException when JMH fails
     */
    static Map<String, Score> run(BenchContext ctx, Class<?> benchmark, int warmups, int measures, int seconds)
            throws RunnerException {
        OptionsBuilder o = new OptionsBuilder();
        o.include("^" + benchmark.getName().replace(".", "\\.") + "\\.").forks(0).shouldFailOnError(true)
                .addProfiler("gc").verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT);
        if (ctx.smoke()) {
            o.warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(100));
        } else {
            o.warmupIterations(warmups).warmupTime(TimeValue.seconds(seconds)).measurementIterations(measures)
                    .measurementTime(TimeValue.seconds(seconds));
        }
        Collection<RunResult> results = new Runner(o.build()).run();
        Map<String, Score> out = new LinkedHashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            Result<?> p = r.getPrimaryResult();
            double alloc = Double.NaN;
            for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
                if (e.getKey().endsWith("alloc.rate.norm")) {
                    alloc = e.getValue().getScore();
                }
            }
            out.put(name, new Score(p.getScore(), p.getScoreUnit(), alloc));
            ctx.log().printf(java.util.Locale.ROOT, "  %s: %.3f %s, %.3f B/op%n", name, p.getScore(), p.getScoreUnit(),
                    alloc);
        }
        return out;
    }

    /**
     * @param scores the run's figures
     * @param method a benchmark method
     * @return its figures
     * @throws IllegalStateException when JMH did not run it
     */
    static Score of(Map<String, Score> scores, String method) {
        Score s = scores.get(method);
        if (s == null) {
            throw new IllegalStateException("JMH did not run " + method + "; it ran " + scores.keySet());
        }
        return s;
    }
}
