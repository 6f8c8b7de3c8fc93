package io.aria.examples.bench;

import java.util.List;

/**
 * One part of the {@code bench} suite. Each run of a part happens in a fresh JVM started with
 * {@link #jvmArgs()}, so runs are independent and one part's garbage or JIT state never reaches
 * another's figures.
 */
public interface BenchPart {

    /** @return the part's name on the command line, e.g. {@code "indicators"} */
    String name();

    /** @return one sentence: what is measured against what */
    String description();

    /** @return the JVM options of the child that runs the part (heap, GC) */
    default List<String> jvmArgs() {
        return List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC");
    }

    /**
     * Measures; runs in the child JVM.
     *
     * @param ctx smoke flag, scratch folder, log, and forking of further JVMs
     * @return the figures, baselines beside what they are the baseline of
     * @throws Exception when the part cannot be measured
     */
    List<Figure> run(BenchContext ctx) throws Exception;
}
