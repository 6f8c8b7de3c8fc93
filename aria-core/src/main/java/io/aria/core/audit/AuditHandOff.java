package io.aria.core.audit;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The bounded queue between a {@link JsonlAuditSink}'s callers and its writer thread, with the
 * open/closed state and the writer's end. Items: an {@link AuditRecord}, an {@link AheadRecord},
 * a {@link CountDownLatch} (a flush) or {@link #CLOSE}. Any thread.
 *
 * <p>The queue is an {@link AuditRing} (lock-free, many producers, the writer thread the only
 * consumer). The writer parks only when it has found the ring empty after announcing it would
 * ({@link #writerParked}); a producer unparks it only when it sees that announcement, so while the
 * writer is busy a producer's hand-off is one CAS and no system call. A producer that finds the ring
 * full backs off (spins, yields, then parks for growing intervals up to a millisecond) until the
 * writer makes room: the backpressure of the blocking queue this replaces, without its lock.
 */
final class AuditHandOff {

    /** The last item: the writer writes what precedes it and ends. */
    static final Object CLOSE = new Object();

    final AuditRing queue;
    final int capacity;
    /** The writer thread; set by the writer as it starts. */
    private volatile Thread writerThread;
    /** True while the writer is parked or about to park on an empty ring. */
    private volatile boolean writerParked;
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
        this.queue = new AuditRing(capacity);
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
            if (offer(item)) {
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
            for (int attempt = 0; ; attempt++) {
                if (offer(item)) {
                    return true;
                }
                backOff(attempt);
                if (Thread.interrupted()) {
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

    /** Offers to the ring and wakes the writer when it announced it parks. */
    private boolean offer(Object item) {
        if (!queue.offer(item)) {
            return false;
        }
        // the CAS on the ring's tail and this read are ordered: a writer that announced it parks
        // and then re-checks the tail either sees the item or is seen here
        if (writerParked) {
            wakeWriter();
        }
        return true;
    }

    private void wakeWriter() {
        Thread w = writerThread;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    /** A producer waiting for room: spin, then yield, then park up to 1 ms a try. */
    private static void backOff(int attempt) {
        if (attempt < 64) {
            Thread.onSpinWait();
        } else if (attempt < 128) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(Math.min(TimeUnit.MILLISECONDS.toNanos(1), 10_000L << Math.min(10, attempt - 128)));
        }
    }

    /** Called by the writer thread as it starts. */
    void writerStarted() {
        writerThread = Thread.currentThread();
    }

    /**
     * The writer thread's wait for the first item of a batch: returns the oldest item, parking while
     * the ring is empty (at most {@code nanos} when {@code nanos >= 0}; a safety net of one second a
     * park otherwise).
     *
     * @return the item, or null when the time ran out
     * @throws InterruptedException when the writer thread was interrupted
     */
    Object take(long nanos) throws InterruptedException {
        if (Thread.interrupted()) { // as BlockingQueue.take: an interrupted writer stops, busy or not
            throw new InterruptedException("audit writer interrupted");
        }
        long deadline = nanos >= 0 ? System.nanoTime() + nanos : 0;
        int idle = 0;
        while (true) {
            Object item = queue.poll();
            if (item != null) {
                return item;
            }
            if (queue.claimed()) {
                // a producer claimed the head's slot and is about to store its item
                if (++idle < 64) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
                continue;
            }
            long left = nanos >= 0 ? deadline - System.nanoTime() : TimeUnit.SECONDS.toNanos(1);
            if (left <= 0) {
                return null;
            }
            writerParked = true; // announce, then re-check: a producer that offers now sees it
            try {
                if (!queue.claimed()) {
                    LockSupport.parkNanos(this, left);
                }
            } finally {
                writerParked = false;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("audit writer interrupted");
            }
        }
    }

    /** Moves what is queued into the batch; the writer thread only. */
    void drainTo(List<Object> batch, int max) {
        queue.drainTo(batch, max);
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
