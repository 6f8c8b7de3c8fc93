package io.aria.examples.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code strategy} bench part's promise: ARIA's EMA-cross model, inside the pipeline and alone,
 * gives exactly the entries and exits (symbol, bar, side) of ta4j's {@code BarSeriesManager} with
 * the same strategy, on the same bars. Behaviour only; no time is measured.
 */
class EmaCrossAgreementTest {

    private static final long MINUTE = CrossData.MINUTE;
    private static final long T0 = 1_736_121_600_000L; // 2025-01-06T00:00:00Z, a Monday

    @TempDir
    Path dir;

    @Test
    void thePipelineAndTa4j_giveTheSameSignals_onSyntheticMinuteBarsOfTwoSymbols() {
        CrossData data = CrossData.synthetic(2, 2, 1, 7);
        CrossRuns.Signals ta4j = CrossRuns.ta4j(data);
        CrossRuns.Signals aria = CrossRuns.aria(data, dir);
        assertTrue(ta4j.count() > 20, "the sample must cross often enough to mean something: " + ta4j.count());
        assertEquals(List.of(), CrossRuns.compare(data, aria, ta4j));
        for (int s = 0; s < 2; s++) {
            assertArrayEquals(ta4j.bySymbol[s], aria.bySymbol[s], data.symbols.get(s));
        }
        assertTrue(aria.fills > 0, "the pipeline traded the signals");
        assertTrue(aria.auditRecords > 0, "the pipeline audited its decisions");
    }

    @Property(tries = 15)
    void theModelAlone_andTa4j_giveTheSameSignals(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
            @ForAll @IntRange(min = 1, max = 4) int ticksPerBarChoice) {
        int ticksPerBar = new int[] {1, 2, 4, 6}[ticksPerBarChoice - 1];
        CrossData data = CrossData.synthetic(3, 1, ticksPerBar, seed);
        assertEquals(List.of(), CrossRuns.compare(data, CrossRuns.ariaModelOnly(data), CrossRuns.ta4j(data)));
    }

    /**
     * Flat stretches make the two EMAs exactly equal (both settle on the price), which is where a
     * cross is easy to get wrong: ta4j's CrossIndicator looks back past equal values to the last
     * bar where they differed, and to bar 0 when they never did (then no cross).
     */
    @Property(tries = 40)
    void sameSignals_whenPricesStandStillForLongStretches(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        CrossData data = plateaus(seed, 3_000);
        CrossRuns.Signals ta4j = CrossRuns.ta4j(data);
        assertEquals(List.of(), CrossRuns.compare(data, CrossRuns.ariaModelOnly(data), ta4j));
    }

    @Test
    void aStartOnAFlatPrice_isNoCross_forEither() {
        // 60 equal closes (EMAs equal from bar 0), then a rise: the fast EMA goes above the slow one,
        // but they were never apart before, so ta4j sees no cross; then a fall and a rise again
        double[] px = new double[200];
        for (int i = 0; i < px.length; i++) {
            px[i] = i < 60 ? 1.0 : i < 100 ? 1.0 + (i - 59) * 0.001 : i < 140 ? 1.04 - (i - 99) * 0.002 : 0.96 + (i - 139) * 0.002;
        }
        CrossData data = series(px);
        CrossRuns.Signals ta4j = CrossRuns.ta4j(data);
        CrossRuns.Signals model = CrossRuns.ariaModelOnly(data);
        assertEquals(List.of(), CrossRuns.compare(data, model, ta4j));
        long[] sig = ta4j.bySymbol[0];
        assertEquals(1, sig.length, "only the second rise is an entry: " + Arrays.toString(sig));
        assertEquals(0, sig[0] & 1, "a buy");
        assertTrue((sig[0] >> 1) > 140, "after the fall: " + CrossRuns.describe(sig[0]));
    }

    @Test
    void theComparison_findsASignalMissingOnEitherSide() {
        CrossData data = CrossData.synthetic(2, 1, 1, 3);
        CrossRuns.Signals ta4j = CrossRuns.ta4j(data);
        CrossRuns.Signals model = CrossRuns.ariaModelOnly(data);
        assertTrue(ta4j.bySymbol[1].length > 2);
        long dropped = ta4j.bySymbol[1][1];
        ta4j.bySymbol[1] = withoutIndex(ta4j.bySymbol[1], 1);
        List<CrossRuns.Mismatch> m = CrossRuns.compare(data, model, ta4j);
        assertEquals(List.of(new CrossRuns.Mismatch(data.symbols.get(1), dropped, "ARIA")), m);
        model.bySymbol[0] = withoutIndex(model.bySymbol[0], 0);
        assertEquals(2, CrossRuns.compare(data, model, ta4j).size());
    }

    @Test
    void aBadSpanSetting_isOneLineNamingTheSettingAndTheValue() {
        System.setProperty("aria.bench.strategy.days", "a year");
        try {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> StrategyPart.setting("days", 91, 1, 366));
            assertEquals("aria.bench.strategy.days (or ARIA_BENCH_STRATEGY_DAYS) must be a whole number, was 'a year'",
                    e.getMessage());
            System.setProperty("aria.bench.strategy.days", "0");
            e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> StrategyPart.setting("days", 91, 1, 366));
            assertEquals("aria.bench.strategy.days (or ARIA_BENCH_STRATEGY_DAYS) must be in 1..366, was 0", e.getMessage());
            System.setProperty("aria.bench.strategy.days", "365");
            assertEquals(365, StrategyPart.setting("days", 91, 1, 366));
        } finally {
            System.clearProperty("aria.bench.strategy.days");
        }
        assertEquals(91, StrategyPart.setting("days", 91, 1, 366));
    }

    private static long[] withoutIndex(long[] a, int i) {
        long[] out = new long[a.length - 1];
        System.arraycopy(a, 0, out, 0, i);
        System.arraycopy(a, i + 1, out, i, a.length - i - 1);
        return out;
    }

    /** One symbol, one tick per minute: a walk on a coarse grid that mostly stands still. */
    private static CrossData plateaus(long seed, int bars) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] px = new double[bars];
        int level = 1000;
        for (int i = 0; i < bars; i++) {
            if (r.nextInt(100) < 4) {
                level += r.nextBoolean() ? 1 : -1;
            }
            px[i] = level * 0.001;
        }
        return series(px);
    }

    /** One symbol (EURUSD), one tick per minute at these mids (bid = ask = mid). */
    private static CrossData series(double[] mid) {
        int n = mid.length;
        byte[] sym = new byte[n];
        long[] t = new long[n];
        double[] vol = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = T0 + i * MINUTE + 5_000;
            vol[i] = 1;
        }
        return new CrossData(List.of("EURUSD"), sym, t, mid.clone(), mid.clone(), vol, n);
    }
}
