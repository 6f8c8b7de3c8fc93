package io.aria.core.audit;

import io.aria.core.audit.JsonlAuditSink.FlushPolicy;
import io.aria.core.audit.JsonlAuditSink.SyncPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of a {@link JsonlAuditSink}'s writer thread: takes batches from the hand-off queue,
 * encodes each record into its day's {@link DailyLog}, writes and syncs by the policies, answers
 * write-ahead callers and flushes, and on the first failed file operation fails the sink and drops
 * what it holds. Its fields are the writer thread's, except the counters it publishes.
 */
final class AuditWriter implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(JsonlAuditSink.class);
    /** Pending bytes of one log above which they are written whatever the flush policy. */
    private static final int WRITE_THRESHOLD = 64 * 1024;
    /** How often the writer checks that its open files are still the ones their paths name. */
    private static final long VERIFY_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Path base;
    private final FlushPolicy flushPolicy;
    private final long flushIntervalNanos;
    private final SyncPolicy syncPolicy;
    private final Runnable beforeBatch;
    private final AuditHandOff handOff;
    private final AuditFailure failure;

    // written by the writer thread only, read by the sink's stats()
    private volatile long decisionRecords;
    private volatile long executionRecords;
    private volatile long bytesWritten;
    private volatile long writeErrors;
    private volatile long encodeErrors;

    private final AuditLineEncoder encoder = new AuditLineEncoder();
    private final DailyLog decisions;
    private final DailyLog executions;
    /** Whether the writer has dropped its pending bytes after the failure. */
    private boolean discarded;
    /** System.nanoTime() when the open files were last checked to be in place. */
    private long lastVerified = System.nanoTime();

    AuditWriter(Path base, FlushPolicy flushPolicy, long flushIntervalNanos, SyncPolicy syncPolicy,
            Runnable beforeBatch, AuditHandOff handOff, AuditFailure failure) {
        this.base = base;
        this.flushPolicy = flushPolicy;
        this.flushIntervalNanos = flushIntervalNanos;
        this.syncPolicy = syncPolicy;
        this.beforeBatch = beforeBatch;
        this.handOff = handOff;
        this.failure = failure;
        this.decisions = new DailyLog(base.resolve(JsonlAuditSink.DECISION_DIR), JsonlAuditSink.DECISION_PREFIX);
        this.executions = new DailyLog(base.resolve(JsonlAuditSink.EXECUTION_DIR), JsonlAuditSink.EXECUTION_PREFIX);
    }

    long decisionRecords() {
        return decisionRecords;
    }

    long executionRecords() {
        return executionRecords;
    }

    long bytesWritten() {
        return bytesWritten;
    }

    long writeErrors() {
        return writeErrors;
    }

    long encodeErrors() {
        return encodeErrors;
    }

    static long day(AuditRecord r) {
        return Math.floorDiv(r.epochMillis(), AuditLineEncoder.MILLIS_PER_DAY);
    }

    @Override
    public void run() {
        List<Object> batch = new ArrayList<>(Math.min(handOff.capacity, 4096));
        long nextFlush = System.nanoTime() + flushIntervalNanos;
        handOff.writerStarted();
        try {
            while (true) {
                Object first;
                if (flushPolicy == FlushPolicy.INTERVAL && hasPending()) {
                    first = handOff.take(Math.max(0, nextFlush - System.nanoTime()));
                } else {
                    first = handOff.take(-1);
                }
                if (first != null && writeBatch(first, batch)) {
                    break;
                }
                if (flushPolicy == FlushPolicy.WHEN_DRAINED && handOff.queue.isEmpty()) {
                    policyFlush();
                } else if (flushPolicy == FlushPolicy.INTERVAL && System.nanoTime() - nextFlush >= 0) {
                    policyFlush();
                    nextFlush = System.nanoTime() + flushIntervalNanos;
                }
                publish();
            }
            shutDown();
        } catch (InterruptedException e) {
            failure.fail(new AuditFailedException("audit writer thread for " + base + " was interrupted", e));
        } catch (RuntimeException | Error e) {
            LOG.error("audit writer thread failed", e);
            failure.fail(new AuditFailedException("audit writer thread for " + base + " failed: " + e, e));
        } finally {
            end();
        }
    }

    /** Takes what is queued after {@code first} and handles all of it; @return whether CLOSE came */
    private boolean writeBatch(Object first, List<Object> batch) {
        batch.add(first);
        handOff.drainTo(batch, 4095);
        int size = Math.min(handOff.capacity, batch.size()); // producers refill while the writer drains
        if (size > handOff.highWaterMark.get()) {
            handOff.highWaterMark.accumulateAndGet(size, Math::max);
        }
        if (beforeBatch != null) {
            beforeBatch.run();
        }
        boolean done = false;
        for (int i = 0, n = batch.size(); i < n; i++) {
            Object item = batch.get(i);
            if (item instanceof AuditRecord r) {
                append(r);
            } else if (item instanceof AheadRecord a) {
                writeAhead(a);
            } else if (item instanceof CountDownLatch latch) {
                policyFlush();
                latch.countDown();
            } else if (item == AuditHandOff.CLOSE) {
                done = true;
            }
        }
        batch.clear();
        return done;
    }

    /** The writer's last act: settles what is left, closes the files, marks the writer ended. */
    private void end() {
        discardIfFailed();
        for (int idle = 0; idle < 1_000; ) {
            Object item = handOff.queue.poll();
            if (item != null) {
                settleAfterFailure(item);
            } else if (handOff.queue.claimed()) {
                idle++; // a producer between its claim and its store: its item is next
                Thread.yield();
            } else {
                break;
            }
        }
        publish();
        closeQuietly(decisions);
        closeQuietly(executions);
        handOff.markWriterEnded();
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
        if (!failure.failed()) {
            return false;
        }
        if (!discarded) {
            discarded = true;
            failure.notWritten(decisions.discardPending() + executions.discardPending());
            closeQuietly(decisions);
            closeQuietly(executions);
        }
        return true;
    }

    /** What a failed sink does with an item: counts records, releases waiters. */
    private void settleAfterFailure(Object item) {
        if (item instanceof AuditRecord) {
            failure.notWritten();
        } else if (item instanceof AheadRecord a) {
            if (a.state.get() != AheadRecord.ABANDONED) {
                failure.notWritten();
            }
            a.failed(failure.failed() ? failure.now()
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
            if (failure.failed()) {
                failure.notWritten(); // the rotation before it failed
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

    private void writeAhead(AheadRecord a) {
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
            a.failed(failure.now()); // its bytes were pending, so the discard counted it
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
        if (failure.failed()) {
            return false;
        }
        try {
            op.run();
            return true;
        } catch (AuditFailedException e) {
            writeErrors++;
            // count what is lost before the listeners are told, so their message says it
            failure.notWritten(decisions.discardPending() + executions.discardPending());
            discarded = true;
            failure.fail(e);
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
}
