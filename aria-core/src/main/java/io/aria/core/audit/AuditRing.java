package io.aria.core.audit;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;

/**
 * A bounded lock-free multi-producer, single-consumer ring (D. Vyukov's bounded queue: a sequence
 * per slot). Any number of threads may {@link #offer}; only the writer thread may {@link #poll} or
 * {@link #drainTo}. The size bound is exactly the capacity given (any value &gt;= 1, not only powers
 * of two).
 *
 * <p>Per slot {@code i}, the sequence says whose turn it is: {@code seq == pos} free for the producer
 * claiming position {@code pos}; {@code seq == pos + 1} holds that producer's item for the consumer;
 * the consumer then sets {@code pos + slots}, freeing it for the producer of the next lap. A
 * producer claims a position with one CAS on {@code tail}; the consumer owns {@code head} alone. No
 * lock, so a producer never waits for the writer thread that holds it (the {@code ArrayBlockingQueue}
 * this replaces shared one lock between both sides).
 *
 * <p>Items of one producer are taken in the order it offered them (its claims are in order); items
 * of different producers in the order of their claims.
 */
final class AuditRing {

    private static final VarHandle SEQ = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle ITEM = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final VarHandle TAIL;

    static {
        try {
            TAIL = MethodHandles.lookup().findVarHandle(AuditRing.class, "tail", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int capacity;
    /** Slots: the capacity, but at least 2 (with one slot "full for lap k" and "free for lap k+1" read alike). */
    private final int slots;
    private final long[] sequences;
    private final Object[] items;

    // head and tail apart from each other and from the arrays' references (cache lines of 64 bytes)
    @SuppressWarnings("unused")
    private long p01, p02, p03, p04, p05, p06, p07;
    /** The next position a producer claims; CAS only. */
    private volatile long tail;
    @SuppressWarnings("unused")
    private long p11, p12, p13, p14, p15, p16, p17;
    /** The next position the consumer takes; written by the consumer only. */
    private volatile long head;
    @SuppressWarnings("unused")
    private long p21, p22, p23, p24, p25, p26, p27;

    AuditRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be >= 1, was " + capacity);
        }
        this.capacity = capacity;
        this.slots = Math.max(2, capacity);
        this.sequences = new long[slots];
        this.items = new Object[slots];
        for (int i = 0; i < slots; i++) {
            sequences[i] = i;
        }
        VarHandle.releaseFence(); // the initial sequences before any other thread sees the ring
    }

    int capacity() {
        return capacity;
    }

    private int index(long pos) {
        return (int) (pos % slots);
    }

    /**
     * Adds an item when there is room; any thread. Lock-free: a producer that loses a CAS retries on
     * the next position; it never waits for another thread.
     *
     * @return false when the ring is full
     */
    boolean offer(Object item) {
        long pos = tail;
        while (true) {
            int i = index(pos);
            long seq = (long) SEQ.getAcquire(sequences, i);
            long dif = seq - pos;
            if (dif == 0) {
                if (slots != capacity && pos - head >= capacity) {
                    return false; // capacity 1 in two slots: the item before is not taken yet
                }
                if (TAIL.compareAndSet(this, pos, pos + 1)) {
                    ITEM.set(items, i, item);
                    SEQ.setRelease(sequences, i, pos + 1); // publishes the item to the consumer
                    return true;
                }
                pos = tail;
            } else if (dif < 0) {
                return false; // the slot still holds the item of the previous lap: full
            } else {
                pos = tail; // another producer took this position
            }
        }
    }

    /**
     * Takes the oldest item; the consumer thread only.
     *
     * @return the item, or null when none is published at the head (empty, or a producer has claimed
     *     the head's position and not yet stored its item: see {@link #claimed()})
     */
    Object poll() {
        long pos = head;
        int i = index(pos);
        long seq = (long) SEQ.getAcquire(sequences, i);
        if (seq != pos + 1) {
            return null;
        }
        Object item = ITEM.get(items, i);
        ITEM.set(items, i, null);
        SEQ.setRelease(sequences, i, pos + slots); // frees the slot for the next lap
        head = pos + 1;
        return item;
    }

    /**
     * Moves up to {@code max} published items, oldest first, into the list; the consumer thread only.
     *
     * @return how many were moved
     */
    int drainTo(List<Object> into, int max) {
        int n = 0;
        long pos = head;
        while (n < max) {
            int i = index(pos);
            long seq = (long) SEQ.getAcquire(sequences, i);
            if (seq != pos + 1) {
                break;
            }
            into.add(ITEM.get(items, i));
            ITEM.set(items, i, null);
            SEQ.setRelease(sequences, i, pos + slots);
            pos++;
            n++;
        }
        head = pos;
        return n;
    }

    /**
     * @return whether a producer has claimed a position the consumer has not taken yet (an item
     *     is published or about to be); a volatile read of the tail, so a consumer that announced it
     *     parks and then reads false cannot miss the producer that reads the announcement before it
     */
    boolean claimed() {
        return tail != head;
    }

    /** @return whether nothing is claimed; exact on the consumer thread, a snapshot elsewhere */
    boolean isEmpty() {
        return !claimed();
    }

    /** @return the items claimed and not yet taken, a snapshot (0 to capacity) */
    int size() {
        long h = head;
        long t = tail;
        return (int) Math.max(0, Math.min(capacity, t - h));
    }

    /** @return the room left, a snapshot */
    int remainingCapacity() {
        return capacity - size();
    }
}
