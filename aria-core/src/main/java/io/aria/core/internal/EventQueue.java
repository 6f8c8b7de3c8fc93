package io.aria.core.internal;

import io.aria.core.ExecutionReport;
import io.aria.core.Tick;
import io.aria.core.TickBackpressure;
import io.aria.core.TradeEvent;
import io.aria.core.spi.TickSource;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToIntFunction;

/**
 * The event loop's inboxes. Many producers, one consumer (the loop thread).
 *
 * <p>Events (execution reports, trade events, control commands) go through an unbounded queue and
 * are never dropped. Ticks go through a bounded queue that blocks the producer when full
 * ({@link TickBackpressure#BLOCK}), or through one slot per symbol where the newest tick replaces
 * a waiting one ({@link TickBackpressure#CONFLATE}).
 */
public final class EventQueue {

    /** Something for the loop to apply, in arrival order. */
    public sealed interface Event permits Report, Resolution, Trade, Command {
    }

    /** @param report an order's outcome */
    public record Report(ExecutionReport report) implements Event {
    }

    /** @param report how an order reported UNKNOWN was finally resolved */
    public record Resolution(ExecutionReport report) implements Event {
    }

    /** @param event a broker-side position change */
    public record Trade(TradeEvent event) implements Event {
    }

    /** @param action work to run on the loop thread */
    public record Command(Runnable action) implements Event {
    }

    /** Marks the end of a finite source in the tick stream. */
    public record SourceEnd(TickSource source) {
    }

    private final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();
    private final TickBackpressure mode;
    private final ArrayBlockingQueue<Object> ticks;
    private final AtomicReferenceArray<Tick> latest;
    private final ConcurrentLinkedQueue<Object> ready;
    private final ToIntFunction<String> indexOf;
    private final AtomicLong conflated = new AtomicLong();
    private volatile Thread consumer;
    private volatile boolean parked;
    private volatile boolean closed;

    /**
     * @param mode     back-pressure policy for ticks
     * @param capacity tick queue capacity (BLOCK mode)
     * @param symbols  number of catalog symbols (CONFLATE mode)
     * @param indexOf  symbol to catalog index, -1 when unknown
     */
    public EventQueue(TickBackpressure mode, int capacity, int symbols, ToIntFunction<String> indexOf) {
        this.mode = mode;
        this.indexOf = indexOf;
        if (mode == TickBackpressure.BLOCK) {
            ticks = new ArrayBlockingQueue<>(capacity);
            latest = null;
            ready = null;
        } else {
            ticks = null;
            latest = new AtomicReferenceArray<>(symbols);
            ready = new ConcurrentLinkedQueue<>();
        }
    }

    /** @param thread the loop thread, woken when work arrives */
    public void consumer(Thread thread) {
        this.consumer = thread;
    }

    /** @param e an event; never blocks, never drops */
    public void offer(Event e) {
        events.add(e);
        wake();
    }

    /**
     * @param t a tick from a source
     * @throws InterruptedException when the producer is interrupted while waiting for room
     */
    public void offerTick(Tick t) throws InterruptedException {
        if (closed) {
            return;
        }
        if (mode == TickBackpressure.BLOCK) {
            while (!ticks.offer(t, 50, TimeUnit.MILLISECONDS)) {
                wake();
                if (closed) {
                    return;
                }
            }
        } else {
            int i = indexOf.applyAsInt(t.symbol());
            if (i < 0) {
                ready.add(t); // the loop rejects it with a reason; nothing to conflate with
            } else if (latest.getAndSet(i, t) == null) {
                ready.add(i);
            } else {
                conflated.incrementAndGet();
            }
        }
        if (parked) {
            wake();
        }
    }

    /**
     * @param source a finite source that delivered its last tick
     * @throws InterruptedException when interrupted while waiting for room
     */
    public void offerEnd(TickSource source) throws InterruptedException {
        SourceEnd end = new SourceEnd(source);
        if (mode == TickBackpressure.BLOCK) {
            while (!ticks.offer(end, 50, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    return;
                }
            }
        } else {
            ready.add(end);
        }
        wake();
    }

    /** @return the next event, or null */
    public Event pollEvent() {
        return events.poll();
    }

    /** @return the next tick or {@link SourceEnd}, or null */
    public Object pollTick() {
        if (mode == TickBackpressure.BLOCK) {
            return ticks.poll();
        }
        Object o = ready.poll();
        if (o instanceof Integer i) {
            return latest.getAndSet(i, null);
        }
        return o;
    }

    /** @return whether ticks are waiting */
    public boolean hasTicks() {
        return mode == TickBackpressure.BLOCK ? !ticks.isEmpty() : !ready.isEmpty();
    }

    /** @return whether events are waiting */
    public boolean hasEvents() {
        return !events.isEmpty();
    }

    /** @param nanos longest wait; returns early when work arrives */
    public void await(long nanos) {
        parked = true;
        try {
            if (!events.isEmpty() || hasTicks()) {
                return;
            }
            LockSupport.parkNanos(this, nanos);
        } finally {
            parked = false;
        }
    }

    /** Stops accepting ticks; blocked producers return. */
    public void close() {
        closed = true;
        wake();
    }

    /** @return ticks replaced before the loop took them */
    public long conflated() {
        return conflated.get();
    }

    private void wake() {
        Thread t = consumer;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }
}
