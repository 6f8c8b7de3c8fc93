package io.aria.core.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.aria.core.Tick;
import io.aria.core.spi.TickListener;
import io.aria.core.spi.TickSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TickSource} must do. A source's test extends this class and implements
 * {@link #createSource()}; live sources (which never end) override {@link #isFinite()}.
 *
 * <p>The source returned by {@link #createSource()} should deliver at least
 * {@link #sampleSize()} ticks; a finite one should end within {@link #timeout()}.
 */
public abstract class TickSourceContract {

    private final List<TickSource> created = new ArrayList<>();

    /** @return a new, unstarted source; each call a fresh one */
    protected abstract TickSource createSource();

    /** @return whether the sources of {@link #createSource()} end by themselves (default true) */
    protected boolean isFinite() {
        return true;
    }

    /** @return how many ticks to observe of an infinite source (default 200) */
    protected int sampleSize() {
        return 200;
    }

    /** @return how long to wait for ticks or the end (default 10 s) */
    protected Duration timeout() {
        return Duration.ofSeconds(10);
    }

    /** @return how long to watch for ticks that must not come (default 200 ms) */
    protected Duration quietPeriod() {
        return Duration.ofMillis(200);
    }

    private TickSource source() {
        TickSource s = createSource();
        assertNotNull(s, "createSource() returned null");
        created.add(s);
        return s;
    }

    @AfterEach
    void closeSources() {
        created.forEach(TickSource::close);
    }

    /** Collects ticks and end calls from the delivery thread. */
    private static final class Recorder implements TickListener {
        final BlockingQueue<Tick> ticks = new LinkedBlockingQueue<>();
        final AtomicInteger ends = new AtomicInteger();
        final CountDownLatch ended = new CountDownLatch(1);
        final AtomicInteger nulls = new AtomicInteger();
        volatile int ticksAtEnd = -1;

        @Override
        public void onTick(Tick tick) {
            if (tick == null) {
                nulls.incrementAndGet();
                return;
            }
            ticks.add(tick);
        }

        @Override
        public void onEnd(TickSource source) {
            ticksAtEnd = ticks.size();
            ends.incrementAndGet();
            ended.countDown();
        }
    }

    /** Runs a source until it ends (finite) or {@link #sampleSize()} ticks came; returns them. */
    private List<Tick> run(TickSource source, Recorder r) throws InterruptedException {
        source.start(r);
        List<Tick> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout().toNanos();
        if (isFinite()) {
            assertTrue(r.ended.await(timeout().toMillis(), TimeUnit.MILLISECONDS),
                    "a finite source must call onEnd within " + timeout());
            r.ticks.drainTo(out);
        } else {
            while (out.size() < sampleSize()) {
                long left = deadline - System.nanoTime();
                Tick t = r.ticks.poll(Math.max(left, 0), TimeUnit.NANOSECONDS);
                assertNotNull(t, "expected " + sampleSize() + " ticks within " + timeout() + ", got " + out.size());
                out.add(t);
            }
        }
        assertEquals(0, r.nulls.get(), "a source never delivers null");
        return out;
    }

    @Test
    @DisplayName("delivers ticks of its symbols() only")
    void deliversOnlyItsSymbols() throws InterruptedException {
        TickSource s = source();
        Set<String> symbols = new HashSet<>(s.symbols());
        assertFalse(symbols.isEmpty(), "symbols() must not be empty");
        List<Tick> ticks = run(s, new Recorder());
        assertFalse(ticks.isEmpty(), "the source delivered no tick");
        for (Tick t : ticks) {
            assertTrue(symbols.contains(t.symbol()), "tick of " + t.symbol() + " is not among symbols() " + symbols);
        }
    }

    @Test
    @DisplayName("time never goes backwards within a symbol")
    void timeIsNonDecreasingPerSymbol() throws InterruptedException {
        List<Tick> ticks = run(source(), new Recorder());
        Map<String, Long> last = new HashMap<>();
        for (Tick t : ticks) {
            Long prev = last.put(t.symbol(), t.epochMillis());
            if (prev != null) {
                assertTrue(t.epochMillis() >= prev, t.symbol() + " went back from " + prev + " to " + t.epochMillis());
            }
        }
    }

    @Test
    @DisplayName("a finite source calls onEnd exactly once, after its last tick")
    void finiteSourceEndsExactlyOnce() throws InterruptedException {
        assumeTrue(isFinite(), "only finite sources end");
        TickSource s = source();
        Recorder r = new Recorder();
        List<Tick> ticks = run(s, r);
        // no tick after the end, and closing afterwards does not end it again
        assertNull(r.ticks.poll(quietPeriod().toMillis(), TimeUnit.MILLISECONDS), "a tick came after onEnd");
        s.close();
        assertEquals(1, r.ends.get(), "onEnd calls");
        assertEquals(ticks.size(), r.ticksAtEnd, "ticks delivered before onEnd");
    }

    @Test
    @DisplayName("start twice throws IllegalStateException")
    void startTwiceThrows() {
        TickSource s = source();
        s.start(new Recorder());
        assertThrows(IllegalStateException.class, () -> s.start(new Recorder()));
    }

    @Test
    @DisplayName("close is idempotent, also before start")
    void closeIsIdempotent() {
        TickSource unstarted = source();
        assertDoesNotThrow(unstarted::close);
        assertDoesNotThrow(unstarted::close);
        TickSource started = source();
        started.start(new Recorder());
        assertDoesNotThrow(started::close);
        assertDoesNotThrow(started::close);
    }

    @Test
    @DisplayName("after close no further tick is delivered")
    void closeStopsDelivery() throws InterruptedException {
        TickSource s = source();
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        BlockingQueue<Tick> after = new LinkedBlockingQueue<>();
        AtomicInteger seen = new AtomicInteger();
        s.start(new TickListener() {
            @Override
            public void onTick(Tick tick) {
                if (seen.incrementAndGet() == 1) {
                    first.countDown();
                    try {
                        // hold the delivery thread inside the first tick while the test closes
                        release.await(timeout().toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                } else {
                    after.add(tick);
                }
            }
        });
        assertTrue(first.await(timeout().toMillis(), TimeUnit.MILLISECONDS), "no first tick within " + timeout());
        s.close();
        release.countDown();
        assertNull(after.poll(quietPeriod().toMillis(), TimeUnit.MILLISECONDS), "a tick came after close()");
    }
}
