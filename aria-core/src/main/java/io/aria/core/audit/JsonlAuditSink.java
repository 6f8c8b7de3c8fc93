package io.aria.core.audit;

import io.aria.core.spi.AuditSink;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail as JSON Lines files under a base folder:
 * {@code audit_logs/execution_audit_YYYYMMDD.jsonl} for every record except
 * {@link AuditRecord.DecisionLogged}, which goes to {@code live_logs/decisions_YYYYMMDD.jsonl}.
 * The day is the UTC day of each record's {@link AuditRecord#epochMillis()}, so a replay of old
 * ticks lands in the files of those days.
 *
 * <p>Each line is one JSON object: {@code "v"} ({@link AuditRecord#SCHEMA_VERSION}),
 * {@code "type"} (the {@code @JsonSubTypes} name), {@code "ts"} (ISO-8601 UTC with milliseconds),
 * then the record's components. {@link AuditReader} reads them back.
 *
 * <p>Threads: every method may be called from any thread. Records are encoded and written by the
 * sink's own daemon thread; {@link #record} only hands the record over. The hand-off queue is
 * bounded: when it is full {@code record} blocks until there is room (counted in
 * {@link Stats#blockedPuts()}); a healthy sink never drops a record. Records are written in the
 * order callers handed them over.
 *
 * <p>Write-ahead: {@link #recordAhead} (the pipeline's {@code order_submitted}) returns only once
 * that record and every record queued before it are in their files ({@code write(2)} done, so a
 * SIGKILL of the JVM cannot lose them), and forced to the device when the {@link SyncPolicy} says
 * so. Every other record stays asynchronous.
 *
 * <p>One open sink per folder, across processes: {@link Builder#build()} takes an exclusive lock on
 * {@code <folder>/.aria.lock} (released by {@link #close()}, or by the operating system when the
 * process dies) and refuses with {@link AuditFailedException} when another running sink holds it.
 *
 * <p>Fails closed: {@link Builder#build()} creates both folders and writes a probe file in each,
 * and throws {@link AuditFailedException} naming the folder and the operating system's error when
 * it cannot. When a file later cannot be opened, written or synced (disk full, a file or folder
 * replaced, a device error; a file removed or replaced while open is seen by the next write-ahead
 * record or within a second), or the writer does not confirm a write-ahead record within its
 * timeout, the sink fails for good: {@link #failure()} says why, each {@link #onFailure} listener
 * is told once (the pipeline engages its kill switch), {@code recordAhead} throws, and nothing more
 * is written: {@code record} returns at once and the records that could not be written are counted
 * ({@link Stats#recordsNotWritten()}, and in the failure's message). There is no retry: an audit
 * that stops and restarts would leave holes the operator cannot see.
 */
public final class JsonlAuditSink implements AuditSink {

    /** Folder of the execution audit under the base folder. */
    public static final String EXECUTION_DIR = "audit_logs";
    /** File name prefix of the execution audit. */
    public static final String EXECUTION_PREFIX = "execution_audit_";
    /** Folder of the decision log under the base folder. */
    public static final String DECISION_DIR = "live_logs";
    /** File name prefix of the decision log. */
    public static final String DECISION_PREFIX = "decisions_";

    private static final Logger LOG = LoggerFactory.getLogger(JsonlAuditSink.class);
    /** Pending bytes of one log above which they are written whatever the flush policy. */
    private static final int WRITE_THRESHOLD = 64 * 1024;
    private static final Object CLOSE = new Object();
    /** How often the writer checks that its open files are still the ones their paths name. */
    private static final long VERIFY_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** When encoded records are handed to the operating system. */
    public enum FlushPolicy {
        /** After every record: the least lost on a crash of the process, the slowest. */
        EVERY_RECORD,
        /** Whenever the writer has emptied the queue (and when 64 KiB are pending). The default. */
        WHEN_DRAINED,
        /** At a fixed interval (and when 64 KiB are pending); see {@link Builder#flushEvery}. */
        INTERVAL
    }

    /** When written data is forced to the storage device ({@code fsync}). */
    public enum SyncPolicy {
        /** Never: the operating system decides. */
        NEVER,
        /** When a day's file is finished and on {@link #close()}. The default. */
        ON_ROTATION_AND_CLOSE,
        /**
         * Before {@link #recordAhead} returns (the pipeline's {@code order_submitted}: survives a power
         * loss, not only a crash of the process), and on rotation and close; other records as
         * {@link #ON_ROTATION_AND_CLOSE}. Orders are rare, so this costs one {@code fsync} per order.
         */
        WRITE_AHEAD,
        /** After every flush of the flush policy, before {@link #recordAhead} returns, and on rotation and close. */
        EVERY_BATCH
    }

    /**
     * A snapshot of the sink's counters.
     *
     * @param decisionRecords   decision-log records handed to the operating system
     * @param executionRecords  execution-audit records handed to the operating system
     * @param bytesWritten      bytes handed to the operating system, both logs
     * @param blockedPuts       calls of {@link #record} that found the queue full and waited
     * @param queueHighWaterMark the most records seen waiting in the queue at once (sampled by the
     *                          writer at each drain, and the capacity once a caller had to wait)
     * @param queueCapacity     the queue's capacity
     * @param writeErrors       failed attempts to open, write or sync a file (the first fails the sink)
     * @param encodeErrors      records that could not be encoded as JSON and were logged instead
     * @param recordsNotWritten records that are in no file because the sink failed: pending when it
     *                          failed, or handed over after
     */
    public record Stats(
            long decisionRecords,
            long executionRecords,
            long bytesWritten,
            long blockedPuts,
            int queueHighWaterMark,
            int queueCapacity,
            long writeErrors,
            long encodeErrors,
            long recordsNotWritten) {

        /** The counters of a sink that never failed (the shape before {@code recordsNotWritten}). */
        public Stats(long decisionRecords, long executionRecords, long bytesWritten, long blockedPuts,
                int queueHighWaterMark, int queueCapacity, long writeErrors, long encodeErrors) {
            this(decisionRecords, executionRecords, bytesWritten, blockedPuts, queueHighWaterMark, queueCapacity,
                    writeErrors, encodeErrors, 0);
        }

        /** @return records of both logs handed to the operating system */
        public long recordsWritten() {
            return decisionRecords + executionRecords;
        }
    }

    private final Path base;
    private final FlushPolicy flushPolicy;
    private final long flushIntervalNanos;
    private final SyncPolicy syncPolicy;
    private final int capacity;
    private final long aheadTimeoutNanos;
    private final Duration aheadTimeout;
    private final long closeTimeoutNanos;
    private final Duration closeTimeout;
    private final Runnable beforeBatch;

    private final BlockingQueue<Object> queue;
    private final Thread writer;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger producersInside = new AtomicInteger();
    private final LongAdder blockedPuts = new LongAdder();
    private final CountDownLatch finished = new CountDownLatch(1);

    // fail closed: set once, by the writer (a write failed) or a caller (write-ahead timed out)
    private final AtomicReference<AuditFailedException> failure = new AtomicReference<>();
    private final List<Consumer<AuditFailedException>> failureListeners = new ArrayList<>(); // guarded by itself
    /** Records accepted by no file: discarded or refused after the failure. */
    private final LongAdder notWritten = new LongAdder();

    // written by the writer thread only, read by stats()
    private volatile long decisionRecords;
    private volatile long executionRecords;
    private volatile long bytesWritten;
    private final AtomicInteger highWaterMark = new AtomicInteger();
    private volatile long writeErrors;
    private volatile long encodeErrors;

    // writer thread state
    private final AuditLineEncoder encoder = new AuditLineEncoder();
    private final DailyLog decisions;
    private final DailyLog executions;
    /** Whether the writer has dropped its pending bytes after the failure. */
    private boolean discarded;
    /** System.nanoTime() when the open files were last checked to be in place. */
    private long lastVerified = System.nanoTime();

    private final FolderLock folderLock;

    private JsonlAuditSink(Builder b) {
        this.base = b.base;
        this.flushPolicy = b.flushPolicy;
        this.flushIntervalNanos = b.flushInterval.toNanos();
        this.syncPolicy = b.syncPolicy;
        this.capacity = b.queueCapacity;
        this.aheadTimeout = b.aheadTimeout;
        this.aheadTimeoutNanos = b.aheadTimeout.toNanos();
        this.closeTimeout = b.closeTimeout;
        this.closeTimeoutNanos = b.closeTimeout.toNanos();
        this.beforeBatch = b.beforeBatch;
        Path decisionDir = base.resolve(DECISION_DIR);
        Path executionDir = base.resolve(EXECUTION_DIR);
        // fail closed from the start: an audit that cannot write must not let a pipeline trade
        DailyLog.probe(executionDir);
        DailyLog.probe(decisionDir);
        // one running sink per folder, across processes: a second pipeline here is refused at start
        this.folderLock = FolderLock.acquire(base);
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.decisions = new DailyLog(decisionDir, DECISION_PREFIX);
        this.executions = new DailyLog(executionDir, EXECUTION_PREFIX);
        this.writer = new Thread(this::run, b.threadName);
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * @param baseFolder the folder that holds {@code audit_logs} and {@code live_logs} (created, and
     *                   checked writable, by {@link Builder#build()})
     * @return a builder with the defaults: flush when drained, sync on rotation and close, queue
     *         capacity 65,536, write-ahead timeout 5 s
     */
    public static Builder builder(Path baseFolder) {
        return new Builder(baseFolder);
    }

    /**
     * @param baseFolder the base folder
     * @param date       a UTC day
     * @return the execution audit file of that day
     */
    public static Path executionFile(Path baseFolder, LocalDate date) {
        return DailyLog.file(baseFolder.resolve(EXECUTION_DIR), EXECUTION_PREFIX, date);
    }

    /**
     * @param baseFolder the base folder
     * @param date       a UTC day
     * @return the decision log file of that day
     */
    public static Path decisionFile(Path baseFolder, LocalDate date) {
        return DailyLog.file(baseFolder.resolve(DECISION_DIR), DECISION_PREFIX, date);
    }

    /** @return the base folder */
    public Path baseFolder() {
        return base;
    }

    /**
     * Hands a record to the writer thread; blocks while the queue is full. An interrupt does not
     * abandon the record: the call keeps waiting and re-asserts the interrupt flag before it returns.
     * After the sink {@linkplain #failure() failed} it returns at once and the record is counted as
     * not written (in the failure's message and {@link Stats#recordsNotWritten()}).
     *
     * @param record the record; never null
     * @throws IllegalStateException when the sink is closed
     */
    @Override
    public void record(AuditRecord record) {
        Objects.requireNonNull(record, "record");
        enqueue(record);
    }

    /**
     * Write-ahead: hands the record to the writer thread and waits until it, and every record queued
     * before it, has been written to its file ({@code write(2)}: a SIGKILL of this process cannot lose
     * it) and, when the sync policy is {@link SyncPolicy#WRITE_AHEAD} or {@link SyncPolicy#EVERY_BATCH},
     * forced to the device. Records keep the order in which callers gave them. Other records queued
     * after it are not waited for.
     *
     * <p>Any thread; the caller is parked while it waits (an interrupt is kept for the caller, not
     * acted on). Allocates one small holder per call.
     *
     * @param record the record; never null
     * @throws AuditFailedException when the sink has failed, the write or sync failed (the sink then
     *     fails for good), the record could not be encoded, or the writer did not confirm within the
     *     write-ahead timeout (the sink then fails for good); the message names the file
     * @throws IllegalStateException when the sink is closed
     */
    @Override
    public void recordAhead(AuditRecord record) {
        Objects.requireNonNull(record, "record");
        if (failure.get() != null) {
            notWritten.increment();
            throw failureNow();
        }
        Ahead ahead = new Ahead(record, Thread.currentThread());
        if (!enqueue(ahead)) {
            throw failureNow();
        }
        long deadline = System.nanoTime() + aheadTimeoutNanos;
        boolean interrupted = false;
        int state;
        while ((state = ahead.state.get()) == Ahead.WAITING) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            LockSupport.parkNanos(this, left);
            if (Thread.interrupted()) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (state == Ahead.WAITING && ahead.state.compareAndSet(Ahead.WAITING, Ahead.ABANDONED)) {
            notWritten.increment(); // not confirmed; the writer no longer counts it
        } else {
            state = ahead.state.get(); // the writer answered at the deadline
            if (state == Ahead.WRITTEN) {
                return;
            }
            throw ahead.error;
        }
        LocalDate day = LocalDate.ofEpochDay(day(record));
        Path file = record.isDecisionLog() ? decisionFile(base, day) : executionFile(base, day);
        fail(new AuditFailedException("audit file " + file + " did not confirm the write of "
                + AuditJson.typeName(record) + " within " + aheadTimeout + " (the disk or file system hangs)", null));
        throw failureNow();
    }

    /**
     * @return why this sink no longer writes, with how many records were not written so far, or empty
     *     while it is healthy. Once failed it stays failed: nothing more is written to its files.
     */
    @Override
    public Optional<AuditFailedException> failure() {
        return failure.get() == null ? Optional.empty() : Optional.of(failureNow());
    }

    /**
     * @param listener told once when the sink fails, on the thread that found the failure (the writer,
     *     or a {@link #recordAhead} caller that timed out); at once, on the calling thread, when the sink
     *     has already failed. An exception from it is logged and ignored.
     */
    @Override
    public void onFailure(Consumer<AuditFailedException> listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (failureListeners) {
            if (failure.get() == null) {
                failureListeners.add(listener);
                return;
            }
        }
        tell(listener, failureNow());
    }

    /**
     * Returns when every record received before the call has been handed to the operating system
     * (and forced to the device when the sync policy is {@link SyncPolicy#EVERY_BATCH}), or when the
     * sink has failed (check {@link #failure()}). Returns at once after {@link #close()}.
     */
    @Override
    public void flush() {
        if (closed.get()) {
            awaitFinished(closeTimeoutNanos);
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        if (!enqueue(done)) {
            if (closed.get()) {
                awaitFinished(closeTimeoutNanos);
            }
            return;
        }
        // a writer that ended never counts the latch down; a failed sink writes nothing more anyway
        uninterruptibly(() -> done.await(100, TimeUnit.MILLISECONDS) || finished.getCount() == 0
                || failure.get() != null);
    }

    /**
     * Writes every record received, syncs (unless the policy is {@link SyncPolicy#NEVER}), closes the
     * files and ends the writer thread. Idempotent; later calls wait for the first to finish. When the
     * writer does not finish within the close timeout (a hung disk) the sink fails and close returns.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            while (producersInside.get() > 0) {
                // a producer that saw the sink open is finishing its put; its record must precede CLOSE
                Thread.onSpinWait();
            }
            long deadline = System.nanoTime() + closeTimeoutNanos;
            if (!offerUntil(CLOSE, deadline) || !awaitFinished(deadline - System.nanoTime())) {
                fail(new AuditFailedException("audit writer for " + base + " did not finish within the close timeout "
                        + closeTimeout + " (the disk or file system hangs)", null));
                return;
            }
        }
        awaitFinished(closeTimeoutNanos);
        if (Thread.currentThread() != writer && finished.getCount() == 0) {
            uninterruptibly(() -> { // the thread is released when close() returns
                writer.join();
                return true;
            });
        }
        if (finished.getCount() == 0) {
            folderLock.close(); // every record is written: the folder is free for the next pipeline
        }
    }

    /** @return a snapshot of the counters; any thread */
    public Stats stats() {
        return new Stats(decisionRecords, executionRecords, bytesWritten, blockedPuts.sum(), highWaterMark.get(),
                capacity, writeErrors, encodeErrors, notWritten.sum());
    }

    /** @return the failure with the current count of records not written */
    private AuditFailedException failureNow() {
        AuditFailedException f = failure.get();
        if (f == null) { // the writer ended at close while a caller was handing a record over
            return new AuditFailedException("audit sink for " + base + " is closed", null);
        }
        long n = notWritten.sum();
        return new AuditFailedException(f.getMessage() + "; " + n + (n == 1 ? " record" : " records")
                + " not written", f.getCause() != null ? f.getCause() : f);
    }

    /** Fails the sink for good (first failure wins) and tells the listeners once. Any thread. */
    private void fail(AuditFailedException e) {
        List<Consumer<AuditFailedException>> tellNow;
        synchronized (failureListeners) {
            if (!failure.compareAndSet(null, e)) {
                return;
            }
            tellNow = List.copyOf(failureListeners);
            failureListeners.clear();
        }
        LOG.error("audit sink failed, nothing more is written: {}", e.getMessage());
        AuditFailedException told = failureNow();
        for (Consumer<AuditFailedException> l : tellNow) {
            tell(l, told);
        }
    }

    private static void tell(Consumer<AuditFailedException> listener, AuditFailedException e) {
        try {
            listener.accept(e);
        } catch (RuntimeException ex) {
            LOG.error("audit failure listener {} threw", listener, ex);
        }
    }

    /**
     * Puts an item in the queue, waiting for room.
     *
     * @return false when the sink failed while waiting (the item is then counted as not written)
     */
    private boolean enqueue(Object item) {
        producersInside.incrementAndGet();
        try {
            if (closed.get()) {
                if (item instanceof CountDownLatch) {
                    return false; // a flush racing close: close writes everything
                }
                String what = item instanceof AuditRecord r ? AuditJson.typeName(r) + " at " + r.epochMillis()
                        : AuditJson.typeName(((Ahead) item).record) + " at " + ((Ahead) item).record.epochMillis();
                throw new IllegalStateException("audit sink is closed; record " + what + " not accepted");
            }
            if (item instanceof AuditRecord && failure.get() != null) {
                notWritten.increment();
                return false;
            }
            if (queue.offer(item)) {
                return true;
            }
            blockedPuts.increment();
            highWaterMark.set(capacity);
            if (offerUntil(item, Long.MAX_VALUE)) {
                return true;
            }
            if (!(item instanceof CountDownLatch)) {
                notWritten.increment();
            }
            return false;
        } finally {
            producersInside.decrementAndGet();
        }
    }

    /**
     * Waits for room until the deadline, keeping an interrupt for the caller; gives up when the sink
     * fails while the writer does not drain (a writer stuck in the kernel).
     */
    private boolean offerUntil(Object item, long deadline) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    if (queue.offer(item, 10, TimeUnit.MILLISECONDS)) {
                        return true;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
                if (failure.get() != null && item != CLOSE && writerStuck()) {
                    return false;
                }
                if (finished.getCount() == 0 || (deadline != Long.MAX_VALUE && System.nanoTime() - deadline >= 0)) {
                    return false;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** @return whether the writer ended or is not taking items (a failed sink's writer drains at once) */
    private boolean writerStuck() {
        return finished.getCount() == 0 || queue.remainingCapacity() == 0;
    }

    private boolean awaitFinished(long nanos) {
        long deadline = System.nanoTime() + Math.max(0, nanos);
        boolean[] ok = {false};
        uninterruptibly(() -> {
            long left = deadline - System.nanoTime();
            ok[0] = finished.await(Math.max(0, left), TimeUnit.NANOSECONDS);
            return ok[0] || left <= 0;
        });
        return ok[0];
    }

    private static long day(AuditRecord r) {
        return Math.floorDiv(r.epochMillis(), AuditLineEncoder.MILLIS_PER_DAY);
    }

    /** A wait that returns true when done. */
    @FunctionalInterface
    private interface Wait {
        boolean done() throws InterruptedException;
    }

    /** Waits until done, keeping an interrupt for the caller instead of abandoning a record. */
    private static void uninterruptibly(Wait wait) {
        boolean interrupted = false;
        while (true) {
            try {
                if (wait.done()) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** A write-ahead record and its waiting caller. */
    private static final class Ahead {
        static final int WAITING = 0;
        static final int WRITTEN = 1;
        static final int FAILED = 2;
        /** The caller stopped waiting (timeout) and counted the record as not written. */
        static final int ABANDONED = 3;

        final AuditRecord record;
        final Thread caller;
        final AtomicInteger state = new AtomicInteger(WAITING);
        AuditFailedException error;

        Ahead(AuditRecord record, Thread caller) {
            this.record = record;
            this.caller = caller;
        }

        void written() {
            if (state.compareAndSet(WAITING, WRITTEN)) {
                LockSupport.unpark(caller);
            }
        }

        /** @return false when the caller had already given up (and counted the record) */
        boolean failed(AuditFailedException e) {
            error = e; // published by the CAS below
            if (state.compareAndSet(WAITING, FAILED)) {
                LockSupport.unpark(caller);
                return true;
            }
            return false;
        }
    }

    // ---------------------------------------------------------------- writer thread

    private void run() {
        List<Object> batch = new ArrayList<>(Math.min(capacity, 4096));
        long nextFlush = System.nanoTime() + flushIntervalNanos;
        try {
            boolean done = false;
            while (!done) {
                Object first;
                if (flushPolicy == FlushPolicy.INTERVAL && hasPending()) {
                    first = queue.poll(Math.max(0, nextFlush - System.nanoTime()), TimeUnit.NANOSECONDS);
                } else {
                    first = queue.take();
                }
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, 4095);
                    int size = Math.min(capacity, batch.size()); // producers refill while the writer drains
                    if (size > highWaterMark.get()) {
                        highWaterMark.accumulateAndGet(size, Math::max);
                    }
                    if (beforeBatch != null) {
                        beforeBatch.run();
                    }
                    for (int i = 0, n = batch.size(); i < n; i++) {
                        Object item = batch.get(i);
                        if (item instanceof AuditRecord r) {
                            append(r);
                        } else if (item instanceof Ahead a) {
                            writeAhead(a);
                        } else if (item instanceof CountDownLatch latch) {
                            policyFlush();
                            latch.countDown();
                        } else if (item == CLOSE) {
                            done = true;
                        }
                    }
                    batch.clear();
                }
                if (done) {
                    break;
                }
                if (flushPolicy == FlushPolicy.WHEN_DRAINED && queue.isEmpty()) {
                    policyFlush();
                } else if (flushPolicy == FlushPolicy.INTERVAL && System.nanoTime() - nextFlush >= 0) {
                    policyFlush();
                    nextFlush = System.nanoTime() + flushIntervalNanos;
                }
                publish();
            }
            shutDown();
        } catch (InterruptedException e) {
            fail(new AuditFailedException("audit writer thread for " + base + " was interrupted", e));
        } catch (RuntimeException | Error e) {
            LOG.error("audit writer thread failed", e);
            fail(new AuditFailedException("audit writer thread for " + base + " failed: " + e, e));
        } finally {
            discardIfFailed();
            for (Object item; (item = queue.poll()) != null; ) {
                settleAfterFailure(item);
            }
            publish();
            closeQuietly(decisions);
            closeQuietly(executions);
            closed.set(true);
            finished.countDown();
        }
    }

    private void shutDown() {
        // records put by producers that passed the closed check before CLOSE are already ahead of it
        if (write(decisions) && write(executions)
                && (syncPolicy == SyncPolicy.NEVER || (sync(decisions) && sync(executions)))
                && fileOp(decisions::verifyInPlace)) {
            fileOp(executions::verifyInPlace); // a file removed during the run is told, not hidden by close
        }
    }

    private boolean hasPending() {
        return decisions.pendingBytes() > 0 || executions.pendingBytes() > 0;
    }

    /** @return whether the sink has failed; drops what the writer still holds the first time */
    private boolean discardIfFailed() {
        if (failure.get() == null) {
            return false;
        }
        if (!discarded) {
            discarded = true;
            notWritten.add(decisions.discardPending() + executions.discardPending());
            closeQuietly(decisions);
            closeQuietly(executions);
        }
        return true;
    }

    /** What a failed sink does with an item: counts records, releases waiters. */
    private void settleAfterFailure(Object item) {
        if (item instanceof AuditRecord) {
            notWritten.increment();
        } else if (item instanceof Ahead a) {
            if (a.state.get() != Ahead.ABANDONED) {
                notWritten.increment();
            }
            a.failed(failure.get() != null ? failureNow()
                    : new AuditFailedException("audit sink for " + base + " closed before the write", null));
        } else if (item instanceof CountDownLatch latch) {
            latch.countDown();
        }
    }

    private void append(AuditRecord r) {
        if (discardIfFailed()) {
            settleAfterFailure(r);
            return;
        }
        DailyLog log = r instanceof AuditRecord.DecisionLogged ? decisions : executions;
        if (!encode(log, r)) {
            if (failure.get() != null) {
                notWritten.increment(); // the rotation before it failed
            }
            return;
        }
        if (flushPolicy == FlushPolicy.EVERY_RECORD) {
            if (write(log) && syncPolicy == SyncPolicy.EVERY_BATCH) {
                sync(log);
            }
        } else if (log.pendingBytes() >= WRITE_THRESHOLD) {
            write(log);
        }
    }

    /** @return whether the record is in the log's pending bytes */
    private boolean encode(DailyLog log, AuditRecord r) {
        long day = day(r);
        if (day != log.day() && !rotate(log, day)) {
            return false;
        }
        try {
            log.append(r, encoder);
            return true;
        } catch (RuntimeException e) {
            encodeErrors++;
            LOG.error("audit record {} at {} could not be encoded and is not in the log: {}",
                    AuditJson.typeName(r), r.epochMillis(), r, e);
            return false;
        }
    }

    private void writeAhead(Ahead a) {
        AuditRecord r = a.record;
        if (discardIfFailed()) {
            settleAfterFailure(a);
            return;
        }
        DailyLog log = r instanceof AuditRecord.DecisionLogged ? decisions : executions;
        if (!encode(log, r)) {
            if (discardIfFailed()) {
                settleAfterFailure(a); // the rotation before it failed
            } else {
                a.failed(new AuditFailedException("audit record " + AuditJson.typeName(r) + " at " + r.epochMillis()
                        + " could not be encoded for " + log.currentFile() + " (see the log)", null));
            }
            return;
        }
        // everything queued before it is encoded by now; hand all of it to the operating system
        DailyLog other = log == decisions ? executions : decisions;
        boolean ok = write(other) && write(log);
        if (ok && syncPolicy == SyncPolicy.EVERY_BATCH) {
            ok = sync(other) && sync(log);
        } else if (ok && syncPolicy == SyncPolicy.WRITE_AHEAD) {
            ok = sync(log);
        }
        ok = ok && fileOp(log::verifyInPlace); // one stat(2): the record is in the file the path names
        publish();
        if (ok) {
            a.written();
        } else {
            a.failed(failureNow()); // its bytes were pending, so the discard counted it
        }
    }

    /** @return whether the day's file could be switched to */
    private boolean rotate(DailyLog log, long day) {
        if (log.day() != Long.MIN_VALUE) {
            if (!write(log) || (syncPolicy != SyncPolicy.NEVER && !sync(log))) {
                return false;
            }
        }
        try {
            log.switchTo(day);
        } catch (IOException e) {
            // the old file's data is written and synced; a failing close loses nothing
            LOG.warn("closing audit file of day {} failed: {}", log.day(), e.toString());
        }
        return true;
    }

    private void policyFlush() {
        if (discardIfFailed()) {
            return;
        }
        boolean ok = write(decisions) && write(executions);
        if (ok && syncPolicy == SyncPolicy.EVERY_BATCH) {
            ok = sync(decisions) && sync(executions);
        }
        long now = System.nanoTime();
        if (ok && now - lastVerified >= VERIFY_EVERY_NANOS) {
            lastVerified = now;
            ok = fileOp(decisions::verifyInPlace) && fileOp(executions::verifyInPlace);
        }
        publish();
    }

    /** @return true when written; false when the write failed and the sink is now failed */
    private boolean write(DailyLog log) {
        return fileOp(log::writePending);
    }

    private boolean sync(DailyLog log) {
        return fileOp(log::sync);
    }

    private boolean fileOp(Runnable op) {
        if (failure.get() != null) {
            return false;
        }
        try {
            op.run();
            return true;
        } catch (AuditFailedException e) {
            writeErrors++;
            // count what is lost before the listeners are told, so their message says it
            notWritten.add(decisions.discardPending() + executions.discardPending());
            discarded = true;
            fail(e);
            closeQuietly(decisions);
            closeQuietly(executions);
            return false;
        }
    }

    private static void closeQuietly(DailyLog log) {
        try {
            log.closeChannel();
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing audit file failed", e);
        }
    }

    private void publish() {
        decisionRecords = decisions.recordsWritten();
        executionRecords = executions.recordsWritten();
        bytesWritten = decisions.bytesWritten() + executions.bytesWritten();
    }

    /** Builds a {@link JsonlAuditSink}. Not thread-safe. */
    public static final class Builder {
        private final Path base;
        private FlushPolicy flushPolicy = FlushPolicy.WHEN_DRAINED;
        private Duration flushInterval = Duration.ofMillis(100);
        private SyncPolicy syncPolicy = SyncPolicy.ON_ROTATION_AND_CLOSE;
        private int queueCapacity = 65_536;
        private Duration aheadTimeout = Duration.ofSeconds(5);
        private Duration closeTimeout = Duration.ofSeconds(30);
        private String threadName = "aria-audit-writer";
        private Runnable beforeBatch;

        private Builder(Path base) {
            this.base = Objects.requireNonNull(base, "baseFolder");
        }

        /**
         * @param policy {@link FlushPolicy#EVERY_RECORD} or {@link FlushPolicy#WHEN_DRAINED}; for
         *               {@link FlushPolicy#INTERVAL} use {@link #flushEvery}
         * @return this
         * @throws IllegalArgumentException when the policy is INTERVAL (it needs an interval)
         */
        public Builder flushPolicy(FlushPolicy policy) {
            Objects.requireNonNull(policy, "flushPolicy");
            if (policy == FlushPolicy.INTERVAL) {
                throw new IllegalArgumentException("flushPolicy INTERVAL needs an interval: use flushEvery(duration)");
            }
            this.flushPolicy = policy;
            return this;
        }

        /**
         * @param interval how often pending records are handed to the operating system, &gt; 0
         * @return this, with {@link FlushPolicy#INTERVAL}
         * @throws IllegalArgumentException when the interval is not positive
         */
        public Builder flushEvery(Duration interval) {
            requirePositive(interval, "flushInterval");
            this.flushPolicy = FlushPolicy.INTERVAL;
            this.flushInterval = interval;
            return this;
        }

        /**
         * @param policy when to force data to the device
         * @return this
         */
        public Builder syncPolicy(SyncPolicy policy) {
            this.syncPolicy = Objects.requireNonNull(policy, "syncPolicy");
            return this;
        }

        /**
         * @param capacity records the hand-off queue holds before {@code record} blocks, &gt;= 1
         * @return this
         * @throws IllegalArgumentException when capacity is below 1
         */
        public Builder queueCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("queueCapacity must be >= 1, was " + capacity);
            }
            this.queueCapacity = capacity;
            return this;
        }

        /**
         * @param timeout how long {@link JsonlAuditSink#recordAhead} waits for the writer to confirm the
         *                write before the sink fails (a hung disk or network file system), &gt; 0
         * @return this
         * @throws IllegalArgumentException when the timeout is not positive
         */
        public Builder writeAheadTimeout(Duration timeout) {
            requirePositive(timeout, "writeAheadTimeout");
            this.aheadTimeout = timeout;
            return this;
        }

        /**
         * @param timeout how long {@code close()} waits for the writer to write and sync what is queued
         *                before the sink fails and close returns, &gt; 0
         * @return this
         * @throws IllegalArgumentException when the timeout is not positive
         */
        public Builder closeTimeout(Duration timeout) {
            requirePositive(timeout, "closeTimeout");
            this.closeTimeout = timeout;
            return this;
        }

        /**
         * @param name the writer thread's name
         * @return this
         * @throws IllegalArgumentException when the name is blank
         */
        public Builder threadName(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("threadName must not be blank, was '" + name + "'");
            }
            this.threadName = name;
            return this;
        }

        /** Test hook: runs on the writer thread before each batch it takes from the queue. */
        Builder beforeBatch(Runnable hook) {
            this.beforeBatch = hook;
            return this;
        }

        /**
         * Creates both folders, checks a file can be written in each, and starts the writer thread.
         * The day files are opened when the first record of their day arrives.
         *
         * @return the running sink
         * @throws AuditFailedException when a folder cannot be created or written, with one line naming
         *     it and the operating system's error, e.g. {@code cannot create audit folder
         *     data/audit_logs: Not a directory}
         */
        public JsonlAuditSink build() {
            return new JsonlAuditSink(this);
        }

        private static void requirePositive(Duration d, String field) {
            Objects.requireNonNull(d, field);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(field + " must be > 0, was " + d);
            }
        }
    }
}
