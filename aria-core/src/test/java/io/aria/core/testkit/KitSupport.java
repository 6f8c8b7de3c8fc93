package io.aria.core.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AssetCatalog;
import io.aria.core.AssetSpec;
import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.OrderIntent;
import io.aria.core.Regime;
import io.aria.core.Side;
import io.aria.core.Tick;
import io.aria.core.TradingPipeline;
import io.aria.core.source.SyntheticTickSource;
import io.aria.core.spi.EnsembleModel;
import io.aria.core.spi.PositionSizer;
import io.aria.core.testing.FakeGateway;
import io.aria.core.testing.ListTickSource;
import io.aria.core.testing.RecordingAudit;
import io.aria.core.testing.TestPortfolioView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** What the compatibility kits share: tick streams, a scripted ensemble, a fixed sizer, pipelines. */
final class KitSupport {

    /** Wednesday 2024-01-03 12:00 UTC. */
    static final long T0 = TestPortfolioView.DEFAULT_NOW;

    private KitSupport() {
    }

    /**
     * @param catalog the assets
     * @param symbols the symbols that tick
     * @param seed    the seed
     * @param step    time between two ticks of one symbol
     * @param n       how many ticks (all symbols together)
     * @return deterministic correlated random walks from {@link #T0}, open hours only
     */
    static List<Tick> synthetic(AssetCatalog catalog, List<String> symbols, long seed, Duration step, int n) {
        return SyntheticTickSource.builder().catalog(catalog).symbols(symbols).seed(seed)
                .startTime(Instant.ofEpochMilli(T0)).tickInterval(step).openHoursOnly(true).build().generate(n);
    }

    /**
     * @param symbol    symbol
     * @param direction direction
     * @param t         time
     * @param spec      the symbol's spec
     * @return a decision with confidence 0.9 and an {@code "atr"} indicator of 20 typical spreads
     */
    static Decision decision(String symbol, Direction direction, long t, AssetSpec spec) {
        return new Decision(symbol, t, direction, 0.9, direction.sign() * 0.9, Regime.TREND, List.of(),
                Map.of("atr", 20 * spec.typicalSpread()));
    }

    /** Makes a decision for a symbol, a direction and a time. */
    @FunctionalInterface
    interface DecisionMaker {
        Decision make(String symbol, Direction direction, long epochMillis);
    }

    /**
     * Emits, on every {@code period}-th tick of a symbol, LONG, FLAT, SHORT, FLAT, LONG, ... and
     * nothing on the other ticks.
     */
    static final class CyclingEnsemble implements EnsembleModel {
        private static final Direction[] CYCLE = {Direction.LONG, Direction.FLAT, Direction.SHORT, Direction.FLAT};
        private final int period;
        private final DecisionMaker maker;
        private final Map<String, int[]> counts = new HashMap<>();

        CyclingEnsemble(int period, DecisionMaker maker) {
            this.period = period;
            this.maker = maker;
        }

        @Override
        public void onTick(Tick tick, Consumer<Decision> decisions) {
            int[] c = counts.computeIfAbsent(tick.symbol(), s -> new int[1]);
            int k = ++c[0];
            if (k % period == 0) {
                decisions.accept(maker.make(tick.symbol(), CYCLE[(k / period - 1) % CYCLE.length], tick.epochMillis()));
            }
        }
    }

    /**
     * @param minimums volume in minimum volumes of the symbol
     * @return a sizer that buys or sells that volume at the last quote, without stops
     */
    static PositionSizer minimumSizer(int minimums) {
        return (d, p) -> {
            AssetSpec spec = p.catalog().spec(d.symbol());
            Optional<Tick> t = p.lastTick(d.symbol());
            if (t.isEmpty()) {
                return Optional.empty();
            }
            Side side = d.direction().entrySide();
            return Optional.of(new OrderIntent(d.symbol(), side, spec.roundVolumeDown(spec.volumeMin() * minimums),
                    t.get().priceFor(side), 0, 0, false, d, "kit: " + minimums + " minimum volumes"));
        };
    }

    /** Records which threads called. */
    static final class Threads {
        final Set<Thread> seen = ConcurrentHashMap.newKeySet();
        final Map<String, Integer> calls = new ConcurrentHashMap<>();

        void mark(String method) {
            seen.add(Thread.currentThread());
            calls.merge(method, 1, Integer::sum);
        }

        void assertOneLoopThread(String what) {
            assertEquals(1, seen.size(), () -> what + " was called on " + seen.size() + " threads: " + seen);
            assertTrue(!seen.contains(Thread.currentThread()), what + " was called on the test's thread, not the loop");
        }
    }

    /** A stepped pipeline over a fake netting broker, with the audit records kept in memory. */
    static final class Stepped {
        final FakeGateway gateway = new FakeGateway();
        final RecordingAudit audit = new RecordingAudit();
        final TradingPipeline.Builder builder;
        TradingPipeline pipeline;

        Stepped(AssetCatalog catalog) {
            builder = TradingPipeline.builder().catalog(catalog).gateway(gateway).auditSink(audit)
                    .clock(Clock.fixed(Instant.ofEpochMilli(T0), ZoneOffset.UTC));
        }

        Stepped run(List<Tick> ticks) {
            pipeline = builder.build();
            for (Tick t : ticks) {
                pipeline.step(t);
            }
            return this;
        }
    }

    /**
     * Runs a started pipeline over the ticks until it is quiescent, then closes it.
     *
     * @param builder the pipeline, without a source
     * @param ticks   the ticks
     * @param timeout longest wait
     * @return the pipeline's last snapshot's counters, for the caller's checks
     */
    static io.aria.core.PipelineCounters runStarted(TradingPipeline.Builder builder, List<Tick> ticks, Duration timeout)
            throws InterruptedException {
        try (TradingPipeline p = builder.tickSource(new ListTickSource(ticks)).build()) {
            p.start();
            assertTrue(p.awaitQuiescent(timeout), "the started pipeline did not finish " + ticks.size()
                    + " ticks within " + timeout);
            return p.snapshot().counters();
        }
    }
}
