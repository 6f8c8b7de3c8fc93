package io.aria.core;

/**
 * How deep a market is. Sizers scale positions by the tier's factor: deep markets take full
 * size, thin ones less.
 */
public enum LiquidityTier {
    /** Deepest markets (major forex pairs, gold, large indices, bitcoin). */
    TIER_1(1.0),
    /** Liquid but thinner (minor pairs, silver, oil, ether). */
    TIER_2(0.75),
    /** Thin markets (small-cap crypto); size is halved by default. */
    TIER_3(0.5);

    private final double defaultSizeFactor;

    LiquidityTier(double defaultSizeFactor) {
        this.defaultSizeFactor = defaultSizeFactor;
    }

    /** @return the factor in (0, 1] that sizers apply by default for this tier */
    public double defaultSizeFactor() {
        return defaultSizeFactor;
    }
}
