package io.aria.examples.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.ModelVote;
import io.aria.core.OrderIntent;
import io.aria.core.OrderRequest;
import io.aria.core.Regime;
import io.aria.core.Side;
import io.aria.core.Verdict;
import io.aria.core.audit.AuditRecord;
import io.aria.core.audit.JsonlAuditSink;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Records per second into {@link JsonlAuditSink}, end to end: each invocation hands
 * {@value #BATCH} records to the sink from the benchmark thread and then calls {@code flush()},
 * so the figure includes encoding and writing on the sink's own thread, not only the hand-off.
 *
 * <ul>
 * <li>{@code sinkDecisions}: decision-log records (a decision with 3 model votes and 4
 * indicators), the bulk of the trail.</li>
 * <li>{@code sinkMixed}: 9 decisions to 1 execution record (order submitted or completed, with
 * intent, verdict, request or report), alternating between the two daily files.</li>
 * <li>{@code baselineBufferedWriter}: the same lines, encoded beforehand, written by one thread
 * through a plain {@link BufferedWriter} and flushed: the floor of "just getting the bytes out".</li>
 * <li>{@code baselineDatabindBufferedWriter}: the naive synchronous way, on the caller's thread:
 * {@code ObjectMapper.writeValueAsString} of each record (same records as {@code sinkMixed})
 * into a {@link BufferedWriter}, flushed.</li>
 * </ul>
 * Files go to a temporary folder that is deleted after each iteration.
 *
 * <p>Run: {@code java -cp <classpath> io.aria.examples.bench.AuditBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@State(Scope.Thread)
public class AuditBenchmark {

    static final int BATCH = 10_000;
    // plain databind with the settings the audit's own mapper uses for writing (java.time as text)
    static final ObjectMapper MAPPER = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    static final long T0 = 1_710_408_413_589L; // 2024-03-14T09:26:53.589Z

    private AuditRecord[] decisions;
    private AuditRecord[] mixed;
    private String[] mixedLines;
    private Path dir;
    private JsonlAuditSink sink;

    @Setup(Level.Trial)
    public void records() throws IOException {
        decisions = new AuditRecord[BATCH];
        mixed = new AuditRecord[BATCH];
        for (int i = 0; i < BATCH; i++) {
            long t = T0 + i;
            decisions[i] = decisionLogged(t, i);
            mixed[i] = i % 10 != 9 ? decisionLogged(t, i) : executionRecord(t, i);
        }
        // the baseline writes the very lines the sink writes (read back from a sink run)
        Path tmp = Files.createTempDirectory("aria-audit-bench-lines");
        try (JsonlAuditSink s = JsonlAuditSink.builder(tmp).build()) {
            for (AuditRecord r : mixed) {
                s.record(r);
            }
        }
        List<String> dec = Files.readAllLines(JsonlAuditSink.decisionFile(tmp, LocalDate.of(2024, 3, 14)));
        List<String> exe = Files.readAllLines(JsonlAuditSink.executionFile(tmp, LocalDate.of(2024, 3, 14)));
        mixedLines = new String[BATCH];
        int d = 0;
        int e = 0;
        for (int i = 0; i < BATCH; i++) {
            mixedLines[i] = mixed[i].isDecisionLog() ? dec.get(d++) : exe.get(e++);
        }
        delete(tmp);
    }

    @Setup(Level.Iteration)
    public void open() throws IOException {
        dir = Files.createTempDirectory("aria-audit-bench");
        sink = JsonlAuditSink.builder(dir).build();
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException {
        sink.close();
        delete(dir);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long sinkDecisions() {
        for (AuditRecord r : decisions) {
            sink.record(r);
        }
        sink.flush();
        return sink.stats().bytesWritten();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long sinkMixed() {
        for (AuditRecord r : mixed) {
            sink.record(r);
        }
        sink.flush();
        return sink.stats().bytesWritten();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long baselineBufferedWriter() throws IOException {
        return writeLines("baseline.jsonl", i -> mixedLines[i]);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long baselineDatabindBufferedWriter() throws IOException {
        return writeLines("baseline-databind.jsonl", i -> MAPPER.writeValueAsString(mixed[i]));
    }

    /** Produces line i of a batch. */
    @FunctionalInterface
    interface Line {
        String get(int i) throws IOException;
    }

    private long writeLines(String name, Line lines) throws IOException {
        long n = 0;
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(name), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (int i = 0; i < BATCH; i++) {
                String line = lines.get(i);
                w.write(line);
                w.write('\n');
                n += line.length() + 1;
            }
            w.flush();
        }
        return n;
    }

    static AuditRecord decisionLogged(long t, int i) {
        double score = (i % 200 - 100) / 100.0;
        Decision d = new Decision("EURUSD", t, score >= 0 ? Direction.LONG : Direction.SHORT, Math.abs(score), score,
                Regime.TREND,
                List.of(new ModelVote("momentum", score, 0.8, 1.2, 0.5), new ModelVote("breakout", score / 2, 0.6, 0.8, 0.3),
                        new ModelVote("mean_reversion", -score / 3, 0.4, 0.5, 0.2)),
                Map.of("rsi", 55.5 + i % 10, "atr", 0.00123, "adx", 25.0, "ema_fast", 1.08512));
        return new AuditRecord.DecisionLogged(t, d, i % 50 == 0);
    }

    static AuditRecord executionRecord(long t, int i) {
        Decision d = ((AuditRecord.DecisionLogged) decisionLogged(t, 150)).decision();
        OrderIntent intent = new OrderIntent("EURUSD", Side.BUY, 0.37, 1.08512, 1.0821, 1.0911, false, d,
                "risk 1% of 10000 EUR");
        String id = "aria-" + i;
        if (i % 20 == 9) {
            OrderRequest req = new OrderRequest(id, "EURUSD", Side.BUY, 0.37, 1.08512, 1.0821, 1.0911, 10, 7, id, 0);
            return new AuditRecord.OrderSubmitted(t, req, intent, Verdict.approve());
        }
        ExecutionReport rep = new ExecutionReport(id, "EURUSD", Side.BUY, ExecutionStatus.FILLED, i, i, i, 0.37, 0.37,
                1.08512, 1.08514, 0.00002, 85_000, 10009, "done", t);
        return new AuditRecord.OrderCompleted(t, rep, intent);
    }

    static void delete(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /**
     * Runs this benchmark with its annotations' settings.
     *
     * @param args ignored
     * @throws RunnerException when JMH fails
     */
    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(AuditBenchmark.class.getSimpleName()).build()).run();
    }

}
