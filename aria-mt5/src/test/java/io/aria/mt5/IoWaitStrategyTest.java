package io.aria.mt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AccountMode;
import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.Side;
import io.aria.core.Tick;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every I/O wait strategy runs the whole client: orders fill (also when replies arrive while the
 * I/O thread is busy sending others), ticks arrive, a lost link is found and re-established by
 * the timers, and close ends the connection's threads. The option is validated in one line.
 */
class IoWaitStrategyTest {

    @ParameterizedTest
    @EnumSource(IoWaitStrategy.class)
    void eachStrategy_fillsOrders_deliversTicks_reconnects_andCloseEndsItsThreads(IoWaitStrategy wait) throws Exception {
        Set<Thread> before = ariaThreads();
        List<Tick> ticks = new CopyOnWriteArrayList<>();
        Set<Thread> started;
        Harness h = new Harness(b -> b.accountMode(AccountMode.HEDGING), c -> c.ioWaitStrategy(wait));
        try {
            assertEquals(wait, h.connection.config().ioWaitStrategy());
            h.connection.tickSource().start(ticks::add);

            // a burst from four threads at once: replies arrive while the I/O thread is sending
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<ExecutionReport>> reports = new CopyOnWriteArrayList<>();
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int n = t;
                Thread s = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < 25; i++) {
                        String cid = Harness.cid("w" + n);
                        h.submitted.add(cid);
                        reports.add(h.gateway.submit(h.market(cid, "EURUSD", i % 2 == 0 ? Side.BUY : Side.SELL, 0.01))
                                .toCompletableFuture());
                    }
                });
                s.start();
                senders.add(s);
            }
            go.countDown();
            for (Thread s : senders) {
                s.join(30_000);
            }
            assertEquals(100, reports.size());
            for (CompletableFuture<ExecutionReport> f : reports) {
                assertEquals(ExecutionStatus.FILLED, f.get(15, TimeUnit.SECONDS).status(), wait + ": " + f.get());
            }

            // ticks the terminal publishes reach the listener
            for (int i = 0; i < 20; i++) {
                double bid = 1.1 + i * 0.00001;
                h.terminal.quote("EURUSD", bid, bid + 0.0001);
            }
            Await.until(() -> ticks.stream().filter(t -> t.symbol().equals("EURUSD")).count() >= 20,
                    wait + ": 20 ticks delivered");

            // the timers (heartbeats, link loss, back-off) run under the strategy: a dropped link comes back
            h.terminal.disconnect(Duration.ofMillis(1000));
            Await.until(() -> h.connection.reconnectCount() >= 1 && h.connection.state() == ConnectionState.CONNECTED,
                    Duration.ofSeconds(20), wait + ": reconnected after the terminal dropped off");
            assertEquals(ExecutionStatus.FILLED, h.submit(h.market(Harness.cid("after"), "EURUSD", Side.BUY, 0.01)).status());
            h.assertInvariants();
            started = ariaThreads();
            started.removeAll(before);
        } finally {
            h.close();
        }
        assertTrue(started.stream().anyMatch(t -> t.getName().equals("aria-mt5-io")), "the I/O thread was seen: " + started);
        assertTrue(started.stream().anyMatch(t -> t.getName().equals("aria-mt5-ticks")), "the delivery thread was seen");
        for (Thread t : started) {
            t.join(5000);
            assertFalse(t.isAlive(), wait + ": " + t.getName() + " still runs after close");
        }
    }

    @Test
    void anIdleCaller_sendsTheOrderItself_andAnInterruptedOneHandsItOver_keepingItsInterrupt() {
        try (Harness h = new Harness(b -> b.accountMode(AccountMode.HEDGING), c -> { })) {
            long before = h.connection.loop().inlinedCount();
            assertEquals(ExecutionStatus.FILLED, h.submit(h.market(Harness.cid("idle"), "EURUSD", Side.BUY, 0.01)).status());
            Await.until(() -> h.connection.loop().inlinedCount() > before, "the submit ran on its caller's thread");

            // ZeroMQ calls on an interrupted thread consume the interrupt and fail: the order must not be
            // sent from it, and the caller's interrupt must survive
            long inlinedBefore = h.connection.loop().inlinedCount();
            String cid = Harness.cid("interrupted");
            io.aria.core.OrderRequest r = h.market(cid, "EURUSD", Side.SELL, 0.01);
            h.submitted.add(cid);
            Thread.currentThread().interrupt();
            CompletableFuture<ExecutionReport> f;
            try {
                f = h.gateway.submit(r).toCompletableFuture();
                assertTrue(Thread.currentThread().isInterrupted(), "the caller's interrupt was swallowed");
            } finally {
                Thread.interrupted();
            }
            assertEquals(ExecutionStatus.FILLED, Harness.get(f).status());
            assertEquals(inlinedBefore, h.connection.loop().inlinedCount(), "an interrupted caller touched the socket");
            h.assertInvariants();
        }
    }

    @Test
    void ticksOnIoThread_callsTheListenerThere_noDeliveryThread_anOrderFromItFills_andAThrowDoesNotStopIt()
            throws Exception {
        Set<Thread> before = ariaThreads();
        List<String> threads = new CopyOnWriteArrayList<>();
        List<CompletableFuture<ExecutionReport>> orders = new CopyOnWriteArrayList<>();
        try (Harness h = new Harness(b -> b.accountMode(AccountMode.HEDGING), c -> c.ticksOnIoThread(true))) {
            h.connection.tickSource().start(t -> {
                if (!t.symbol().equals("EURUSD")) {
                    return;
                }
                threads.add(Thread.currentThread().getName());
                if (threads.size() == 1) {
                    throw new IllegalStateException("a listener that throws once");
                }
                if (threads.size() == 2) {
                    String cid = Harness.cid("onio");
                    h.submitted.add(cid);
                    // from the I/O thread itself: handed over (never sent inline), and it fills
                    orders.add(h.gateway.submit(io.aria.core.OrderRequest.market(cid, "EURUSD", Side.BUY, 0.01, t.ask()))
                            .toCompletableFuture());
                }
            });
            for (int i = 0; i < 5; i++) {
                double bid = 1.1 + i * 0.00001;
                h.terminal.quote("EURUSD", bid, bid + 0.0001);
            }
            Await.until(() -> threads.size() >= 5, "five ticks, the first of which threw");
            assertTrue(threads.stream().allMatch("aria-mt5-io"::equals), "called on " + threads);
            assertEquals(ExecutionStatus.FILLED, Harness.get(orders.get(0)).status());
            Set<Thread> mine = ariaThreads();
            mine.removeAll(before);
            assertFalse(mine.stream().anyMatch(t -> t.getName().equals("aria-mt5-ticks")), "a delivery thread: " + mine);
            assertTrue(h.connection.config().toString().contains("ticksOnIoThread"));
            h.assertInvariants();
            h.connection.tickSource().close();
            int seen = threads.size();
            h.terminal.quote("EURUSD", 1.2, 1.2001);
            assertEquals(ExecutionStatus.FILLED, h.submit(h.market(Harness.cid("after"), "EURUSD", Side.SELL, 0.01)).status());
            assertEquals(seen, threads.size(), "a tick reached the listener after close");
        }
    }

    @Test
    void blocking_costsNoCpuWhileIdle() throws Exception {
        Set<Thread> before = ariaThreads();
        try (Harness h = new Harness(b -> b.accountMode(AccountMode.HEDGING), c -> { })) {
            Set<Thread> mine = ariaThreads();
            mine.removeAll(before);
            Thread io = mine.stream().filter(t -> t.getName().equals("aria-mt5-io")).findFirst().orElseThrow();
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long cpu0 = mx.getThreadCpuTime(io.getId());
            long wall0 = System.nanoTime();
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1)); // the window measured
            long cpu = mx.getThreadCpuTime(io.getId()) - cpu0;
            long wall = System.nanoTime() - wall0;
            // heartbeats every 200 ms cost microseconds; a loop that never sleeps would use most of the window
            assertTrue(cpu < wall / 4, "the blocking I/O thread used " + cpu / 1_000_000 + " ms of CPU in "
                    + wall / 1_000_000 + " ms idle");
        }
    }

    private static Set<Thread> ariaThreads() {
        Set<Thread> out = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("aria-mt5-")) {
                out.add(t);
            }
        }
        return out;
    }

    @Test
    void blocking_isTheDefault_andShownInToString() {
        Mt5Config c = Mt5Config.builder().build();
        assertEquals(IoWaitStrategy.BLOCKING, c.ioWaitStrategy());
        assertTrue(c.toString().contains("ioWaitStrategy=BLOCKING"), c.toString());
    }

    @Test
    void aNullStrategy_isRefusedInOneLineNamingTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Mt5Config.builder().ioWaitStrategy(null).build());
        assertEquals("ioWaitStrategy must be one of blocking, yielding, busy-spin, was null", e.getMessage());
    }

    @Test
    void theEnvironment_setsIt_andABadValueIsOneLineNamingTheVariableAndTheValue() {
        assertEquals(IoWaitStrategy.BUSY_SPIN, Mt5Config.builder()
                .fromEnvironment(Map.of(Mt5Config.ENV_IO_WAIT, "busy-spin")).build().ioWaitStrategy());
        assertEquals(IoWaitStrategy.YIELDING, Mt5Config.builder()
                .fromEnvironment(Map.of(Mt5Config.ENV_IO_WAIT, " Yielding ")).build().ioWaitStrategy());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Mt5Config.builder().fromEnvironment(Map.of(Mt5Config.ENV_IO_WAIT, "fast")));
        assertEquals("ARIA_MT5_IO_WAIT: ioWaitStrategy must be one of blocking, yielding, busy-spin, was 'fast'",
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
