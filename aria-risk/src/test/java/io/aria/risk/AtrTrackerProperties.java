package io.aria.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AssetCatalog;
import io.aria.core.Tick;
import io.aria.core.ensemble.MomentumModel;
import io.aria.core.ensemble.WeightedEnsemble;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;

@Label("the sizer's ATR is the ensemble's ATR")
class AtrTrackerProperties {

    private static final AssetCatalog CATALOG = AssetCatalog.defaults();

    @Property(tries = 60, shrinking = ShrinkingMode.OFF)
    @Label("same ticks, same bar period and length: the tracker's ATR equals the momentum model's after every tick")
    void trackerEqualsEnsemble(@ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int barSeconds,
            @ForAll @IntRange(min = 1, max = 30) int period) {
        MomentumModel momentum = new MomentumModel(CATALOG.size(), new MomentumModel.Config(2, 3, period, 1.0));
        WeightedEnsemble ensemble = WeightedEnsemble.builder(CATALOG).models(List.of(momentum))
                .timeframe(Duration.ofSeconds(barSeconds)).build();
        AtrTracker tracker = new AtrTracker(CATALOG, barSeconds, period);
        String[] symbols = {"EURUSD", "XAUUSD"};
        int[] index = {CATALOG.indexOf("EURUSD"), CATALOG.indexOf("XAUUSD")};
        double[] mid = {1.1, 2000};
        Random r = new Random(seed);
        long t = 1_790_000_000_000L + r.nextInt(86_400_000);
        Map<String, Double> described = new HashMap<>();
        int compared = 0;
        for (int n = 0; n < 3_000; n++) {
            int s = r.nextInt(2);
            // mostly small steps, sometimes a gap of many bars, sometimes a tick from the past (both must ignore it)
            int kind = r.nextInt(100);
            long step = kind < 2 ? -r.nextInt(barSeconds * 2_000) : kind < 5 ? r.nextInt(barSeconds * 20_000) : r.nextInt(barSeconds * 300 + 1);
            long time = t + step;
            if (step > 0) {
                t = time;
            }
            mid[s] *= 1 + r.nextGaussian() * 0.001;
            double spread = mid[s] * 1e-5;
            Tick tick = new Tick(symbols[s], time, mid[s] - spread, mid[s] + spread, r.nextInt(5));
            ensemble.onTick(tick, d -> { });
            tracker.onTick(tick);
            described.clear();
            momentum.describe(index[s], described);
            double expected = described.get("momentum.atr");
            if (tracker.bars(index[s]) >= period) {
                assertEquals(expected, tracker.atr(symbols[s]), 0.0, "ATR of " + symbols[s] + " after tick " + n);
                compared++;
            } else {
                assertTrue(Double.isNaN(tracker.atr(symbols[s])), "no ATR before " + period + " bars");
            }
        }
        assertTrue(compared > 0 || period * barSeconds > 1_000, "nothing compared");
    }
}
