package io.aria.core.source.internal;

import io.aria.core.Tick;
import io.aria.core.spi.TickListener;
import io.aria.core.spi.TickSource;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle shared by ARIA's own tick sources: start once on a daemon thread, pace ticks
 * against the wall clock, call {@code onEnd} once when the ticks run out, stop promptly on close.
 *
 * <p>{@link #start}, {@link #close} and {@link #isClosed} may be called from any thread.
 */
public final class Delivery {

    /** Pulls the next tick; null when the source is exhausted. Called on the delivery thread only. */
    @FunctionalInterface
    public interface Puller {
        /**
         * @return the next tick, or null at the end
         * @throws Exception when the input fails; delivery then ends (logged) with onEnd
         */
        Tick next() throws Exception;

        /** Releases the input; called once on the delivery thread when delivery ends. */
        default void release() {
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

    private final TickSource owner;
    private final String threadName;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicLong listenerErrors = new AtomicLong();
    private volatile boolean closed;
    private volatile Thread thread;

    /**
     * @param owner      the source, passed to {@code onEnd}
     * @param threadName name of the delivery thread
     */
    public Delivery(TickSource owner, String threadName) {
        this.owner = owner;
        this.threadName = threadName;
    }

    /**
     * Starts the delivery thread.
     *
     * @param listener   receives the ticks
     * @param puller     gives the ticks
     * @param speed      wall-clock pacing: 0 or less for as fast as possible, otherwise simulated
     *                   time runs {@code speed} times faster than the wall clock
     * @param maxPauseMs longest wait between two ticks in wall milliseconds when paced
     * @throws IllegalStateException when already started or closed
     */
    public void start(TickListener listener, Puller puller, double speed, long maxPauseMs) {
        java.util.Objects.requireNonNull(listener, "listener");
        if (closed) {
            throw new IllegalStateException("tick source is closed");
        }
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("tick source was already started");
        }
        Thread t = new Thread(() -> run(listener, puller, speed, maxPauseMs), threadName);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** @return whether the pull side must refuse to be used (the thread owns the source) */
    public boolean isStarted() {
        return started.get();
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return closed;
    }

    /** @return exceptions thrown by the listener so far (logged and skipped) */
    public long listenerErrors() {
        return listenerErrors.get();
    }

    /**
     * Stops delivery: no tick is handed over after this returns, except one the listener is
     * already processing. Idempotent; does not wait for the thread.
     */
    public void close() {
        closed = true;
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            LockSupport.unpark(t);
        }
    }

    private void run(TickListener listener, Puller puller, double speed, long maxPauseMs) {
        long lastTickMillis = Long.MIN_VALUE;
        long lastWall = System.nanoTime();
        boolean ended = false;
        try {
            while (!closed) {
                Tick tick = puller.next();
                if (tick == null) {
                    ended = true;
                    break;
                }
                if (speed > 0) {
                    if (lastTickMillis == Long.MIN_VALUE) {
                        lastTickMillis = tick.epochMillis();
                    }
                    double gapNanos = (tick.epochMillis() - lastTickMillis) * 1e6 / speed;
                    long wait = (long) Math.max(0, Math.min(gapNanos, maxPauseMs * 1e6));
                    long target = lastWall + wait;
                    long now;
                    while (!closed && (now = System.nanoTime()) < target) {
                        LockSupport.parkNanos(target - now);
                    }
                    lastWall = target;
                    lastTickMillis = tick.epochMillis();
                }
                if (closed) {
                    return;
                }
                try {
                    listener.onTick(tick);
                } catch (RuntimeException e) {
                    long n = listenerErrors.incrementAndGet();
                    if (n <= 10 || Long.bitCount(n) == 1) {
                        LOG.warn("{}: tick listener failed on {} (failure #{}); delivery goes on", threadName, tick, n, e);
                    }
                }
            }
        } catch (Exception e) {
            LOG.error("{}: tick input failed, the source ends here: {}", threadName, e.toString(), e);
            ended = true;
        }
        try {
            puller.release();
        } catch (RuntimeException e) {
            LOG.warn("{}: releasing the tick input failed", threadName, e);
        }
        if (ended && !closed) {
            try {
                listener.onEnd(owner);
            } catch (RuntimeException e) {
                LOG.warn("{}: tick listener failed in onEnd", threadName, e);
            }
        }
    }
}
