package io.aria.mt5.internal;

import io.aria.core.AssetSpec;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Temporary synthetic quotes for the simulated terminal: a seeded random walk per symbol with
 * the catalog's typical spread. To be replaced by aria-core's SyntheticTickSource. Not thread-safe.
 */
public final class RandomWalkQuotes {

    private static final Map<String, Double> START = Map.ofEntries(
            Map.entry("EURUSD", 1.0850), Map.entry("GBPUSD", 1.2700), Map.entry("USDJPY", 151.50),
            Map.entry("USDCHF", 0.8800), Map.entry("AUDUSD", 0.6550), Map.entry("NZDUSD", 0.6000),
            Map.entry("EURGBP", 0.8550), Map.entry("EURJPY", 164.40), Map.entry("XAUUSD", 2350.0),
            Map.entry("XAGUSD", 28.0), Map.entry("USOIL", 78.0), Map.entry("UKOIL", 82.0),
            Map.entry("US30", 39000.0), Map.entry("SPX500", 5200.0), Map.entry("NAS100", 18000.0),
            Map.entry("GER40", 18000.0), Map.entry("UK100", 8000.0), Map.entry("BTCUSD", 65000.0),
            Map.entry("ETHUSD", 3300.0), Map.entry("LTCUSD", 85.0), Map.entry("XRPUSD", 0.55));

    private final SplittableRandom random;

    /** @param seed random seed */
    public RandomWalkQuotes(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /**
     * @param spec a symbol
     * @return a plausible starting mid price
     */
    public static double startMid(AssetSpec spec) {
        return START.getOrDefault(spec.symbol(), 100.0);
    }

    /**
     * @param spec the symbol
     * @param mid  the current mid
     * @return the next mid: a step of up to three typical spreads, kept positive
     */
    public double next(AssetSpec spec, double mid) {
        double step = (random.nextDouble() - 0.5) * 2 * spec.typicalSpread();
        double m = mid + step;
        return m > spec.typicalSpread() * 10 ? m : mid;
    }
}
