package io.aria.core.audit;

import static io.aria.core.audit.AuditFixtures.T0;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.Regime;
import io.aria.core.Verdict;
import io.aria.core.audit.JsonlAuditSink.FlushPolicy;
import io.aria.core.audit.JsonlAuditSink.SyncPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("JsonlAuditSink")
@Timeout(60)
class JsonlAuditSinkTest {

    @TempDir
    Path base;

    private final List<JsonlAuditSink> opened = new ArrayList<>();

    @AfterEach
    void closeSinks() {
        opened.forEach(JsonlAuditSink::close);
    }

    private JsonlAuditSink sink(JsonlAuditSink.Builder builder) {
        JsonlAuditSink sink = builder.build();
        opened.add(sink);
        return sink;
    }

    private JsonlAuditSink sink() {
        return sink(JsonlAuditSink.builder(base));
    }

    private static LocalDate day(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static List<AuditRecord> read(Path file) throws IOException {
        AuditReader.Result<AuditRecord> r = AuditReader.read(file);
        assertTrue(r.isClean(), () -> "unexpected skipped lines in " + file + ": " + r);
        return r.records();
    }

    @Nested
    @DisplayName("record format")
    class Format {

        @Test
        @DisplayName("every record type is written and read back equal, decisions and executions in their own files")
        void everyTypeRoundTrips() throws IOException {
            List<AuditRecord> all = new ArrayList<>(AuditFixtures.oneOfEach(T0));
            all.add(new AuditRecord.OrderSubmitted(T0 + 6, AuditFixtures.request(), AuditFixtures.intent(T0),
                    Verdict.approve()));
            JsonlAuditSink sink = sink();
            all.forEach(sink::record);
            sink.close();

            List<AuditRecord> decisions = all.stream().filter(AuditRecord::isDecisionLog).toList();
            List<AuditRecord> executions = all.stream().filter(r -> !r.isDecisionLog()).toList();
            assertEquals(decisions, read(JsonlAuditSink.decisionFile(base, day(T0))));
            assertEquals(executions, read(JsonlAuditSink.executionFile(base, day(T0))));
            assertEquals(6, executions.stream().map(Object::getClass).count());
        }

        @Test
        @DisplayName("each line starts with v, type and an ISO-8601 UTC ts of the record's time")
        void envelope() throws IOException {
            JsonlAuditSink sink = sink();
            AuditFixtures.oneOfEach(T0).forEach(sink::record);
            sink.record(AuditFixtures.control(Instant.parse("2024-03-14T00:00:00Z").toEpochMilli(), "midnight"));
            sink.close();

            List<JsonNode> lines = new ArrayList<>(AuditReader.readRaw(JsonlAuditSink.decisionFile(base, day(T0)))
                    .records());
            lines.addAll(AuditReader.readRaw(JsonlAuditSink.executionFile(base, day(T0))).records());
            assertEquals(List.of("decision", "order_submitted", "order_blocked", "order_completed", "trade_event",
                    "control", "control"), lines.stream().map(n -> n.get("type").asText()).toList());
            for (JsonNode line : lines) {
                Iterator<String> names = line.fieldNames();
                assertEquals(List.of("v", "type", "ts"), List.of(names.next(), names.next(), names.next()));
                assertEquals(1, line.get("v").intValue());
                String ts = line.get("ts").asText();
                assertTrue(ts.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), ts);
                assertEquals(line.get("epochMillis").longValue(), Instant.parse(ts).toEpochMilli(), ts);
            }
        }

        @Test
        @DisplayName("a verdict carries its kind so it can be read back")
        void verdictKind() throws IOException {
            JsonlAuditSink sink = sink();
            sink.record(new AuditRecord.OrderBlocked(T0, AuditFixtures.intent(T0), Verdict.reject("X", "y")));
            sink.close();
            JsonNode line = AuditReader.readRaw(JsonlAuditSink.executionFile(base, day(T0))).records().get(0);
            assertEquals("rejected", line.get("verdict").get("kind").asText());
        }

        @Test
        @DisplayName("text with a lone surrogate, which has no UTF-8 form, is escaped and read back equal")
        void loneSurrogatesRoundTrip() throws IOException {
            AuditRecord r = AuditFixtures.control(T0, "half \ud83d of a pair, then \ude00 and \ud83d\ude00 whole");
            JsonlAuditSink sink = sink();
            sink.record(r);
            sink.close();
            assertEquals(List.of(r), read(JsonlAuditSink.executionFile(base, day(T0))));
            assertEquals(0, sink.stats().encodeErrors());
        }

        @Test
        @DisplayName("non-finite indicator values are written as strings and read back")
        void nonFiniteIndicators() throws IOException {
            Decision d = new Decision("EURUSD", T0, Direction.LONG, 0.5, 0.5, Regime.TREND, List.of(),
                    Map.of("nan", Double.NaN, "inf", Double.POSITIVE_INFINITY, "ninf", Double.NEGATIVE_INFINITY,
                            "negzero", -0.0));
            AuditRecord r = new AuditRecord.DecisionLogged(T0, d, false);
            JsonlAuditSink sink = sink();
            sink.record(r);
            sink.close();
            assertEquals(List.of(r), read(JsonlAuditSink.decisionFile(base, day(T0))));
        }
    }

    @Nested
    @DisplayName("daily files")
    class Rotation {

        @Test
        @DisplayName("records at 23:59:59.999 and 00:00:00.000 UTC land in different files, for both logs")
        void midnight() throws IOException {
            long before = Instant.parse("2024-12-31T23:59:59.999Z").toEpochMilli();
            long after = before + 1;
            JsonlAuditSink sink = sink();
            sink.record(AuditFixtures.decisionLogged(before));
            sink.record(AuditFixtures.control(before, "old year"));
            sink.record(AuditFixtures.decisionLogged(after));
            sink.record(AuditFixtures.control(after, "new year"));
            sink.close();

            LocalDate d1 = LocalDate.of(2024, 12, 31);
            LocalDate d2 = LocalDate.of(2025, 1, 1);
            assertAll(
                    () -> assertEquals(List.of(AuditFixtures.decisionLogged(before)),
                            read(base.resolve("live_logs/decisions_20241231.jsonl"))),
                    () -> assertEquals(List.of(AuditFixtures.decisionLogged(after)),
                            read(JsonlAuditSink.decisionFile(base, d2))),
                    () -> assertEquals(List.of(AuditFixtures.control(before, "old year")),
                            read(base.resolve("audit_logs/execution_audit_20241231.jsonl"))),
                    () -> assertEquals(List.of(AuditFixtures.control(after, "new year")),
                            read(JsonlAuditSink.executionFile(base, d2))),
                    () -> assertEquals(d1, day(before)));
        }

        @Test
        @DisplayName("a replay of old ticks writes to the files of those days, appending when a day comes back")
        void replayWritesOldDays() throws IOException {
            long oldDay = Instant.parse("2019-06-01T12:00:00Z").toEpochMilli();
            long otherDay = Instant.parse("2019-06-02T12:00:00Z").toEpochMilli();
            JsonlAuditSink sink = sink();
            sink.record(AuditFixtures.control(oldDay, "a"));
            sink.record(AuditFixtures.control(otherDay, "b"));
            sink.record(AuditFixtures.control(oldDay + 1, "c"));
            sink.close();

            assertEquals(List.of(AuditFixtures.control(oldDay, "a"), AuditFixtures.control(oldDay + 1, "c")),
                    read(JsonlAuditSink.executionFile(base, LocalDate.of(2019, 6, 1))));
            assertEquals(List.of(AuditFixtures.control(otherDay, "b")),
                    read(JsonlAuditSink.executionFile(base, LocalDate.of(2019, 6, 2))));
        }

        @Test
        @DisplayName("a second sink appends to the day's existing file")
        void appendsAcrossRestarts() throws IOException {
            JsonlAuditSink first = sink();
            first.record(AuditFixtures.control(T0, "first run"));
            first.close();
            JsonlAuditSink second = sink();
            second.record(AuditFixtures.control(T0 + 1, "second run"));
            second.close();
            assertEquals(List.of(AuditFixtures.control(T0, "first run"), AuditFixtures.control(T0 + 1, "second run")),
                    read(JsonlAuditSink.executionFile(base, day(T0))));
        }

        @Test
        @DisplayName("a torn last line left by a crash is ended before new records are appended")
        void torn_tail_is_terminated() throws IOException {
            Path file = JsonlAuditSink.executionFile(base, day(T0));
            Files.createDirectories(file.getParent());
            Files.writeString(file, "{\"v\":1,\"type\":\"control\",\"ts\":\"20");
            JsonlAuditSink sink = sink();
            sink.record(AuditFixtures.control(T0, "after crash"));
            sink.close();

            AuditReader.Result<AuditRecord> r = AuditReader.read(file);
            assertEquals(List.of(AuditFixtures.control(T0, "after crash")), r.records());
            assertEquals(1, r.corruptLines().size());
            assertEquals(1, r.corruptLines().get(0).lineNumber());
            assertTrue(r.tornLines().isEmpty());
        }
    }

    @Nested
    @DisplayName("lifecycle")
    class Lifecycle {

        @Test
        @DisplayName("flush() makes every record received before it visible in the file")
        void flushMakesDataVisible() throws IOException {
            JsonlAuditSink sink = sink(JsonlAuditSink.builder(base).flushEvery(Duration.ofHours(1)));
            Path file = JsonlAuditSink.executionFile(base, day(T0));
            sink.record(AuditFixtures.control(T0, "one"));
            sink.record(AuditFixtures.control(T0 + 1, "two"));
            assertFalse(Files.exists(file), "nothing is written before the hour is up or flush() is called");

            sink.flush();
            assertEquals(List.of(AuditFixtures.control(T0, "one"), AuditFixtures.control(T0 + 1, "two")), read(file));
            assertEquals(2, sink.stats().executionRecords());
            assertEquals(Files.size(file), sink.stats().bytesWritten());
        }

        @Test
        @DisplayName("close() writes everything still queued")
        void closeDrains() throws IOException {
            JsonlAuditSink sink = sink(JsonlAuditSink.builder(base).queueCapacity(16).flushEvery(Duration.ofHours(1)));
            List<AuditRecord> sent = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                sent.add(AuditFixtures.control(T0 + i, "n" + i));
                sink.record(sent.get(i));
            }
            sink.close();
            assertEquals(sent, read(JsonlAuditSink.executionFile(base, day(T0))));
            assertEquals(1000, sink.stats().executionRecords());
        }

        @Test
        @DisplayName("close() is idempotent, flush() after it returns, record() after it throws")
        void closeIsIdempotent() {
            JsonlAuditSink sink = sink(JsonlAuditSink.builder(base).threadName("audit-close-test"));
            sink.record(AuditFixtures.control(T0, "x"));
            sink.close();
            JsonlAuditSink.Stats after = sink.stats();
            sink.close();
            sink.flush();
            assertEquals(after, sink.stats());
            assertEquals(1, after.executionRecords());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> sink.record(AuditFixtures.control(T0, "late")));
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
            assertFalse(Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.getName().equals("audit-close-test") && t.isAlive()), "writer thread released");
        }

        @Test
        @DisplayName("records are written by a named daemon thread, not the caller")
        void writerThread() {
            JsonlAuditSink sink = sink(JsonlAuditSink.builder(base).threadName("audit-thread-test"));
            Thread writer = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("audit-thread-test")).findFirst().orElseThrow();
            assertTrue(writer.isDaemon());
            sink.close();
        }

        @ParameterizedTest(name = "flush {0}")
        @EnumSource(FlushPolicy.class)
        @DisplayName("every flush policy, with every sync policy, writes every record")
        void everyPolicyWritesAll(FlushPolicy flush) throws IOException {
            for (SyncPolicy sync : SyncPolicy.values()) {
                Path dir = base.resolve(flush + "-" + sync);
                JsonlAuditSink.Builder b = JsonlAuditSink.builder(dir).syncPolicy(sync);
                b = flush == FlushPolicy.INTERVAL ? b.flushEvery(Duration.ofMillis(5)) : b.flushPolicy(flush);
                JsonlAuditSink sink = sink(b);
                List<AuditRecord> sent = AuditFixtures.oneOfEach(T0);
                sent.forEach(sink::record);
                sink.flush();
                assertEquals(sent.subList(1, sent.size()), read(JsonlAuditSink.executionFile(dir, day(T0))));
                sink.close();
                assertEquals(sent.subList(0, 1), read(JsonlAuditSink.decisionFile(dir, day(T0))));
            }
        }

        @Test
        @DisplayName("the builder refuses bad settings with the value in the message")
        void builderValidates() {
            JsonlAuditSink.Builder b = JsonlAuditSink.builder(base);
            assertTrue(assertThrows(IllegalArgumentException.class, () -> b.queueCapacity(0)).getMessage()
                    .contains("queueCapacity must be >= 1, was 0"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> b.flushEvery(Duration.ZERO)).getMessage()
                    .contains("flushInterval"));
            assertThrows(IllegalArgumentException.class, () -> b.flushPolicy(FlushPolicy.INTERVAL));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> b.writeAheadTimeout(Duration.ofMillis(-1)))
                    .getMessage().contains("writeAheadTimeout must be > 0, was PT-0.001S"));
        }
    }

    @Nested
    @DisplayName("back-pressure")
    class BackPressure {

        @Test
        @DisplayName("with a tiny queue and several producers every record arrives exactly once, in per-producer order")
        void exactlyOnceInOrder() throws Exception {
            int producers = 4;
            int each = 2500;
            JsonlAuditSink sink = sink(JsonlAuditSink.builder(base).queueCapacity(2));
            CyclicBarrier start = new CyclicBarrier(producers);
            List<CompletableFuture<Void>> running = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int id = p;
                running.add(CompletableFuture.runAsync(() -> {
                    try {
                        start.await(10, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    for (int i = 0; i < each; i++) {
                        sink.record(AuditFixtures.control(T0, id + ":" + i));
                    }
                }, runnable -> new Thread(runnable, "producer-" + id).start()));
            }
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            sink.close();

            Map<String, List<Integer>> byProducer = new HashMap<>();
            for (AuditRecord r : read(JsonlAuditSink.executionFile(base, day(T0)))) {
                String[] parts = ((AuditRecord.ControlAction) r).detail().split(":");
                byProducer.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
            }
            List<Integer> expected = java.util.stream.IntStream.range(0, each).boxed().toList();
            assertEquals(producers, byProducer.size());
            byProducer.forEach((p, seq) -> assertEquals(expected, seq, "producer " + p));
            JsonlAuditSink.Stats stats = sink.stats();
            assertEquals((long) producers * each, stats.executionRecords());
            assertTrue(stats.queueHighWaterMark() <= 2, stats::toString);
        }

        @Test
        @DisplayName("a full queue blocks the caller, counts it, and lets it go when the writer catches up")
        void fullQueueBlocksAndCounts() throws Exception {
            java.util.concurrent.Semaphore go = new java.util.concurrent.Semaphore(0);
            java.util.concurrent.atomic.AtomicInteger batches = new java.util.concurrent.atomic.AtomicInteger();
            JsonlAuditSink sink = sink(JsonlAuditSink.builder(base).queueCapacity(1).beforeBatch(() -> {
                batches.incrementAndGet();
                go.acquireUninterruptibly(); // the writer is slow: it takes a batch only when the test says so
            }));
            sink.record(AuditFixtures.control(T0, "1"));
            Await.until("the writer holds the first record", () -> batches.get() == 1);
            sink.record(AuditFixtures.control(T0, "2")); // fills the queue
            CompletableFuture<Void> third = CompletableFuture.runAsync(() -> sink.record(AuditFixtures.control(T0, "3")),
                    runnable -> new Thread(runnable, "blocked-producer").start());
            Await.until("the third record() blocks", () -> sink.stats().blockedPuts() == 1);
            assertFalse(third.isDone());
            assertEquals(1, sink.stats().queueHighWaterMark());

            go.release(1000);
            third.get(10, TimeUnit.SECONDS);
            sink.flush();
            assertEquals(List.of("1", "2", "3"), read(JsonlAuditSink.executionFile(base, day(T0))).stream()
                    .map(r -> ((AuditRecord.ControlAction) r).detail()).collect(Collectors.toList()));
        }
    }

    @Nested
    @DisplayName("a writer that hangs")
    class HungWriter {

        @Test
        @DisplayName("close() gives up after its timeout when the writer never finishes, fails the sink, and does not hang")
        void closeGivesUp() {
            java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
            JsonlAuditSink sink = JsonlAuditSink.builder(base).closeTimeout(Duration.ofMillis(200)).beforeBatch(() -> {
                try {
                    never.await(); // a write stuck in the kernel (hung NFS)
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }).build();
            sink.record(AuditFixtures.control(T0, "never written"));
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), sink::close);
            assertEquals(0, sink.stats().executionRecords());
            assertTrue(sink.failure().orElseThrow().getMessage().contains("did not finish within the close timeout"),
                    sink.failure().toString());
            never.countDown();
        }

        @Test
        @DisplayName("recordAhead waits at most its timeout, then throws naming the file and fails the sink")
        void recordAheadTimesOut() {
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            JsonlAuditSink sink = sink(JsonlAuditSink.builder(base).writeAheadTimeout(Duration.ofMillis(200))
                    .beforeBatch(() -> {
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }));
            List<AuditFailedException> told = new java.util.concurrent.CopyOnWriteArrayList<>();
            sink.onFailure(told::add);
            AuditFailedException e = assertThrows(AuditFailedException.class, () -> sink.recordAhead(
                    AuditFixtures.oneOfEach(T0).get(1)));
            assertTrue(e.getMessage().contains(JsonlAuditSink.executionFile(base, day(T0)).toString())
                    && e.getMessage().contains("did not confirm"), e.getMessage());
            assertEquals(1, told.size());
            // records handed over while the writer hangs do not block for ever: they are counted
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                for (int i = 0; i < 10; i++) {
                    sink.record(AuditFixtures.control(T0, "after " + i));
                }
            });
            release.countDown();
            sink.close();
            assertTrue(sink.stats().recordsNotWritten() >= 10, sink.stats()::toString);
        }
    }
}
