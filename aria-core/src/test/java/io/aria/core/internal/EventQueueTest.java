package io.aria.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AssetCatalog;
import io.aria.core.Tick;
import io.aria.core.TickBackpressure;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EventQueueTest {

    static final AssetCatalog CATALOG = AssetCatalog.defaults();

    static Tick tick(String s, long t) {
        return new Tick(s, t, 1.1, 1.1002, 1);
    }

    @Test
    @DisplayName("CONFLATE: the latest tick of a symbol wins, older waiting ones are counted, symbols keep their order")
    void conflateKeepsTheLatestTickPerSymbol() throws Exception {
        EventQueue q = new EventQueue(TickBackpressure.CONFLATE, 16, CATALOG.size(), CATALOG::indexOf);
        Tick e1 = tick("EURUSD", 1);
        Tick g1 = tick("GBPUSD", 2);
        Tick e2 = tick("EURUSD", 3);
        Tick e3 = tick("EURUSD", 4);
        Tick unknown = tick("NOPE", 5);
        for (Tick t : new Tick[] {e1, g1, e2, e3, unknown}) {
            q.offerTick(t);
        }
        assertSame(e3, q.pollTick(), "EURUSD was first in line and its newest tick is delivered");
        assertSame(g1, q.pollTick());
        assertSame(unknown, q.pollTick(), "a tick of an unknown symbol is passed on for the loop to reject");
        assertNull(q.pollTick());
        assertEquals(2, q.conflated());
    }

    @Test
    @DisplayName("BLOCK: a full queue makes the producer wait, and nothing is lost")
    void blockMakesTheProducerWait() throws Exception {
        EventQueue q = new EventQueue(TickBackpressure.BLOCK, 16, CATALOG.size(), CATALOG::indexOf);
        CountDownLatch done = new CountDownLatch(1);
        Thread producer = new Thread(() -> {
            try {
                for (int i = 0; i < 100; i++) {
                    q.offerTick(tick("EURUSD", i));
                }
                done.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.start();
        assertFalse(done.await(200, TimeUnit.MILLISECONDS), "the producer must wait while the queue is full");
        for (int i = 0; i < 100; i++) {
            Object o = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (o == null && System.nanoTime() < deadline) {
                o = q.pollTick();
            }
            assertEquals(i, ((Tick) o).epochMillis(), "ticks arrive in order, none dropped");
        }
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals(0, q.conflated());
    }

    @Test
    @DisplayName("events are never dropped and come back in order")
    void eventsInOrder() {
        EventQueue q = new EventQueue(TickBackpressure.BLOCK, 16, CATALOG.size(), CATALOG::indexOf);
        for (int i = 0; i < 10_000; i++) {
            int k = i;
            q.offer(new EventQueue.Command(() -> { }));
            if (k % 1000 == 0) {
                assertTrue(q.hasEvents());
            }
        }
        int n = 0;
        while (q.pollEvent() != null) {
            n++;
        }
        assertEquals(10_000, n);
    }
}
