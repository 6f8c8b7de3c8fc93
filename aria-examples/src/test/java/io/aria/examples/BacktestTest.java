package io.aria.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.analytics.Backtest;
import io.aria.analytics.HedgeFundAnalytics;
import io.aria.core.AssetCatalog;
import io.aria.core.PipelineStatus;
import io.aria.core.Tick;
import io.aria.core.TradingPipeline;
import io.aria.core.ensemble.WeightedEnsemble;
import io.aria.core.paper.PaperBroker;
import io.aria.core.source.CsvTickSource;
import io.aria.core.source.SyntheticTickSource;
import io.aria.core.spi.TickListener;
import io.aria.core.spi.TickSource;
import io.aria.risk.RiskLayer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Backtest}: deterministic whatever the source's thread does, stoppable, warm-up kept out of trading. */
class BacktestTest {

    private static final AssetCatalog CATALOG = AssetCatalog.defaults();

    /** The checked-in sample, read once. */
    private static final List<Tick> SAMPLE = CsvTickSource.builder()
            .files(BacktestCommandTest.SAMPLES.resolve("EURUSD_ticks.csv"), BacktestCommandTest.SAMPLES.resolve("XAUUSD_ticks.csv"))
            .build().readAll();

    private static Backtest.Builder backtest(TickSource source, Duration warmUp) {
        WeightedEnsemble ensemble = WeightedEnsemble.withDefaults(CATALOG);
        RiskLayer risk = RiskLayer.defaults(CATALOG);
        return Backtest.builder()
                .pipeline(TradingPipeline.builder().catalog(CATALOG).ensemble(ensemble).sizer(risk.sizer())
                        .riskGuard(risk.guard()).gateway(PaperBroker.builder().catalog(CATALOG).startingBalance(100_000).build()))
                .source(source)
                .analytics(HedgeFundAnalytics.builder().catalog(CATALOG).build())
                .warmUp(warmUp, t -> {
                    ensemble.warmUpTicks(List.of(t));
                    risk.volatility().onTick(t);
                });
    }

    /** Delivers a list of ticks from its own thread, in bursts with random pauses (or none). */
    static final class ListSource implements TickSource {
        private final List<Tick> ticks;
        private final long pauseSeed;
        private final boolean endless;
        private volatile boolean closed;
        final AtomicLong delivered = new AtomicLong();
        /** The delivering thread, which returns as soon as the source is closed. */
        volatile Thread deliverer;

        ListSource(List<Tick> ticks, long pauseSeed, boolean endless) {
            this.ticks = ticks;
            this.pauseSeed = pauseSeed;
            this.endless = endless;
        }

        @Override
        public List<String> symbols() {
            return ticks.stream().map(Tick::symbol).distinct().toList();
        }

        @Override
        public void start(TickListener listener) {
            Thread t = new Thread(() -> {
                Random r = new Random(pauseSeed);
                long shift = 0;
                do {
                    for (Tick tick : ticks) {
                        if (closed) {
                            return;
                        }
                        listener.onTick(shift == 0 ? tick
                                : new Tick(tick.symbol(), tick.epochMillis() + shift, tick.bid(), tick.ask(), tick.volume()));
                        delivered.incrementAndGet();
                        if (pauseSeed != 0 && r.nextInt(500) == 0) {
                            LockSupport.parkNanos(r.nextInt(3_000_000)); // the source stalls now and then
                        }
                    }
                    shift += 10L * 86_400_000L;
                } while (endless);
                listener.onEnd(this);
            }, "test-ticks");
            t.setDaemon(true);
            deliverer = t;
            t.start();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    @Timeout(120)
    @DisplayName("the same ticks give the same report whether the source delivers smoothly or stalls at random")
    void sameResultWhateverTheSourceThreadDoes() {
        String smooth = backtest(new ListSource(SAMPLE, 0, false), Duration.ofHours(1)).build().run().report().toJson();
        String stalling = backtest(new ListSource(SAMPLE, 99, false), Duration.ofHours(1)).build().run().report().toJson();
        String fromFiles = backtest(CsvTickSource.builder()
                .files(BacktestCommandTest.SAMPLES.resolve("EURUSD_ticks.csv"), BacktestCommandTest.SAMPLES.resolve("XAUUSD_ticks.csv"))
                .build(), Duration.ofHours(1)).build().run().report().toJson();
        assertEquals(smooth, stalling);
        assertEquals(smooth, fromFiles);
        assertTrue(smooth.contains("\"orders\""), smooth);
    }

    @Test
    @Timeout(120)
    @DisplayName("requestStop ends a never-ending source: the run returns, not completed, the pipeline closed")
    void requestStopEndsAnEndlessRun() throws Exception {
        ListSource endless = new ListSource(SAMPLE, 0, true);
        AtomicReference<Backtest> holder = new AtomicReference<>();
        CountDownLatch trading = new CountDownLatch(1);
        Backtest bt = backtest(endless, Duration.ZERO).progress((phase, ticks, millis, p) -> {
            if (ticks > 3 * SAMPLE.size()) {
                trading.countDown();
            }
        }, 1000).build();
        holder.set(bt);
        CompletableFuture<Backtest.Result> f = CompletableFuture.supplyAsync(bt::run);
        assertTrue(trading.await(90, TimeUnit.SECONDS), "the endless source went past its first rounds");
        bt.requestStop();
        Backtest.Result r = f.get(60, TimeUnit.SECONDS);
        assertFalse(r.completed());
        assertEquals(PipelineStatus.STOPPED, r.snapshot().status());
        assertEquals(r.ticks(), r.snapshot().counters().ticksIn());
        long atStop = endless.delivered.get();
        // the source was closed with the run: its thread ends, having delivered at most the tick in hand
        endless.deliverer.join(30_000);
        assertFalse(endless.deliverer.isAlive(), "the source's thread still runs after the run returned");
        assertTrue(endless.delivered.get() - atStop <= 1, "the source kept delivering after the run returned");
        assertThrows(IllegalStateException.class, bt::run, "a Backtest runs once");
    }

    @Test
    @Timeout(120)
    @DisplayName("an interrupt of the running thread (Ctrl-C through GracefulStop) stops the run and keeps the flag")
    void interruptStopsTheRun() throws Exception {
        ListSource source = new ListSource(SAMPLE, 0, true);
        Backtest bt = backtest(source, Duration.ZERO).build();
        AtomicReference<Backtest.Result> result = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread t = new Thread(() -> {
            result.set(bt.run());
            flag.set(Thread.currentThread().isInterrupted());
        });
        t.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (source.delivered.get() < SAMPLE.size() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000); // until the run is well under way
        }
        assertTrue(source.delivered.get() >= SAMPLE.size(), "the run never got going");
        t.interrupt();
        t.join(60_000);
        assertFalse(t.isAlive());
        assertFalse(result.get().completed());
        assertTrue(flag.get(), "the interrupt is kept for the caller");
    }

    @Test
    @Timeout(60)
    @DisplayName("a warm-up longer than the data trades nothing and says so")
    void warmUpLongerThanTheData() {
        Backtest.Result r = backtest(new ListSource(SAMPLE, 0, false), Duration.ofDays(30)).build().run();
        assertTrue(r.completed());
        assertEquals(0, r.ticks());
        assertEquals(0, r.snapshot().counters().ticksIn());
        assertEquals(SAMPLE.size(), r.warmUp().ticks());
        assertTrue(r.warmUp().describe().contains("not traded"), r.warmUp().describe());
    }

    @Test
    @Timeout(60)
    @DisplayName("a synthetic session with a duration is a finite source: its backtest ends by itself")
    void syntheticSessionEnds() {
        SyntheticTickSource s = SyntheticTickSource.builder().symbols("EURUSD", "BTCUSD").seed(3)
                .startTime(Instant.parse("2025-03-03T07:00:00Z")).tickInterval(Duration.ofSeconds(1)).duration(Duration.ofHours(2))
                .fullSpeed().build();
        Backtest.Result r = backtest(s, Duration.ofMinutes(50)).build().run();
        assertTrue(r.completed());
        assertEquals(2 * 7200, r.ticks() + r.warmUp().ticks());
    }

    @Test
    @Timeout(60)
    @DisplayName("requestStop ends a run whose source stalled for good without ending")
    void requestStopEndsAStalledRun() throws Exception {
        CountDownLatch sentAll = new CountDownLatch(1);
        TickSource stalled = new TickSource() {
            private volatile boolean closed;

            @Override
            public List<String> symbols() {
                return List.of("EURUSD");
            }

            @Override
            public void start(TickListener listener) {
                Thread t = new Thread(() -> {
                    for (Tick tick : SAMPLE.subList(0, 100)) {
                        listener.onTick(tick);
                    }
                    sentAll.countDown();
                    while (!closed) {
                        LockSupport.parkNanos(1_000_000); // never ends, never delivers again
                    }
                }, "stalled-ticks");
                t.setDaemon(true);
                t.start();
            }

            @Override
            public void close() {
                closed = true;
            }
        };
        Backtest bt = backtest(stalled, Duration.ZERO).build();
        CompletableFuture<Backtest.Result> f = CompletableFuture.supplyAsync(bt::run);
        assertTrue(sentAll.await(60, TimeUnit.SECONDS), "the source never delivered its 100 ticks");
        bt.requestStop(); // the source now stalls for ever
        Backtest.Result r = f.get(30, TimeUnit.SECONDS);
        assertFalse(r.completed());
    }
}
