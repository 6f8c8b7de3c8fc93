package io.aria.examples.bench;

import io.aria.examples.bench.ApiLoadBench.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code api} part: {@link ApiLoadBench}, the paper pipeline (21 symbols, a fixed seed, so every
 * run trades the same) at full speed while HTTP clients poll the control API and read its event
 * stream, beside runs without clients in the same JVM: no clients, clients pausing between
 * requests, clients flat out, no clients again. Figures: ticks per second of wall time and per CPU
 * second of the loop thread (its own cost, whatever its share of the cores), requests answered and
 * errors, and whether the fills were the same in all four runs.
 *
 * <p>A record without components, so every instance equals the one {@link BenchParts#find} makes.
 */
public record ApiPart() implements BenchPart {

    @Override
    public String name() {
        return "api";
    }

    @Override
    public String description() {
        return "The control API under load: the paper pipeline's ticks/s while 50 HTTP clients poll it and 5 read"
                + " its event stream, against the same run without clients.";
    }

    @Override
    public List<String> jvmArgs() {
        return List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error");
    }

    @Override
    public List<Figure> run(BenchContext ctx) throws Exception {
        int clients = (int) ctx.scale(50, 3);
        int streams = (int) ctx.scale(5, 1);
        long pause = ctx.scale(1000, 50);
        Duration session = ctx.smoke() ? Duration.ofMinutes(10) : Duration.ofHours(4);
        if (!ctx.smoke()) {
            for (long seed = 1; seed <= 2; seed++) { // warm-up: other seeds, the same length (the JIT settles)
                ApiLoadBench.run(0, 0, session, seed);
            }
        }
        long t0 = System.nanoTime();
        Result quiet = ApiLoadBench.run(0, 0, session, 42);
        ctx.log().printf(Locale.ROOT, "  runs done at %.1f s%n", (System.nanoTime() - t0) / 1e9);
        Result paced = ApiLoadBench.run(clients, streams, session, 42, pause);
        ctx.log().printf(Locale.ROOT, "  runs done at %.1f s%n", (System.nanoTime() - t0) / 1e9);
        Result flat = ApiLoadBench.run(clients, streams, session, 42, 0);
        ctx.log().printf(Locale.ROOT, "  runs done at %.1f s%n", (System.nanoTime() - t0) / 1e9);
        Result quiet2 = ApiLoadBench.run(0, 0, session, 42);
        boolean same = quiet.fills().equals(paced.fills()) && quiet.fills().equals(flat.fills())
                && quiet.fills().equals(quiet2.fills());
        ctx.log().printf(Locale.ROOT, "  %s session, %,d ticks, %d fills, same fills in all runs: %s%n", session,
                quiet.ticks(), quiet.fills().size(), same);
        String paced1 = clients + " pollers every " + pause + " ms + " + streams + " streams";
        String flat1 = clients + " pollers flat out + " + streams + " streams";
        List<Figure> out = new ArrayList<>();
        // the baseline: the mean of the no-client runs before and after the runs with clients
        double noneWall = (quiet.ticksPerSecond() + quiet2.ticksPerSecond()) / 2;
        double noneLoop = (quiet.ticksPerCpuSecond() + quiet2.ticksPerCpuSecond()) / 2;
        out.add(Figure.of("none.wall", "no clients (mean of the runs before and after): ticks/s of wall time",
                noneWall, "ticks/s"));
        out.add(Figure.of("paced.wall", paced1 + ": ticks/s of wall time", paced.ticksPerSecond(), "ticks/s")
                .against("none.wall"));
        out.add(Figure.of("flat.wall", flat1 + ": ticks/s of wall time", flat.ticksPerSecond(), "ticks/s")
                .against("none.wall"));
        out.add(Figure.of("none.before.wall", "no clients, first run: ticks/s of wall time", quiet.ticksPerSecond(),
                "ticks/s"));
        out.add(Figure.of("none.after.wall", "no clients, last run: ticks/s of wall time", quiet2.ticksPerSecond(),
                "ticks/s"));
        out.add(Figure.of("none.loop", "no clients (mean of before and after): ticks per loop-thread CPU second",
                noneLoop, "ticks/s"));
        out.add(Figure.of("paced.loop", paced1 + ": ticks per loop-thread CPU second", paced.ticksPerCpuSecond(),
                "ticks/s").against("none.loop"));
        out.add(Figure.of("flat.loop", flat1 + ": ticks per loop-thread CPU second", flat.ticksPerCpuSecond(),
                "ticks/s").against("none.loop"));
        out.add(Figure.of("paced.requests", paced1 + ": requests answered", paced.requests() / paced.seconds(),
                "requests/s"));
        out.add(Figure.of("flat.requests", flat1 + ": requests answered", flat.requests() / flat.seconds(),
                "requests/s"));
        out.add(Figure.of("errors", "requests not answered 200, both runs with clients",
                paced.errors() + flat.errors(), "requests").goal("<= 0"));
        out.add(Figure.of("same.fills", "the same fills with and without clients (1 = yes)", same ? 1 : 0, "bool")
                .goal(">= 1"));
        return out;
    }
}
