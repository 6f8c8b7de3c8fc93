package io.aria.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

/** Volume rounding and the profit/notional formula over many specs, step sizes and requests. */
class AssetSpecProperties {

    private static final double TOLERANCE = 1e-9;

    @Provide
    Arbitrary<AssetSpec> specs() {
        Arbitrary<Double> step = Arbitraries.of(0.01, 0.1, 1.0, 0.001, 0.05, 0.5);
        Arbitrary<Integer> minSteps = Arbitraries.integers().between(1, 10);
        Arbitrary<Integer> maxSteps = Arbitraries.integers().between(10, 100_000);
        return Combinators.combine(step, minSteps, maxSteps).as((s, lo, hi) -> AssetSpec.builder()
                .symbol("TEST").assetClass(AssetClass.FOREX).baseCurrency("EUR").quoteCurrency("USD")
                .contractSize(100_000).digits(5).point(0.00001).typicalSpread(0.0001)
                .volumeStep(s).volumeMin(lo * s).volumeMax(hi * s).build());
    }

    @Property(tries = 300)
    @Label("roundVolumeDown never rounds up, stays on the step and inside [min, max], or gives 0 below min")
    void roundVolumeDown(@ForAll("specs") AssetSpec spec, @ForAll @DoubleRange(min = 0, max = 20_000) double lots) {
        double v = spec.roundVolumeDown(lots);
        if (lots < spec.volumeMin() - TOLERANCE) {
            assertEquals(0.0, v, "below min must give 0");
            return;
        }
        assertTrue(v <= lots + TOLERANCE, () -> "rounded up: " + lots + " -> " + v);
        assertTrue(v >= spec.volumeMin() - TOLERANCE && v <= spec.volumeMax() + TOLERANCE, () -> "outside [min, max]: " + v);
        assertTrue(spec.isValidVolume(v), () -> "not a valid volume: " + v);
        // at most one step lost (or the cap applied)
        assertTrue(v > Math.min(lots, spec.volumeMax()) - spec.volumeStep() - TOLERANCE, () -> "lost more than a step: " + v);
    }

    @Property(tries = 200)
    @Label("a valid volume rounds to itself")
    void validVolumesAreFixedPoints(@ForAll("specs") AssetSpec spec, @ForAll @DoubleRange(min = 0, max = 1) double f) {
        long maxSteps = Math.round(spec.volumeMax() / spec.volumeStep());
        long minSteps = Math.round(spec.volumeMin() / spec.volumeStep());
        long steps = minSteps + Math.round(f * (maxSteps - minSteps));
        double lots = steps * spec.volumeStep();
        assertTrue(spec.isValidVolume(lots), () -> lots + " should be valid");
        assertTrue(Math.abs(spec.roundVolumeDown(lots) - lots) < TOLERANCE, () -> lots + " -> " + spec.roundVolumeDown(lots));
    }

    @Property(tries = 200)
    @Label("profit: a long and a short of the same lots mirror each other, and closing at the open price gives 0")
    void profitMirrorsAndVanishesAtTheOpen(@ForAll("specs") AssetSpec spec,
            @ForAll @DoubleRange(min = 0.01, max = 100) double lots,
            @ForAll @DoubleRange(min = 0.5, max = 2) double open, @ForAll @DoubleRange(min = 0.5, max = 2) double close) {
        double longProfit = spec.profit(Side.BUY, lots, open, close);
        double shortProfit = spec.profit(Side.SELL, lots, open, close);
        assertEquals(-longProfit, shortProfit, 0.0, "a short must be the long's mirror");
        assertEquals(0.0, spec.profit(Side.BUY, lots, open, open), 0.0);
        assertEquals(spec.notional(lots, close - open), longProfit, 0.0, "profit is the notional of the move");
        assertEquals((close - open) * lots * spec.contractSize(), longProfit,
                1e-9 * Math.max(1, Math.abs(longProfit)), "lots x contract size x move");
    }
}
