package io.aria.core.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AssetCatalog;
import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.PipelineCounters;
import io.aria.core.Tick;
import io.aria.core.spi.EnsembleModel;
import io.aria.core.spi.RiskGuard;
import io.aria.core.testing.Allocations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EnsembleModel} must do. Extend this class and implement {@link #newModel()}:
 *
 * <pre>{@code
 * class MyModelTest extends EnsembleModelContract {
 *     @Override protected EnsembleModel newModel() { return new MyModel(AssetCatalog.defaults()); }
 * }
 * }</pre>
 *
 * <p>The kit feeds {@link #ticks()} (by default eight hours of correlated random walks of three
 * symbols, a tick every 5 s per symbol) and checks:
 * <ul>
 *   <li>at most one decision per tick, delivered during the call, for the tick's symbol at the
 *       tick's time; the ticks give at least one decision (otherwise every other check would be
 *       empty);</li>
 *   <li>it never throws for valid market data, odd ones included (gaps of days, repeated times,
 *       prices jumping tenfold, spreads 50 times typical, zero and huge volumes);</li>
 *   <li>a tick that yields no decision allocates nothing, once warm (HotSpot's per-thread
 *       counter; the ticks that decide are measured apart and not counted);</li>
 *   <li>the same ticks and the same trade feedback give the same decisions;</li>
 *   <li>in a stepped {@link io.aria.core.TradingPipeline}: an exception from the model means
 *       "no decision", even for a decision it emitted before throwing, and the pipeline goes on;</li>
 *   <li>in a started pipeline every call arrives on the one event-loop thread.</li>
 * </ul>
 */
public abstract class EnsembleModelContract {

    /** @return a new model with fresh state; each call a new one */
    protected abstract EnsembleModel newModel();

    /** @return the assets the model is built for (default {@link AssetCatalog#defaults()}) */
    protected AssetCatalog catalog() {
        return AssetCatalog.defaults();
    }

    /** @return the symbols of the default ticks */
    protected List<String> symbols() {
        return List.of("EURUSD", "XAUUSD", "BTCUSD");
    }

    /** @return the ticks the kit feeds, valid and in time order per symbol; the same list each call */
    protected List<Tick> ticks() {
        return KitSupport.synthetic(catalog(), symbols(), 5, Duration.ofSeconds(5), 3 * 5_760);
    }

    /** @return how many leading ticks warm the model up before allocation is measured (default half) */
    protected int warmUpTicks() {
        return ticks().size() / 2;
    }

    /** @return how long a started pipeline may take over the ticks */
    protected Duration timeout() {
        return Duration.ofSeconds(60);
    }

    private EnsembleModel model() {
        EnsembleModel m = newModel();
        assertNotNull(m, "newModel() returned null");
        return m;
    }

    /** Collects decisions and notes any that arrive outside onTick or more than one per tick. */
    private static final class Collector implements Consumer<Decision> {
        final List<Decision> decisions = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        Tick current;
        int inThisTick;

        @Override
        public void accept(Decision d) {
            if (current == null) {
                problems.add("a decision arrived outside onTick: " + d);
                return;
            }
            if (d == null) {
                problems.add("a null decision on " + current);
                return;
            }
            if (++inThisTick > 1) {
                problems.add("a second decision for " + current + ": " + d);
            }
            if (!d.symbol().equals(current.symbol()) || d.epochMillis() != current.epochMillis()) {
                problems.add("decision " + d.symbol() + "@" + d.epochMillis() + " for tick " + current.symbol() + "@"
                        + current.epochMillis());
            }
            decisions.add(d);
        }

        void feed(EnsembleModel m, Tick t) {
            current = t;
            inThisTick = 0;
            try {
                m.onTick(t, this);
            } catch (RuntimeException e) {
                throw new AssertionError(m.name() + " threw on valid market data " + t, e);
            } finally {
                current = null;
            }
        }
    }

    @Nested
    @DisplayName("decisions")
    class Decisions {

        @Test
        @DisplayName("at most one per tick, during the call, for the tick's symbol and time")
        void atMostOnePerTick() {
            EnsembleModel m = model();
            Collector c = new Collector();
            for (Tick t : ticks()) {
                c.feed(m, t);
            }
            assertTrue(c.problems.isEmpty(), () -> c.problems.size() + " problems, the first: " + c.problems.get(0));
            assertFalse(c.decisions.isEmpty(), "the kit's ticks gave no decision: override ticks() so they do");
        }

        @Test
        @DisplayName("never throws for valid market data, odd ones included")
        void oddButValidTicks_noThrow() {
            EnsembleModel m = model();
            Collector c = new Collector();
            List<Tick> ticks = ticks();
            for (Tick t : ticks.subList(0, ticks.size() / 4)) {
                c.feed(m, t);
            }
            for (Tick t : odd(ticks.get(ticks.size() / 4 - 1).epochMillis())) {
                c.feed(m, t);
            }
            assertTrue(c.problems.isEmpty(), () -> c.problems.size() + " problems, the first: " + c.problems.get(0));
        }

        private List<Tick> odd(long from) {
            List<Tick> out = new ArrayList<>();
            long t = from;
            for (String s : symbols()) {
                double mid = io.aria.core.source.SyntheticTickSource.defaultStartPrice(s);
                mid = Double.isNaN(mid) ? 100 : mid;
                double sp = catalog().spec(s).typicalSpread();
                out.add(new Tick(s, t, mid - sp / 2, mid + sp / 2, 0));
                out.add(new Tick(s, t, mid - sp / 2, mid + sp / 2, 0)); // same time again
                out.add(new Tick(s, t + 1, mid * 10, mid * 10 + sp, 1e9)); // tenfold, huge volume
                out.add(new Tick(s, t + 2, mid / 10, mid / 10 + sp, 1));
                out.add(new Tick(s, t + 3, mid - 25 * sp, mid + 25 * sp, 1)); // 50 spreads wide
                out.add(new Tick(s, t + 3 * 86_400_000L, mid, mid + sp, 1)); // three days later
                out.add(new Tick(s, t + 3 * 86_400_000L + 60_000, mid, mid, 1)); // no spread
            }
            return out;
        }
    }

    @Test
    @DisplayName("a tick that yields no decision allocates nothing once warm")
    void quietTicks_allocationFree() {
        Allocations.counter();
        List<Tick> list = ticks();
        Tick[] ticks = list.toArray(new Tick[0]);
        int warm = warmUpTicks();
        // a twin model tells which ticks decide: the same ticks give the same decisions
        boolean[] decides = new boolean[ticks.length];
        EnsembleModel twin = model();
        int[] index = new int[1];
        Consumer<Decision> mark = d -> decides[index[0]] = true;
        for (int i = 0; i < ticks.length; i++) {
            index[0] = i;
            twin.onTick(ticks[i], mark);
        }
        // the least of three runs: a model that allocates does so every time, the JIT only at first
        long least = Long.MAX_VALUE;
        int quiet = 0;
        String name = twin.name();
        for (int run = 0; run < 3 && least > 0; run++) {
            EnsembleModel m = model();
            Consumer<Decision> ignore = d -> { };
            for (int i = 0; i < warm; i++) {
                m.onTick(ticks[i], ignore);
            }
            com.sun.management.ThreadMXBean mx = Allocations.counter();
            long tid = Thread.currentThread().getId();
            long deciding = 0;
            quiet = 0;
            long start = mx.getThreadAllocatedBytes(tid);
            for (int i = warm; i < ticks.length; i++) {
                if (decides[i]) {
                    long before = mx.getThreadAllocatedBytes(tid);
                    m.onTick(ticks[i], ignore);
                    deciding += mx.getThreadAllocatedBytes(tid) - before;
                } else {
                    quiet++;
                    m.onTick(ticks[i], ignore);
                }
            }
            least = Math.min(least, mx.getThreadAllocatedBytes(tid) - start - deciding);
        }
        long quietBytes = least;
        int quietCount = quiet;
        assertTrue(quietCount > 0, "no quiet tick after the warm-up");
        assertTrue(quietBytes < 1_024, () -> name + " allocated " + quietBytes + " bytes over " + quietCount
                + " ticks that yielded no decision (the least of three runs)");
    }

    private static List<Decision> run(EnsembleModel m, List<Tick> ticks) {
        List<Decision> out = new ArrayList<>();
        Consumer<Decision> sink = out::add;
        int fed = 0;
        for (Tick t : ticks) {
            int before = out.size();
            m.onTick(t, sink);
            if (out.size() > before && ++fed % 3 == 0) {
                Decision d = out.get(out.size() - 1);
                if (d.direction() != Direction.FLAT) {
                    m.onTradeClosed(d, fed % 2 == 0 ? 12.5 : -7.25); // feedback for adaptive models
                }
            }
        }
        return out;
    }

    @Test
    @DisplayName("the same ticks and trade feedback give the same decisions")
    void deterministic() {
        List<Tick> ticks = ticks();
        List<Decision> a = run(model(), ticks);
        List<Decision> b = run(model(), ticks);
        assertEquals(a.size(), b.size(), "number of decisions");
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i), b.get(i), "decision " + i + " differs between two runs of the same ticks");
        }
    }

    /** Delegates, recording threads; optionally throws after any tick on which the delegate decided. */
    private static final class Probe implements EnsembleModel {
        final EnsembleModel delegate;
        final boolean throwAfterDeciding;
        final KitSupport.Threads threads = new KitSupport.Threads();
        volatile int emitted;

        Probe(EnsembleModel delegate, boolean throwAfterDeciding) {
            this.delegate = delegate;
            this.throwAfterDeciding = throwAfterDeciding;
        }

        @Override
        public void onTick(Tick tick, Consumer<Decision> decisions) {
            threads.mark("onTick");
            int before = emitted;
            delegate.onTick(tick, d -> {
                emitted++;
                decisions.accept(d);
            });
            if (throwAfterDeciding && emitted > before) {
                throw new IllegalStateException("kit: " + delegate.name() + " made to throw after deciding");
            }
        }

        @Override
        public void onTradeClosed(Decision entry, double profit) {
            threads.mark("onTradeClosed");
            delegate.onTradeClosed(entry, profit);
        }

        @Override
        public String name() {
            return delegate.name();
        }
    }

    private KitSupport.Stepped stepped(Probe probe) {
        KitSupport.Stepped s = new KitSupport.Stepped(catalog());
        s.builder.ensemble(probe).sizer(KitSupport.minimumSizer(1)).riskGuard(RiskGuard.allowAll());
        return s;
    }

    @Nested
    @DisplayName("in a pipeline")
    class InAPipeline {

        @Test
        @DisplayName("an exception from the model means no decision, even one emitted before it threw")
        void exception_meansNoDecision() {
            Probe probe = new Probe(model(), true);
            List<Tick> ticks = ticks();
            KitSupport.Stepped s = stepped(probe).run(ticks);
            PipelineCounters c = s.pipeline.snapshot().counters();
            assertTrue(probe.emitted > 0, "the model decided nothing in the kit's pipeline");
            assertEquals(0, c.decisions(), "decisions taken from a model that then threw: " + c);
            assertTrue(s.gateway.submitted.isEmpty(), () -> "orders sent on decisions of a model that threw: "
                    + s.gateway.submitted);
            assertEquals(ticks.size(), c.ticksAccepted(), "the pipeline went on with every tick");
            assertTrue(c.componentErrors() >= probe.emitted, "each failure counted: " + c);
        }

        @Test
        @DisplayName("a started pipeline calls the model on its one event-loop thread")
        void startedPipeline_oneThread() throws InterruptedException {
            Probe probe = new Probe(model(), false);
            KitSupport.runStarted(stepped(probe).builder, ticks(), timeout());
            assertTrue(probe.threads.calls.getOrDefault("onTick", 0) > 0, "onTick was never called");
            probe.threads.assertOneLoopThread(probe.name());
        }
    }
}
