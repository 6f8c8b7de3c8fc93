package io.aria.core.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AssetCatalog;
import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.ModelVote;
import io.aria.core.Regime;
import io.aria.core.Tick;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("weighted ensemble")
class WeightedEnsembleTest {

    static final AssetCatalog CATALOG = AssetCatalog.defaults();
    static final String SYMBOL = "EURUSD";

    /** Ticks at 15 s spacing through the given one-minute bar closes (4 ticks per bar). */
    static List<Tick> ticksThrough(double[] closes, long startMillis) {
        List<Tick> ticks = new ArrayList<>();
        double prev = closes[0];
        for (int i = 0; i < closes.length; i++) {
            for (int j = 0; j < 4; j++) {
                double p = prev + (closes[i] - prev) * (j + 1) / 4.0;
                ticks.add(new Tick(SYMBOL, startMillis + i * TestBars.MINUTE + j * 15_000, p - 1e-5, p + 1e-5, 1));
            }
            prev = closes[i];
        }
        return ticks;
    }

    static List<Decision> feed(WeightedEnsemble e, List<Tick> ticks) {
        List<Decision> out = new ArrayList<>();
        ticks.forEach(t -> e.onTick(t, out::add));
        return out;
    }

    @Nested
    @DisplayName("warm-up")
    class WarmUp {

        @Test
        void noDecisionUntilTheWarmUpBarsHaveClosed_thenOnePerBar() {
            WeightedEnsemble e = WeightedEnsemble.withDefaults(CATALOG);
            assertEquals(50, e.warmUpBars(), "the slowest part: the classifier's long ATR of 50 bars");
            List<Tick> ticks = ticksThrough(TestBars.drift(60, 1.1, 0.0005, 0.0002, 1), TestBars.T0);
            List<Decision> out = new ArrayList<>();
            for (Tick t : ticks) {
                e.onTick(t, out::add);
                if (e.barsSeen(SYMBOL) < e.warmUpBars()) {
                    assertTrue(out.isEmpty(), "no decision at bar " + e.barsSeen(SYMBOL));
                }
            }
            // 60 bars opened, 59 closed: decisions at closes 50 .. 59
            assertEquals(59, e.barsSeen(SYMBOL));
            assertEquals(10, out.size());
            assertTrue(e.isWarm(SYMBOL));
            assertFalse(e.isWarm("GBPUSD"));
        }

        @Test
        void historyBars_warmTheSymbolSoTheNextLiveBarCloseDecides() {
            WeightedEnsemble e = WeightedEnsemble.withDefaults(CATALOG);
            List<Bar> history = TestBars.fromCloses(SYMBOL, TestBars.drift(60, 1.1, 0.0005, 0.0002, 2), 0.0001);
            assertEquals(60, e.warmUp(history));
            assertTrue(e.isWarm(SYMBOL));
            long end = history.get(59).endMillis();
            List<Decision> out = feed(e, List.of(
                    new Tick(SYMBOL, end - 1, 1.2, 1.2002, 1), // inside the last history bar: ignored
                    new Tick(SYMBOL, end, 1.2, 1.2002, 1),
                    new Tick(SYMBOL, end + 30_000, 1.2001, 1.2003, 1),
                    new Tick(SYMBOL, end + 60_000, 1.2002, 1.2004, 1)));
            assertEquals(1, out.size());
            assertEquals(61, e.barsSeen(SYMBOL));
            assertEquals(1, e.staleTicks());
            assertEquals(end + 60_000, out.get(0).epochMillis(), "stamped with the tick that closed the bar");
        }

        @Test
        void historyTicks_buildTheSameBarsAsLiveTicksAndEmitNothing() {
            List<Tick> ticks = ticksThrough(TestBars.drift(80, 1.1, 0.0005, 0.0002, 3), TestBars.T0);
            WeightedEnsemble live = WeightedEnsemble.withDefaults(CATALOG);
            feed(live, ticks);
            WeightedEnsemble warmed = WeightedEnsemble.withDefaults(CATALOG);
            assertEquals(ticks.size(), warmed.warmUpTicks(ticks));
            assertEquals(0, warmed.decisions());
            assertEquals(live.barsSeen(SYMBOL), warmed.barsSeen(SYMBOL));
            assertEquals(live.regime(SYMBOL), warmed.regime(SYMBOL));
            assertEquals(Direction.FLAT, warmed.direction(SYMBOL), "history leaves the target direction FLAT");
        }
    }

    @Nested
    @DisplayName("decisions")
    class Decisions {

        @Test
        void aSteadyRise_isLongInATrend_withMomentumTheLargestShare() {
            WeightedEnsemble e = WeightedEnsemble.withDefaults(CATALOG);
            List<Decision> out = feed(e, ticksThrough(TestBars.drift(120, 1.1, 0.0005, 0.0002, 4), TestBars.T0));
            Decision last = out.get(out.size() - 1);
            assertEquals(Direction.LONG, last.direction());
            assertEquals(Regime.TREND, last.regime());
            ModelVote momentum = last.votes().get(0);
            assertEquals(MomentumModel.NAME, momentum.model());
            assertTrue(momentum.vote() > 0.5, "momentum votes long: " + momentum);
            assertEquals(0.6, momentum.weight(), 1e-12);
            assertTrue(last.votes().stream().allMatch(v -> v.share() <= momentum.share()), last.toString());
            assertTrue(last.confidence() > 0 && last.confidence() <= 1);
            Map<String, Double> ind = last.indicators();
            for (String key : List.of("momentum.fastEma", "momentum.slowEma", "momentum.atr", "meanReversion.zScore",
                    "breakout.upper", "regime.efficiencyRatio", "regime.atrRatio", "ensemble.score")) {
                assertTrue(ind.containsKey(key), "indicator " + key + " in " + ind.keySet());
            }
            assertEquals(last.score(), ind.get("ensemble.score"), 0);
        }

        @Test
        void aTickThatClosesNoBar_emitsNothing() {
            WeightedEnsemble e = WeightedEnsemble.withDefaults(CATALOG);
            e.warmUp(TestBars.fromCloses(SYMBOL, TestBars.drift(60, 1.1, 0.0005, 0.0002, 5), 0.0001));
            long t = TestBars.T0 + 60 * TestBars.MINUTE;
            assertTrue(feed(e, List.of(new Tick(SYMBOL, t, 1.2, 1.2001, 1), new Tick(SYMBOL, t + 59_999, 1.2, 1.2001, 1)))
                    .isEmpty());
        }

        @Test
        void hysteresis_aLongIsHeldBetweenTheExitAndEntryThresholds() {
            RecordingModel m = new RecordingModel();
            WeightedEnsemble e = WeightedEnsemble.builder(CATALOG).models(List.of(m)).warmUpBars(1)
                    .thresholds(0.5, 0.2).build();
            double[] scores = {0.3, 0.6, 0.3, 0.2, 0.1, -0.3, -0.5, -0.25, 0.0};
            Direction[] expected = {Direction.FLAT, Direction.LONG, Direction.LONG, Direction.LONG, Direction.FLAT,
                Direction.FLAT, Direction.SHORT, Direction.SHORT, Direction.FLAT};
            long t = TestBars.T0;
            feed(e, List.of(new Tick(SYMBOL, t, 1, 1, 1)));
            for (int i = 0; i < scores.length; i++) {
                m.vote = scores[i];
                t += TestBars.MINUTE;
                List<Decision> out = feed(e, List.of(new Tick(SYMBOL, t, 1, 1, 1)));
                assertEquals(expected[i], out.get(0).direction(), "score " + scores[i]);
                assertEquals(scores[i], out.get(0).score(), 1e-12);
            }
        }

        @Test
        void confidence_growsWithAgreement() {
            RecordingModel a = new RecordingModel("a");
            RecordingModel b = new RecordingModel("b");
            WeightedEnsemble e = WeightedEnsemble.builder(CATALOG).models(List.of(a, b)).warmUpBars(1).build();
            long t = TestBars.T0;
            feed(e, List.of(new Tick(SYMBOL, t, 1, 1, 1)));
            a.vote = 0.8;
            b.vote = 0.8;
            Decision agree = feed(e, List.of(new Tick(SYMBOL, t + TestBars.MINUTE, 1, 1, 1))).get(0);
            b.vote = -0.4;
            Decision split = feed(e, List.of(new Tick(SYMBOL, t + 2 * TestBars.MINUTE, 1, 1, 1))).get(0);
            assertEquals(1.0, agree.confidence(), 1e-12);
            assertTrue(split.confidence() < agree.confidence(), split + " vs " + agree);
            assertEquals(Direction.LONG, split.direction());
            assertEquals(1.0, split.votes().get(0).share(), 1e-12);
            assertEquals(0.0, split.votes().get(1).share(), 0);
        }

        @Test
        void aTickSignalModel_seesEveryValidTick() {
            TickCountingModel listening = new TickCountingModel("listening");
            WeightedEnsemble e = WeightedEnsemble.builder(CATALOG).models(List.of(listening, new RecordingModel()))
                    .warmUpBars(1).build();
            feed(e, List.of(new Tick(SYMBOL, TestBars.T0, 1, 1, 1), new Tick(SYMBOL, TestBars.T0 + 1, Double.NaN, 1, 1),
                    new Tick(SYMBOL, TestBars.T0 + 2, 1, 1, 1)));
            assertEquals(2, listening.ticks);
        }

        @Test
        void aPlainSignalModel_isNeverCalledPerTick_evenWithAMethodNamedOnTick() {
            int[] seen = new int[1];
            RecordingModel plain = new RecordingModel("plain") {
                @SuppressWarnings("unused") // looks like the tick hook, but the type does not say it wants ticks
                public void onTick(int symbol, long epochMillis, double mid) {
                    seen[0]++;
                }
            };
            WeightedEnsemble e = WeightedEnsemble.builder(CATALOG).models(List.of(plain)).warmUpBars(1).build();
            feed(e, List.of(new Tick(SYMBOL, TestBars.T0, 1, 1, 1), new Tick(SYMBOL, TestBars.T0 + 1, 1, 1, 1)));
            assertEquals(0, seen[0]);
        }

        @Test
        void quietTicks_allocateNothing_withTickModelsAndBarModelsMixed() {
            java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
            org.junit.jupiter.api.Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
                    "needs HotSpot's allocation counter");
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
            org.junit.jupiter.api.Assumptions.assumeTrue(mx.isThreadAllocatedMemorySupported()
                    && mx.isThreadAllocatedMemoryEnabled());
            TickCountingModel listening = new TickCountingModel("listening");
            WeightedEnsemble e = WeightedEnsemble.builder(CATALOG)
                    .models(List.of(listening, new MomentumModel(CATALOG.size()), new RecordingModel()))
                    .timeframe(Duration.ofDays(1)).build();
            Tick[] ticks = new Tick[40_000];
            for (int i = 0; i < ticks.length; i++) {
                double mid = 1.1 + Math.sin(i * 0.01) * 0.001;
                ticks[i] = new Tick(SYMBOL, TestBars.T0 + i * 100L, mid - 1e-5, mid + 1e-5, 1);
            }
            java.util.function.Consumer<Decision> none = d -> { throw new AssertionError("no bar closes: " + d); };
            for (int i = 0; i < 30_000; i++) {
                e.onTick(ticks[i], none);
            }
            long tid = Thread.currentThread().getId();
            long before = mx.getThreadAllocatedBytes(tid);
            for (int i = 30_000; i < ticks.length; i++) {
                e.onTick(ticks[i], none);
            }
            long allocated = mx.getThreadAllocatedBytes(tid) - before;
            // one object per tick would be at least 160,000 bytes; allow a few one-off JIT allocations under load
            assertTrue(allocated < 16_000, allocated + " bytes allocated by 10,000 quiet ticks");
            assertEquals(ticks.length, listening.ticks);
        }

        @Test
        void aModelThatReturnsNaN_votesZeroInTheDecision() {
            RecordingModel broken = new RecordingModel("broken");
            broken.vote = Double.NaN;
            RecordingModel fine = new RecordingModel("fine");
            fine.vote = 0.9;
            WeightedEnsemble e = WeightedEnsemble.builder(CATALOG).models(List.of(broken, fine)).warmUpBars(1).build();
            feed(e, List.of(new Tick(SYMBOL, TestBars.T0, 1, 1, 1)));
            Decision d = feed(e, List.of(new Tick(SYMBOL, TestBars.T0 + TestBars.MINUTE, 1, 1, 1))).get(0);
            assertEquals(0.0, d.votes().get(0).vote(), 0);
            assertEquals(0.0, d.votes().get(0).confidence(), 0);
            assertTrue(Double.isFinite(d.score()));
        }
    }

    @Nested
    @DisplayName("adaptive weights")
    class Adaptive {

        private Decision longEntry() {
            return new Decision(SYMBOL, TestBars.T0, Direction.LONG, 0.8, 0.6, Regime.TREND, List.of(
                    new ModelVote(MomentumModel.NAME, 0.9, 1.0, 0.6, 1.0),
                    new ModelVote(MeanReversionModel.NAME, -0.5, 1.0, 0.1, 0.0),
                    new ModelVote(BreakoutModel.NAME, 0.0, 0.0, 0.3, 0.0)), Map.of());
        }

        @Test
        void offByDefault_closedTradesChangeNothing() {
            WeightedEnsemble e = WeightedEnsemble.withDefaults(CATALOG);
            Map<Regime, Map<String, Double>> before = e.weights();
            e.onTradeClosed(longEntry(), 100);
            assertEquals(before, e.weights());
            assertEquals(0.6, before.get(Regime.TREND).get(MomentumModel.NAME), 1e-12);
        }

        @Test
        void aWinningTrade_raisesTheModelThatVotedForIt_andLowersTheOneAgainst_withinBounds() {
            WeightedEnsemble e = WeightedEnsemble.builder(CATALOG).adaptiveWeights(AdaptiveWeights.defaults()).build();
            e.onTradeClosed(longEntry(), 100);
            Map<String, Double> trend = e.weights().get(Regime.TREND);
            assertTrue(trend.get(MomentumModel.NAME) > 0.6, trend.toString());
            assertTrue(trend.get(MeanReversionModel.NAME) < 0.1, trend.toString());
            assertEquals(e.weights().get(Regime.RANGE), WeightedEnsemble.withDefaults(CATALOG).weights().get(Regime.RANGE),
                    "other regimes unchanged");
            for (int i = 0; i < 1000; i++) {
                e.onTradeClosed(longEntry(), 100);
            }
            // momentum at most 2x its base, mean reversion at least 0.5x: 1.2 : 0.05 : 0.3
            Map<String, Double> bounded = e.weights().get(Regime.TREND);
            assertEquals(1.2 / 1.55, bounded.get(MomentumModel.NAME), 1e-9);
            assertEquals(0.05 / 1.55, bounded.get(MeanReversionModel.NAME), 1e-9);
        }
    }

    @Nested
    @DisplayName("configuration")
    class Configuration {

        @Test
        void aWeightForAnUnknownModel_isRejected() {
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                    () -> WeightedEnsemble.builder(CATALOG).weight(Regime.TREND, "astrology", 1).build());
            assertEquals("weight for TREND names model astrology, which is not one of [momentum, meanReversion, breakout]",
                    ex.getMessage());
        }

        @Test
        void allZeroWeightsInARegime_areRejected() {
            WeightedEnsemble.Builder b = WeightedEnsemble.builder(CATALOG);
            for (String m : List.of(MomentumModel.NAME, MeanReversionModel.NAME, BreakoutModel.NAME)) {
                b.weight(Regime.RANGE, m, 0);
            }
            assertThrows(IllegalArgumentException.class, b::build);
        }

        @Test
        void badThresholdsAndTimeframes_areRejectedWithTheValue() {
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                    () -> WeightedEnsemble.builder(CATALOG).thresholds(0.3, 0.4));
            assertEquals("exit threshold must be in (0, 0.3], was 0.4", ex.getMessage());
            assertThrows(IllegalArgumentException.class, () -> WeightedEnsemble.builder(CATALOG).timeframe(Duration.ZERO));
            assertThrows(IllegalArgumentException.class, () -> WeightedEnsemble.builder(CATALOG).weight(Regime.TREND,
                    MomentumModel.NAME, Double.NaN));
            assertThrows(IllegalArgumentException.class, () -> WeightedEnsemble.builder(CATALOG)
                    .models(List.of(new MomentumModel(21), new MomentumModel(21))));
        }

        @Test
        void aModelSizedForFewerSymbolsThanTheCatalog_isRejectedAtBuild() {
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                    () -> WeightedEnsemble.builder(CATALOG).models(List.of(new MomentumModel(3))).build());
            assertEquals("model momentum must be sized for the catalog's 21 symbols", ex.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> WeightedEnsemble.builder(CATALOG).regimeClassifier(new RegimeClassifier(20)).build());
        }

        @Test
        void customWeights_areNormalisedPerRegime() {
            WeightedEnsemble e = WeightedEnsemble.builder(CATALOG).weight(Regime.TREND, MomentumModel.NAME, 3)
                    .weight(Regime.TREND, MeanReversionModel.NAME, 1).weight(Regime.TREND, BreakoutModel.NAME, 1)
                    .timeframe(Duration.ofMinutes(5)).build();
            assertEquals(0.6, e.weights().get(Regime.TREND).get(MomentumModel.NAME), 1e-12);
            assertEquals(Duration.ofMinutes(5), e.timeframe());
        }
    }

    /** A recording model that says in its type that it wants ticks, and counts them. */
    static class TickCountingModel extends RecordingModel implements TickSignalModel {
        int ticks;

        TickCountingModel(String name) {
            super(name);
        }

        @Override
        public void onTick(int symbol, long epochMillis, double mid) {
            ticks++;
        }
    }

    /** A model whose vote the test sets; confidence 1 whenever it votes. */
    static class RecordingModel implements SignalModel {
        private final String name;
        double vote;

        RecordingModel() {
            this("recording");
        }

        RecordingModel(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int warmUpBars() {
            return 1;
        }

        @Override
        public void onBar(int symbol, Bar bar) {
        }

        @Override
        public double vote(int symbol) {
            return vote;
        }

        @Override
        public double confidence(int symbol) {
            return vote == 0 || Double.isNaN(vote) ? Double.NaN : 1;
        }

        @Override
        public void describe(int symbol, Map<String, Double> out) {
            out.put(name + ".vote", vote);
        }
    }
}
