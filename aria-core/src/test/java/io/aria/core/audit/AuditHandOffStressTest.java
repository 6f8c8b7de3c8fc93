package io.aria.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock-free hand-off under several producers that mix asynchronous records, write-ahead records
 * and flushes, with pauses that let the writer park between bursts (a lost wake-up would leave a
 * {@code recordAhead} or {@code flush} waiting: the write-ahead timeout would fail the sink), and a
 * small queue so producers also find it full.
 */
class AuditHandOffStressTest {

    private static final long T0 = AuditFixtures.T0;

    @TempDir
    Path base;

    @Test
    @DisplayName("records, write-ahead records and flushes from 4 threads: none lost, none twice, each thread's in order")
    void mixedProducers() throws Exception {
        int producers = 4;
        int each = 3_000;
        JsonlAuditSink sink = JsonlAuditSink.builder(base).queueCapacity(7)
                .writeAheadTimeout(java.time.Duration.ofSeconds(60)).build();
        try {
            CyclicBarrier start = new CyclicBarrier(producers);
            List<CompletableFuture<Void>> running = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int id = p;
                running.add(CompletableFuture.runAsync(() -> {
                    try {
                        start.await(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    for (int i = 0; i < each; i++) {
                        AuditRecord r = AuditFixtures.control(T0, id + ":" + i);
                        if (i % 11 == id) {
                            sink.recordAhead(r);
                        } else {
                            sink.record(r);
                        }
                        if (i % 97 == 0) {
                            sink.flush();
                        }
                        if (i % 250 == id) {
                            LockSupport.parkNanos(200_000); // the writer drains and parks
                        }
                    }
                }, runnable -> new Thread(runnable, "stress-producer-" + id).start()));
            }
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        } finally {
            sink.close();
        }
        assertTrue(sink.failure().isEmpty(), () -> "sink failed: " + sink.failure());
        LocalDate day = Instant.ofEpochMilli(T0).atZone(ZoneOffset.UTC).toLocalDate();
        AuditReader.Result<AuditRecord> result = AuditReader.read(JsonlAuditSink.executionFile(base, day));
        assertTrue(result.isClean(), result::toString);
        Map<String, List<Integer>> byProducer = new HashMap<>();
        for (AuditRecord r : result.records()) {
            String[] parts = ((AuditRecord.ControlAction) r).detail().split(":");
            byProducer.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
        }
        List<Integer> expected = java.util.stream.IntStream.range(0, each).boxed().toList();
        assertEquals(producers, byProducer.size());
        byProducer.forEach((p, seq) -> assertEquals(expected, seq, "producer " + p));
        assertEquals((long) producers * each, sink.stats().executionRecords());
    }
}
