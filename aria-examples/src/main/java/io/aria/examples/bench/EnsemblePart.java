package io.aria.examples.bench;

import io.aria.examples.bench.JmhRun.Score;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code ensemble} part: {@link EnsembleBenchmark} (JMH, in the part's JVM, GC profiler on):
 * the default {@code WeightedEnsemble}'s cost per tick over the 21 catalog symbols, each beside its
 * floor from the same run: a tick inside the open bar against reading a pre-built tick, and a
 * stream with bar closes and decisions against generating the same ticks.
 *
 * <p>A record without components, so every instance equals the one {@link BenchParts#find} makes.
 */
public record EnsemblePart() implements BenchPart {

    @Override
    public String name() {
        return "ensemble";
    }

    @Override
    public String description() {
        return "The ensemble per tick (21 symbols): a tick that closes no bar, and a stream with bar closes and"
                + " decisions, each against its floor (the same ticks without the ensemble).";
    }

    @Override
    public List<String> jvmArgs() {
        return List.of("-Xms256m", "-Xmx256m", "-XX:+UseG1GC");
    }

    @Override
    public List<Figure> run(BenchContext ctx) throws Exception {
        Map<String, Score> s = JmhRun.run(ctx, EnsembleBenchmark.class, 2, 3, 1);
        Score floor = JmhRun.of(s, "baseline");
        Score quiet = JmhRun.of(s, "noBarClose");
        Score genFloor = JmhRun.of(s, "baselineGenerated");
        Score stream = JmhRun.of(s, "streamWithBarCloses");
        List<Figure> out = new ArrayList<>();
        out.add(Figure.of("floor", "read a pre-built tick and its mid price (floor)", floor.score(), "ns/tick"));
        out.add(Figure.of("no.bar.close", "onTick, every tick inside the open bar (decides nothing)", quiet.score(),
                "ns/tick").against("floor"));
        out.add(Figure.of("no.bar.close.alloc", "onTick inside the open bar, allocation", quiet.allocatedPerOp(),
                "B/tick").goal("<= 1"));
        out.add(Figure.of("generated.floor", "generate a tick with advancing time (floor, its own allocation)",
                genFloor.score(), "ns/tick"));
        out.add(Figure.of("stream", "onTick on generated ticks 100 ms apart: bar closes and decisions",
                stream.score(), "ns/tick").against("generated.floor"));
        out.add(Figure.of("generated.floor.alloc", "generate a tick, allocation", genFloor.allocatedPerOp(), "B/tick"));
        out.add(Figure.of("stream.alloc", "stream with bar closes, allocation (the tick's own included)",
                stream.allocatedPerOp(), "B/tick").against("generated.floor.alloc"));
        return out;
    }
}
