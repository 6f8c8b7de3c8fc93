package io.aria.examples.bench;

import io.aria.core.Tick;
import io.aria.core.spi.AuditSink;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of the whole decision path on one thread: tick, validation, ensemble, sizing, risk,
 * paper order, for 21 symbols. {@code baseline} generates the same ticks and does nothing else,
 * so {@code pipeline - baseline} is the pipeline's own cost. {@code regime} is {@code NORMAL} (the
 * pipeline keeps trading, see {@link PipelineFixture}) or {@code HALTED} (the default limits: the kill
 * switch halts the day early).
 *
 * <p>Run: {@code java -cp aria-examples/target/aria-examples.jar org.openjdk.jmh.Main PipelineBenchmark -prof gc}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PipelineBenchmark {

    /** A fresh pipeline per trial, warmed by the benchmark's own warm-up iterations. */
    @State(Scope.Thread)
    public static class Pipeline {
        PipelineFixture fixture;

        /** The limits the pipeline trades under. */
        @Param({"NORMAL", "HALTED"})
        public String regime;

        @Setup(Level.Trial)
        public void setUp() {
            fixture = new PipelineFixture(42, AuditSink.noop(), PipelineFixture.Regime.valueOf(regime));
        }
    }

    /** The same tick generator alone. */
    @State(Scope.Thread)
    public static class Ticks {
        PipelineFixture fixture;

        @Setup(Level.Trial)
        public void setUp() {
            fixture = new PipelineFixture(42, AuditSink.noop());
        }
    }

    /**
     * @param s the generator
     * @return the tick, consumed by JMH
     */
    @Benchmark
    public Tick baseline(Ticks s) {
        return s.fixture.next();
    }

    /**
     * @param s  the pipeline
     * @param bh consumes the decision counter
     */
    @Benchmark
    public void pipeline(Pipeline s, Blackhole bh) {
        s.fixture.pipeline.step(s.fixture.next());
        bh.consume(s.fixture.counter.decisions);
    }
}
