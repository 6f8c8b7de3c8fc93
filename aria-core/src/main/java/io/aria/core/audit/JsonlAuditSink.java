package io.aria.core.audit;

import io.aria.core.spi.AuditSink;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

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
 *
 * <p>Inside: this class is the callers' side and the configuration; the hand-off queue is
 * {@code AuditHandOff}, the writer thread's work {@code AuditWriter}, the failure and its listeners
 * {@code AuditFailure}, the day files {@code DailyLog}, the folder lock {@code FolderLock}.
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
    private final long aheadTimeoutNanos;
    private final Duration aheadTimeout;
    private final long closeTimeoutNanos;
    private final Duration closeTimeout;

    private final AuditFailure failure;
    private final AuditHandOff handOff;
    private final AuditWriter writerBody;
    private final Thread writer;
    private final FolderLock folderLock;

    private JsonlAuditSink(Builder b) {
        this.base = b.base;
        this.aheadTimeout = b.aheadTimeout;
        this.aheadTimeoutNanos = b.aheadTimeout.toNanos();
        this.closeTimeout = b.closeTimeout;
        this.closeTimeoutNanos = b.closeTimeout.toNanos();
        // fail closed from the start: an audit that cannot write must not let a pipeline trade
        DailyLog.probe(base.resolve(EXECUTION_DIR));
        DailyLog.probe(base.resolve(DECISION_DIR));
        // one running sink per folder, across processes: a second pipeline here is refused at start
        this.folderLock = FolderLock.acquire(base);
        this.failure = new AuditFailure(base);
        this.handOff = new AuditHandOff(b.queueCapacity, failure);
        this.writerBody = new AuditWriter(base, b.flushPolicy, b.flushInterval.toNanos(), b.syncPolicy, b.beforeBatch,
                handOff, failure);
        this.writer = new Thread(writerBody, b.threadName);
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
        handOff.enqueue(record);
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
        if (failure.failed()) {
            failure.notWritten();
            throw failure.now();
        }
        AheadRecord ahead = new AheadRecord(record, Thread.currentThread());
        if (!handOff.enqueue(ahead)) {
            throw failure.now();
        }
        long deadline = System.nanoTime() + aheadTimeoutNanos;
        boolean interrupted = false;
        int state;
        while ((state = ahead.state.get()) == AheadRecord.WAITING) {
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
        if (state == AheadRecord.WAITING && ahead.state.compareAndSet(AheadRecord.WAITING, AheadRecord.ABANDONED)) {
            failure.notWritten(); // not confirmed; the writer no longer counts it
        } else {
            state = ahead.state.get(); // the writer answered at the deadline
            if (state == AheadRecord.WRITTEN) {
                return;
            }
            throw ahead.error;
        }
        LocalDate day = LocalDate.ofEpochDay(AuditWriter.day(record));
        Path file = record.isDecisionLog() ? decisionFile(base, day) : executionFile(base, day);
        failure.fail(new AuditFailedException("audit file " + file + " did not confirm the write of "
                + AuditJson.typeName(record) + " within " + aheadTimeout + " (the disk or file system hangs)", null));
        throw failure.now();
    }

    /**
     * @return why this sink no longer writes, with how many records were not written so far, or empty
     *     while it is healthy. Once failed it stays failed: nothing more is written to its files.
     */
    @Override
    public Optional<AuditFailedException> failure() {
        return failure.failed() ? Optional.of(failure.now()) : Optional.empty();
    }

    /**
     * @param listener told once when the sink fails, on the thread that found the failure (the writer,
     *     or a {@link #recordAhead} caller that timed out); at once, on the calling thread, when the sink
     *     has already failed. An exception from it is logged and ignored.
     */
    @Override
    public void onFailure(Consumer<AuditFailedException> listener) {
        failure.onFailure(listener);
    }

    /**
     * Returns when every record received before the call has been handed to the operating system
     * (and forced to the device when the sync policy is {@link SyncPolicy#EVERY_BATCH}), or when the
     * sink has failed (check {@link #failure()}). Returns at once after {@link #close()}.
     */
    @Override
    public void flush() {
        if (handOff.closed.get()) {
            handOff.awaitFinished(closeTimeoutNanos);
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        if (!handOff.enqueue(done)) {
            if (handOff.closed.get()) {
                handOff.awaitFinished(closeTimeoutNanos);
            }
            return;
        }
        // a writer that ended never counts the latch down; a failed sink writes nothing more anyway
        AuditHandOff.uninterruptibly(() -> done.await(100, TimeUnit.MILLISECONDS) || handOff.writerEnded()
                || failure.failed());
    }

    /**
     * Writes every record received, syncs (unless the policy is {@link SyncPolicy#NEVER}), closes the
     * files and ends the writer thread. Idempotent; later calls wait for the first to finish. When the
     * writer does not finish within the close timeout (a hung disk) the sink fails and close returns.
     */
    @Override
    public void close() {
        if (handOff.closeFirst()) {
            long deadline = System.nanoTime() + closeTimeoutNanos;
            if (!handOff.offerClose(deadline) || !handOff.awaitFinished(deadline - System.nanoTime())) {
                failure.fail(new AuditFailedException("audit writer for " + base + " did not finish within the close timeout "
                        + closeTimeout + " (the disk or file system hangs)", null));
                return;
            }
        }
        handOff.awaitFinished(closeTimeoutNanos);
        if (Thread.currentThread() != writer && handOff.writerEnded()) {
            AuditHandOff.uninterruptibly(() -> { // the thread is released when close() returns
                writer.join();
                return true;
            });
        }
        if (handOff.writerEnded()) {
            folderLock.close(); // every record is written: the folder is free for the next pipeline
        }
    }

    /** @return a snapshot of the counters; any thread */
    public Stats stats() {
        AuditWriter w = writerBody;
        return new Stats(w.decisionRecords(), w.executionRecords(), w.bytesWritten(), handOff.blockedPuts.sum(),
                handOff.highWaterMark.get(), handOff.capacity, w.writeErrors(), w.encodeErrors(),
                failure.notWrittenCount());
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
