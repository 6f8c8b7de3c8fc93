package io.aria.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The writer's ring under several real producer threads: every item taken exactly once, and each
 * producer's items in the order it offered them, at any capacity (including 1 and non-powers of two),
 * with the ring wrapping many times and producers finding it full.
 */
class AuditRingProperties {

    @Property(tries = 40)
    void noItemIsLostDuplicatedOrReorderedPerProducer(@ForAll @IntRange(min = 1, max = 37) int capacity,
            @ForAll @IntRange(min = 1, max = 4) int producers, @ForAll @IntRange(min = 1, max = 3_000) int perProducer)
            throws InterruptedException {
        AuditRing ring = new AuditRing(capacity);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perProducer; i++) {
                    long item = ((long) id << 32) | i;
                    Long boxed = item;
                    while (!ring.offer(boxed)) {
                        Thread.yield(); // full: the consumer makes room
                    }
                }
            }, "ring-producer-" + p);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        int[] next = new int[producers];
        int total = producers * perProducer;
        List<Object> batch = new ArrayList<>();
        start.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int taken = 0;
        while (taken < total) {
            assertTrue(System.nanoTime() - deadline < 0, "items taken by the deadline: " + taken + " of " + total);
            int size = ring.size();
            assertTrue(size >= 0 && size <= capacity, "size " + size + " within capacity " + capacity);
            Object one = ring.poll();
            if (one != null) {
                batch.add(one);
            }
            ring.drainTo(batch, 1 + taken % 5);
            for (Object o : batch) {
                long v = (Long) o;
                int producer = (int) (v >>> 32);
                int seq = (int) v;
                assertEquals(next[producer], seq, "producer " + producer + "'s next item");
                next[producer]++;
                taken++;
            }
            batch.clear();
            if (one == null) {
                Thread.yield();
            }
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(t.isAlive());
        }
        assertNull(ring.poll(), "nothing beyond what was offered");
        assertTrue(ring.isEmpty());
        for (int p = 0; p < producers; p++) {
            assertEquals(perProducer, next[p]);
        }
    }

    @Property(tries = 50)
    void holdsExactlyItsCapacity(@ForAll @IntRange(min = 1, max = 100) int capacity) {
        AuditRing ring = new AuditRing(capacity);
        for (int lap = 0; lap < 3; lap++) {
            for (int i = 0; i < capacity; i++) {
                assertTrue(ring.offer(i));
            }
            assertFalse(ring.offer(-1), "full at " + capacity);
            assertEquals(0, ring.remainingCapacity());
            for (int i = 0; i < capacity; i++) {
                assertEquals(i, ring.poll());
            }
            assertNull(ring.poll());
        }
    }
}
