package io.aria.core.paper;

import io.aria.core.AssetSpec;
import java.util.SplittableRandom;

/**
 * How much of a valid market order the simulated market fills (the rest is cancelled, as MT5's
 * immediate-or-cancel filling does). Seeded models are not safe for use from multiple threads.
 */
@FunctionalInterface
public interface PartialFillModel {

    /**
     * @param requested a valid volume (within [volumeMin, volumeMax], on the step)
     * @param spec      the symbol's specification
     * @return the lots filled: {@code requested}, or a smaller multiple of the volume step that is
     *     at least {@code volumeMin}
     */
    double fill(double requested, AssetSpec spec);

    /** @return every order fills in full */
    static PartialFillModel none() {
        return (requested, spec) -> requested;
    }

    /**
     * @param share fraction of each order that fills, in (0, 1]
     * @return a model filling {@code share} of each order rounded down to the volume step (in full
     *     when that would be below the minimum volume)
     * @throws IllegalArgumentException when {@code share} is outside (0, 1]
     */
    static PartialFillModel fraction(double share) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be in (0, 1], was " + share);
        }
        return (requested, spec) -> atLeastMin(spec.roundVolumeDown(requested * share), requested);
    }

    /**
     * @param probability chance that an order fills only in part, in [0, 1]
     * @param seed        seed of the generator, so runs repeat
     * @return a model that, with that probability, fills a uniform number of volume steps in
     *     [volumeMin, requested - step]
     * @throws IllegalArgumentException when {@code probability} is outside [0, 1]
     */
    static PartialFillModel random(double probability, long seed) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], was " + probability);
        }
        SplittableRandom random = new SplittableRandom(seed);
        return (requested, spec) -> {
            if (random.nextDouble() >= probability) {
                return requested;
            }
            long minSteps = Math.round(Math.ceil(spec.volumeMin() / spec.volumeStep() - 1e-9));
            long maxSteps = Math.round(requested / spec.volumeStep()) - 1;
            if (maxSteps < minSteps) {
                return requested;
            }
            return spec.roundVolumeDown(random.nextLong(minSteps, maxSteps + 1) * spec.volumeStep() + 1e-12);
        };
    }

    private static double atLeastMin(double filled, double requested) {
        return filled <= 0 ? requested : filled;
    }
}
