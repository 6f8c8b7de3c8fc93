package io.aria.core.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AssetCatalog;
import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.ModelVote;
import io.aria.core.Tick;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the weighted ensemble on random tick streams. */
class EnsembleProperties {

    static final AssetCatalog CATALOG = AssetCatalog.defaults().subset(List.of("EURUSD", "XAUUSD", "BTCUSD"));

    static List<Decision> run(WeightedEnsemble ensemble, List<Tick> ticks) {
        List<Decision> out = new ArrayList<>();
        for (Tick t : ticks) {
            ensemble.onTick(t, out::add);
        }
        return out;
    }

    static List<Tick> ticks(long seed, int count) {
        // about 20 ticks per symbol per minute: the default warm-up (51 bars) ends after ~3,000 ticks
        return TestBars.randomTicks(CATALOG.symbols(), count, 1_000, seed);
    }

    @Property(tries = 40, shrinking = ShrinkingMode.OFF)
    @Label("every decision is well formed: confidence in [0, 1], agreeing shares sum to 1, dissenters 0, all values finite")
    void decisionsAreWellFormed(@ForAll long seed, @ForAll @IntRange(min = 4_000, max = 12_000) int count) {
        List<Decision> decisions = run(WeightedEnsemble.withDefaults(CATALOG), ticks(seed, count));
        assertTrue(!decisions.isEmpty(), "the stream is long enough to decide");
        for (Decision d : decisions) {
            assertTrue(d.confidence() >= 0 && d.confidence() <= 1, () -> "confidence " + d);
            assertTrue(d.score() >= -1 && d.score() <= 1, () -> "score " + d);
            assertEquals(3, d.votes().size());
            double shares = 0;
            for (ModelVote v : d.votes()) {
                assertTrue(Double.isFinite(v.vote()) && Double.isFinite(v.confidence()) && Double.isFinite(v.weight()));
                boolean agrees = d.direction() == Direction.FLAT || Math.signum(v.vote()) == d.direction().sign();
                if (!agrees) {
                    assertEquals(0, v.share(), () -> "dissenter " + v.model() + " has a share in " + d);
                }
                shares += v.share();
            }
            double total = shares;
            assertEquals(1, total, 1e-9, () -> "shares sum to " + total + " in " + d);
            d.indicators().forEach((k, x) -> assertTrue(Double.isFinite(x), () -> k + " = " + x));
            assertTrue(d.indicators().containsKey("regime.efficiencyRatio"));
            assertTrue(d.indicators().containsKey("momentum.fastEma"));
        }
    }

    @Property(tries = 25, shrinking = ShrinkingMode.OFF)
    @Label("the same ticks always give the same decisions")
    void deterministic(@ForAll long seed) {
        List<Tick> ticks = ticks(seed, 6_000);
        List<Decision> a = run(WeightedEnsemble.withDefaults(CATALOG), ticks);
        List<Decision> b = run(WeightedEnsemble.withDefaults(CATALOG), ticks);
        assertEquals(a, b);
    }

    @Property(tries = 25, shrinking = ShrinkingMode.OFF)
    @Label("no decision before a symbol has closed its warm-up bars, then exactly one per bar close")
    void noDecisionDuringWarmUp(@ForAll long seed) {
        WeightedEnsemble ensemble = WeightedEnsemble.withDefaults(CATALOG);
        Map<String, Long> openBar = new HashMap<>();
        Map<String, Integer> closedBars = new HashMap<>();
        for (Tick t : ticks(seed, 6_000)) {
            long bucket = Math.floorDiv(t.epochMillis(), 60_000L);
            Long open = openBar.put(t.symbol(), bucket);
            boolean closes = open != null && open != bucket;
            if (closes) {
                closedBars.merge(t.symbol(), 1, Integer::sum);
            }
            List<Decision> out = new ArrayList<>();
            ensemble.onTick(t, out::add);
            boolean warm = closedBars.getOrDefault(t.symbol(), 0) >= ensemble.warmUpBars();
            assertEquals(closes && warm ? 1 : 0, out.size(),
                    () -> t + " closes=" + closes + " bars=" + closedBars.get(t.symbol()));
        }
    }

    @Property(tries = 25, shrinking = ShrinkingMode.OFF)
    @Label("bad ticks never reach a model: a stream with NaN, infinite, negative and crossed ticks decides exactly like the clean stream")
    void badTicksNeverReachAModel(@ForAll long seed) {
        List<Tick> clean = ticks(seed, 6_000);
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        List<Tick> dirty = new ArrayList<>();
        int bad = 0;
        for (Tick t : clean) {
            if (r.nextInt(10) == 0) {
                double x = switch (r.nextInt(5)) {
                    case 0 -> Double.NaN;
                    case 1 -> Double.POSITIVE_INFINITY;
                    case 2 -> Double.NEGATIVE_INFINITY;
                    case 3 -> -t.bid();
                    default -> 0;
                };
                dirty.add(r.nextBoolean() ? new Tick(t.symbol(), t.epochMillis(), x, t.ask(), t.volume())
                        : new Tick(t.symbol(), t.epochMillis(), t.bid(), x, t.volume()));
                dirty.add(new Tick(t.symbol(), t.epochMillis(), t.ask(), t.bid() * 0.5, t.volume())); // crossed
                dirty.add(new Tick("NOSUCH", t.epochMillis(), t.bid(), t.ask(), t.volume()));
                bad += 3;
            }
            dirty.add(t);
        }
        WeightedEnsemble dirtyEnsemble = WeightedEnsemble.withDefaults(CATALOG);
        List<Decision> fromDirty = run(dirtyEnsemble, dirty);
        assertEquals(run(WeightedEnsemble.withDefaults(CATALOG), clean), fromDirty);
        assertEquals(bad, dirtyEnsemble.ignoredTicks());
    }

    @Property(tries = 25, shrinking = ShrinkingMode.OFF)
    @Label("valid ticks of extreme magnitude (1e-300 to 1e300, flat stretches, huge jumps) never throw and never yield a non-finite value")
    void extremeButValidTicks(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Tick> ticks = new ArrayList<>();
        long t = TestBars.T0;
        double[] price = {1e-300, 1, 1e300};
        for (int k = 0; k < 6_000; k++) {
            int s = k % 3;
            int move = r.nextInt(100);
            if (move == 0) {
                price[s] = Math.pow(10, r.nextInt(-300, 301)); // a jump across orders of magnitude
            } else if (move < 50) {
                price[s] = Math.min(Double.MAX_VALUE / 4, price[s] * (1 + 0.01 * (r.nextDouble() - 0.5)));
            } // else flat
            double bid = Math.max(Double.MIN_NORMAL, price[s]);
            ticks.add(new Tick(CATALOG.symbols().get(s), t, bid, r.nextBoolean() ? bid : bid * 1.0001, r.nextInt(3)));
            t += 1_000;
        }
        ticks.add(new Tick("EURUSD", t, Double.MAX_VALUE, Double.MAX_VALUE, 0)); // its mid overflows
        WeightedEnsemble e = WeightedEnsemble.withDefaults(CATALOG);
        List<Decision> decisions = run(e, ticks);
        assertTrue(!decisions.isEmpty());
        assertEquals(1, e.ignoredTicks(), "only the tick whose mid overflows");
        for (Decision d : decisions) {
            assertTrue(Double.isFinite(d.score()) && Double.isFinite(d.confidence()));
            d.votes().forEach(v -> assertTrue(Double.isFinite(v.vote() + v.confidence() + v.weight() + v.share()), v::toString));
            d.indicators().forEach((k, x) -> assertTrue(Double.isFinite(x), () -> k + " = " + x));
        }
    }

    @Property(tries = 20, shrinking = ShrinkingMode.OFF)
    @Label("adaptive weights are deterministic, bounded, and leave every decision well formed")
    void adaptiveWeightsDeterministicAndBounded(@ForAll long seed) {
        List<Tick> ticks = ticks(seed, 8_000);
        AdaptiveWeights settings = new AdaptiveWeights(0.3, 2.0, 0.5, 2.0);
        WeightedEnsemble a = WeightedEnsemble.builder(CATALOG).adaptiveWeights(settings).build();
        WeightedEnsemble b = WeightedEnsemble.builder(CATALOG).adaptiveWeights(settings).build();
        List<Decision> da = runWithFeedback(a, ticks, seed);
        List<Decision> db = runWithFeedback(b, ticks, seed);
        assertEquals(da, db);
        assertEquals(a.weights(), b.weights());
        Set<Direction> seen = new HashSet<>();
        for (Decision d : da) {
            seen.add(d.direction());
            double sum = d.votes().stream().mapToDouble(ModelVote::share).sum();
            assertEquals(1, sum, 1e-9);
        }
        a.weights().forEach((regime, w) -> assertEquals(1, w.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9));
    }

    /** Closes a pretend trade at every direction change, with the mid-price move as profit. */
    private static List<Decision> runWithFeedback(WeightedEnsemble e, List<Tick> ticks, long seed) {
        Map<String, Decision> open = new HashMap<>();
        Map<String, Double> entryPrice = new HashMap<>();
        List<Decision> out = new ArrayList<>();
        for (Tick t : ticks) {
            List<Decision> one = new ArrayList<>();
            e.onTick(t, one::add);
            for (Decision d : one) {
                out.add(d);
                Decision held = open.get(d.symbol());
                if (held != null && held.direction() != d.direction()) {
                    e.onTradeClosed(held, (t.mid() - entryPrice.get(d.symbol())) * held.direction().sign());
                    open.remove(d.symbol());
                }
                if (d.direction() != Direction.FLAT && !open.containsKey(d.symbol())) {
                    open.put(d.symbol(), d);
                    entryPrice.put(d.symbol(), t.mid());
                }
            }
        }
        return out;
    }
}
