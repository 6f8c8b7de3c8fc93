package io.aria.core.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.ModelVote;
import io.aria.core.OrderIntent;
import io.aria.core.OrderRequest;
import io.aria.core.Regime;
import io.aria.core.Side;
import io.aria.core.TradeEvent;
import io.aria.core.Verdict;
import io.aria.core.audit.AuditFailedException;
import io.aria.core.audit.AuditRecord;
import io.aria.core.spi.AuditSink;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link AuditSink} must do. Extend this class, implement {@link #newSink(Path)} and
 * {@link #readBack(Path)}:
 *
 * <pre>{@code
 * class MySinkTest extends AuditSinkContract {
 *     @Override protected AuditSink newSink(Path folder) { return new MySink(folder); }
 *     @Override protected List<AuditRecord> readBack(Path folder) throws Exception { return MyReader.read(folder); }
 * }
 * }</pre>
 *
 * <p>{@link #readBack(Path)} returns what a reader finds <em>now</em>, from the files (or the
 * store) and not from the sink's memory: for a file-based sink that is what another process would
 * read after a SIGKILL of this one. Records are compared with {@code equals}, so the sink must
 * keep every component. A sink that splits records over several files (the JSONL sink keeps the
 * decision log apart from the execution audit) is compared log by log: the order within the
 * decision log and within everything else.
 *
 * <p>The kit checks:
 * <ul>
 *   <li>every record of every type comes back, in the order received, none dropped;</li>
 *   <li>under back-pressure ({@link #newSinkWithSmallBuffer}; four threads writing at once) callers
 *       are held, not records dropped, and each caller's records keep their order; an interrupted
 *       caller's record is not dropped either;</li>
 *   <li>{@code recordAhead} returns only once the record can be read back (write-ahead), with every
 *       record received before it;</li>
 *   <li>{@code flush} makes everything received readable; {@code close} does too and is idempotent,
 *       also when two threads close at once;</li>
 *   <li>{@code failure()} is empty and no failure listener is told anything while the sink is
 *       healthy;</li>
 *   <li>when its storage refuses writes ({@link #refuseWrites}, skipped unless overridden)
 *       {@code recordAhead} throws {@link AuditFailedException} instead of hanging or returning,
 *       {@code failure()} says why, the listener is told once, the sink stays failed, and
 *       {@code close} returns.</li>
 * </ul>
 */
public abstract class AuditSinkContract {

    /** Thursday 2024-03-14 09:26:53.589 UTC: the kit's records are of that day. */
    protected static final long T0 = Instant.parse("2024-03-14T09:26:53.589Z").toEpochMilli();

    @TempDir
    Path folder;
    private final List<AuditSink> opened = new ArrayList<>();

    /**
     * @param folder an empty folder of this test, for file-based sinks
     * @return a new sink, ready to record
     * @throws Exception when it cannot be created
     */
    protected abstract AuditSink newSink(Path folder) throws Exception;

    /**
     * @param folder an empty folder of this test
     * @return a sink whose hand-off buffer holds only a few records, so callers meet back-pressure
     *     (default {@link #newSink(Path)})
     * @throws Exception when it cannot be created
     */
    protected AuditSink newSinkWithSmallBuffer(Path folder) throws Exception {
        return newSink(folder);
    }

    /**
     * @param folder the folder given to {@link #newSink}
     * @return every record a reader finds now, in stored order (per log)
     * @throws Exception when they cannot be read
     */
    protected abstract List<AuditRecord> readBack(Path folder) throws Exception;

    /**
     * Makes the storage behind the sink refuse every further write, for the fail-closed case (for
     * example: put a regular file where the sink's folder will be, so it cannot be created).
     * Called after {@link #newSink} and before the sink is given any record.
     *
     * @param folder the folder given to {@link #newSink}
     * @return whether it could be done; the default cannot, and the case is skipped
     * @throws Exception when it fails
     */
    protected boolean refuseWrites(Path folder) throws Exception {
        return false;
    }

    /** @return how long the kit waits for writer threads (default 60 s) */
    protected Duration timeout() {
        return Duration.ofSeconds(60);
    }

    private AuditSink sink(boolean small) throws Exception {
        AuditSink s = small ? newSinkWithSmallBuffer(folder) : newSink(folder);
        assertNotNull(s, "newSink() returned null");
        opened.add(s);
        return s;
    }

    @AfterEach
    void closeSinks() {
        opened.forEach(AuditSink::close);
    }

    // ------------------------------------------------------------------ records

    private static Decision decision(long t, int i) {
        return new Decision("EURUSD", t, i % 2 == 0 ? Direction.LONG : Direction.SHORT, 0.75, i % 2 == 0 ? 0.6 : -0.6,
                Regime.BREAKOUT, List.of(new ModelVote("momentum", 0.8, 0.9, 0.75, 0.7),
                        new ModelVote("mean_reversion", -0.2, 0.4, 0.25, 0)),
                Map.of("rsi", 61.25, "atr", 0.00123, "seq", (double) i));
    }

    private static OrderIntent intent(long t, int i) {
        return new OrderIntent("EURUSD", Side.BUY, 0.37, 1.08512, 1.0821, 1.0911, false, decision(t, i),
                "kit sizing note " + i + " \"quoted\" \u00e9\u20ac");
    }

    private static OrderRequest request(int i) {
        return new OrderRequest("kit-" + i, "EURUSD", Side.BUY, 0.37, 1.08512, 1.0821, 1.0911, 15, 770077, "kit-" + i, 0);
    }

    /**
     * @param i sequence number
     * @return a record of one of the six types (by {@code i % 6}), with every field set and
     *     {@code i} in it, at {@link #T0} + i ms
     */
    protected static AuditRecord record(int i) {
        long t = T0 + i;
        return switch (i % 6) {
            case 0 -> new AuditRecord.DecisionLogged(t, decision(t, i), i % 4 == 0);
            case 1 -> new AuditRecord.OrderSubmitted(t, request(i), intent(t, i),
                    Verdict.resize(0.37, "CLASS_LEVERAGE", "fx leverage 28.1 > 25"));
            case 2 -> new AuditRecord.OrderBlocked(t, intent(t, i), Verdict.reject("KILL_SWITCH", "kit " + i));
            case 3 -> new AuditRecord.OrderCompleted(t, new ExecutionReport("kit-" + i, "EURUSD", Side.BUY,
                    ExecutionStatus.PARTIALLY_FILLED, 1001 + i, 2002 + i, 3003, 0.37, 0.2, 1.08512, 1.08515, 0.00003,
                    123_456, 10010, "partial fill " + i, t), intent(t, i));
            case 4 -> new AuditRecord.TradeEventRecorded(t, new TradeEvent(TradeEvent.Kind.STOP_LOSS, "XAUUSD", 3003,
                    4004 + i, Side.SELL, 0.1, 2150.35, -87.5, "kit-" + i, t));
            default -> new AuditRecord.ControlAction(t, "NOTE", "kit", "control " + i);
        };
    }

    private static AuditRecord control(int producer, int i) {
        return new AuditRecord.ControlAction(T0 + i, "NOTE", "producer-" + producer, Integer.toString(i));
    }

    private static void assertSameLogs(List<AuditRecord> expected, List<AuditRecord> actual) {
        for (boolean decisionLog : new boolean[] {true, false}) {
            List<AuditRecord> e = expected.stream().filter(r -> r.isDecisionLog() == decisionLog).toList();
            List<AuditRecord> a = actual.stream().filter(r -> r.isDecisionLog() == decisionLog).toList();
            String log = decisionLog ? "decision log" : "execution audit";
            assertEquals(e.size(), a.size(), () -> log + ": records read back");
            for (int i = 0; i < e.size(); i++) {
                assertEquals(e.get(i), a.get(i), log + ": record " + i);
            }
        }
    }

    // ------------------------------------------------------------------ cases

    @Test
    @DisplayName("every record of every type comes back after flush, in order, none dropped")
    void allRecords_inOrder() throws Exception {
        AuditSink s = sink(false);
        List<AuditRecord> sent = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            AuditRecord r = record(i);
            sent.add(r);
            s.record(r);
        }
        s.flush();
        assertSameLogs(sent, readBack(folder));
    }

    @Test
    @DisplayName("under back-pressure callers wait: four writers at once lose nothing and keep their order")
    void backPressure_holdsCallers() throws Exception {
        AuditSink s = sink(true);
        int producers = 4;
        int each = 2_500;
        CountDownLatch go = new CountDownLatch(1);
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    for (int i = 0; i < each; i++) {
                        s.record(control(id, i));
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            }, "kit-producer-" + p);
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join(timeout().toMillis());
            assertTrue(!t.isAlive(), t.getName() + " still blocked after " + timeout());
        }
        assertTrue(errors.isEmpty(), () -> "a producer failed: " + errors);
        s.flush();
        List<AuditRecord> back = readBack(folder);
        assertEquals(producers * each, back.size(), "records read back");
        for (int p = 0; p < producers; p++) {
            String by = "producer-" + p;
            List<String> seq = back.stream().map(r -> (AuditRecord.ControlAction) r).filter(r -> r.by().equals(by))
                    .map(AuditRecord.ControlAction::detail).toList();
            assertEquals(each, seq.size(), by + ": records read back");
            for (int i = 0; i < each; i++) {
                assertEquals(Integer.toString(i), seq.get(i), by + ": record " + i + " out of order");
            }
        }
    }

    @Test
    @DisplayName("an interrupted caller's record is not dropped")
    void interruptedCaller_recordKept() throws Exception {
        AuditSink s = sink(true);
        List<AuditRecord> sent = new ArrayList<>();
        Thread.currentThread().interrupt();
        try {
            for (int i = 0; i < 200; i++) {
                AuditRecord r = record(6 * i + 5);
                sent.add(r);
                s.record(r);
            }
        } finally {
            Thread.interrupted(); // clear it, whatever the sink did with it
        }
        s.flush();
        assertSameLogs(sent, readBack(folder));
    }

    @Test
    @DisplayName("recordAhead returns only once the record, and every one before it, can be read back")
    void recordAhead_isWriteAhead() throws Exception {
        AuditSink s = sink(false);
        List<AuditRecord> sent = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            for (int j = 0; j < 5; j++) {
                AuditRecord r = new AuditRecord.ControlAction(T0 + i, "NOTE", "kit", i + "." + j);
                sent.add(r);
                s.record(r);
            }
            AuditRecord ahead = new AuditRecord.OrderSubmitted(T0 + i, request(i), intent(T0 + i, i),
                    Verdict.approve());
            sent.add(ahead);
            s.recordAhead(ahead);
            List<AuditRecord> back = readBack(folder);
            assertTrue(back.contains(ahead), "recordAhead returned before its record could be read back: " + ahead);
            assertSameLogs(sent, back);
        }
    }

    @Test
    @DisplayName("close makes everything readable and is idempotent, also when two threads close at once")
    void close_idempotent() throws Exception {
        AuditSink s = sink(false);
        List<AuditRecord> sent = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            AuditRecord r = record(i);
            sent.add(r);
            s.record(r);
        }
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        Thread other = new Thread(() -> {
            try {
                s.close();
            } catch (Throwable e) {
                errors.add(e);
            }
        }, "kit-closer");
        other.start();
        assertDoesNotThrow(s::close);
        other.join(timeout().toMillis());
        assertTrue(!other.isAlive(), "the second close did not return within " + timeout());
        assertTrue(errors.isEmpty(), () -> "close threw: " + errors);
        assertDoesNotThrow(s::close, "a third close");
        assertSameLogs(sent, readBack(folder));
    }

    @Test
    @DisplayName("failure() is empty and no failure listener is told while the sink is healthy")
    void failure_emptyWhileHealthy() throws Exception {
        AuditSink s = sink(false);
        List<AuditFailedException> told = new CopyOnWriteArrayList<>();
        s.onFailure(told::add);
        Optional<AuditFailedException> before = s.failure();
        assertNotNull(before, "failure() returned null");
        assertTrue(before.isEmpty(), () -> "a new sink reports " + before);
        for (int i = 0; i < 500; i++) {
            s.record(record(i));
        }
        s.recordAhead(record(501));
        s.flush();
        assertTrue(s.failure().isEmpty(), () -> "a healthy sink reports " + s.failure());
        s.close();
        assertTrue(s.failure().isEmpty(), () -> "a sink closed in good health reports " + s.failure());
        assertTrue(told.isEmpty(), () -> "a healthy sink told its failure listener " + told);
    }

    @Test
    @DisplayName("when its storage refuses writes, recordAhead throws, failure() says why, the listener is told once")
    void refusedWrites_failClosed() throws Exception {
        AuditSink s = sink(false);
        org.junit.jupiter.api.Assumptions.assumeTrue(refuseWrites(folder),
                "the kit cannot make this sink's storage refuse writes (override refuseWrites)");
        List<AuditFailedException> told = new CopyOnWriteArrayList<>();
        s.onFailure(told::add);
        for (int attempt = 1; attempt <= 2; attempt++) {
            AuditRecord ahead = new AuditRecord.OrderSubmitted(T0 + attempt, request(attempt), intent(T0 + attempt,
                    attempt), Verdict.approve());
            Throwable thrown = inOwnThread(() -> s.recordAhead(ahead), "recordAhead");
            int n = attempt;
            assertNotNull(thrown, () -> "recordAhead returned normally (attempt " + n
                    + ") although its storage refuses writes");
            assertTrue(thrown instanceof AuditFailedException, () -> "recordAhead threw " + thrown
                    + ", not AuditFailedException");
            assertTrue(s.failure().isPresent(), "failure() is empty after a failed write");
        }
        long deadline = System.nanoTime() + timeout().toNanos();
        while (told.isEmpty() && System.nanoTime() - deadline < 0) {
            Thread.onSpinWait();
            Thread.yield();
        }
        assertEquals(1, told.size(), () -> "the failure listener was told " + told.size() + " times: " + told);
        Throwable closing = inOwnThread(s::close, "close");
        assertTrue(closing == null, () -> "close threw " + closing);
    }

    /** @return what the action threw, or null; fails when it does not end within the timeout */
    private Throwable inOwnThread(Runnable action, String what) throws InterruptedException {
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                action.run();
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "kit-" + what);
        t.setDaemon(true);
        t.start();
        t.join(timeout().toMillis());
        assertTrue(!t.isAlive(), () -> what + " hung for " + timeout() + " while the storage refused writes");
        return thrown.get();
    }
}
