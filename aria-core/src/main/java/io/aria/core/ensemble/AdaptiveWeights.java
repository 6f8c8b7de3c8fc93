package io.aria.core.ensemble;

import io.aria.core.Regime;
import io.aria.core.Values;
import java.util.Objects;

/**
 * Settings of the ensemble's optional adaptive weights. Each model keeps, per regime, an
 * exponentially weighted record of its realised contribution to closed trades: +confidence when
 * it voted with a winning trade (or against a losing one), &minus;confidence when it voted with a
 * losing trade (or against a winning one), 0 when it abstained. Its weight in that regime is the
 * base weight times {@code 1 + sensitivity &times; record}, bounded to [{@code minFactor},
 * {@code maxFactor}] times the base. Pure arithmetic on the fed-back trades: the same trades give
 * the same weights.
 *
 * @param learningRate how fast the record follows new trades, in (0, 1]
 * @param sensitivity  how strongly the record moves the weight, &ge; 0
 * @param minFactor    lowest weight as a multiple of the base, in [0, 1]
 * @param maxFactor    highest weight as a multiple of the base, &ge; 1
 */
public record AdaptiveWeights(double learningRate, double sensitivity, double minFactor, double maxFactor) {

    public AdaptiveWeights {
        if (!(learningRate > 0 && learningRate <= 1)) {
            throw new IllegalArgumentException("learningRate must be in (0, 1], was " + learningRate);
        }
        Values.nonNegative(sensitivity, "sensitivity");
        Values.inRange(minFactor, 0, 1, "minFactor");
        if (!(maxFactor >= 1) || !Double.isFinite(maxFactor)) {
            throw new IllegalArgumentException("maxFactor must be finite and >= 1, was " + maxFactor);
        }
    }

    /** @return learning rate 0.1, sensitivity 1, weights bounded to [0.5, 2] times the base */
    public static AdaptiveWeights defaults() {
        return new AdaptiveWeights(0.1, 1.0, 0.5, 2.0);
    }

    /** The per-regime, per-model records and factors. */
    static final class Book {
        private final AdaptiveWeights settings;
        private final double[][] record;
        private final double[][] factor;

        Book(AdaptiveWeights settings, int models) {
            this.settings = Objects.requireNonNull(settings, "settings");
            int regimes = Regime.values().length;
            record = new double[regimes][models];
            factor = new double[regimes][models];
            for (double[] f : factor) {
                java.util.Arrays.fill(f, 1.0);
            }
        }

        double factor(Regime regime, int model) {
            return factor[regime.ordinal()][model];
        }

        /**
         * @return the new factor
         */
        double learn(Regime regime, int model, double reward) {
            double[] rec = record[regime.ordinal()];
            rec[model] += settings.learningRate() * (reward - rec[model]);
            double f = 1 + settings.sensitivity() * rec[model];
            f = Math.max(settings.minFactor(), Math.min(settings.maxFactor(), f));
            factor[regime.ordinal()][model] = f;
            return f;
        }
    }
}
