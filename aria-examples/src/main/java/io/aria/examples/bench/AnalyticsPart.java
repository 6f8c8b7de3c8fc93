package io.aria.examples.bench;

import io.aria.examples.bench.JmhRun.Score;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code analytics} part: {@link AnalyticsBenchmark} (JMH, in the part's JVM, GC profiler on):
 * what the hedge-fund analytics cost the event loop per call (a quiet tick, a fill, a fill that
 * closes a trade) beside the floor of picking the next pre-built input, in the same run.
 *
 * <p>A record without components, so every instance equals the one {@link BenchParts#find} makes.
 */
public record AnalyticsPart() implements BenchPart {

    @Override
    public String name() {
        return "analytics";
    }

    @Override
    public String description() {
        return "The hedge-fund analytics per call on the event loop (quiet tick, fill, fill that closes a trade)"
                + " against the floor of handing over the input.";
    }

    @Override
    public List<String> jvmArgs() {
        return List.of("-Xms256m", "-Xmx256m", "-XX:+UseG1GC");
    }

    @Override
    public List<Figure> run(BenchContext ctx) throws Exception {
        Map<String, Score> s = JmhRun.run(ctx, AnalyticsBenchmark.class, 2, 3, 1);
        Score floor = JmhRun.of(s, "baseline");
        Score tick = JmhRun.of(s, "quietTick");
        Score fill = JmhRun.of(s, "fill");
        Score close = JmhRun.of(s, "fillThatClosesATrade");
        List<Figure> out = new ArrayList<>();
        out.add(Figure.of("floor", "pick the next pre-built report (floor)", floor.score(), "ns/call"));
        out.add(Figure.of("quiet.tick", "onTick (latest quote for conversion and the benchmark)", tick.score(),
                "ns/call").against("floor"));
        out.add(Figure.of("fill", "onExecution of a fill", fill.score(), "ns/call").against("floor"));
        out.add(Figure.of("fill.close", "a fill and the trade it closes (trade figures, attribution, listed trade)",
                close.score(), "ns/call").against("floor"));
        out.add(Figure.of("quiet.tick.alloc", "onTick, allocation", tick.allocatedPerOp(), "B/call").goal("<= 1"));
        out.add(Figure.of("fill.alloc", "a fill, allocation", fill.allocatedPerOp(), "B/call"));
        out.add(Figure.of("fill.close.alloc", "a fill that closes a trade, allocation", close.allocatedPerOp(),
                "B/call"));
        return out;
    }
}
