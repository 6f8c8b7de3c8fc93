package io.aria.core.audit;

import io.aria.core.spi.AuditSink;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
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
 * <p>Threads: {@link #record}, {@link #flush}, {@link #close} and {@link #stats} may be called from
 * any thread. Records are encoded and written by the sink's own daemon thread; {@code record}
 * only hands the record over. The hand-off queue is bounded: when it is full {@code record}
 * blocks until there is room (counted in {@link Stats#blockedPuts()}); no record is ever
 * dropped. Records of one caller are written in the order received.
 *
 * <p>Failures: when a file cannot be opened or written (disk full, permissions) the pending bytes
 * are kept and retried with exponential back-off; the failure is logged when it starts, at
 * growing intervals while it lasts and when it ends, and counted in {@link Stats#writeErrors()}.
 * While writes fail, the queue fills and callers are eventually blocked: back-pressure, not loss.
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
        /** After every flush of the flush policy (and on rotation and close). */
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
     * @param writeErrors       failed attempts to open, write or sync a file (each retry counts)
     * @param encodeErrors      records that could not be encoded as JSON and were logged instead
     */
    public record Stats(
            long decisionRecords,
            long executionRecords,
            long bytesWritten,
            long blockedPuts,
            int queueHighWaterMark,
            int queueCapacity,
            long writeErrors,
            long encodeErrors) {

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
    private final long retryInitialNanos;
    private final long retryMaxNanos;
    private final long closeTimeoutNanos;

    private final BlockingQueue<Object> queue;
    private final Thread writer;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger producersInside = new AtomicInteger();
    private final LongAdder blockedPuts = new LongAdder();
    private final CountDownLatch finished = new CountDownLatch(1);

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
    private boolean failing;
    private long failuresInRow;
    /** System.nanoTime() by which a failing close gives up; set by close(), read by the writer. */
    private volatile long closeDeadline;
    private volatile boolean closing;

    private JsonlAuditSink(Builder b) {
        this.base = b.base;
        this.flushPolicy = b.flushPolicy;
        this.flushIntervalNanos = b.flushInterval.toNanos();
        this.syncPolicy = b.syncPolicy;
        this.capacity = b.queueCapacity;
        this.retryInitialNanos = b.retryInitial.toNanos();
        this.retryMaxNanos = b.retryMax.toNanos();
        this.closeTimeoutNanos = b.closeTimeout.toNanos();
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.decisions = new DailyLog(base.resolve(DECISION_DIR), DECISION_PREFIX);
        this.executions = new DailyLog(base.resolve(EXECUTION_DIR), EXECUTION_PREFIX);
        this.writer = new Thread(this::run, b.threadName);
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * @param baseFolder the folder that holds {@code audit_logs} and {@code live_logs} (created when
     *                   the first record of each kind is written)
     * @return a builder with the defaults: flush when drained, sync on rotation and close, queue
     *         capacity 65,536
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
     *
     * @param record the record; never null
     * @throws IllegalStateException when the sink is closed
     */
    @Override
    public void record(AuditRecord record) {
        Objects.requireNonNull(record, "record");
        producersInside.incrementAndGet();
        try {
            if (closed.get()) {
                throw new IllegalStateException("audit sink is closed; record " + AuditJson.typeName(record)
                        + " at " + record.epochMillis() + " not accepted");
            }
            if (!queue.offer(record)) {
                blockedPuts.increment();
                highWaterMark.set(capacity);
                putUninterruptibly(record);
            }
        } finally {
            producersInside.decrementAndGet();
        }
    }

    /**
     * Returns when every record received before the call has been handed to the operating system
     * (and forced to the device when the sync policy is {@link SyncPolicy#EVERY_BATCH}). While
     * writes fail it waits for them to succeed. Returns at once after {@link #close()}.
     */
    @Override
    public void flush() {
        if (closed.get()) {
            awaitFinished();
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        putUninterruptibly(done);
        // a writer that ended (close timeout, failure) never counts the latch down
        uninterruptibly(() -> done.await(100, TimeUnit.MILLISECONDS) || finished.getCount() == 0);
    }

    /**
     * Writes every record received, syncs (unless the policy is {@link SyncPolicy#NEVER}), closes the
     * files and ends the writer thread. Idempotent; later calls wait for the first to finish. When
     * writes keep failing it gives up after the close timeout and logs how many records were lost.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeDeadline = System.nanoTime() + closeTimeoutNanos;
            closing = true; // lets a writer stuck retrying a failed write give up after the timeout
            while (producersInside.get() > 0) {
                // a producer that saw the sink open is finishing its put; its record must precede CLOSE
                Thread.onSpinWait();
            }
            putUninterruptibly(CLOSE);
        }
        awaitFinished();
        if (Thread.currentThread() != writer) {
            uninterruptibly(() -> { // the thread is released when close() returns
                writer.join();
                return true;
            });
        }
    }

    /** @return a snapshot of the counters; any thread */
    public Stats stats() {
        return new Stats(decisionRecords, executionRecords, bytesWritten, blockedPuts.sum(), highWaterMark.get(),
                capacity, writeErrors, encodeErrors);
    }

    private void putUninterruptibly(Object item) {
        uninterruptibly(() -> {
            queue.put(item);
            return true;
        });
    }

    private void awaitFinished() {
        uninterruptibly(() -> {
            finished.await();
            return true;
        });
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
                    for (int i = 0, n = batch.size(); i < n; i++) {
                        Object item = batch.get(i);
                        if (item instanceof AuditRecord r) {
                            append(r);
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
        } catch (GiveUp e) {
            long queued = queue.stream().filter(AuditRecord.class::isInstance).count();
            LOG.error("audit sink gave up after the close timeout: {} records not written to {}",
                    decisions.pendingRecords() + executions.pendingRecords() + queued, base);
        } catch (InterruptedException e) {
            LOG.error("audit writer thread interrupted; {} records left in its queue", queue.size());
        } catch (RuntimeException | Error e) {
            LOG.error("audit writer thread failed; records after this are not written", e);
        } finally {
            publish();
            closeQuietly(decisions);
            closeQuietly(executions);
            closed.set(true);
            finished.countDown();
        }
    }

    private void shutDown() {
        // records put by producers that passed the closed check before CLOSE are already ahead of it
        writeWithRetry(decisions);
        writeWithRetry(executions);
        if (syncPolicy != SyncPolicy.NEVER) {
            syncWithRetry(decisions);
            syncWithRetry(executions);
        }
    }

    private boolean hasPending() {
        return decisions.pendingBytes() > 0 || executions.pendingBytes() > 0;
    }

    private void append(AuditRecord r) {
        DailyLog log = r instanceof AuditRecord.DecisionLogged ? decisions : executions;
        long day = Math.floorDiv(r.epochMillis(), AuditLineEncoder.MILLIS_PER_DAY);
        if (day != log.day()) {
            rotate(log, day);
        }
        try {
            log.append(r, encoder);
        } catch (RuntimeException e) {
            encodeErrors++;
            LOG.error("audit record {} at {} could not be encoded and is not in the log: {}",
                    AuditJson.typeName(r), r.epochMillis(), r, e);
            return;
        }
        if (flushPolicy == FlushPolicy.EVERY_RECORD) {
            writeWithRetry(log);
            if (syncPolicy == SyncPolicy.EVERY_BATCH) {
                syncWithRetry(log);
            }
        } else if (log.pendingBytes() >= WRITE_THRESHOLD) {
            writeWithRetry(log);
        }
    }

    private void rotate(DailyLog log, long day) {
        if (log.day() != Long.MIN_VALUE) {
            writeWithRetry(log);
            if (syncPolicy != SyncPolicy.NEVER) {
                syncWithRetry(log);
            }
        }
        try {
            log.switchTo(day);
        } catch (IOException e) {
            // the old file's data is written and synced; a failing close loses nothing
            LOG.warn("closing audit file of day {} failed: {}", log.day(), e.toString());
        }
    }

    private void policyFlush() {
        writeWithRetry(decisions);
        writeWithRetry(executions);
        if (syncPolicy == SyncPolicy.EVERY_BATCH) {
            syncWithRetry(decisions);
            syncWithRetry(executions);
        }
        publish();
    }

    private void writeWithRetry(DailyLog log) {
        retry(log, "write", true, log::writePending);
    }

    private void syncWithRetry(DailyLog log) {
        retry(log, "sync", false, log::sync);
    }

    /** A file operation of the writer thread. */
    @FunctionalInterface
    private interface FileOp {
        void run() throws IOException;
    }

    /** Runs op until it succeeds, backing off between attempts; gives up only after the close timeout. */
    private void retry(DailyLog log, String what, boolean reopenOnFailure, FileOp op) {
        long backoff = retryInitialNanos;
        while (true) {
            try {
                op.run();
                recovered();
                return;
            } catch (IOException | RuntimeException e) {
                backoff = failed(log, what, reopenOnFailure, e, backoff);
            }
        }
    }

    private void recovered() {
        if (failing) {
            LOG.info("audit writes to {} succeed again after {} failed attempts", base, failuresInRow);
            failing = false;
            failuresInRow = 0;
        }
    }

    private long failed(DailyLog log, String what, boolean reopen, Exception e, long backoff) {
        writeErrors++;
        failuresInRow++;
        publish();
        if (!failing) {
            failing = true;
            LOG.warn("audit {} to {} failed, keeping {} records and retrying: {}", what, log.currentFile(),
                    log.pendingRecords(), e.toString());
        } else if (Long.bitCount(failuresInRow) == 1) {
            LOG.warn("audit {} to {} still failing after {} attempts, {} records kept: {}", what,
                    log.currentFile(), failuresInRow, log.pendingRecords(), e.toString());
        }
        if (reopen) {
            closeQuietly(log); // an unusable channel is reopened on the next attempt
        }
        if (closing && System.nanoTime() - closeDeadline >= 0) {
            throw new GiveUp();
        }
        LockSupport.parkNanos(backoff);
        return Math.min(backoff * 2, retryMaxNanos);
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

    /** Thrown inside the writer thread when close() waited long enough for failing writes. */
    private static final class GiveUp extends RuntimeException {
        GiveUp() {
            super(null, null, false, false);
        }
    }

    /** Builds a {@link JsonlAuditSink}. Not thread-safe. */
    public static final class Builder {
        private final Path base;
        private FlushPolicy flushPolicy = FlushPolicy.WHEN_DRAINED;
        private Duration flushInterval = Duration.ofMillis(100);
        private SyncPolicy syncPolicy = SyncPolicy.ON_ROTATION_AND_CLOSE;
        private int queueCapacity = 65_536;
        private Duration retryInitial = Duration.ofMillis(10);
        private Duration retryMax = Duration.ofSeconds(1);
        private Duration closeTimeout = Duration.ofSeconds(30);
        private String threadName = "aria-audit-writer";

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
         * @param initial first wait after a failed write, &gt; 0
         * @param max     longest wait between attempts, &gt;= initial
         * @return this
         * @throws IllegalArgumentException when a duration is not positive or max &lt; initial
         */
        public Builder retryBackoff(Duration initial, Duration max) {
            requirePositive(initial, "retryInitial");
            requirePositive(max, "retryMax");
            if (max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("retryMax must be >= retryInitial " + initial + ", was " + max);
            }
            this.retryInitial = initial;
            this.retryMax = max;
            return this;
        }

        /**
         * @param timeout how long {@code close()} keeps retrying failing writes before it gives up, &gt; 0
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

        /**
         * Starts the writer thread. Files are opened when the first record of their day arrives.
         *
         * @return the running sink
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
