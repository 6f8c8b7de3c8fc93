package io.aria.core.audit;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The bounded queue between a {@link JsonlAuditSink}'s callers and its writer thread, with the
 * open/closed state and the writer's end. Items: an {@link AuditRecord}, an {@link AheadRecord},
 * a {@link CountDownLatch} (a flush) or {@link #CLOSE}. Any thread.
 */
final class AuditHandOff {

    /** The last item: the writer writes what precedes it and ends. */
    static final Object CLOSE = new Object();

    final BlockingQueue<Object> queue;
    final int capacity;
    final AtomicBoolean closed = new AtomicBoolean();
    /** The most items seen waiting at once. */
    final AtomicInteger highWaterMark = new AtomicInteger();
    final LongAdder blockedPuts = new LongAdder();
    /** Counted down when the writer thread has ended. */
    final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicInteger producersInside = new AtomicInteger();
    private final AuditFailure failure;

    AuditHandOff(int capacity, AuditFailure failure) {
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.failure = failure;
    }

    /**
     * Puts an item in the queue, waiting for room.
     *
     * @return false when the sink failed while waiting (the item is then counted as not written)
     * @throws IllegalStateException when the sink is closed and the item is a record
     */
    boolean enqueue(Object item) {
        producersInside.incrementAndGet();
        try {
            if (closed.get()) {
                if (item instanceof CountDownLatch) {
                    return false; // a flush racing close: close writes everything
                }
                AuditRecord r = item instanceof AuditRecord a ? a : ((AheadRecord) item).record;
                throw new IllegalStateException("audit sink is closed; record " + AuditJson.typeName(r) + " at "
                        + r.epochMillis() + " not accepted");
            }
            if (item instanceof AuditRecord && failure.failed()) {
                failure.notWritten();
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
                failure.notWritten();
            }
            return false;
        } finally {
            producersInside.decrementAndGet();
        }
    }

    /** @return whether this call closed the queue to new records (false when it was closed already) */
    boolean closeFirst() {
        return closed.compareAndSet(false, true);
    }

    /** Puts CLOSE once the producers inside are done; false when there was no room by the deadline. */
    boolean offerClose(long deadline) {
        while (producersInside.get() > 0) {
            // a producer that saw the sink open is finishing its put; its record must precede CLOSE
            Thread.onSpinWait();
        }
        return offerUntil(CLOSE, deadline);
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
                if (failure.failed() && item != CLOSE && writerStuck()) {
                    return false;
                }
                if (writerEnded() || (deadline != Long.MAX_VALUE && System.nanoTime() - deadline >= 0)) {
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
        return writerEnded() || queue.remainingCapacity() == 0;
    }

    /** @return whether the writer thread has ended */
    boolean writerEnded() {
        return finished.getCount() == 0;
    }

    /** Called by the writer as it ends: nothing more is accepted. */
    void markWriterEnded() {
        closed.set(true);
        finished.countDown();
    }

    /** @return whether the writer ended within the time, keeping an interrupt for the caller */
    boolean awaitFinished(long nanos) {
        long deadline = System.nanoTime() + Math.max(0, nanos);
        boolean[] ok = {false};
        uninterruptibly(() -> {
            long left = deadline - System.nanoTime();
            ok[0] = finished.await(Math.max(0, left), TimeUnit.NANOSECONDS);
            return ok[0] || left <= 0;
        });
        return ok[0];
    }

    /** A wait that returns true when done. */
    @FunctionalInterface
    interface Wait {
        boolean done() throws InterruptedException;
    }

    /** Waits until done, keeping an interrupt for the caller instead of abandoning a record. */
    static void uninterruptibly(Wait wait) {
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
}
