package io.aria.core.ensemble;

import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.ModelVote;
import io.aria.core.Regime;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link WeightedEnsemble}'s weight of each model in each regime: the base weights, the
 * adaptive factors learnt from closed trades (when enabled), and how they are resolved from the
 * builder's explicit weights and the defaults. One owner (the ensemble's thread).
 */
final class RegimeWeights {

    private static final Logger LOG = LoggerFactory.getLogger(WeightedEnsemble.class);

    /** Relative move of an adaptive weight, since it was last logged at INFO, that is logged at INFO again. */
    private static final double MATERIAL_CHANGE = 0.05;

    /** Default regime weights of the three default models. */
    private static final Map<Regime, Map<String, Double>> DEFAULT_WEIGHTS = defaultWeights();

    private final String[] modelNames;
    private final double[][] baseWeights;
    private final AdaptiveWeights.Book adaptive;
    /** Weights as last logged at INFO; smaller moves go to DEBUG. */
    private final double[][] lastLoggedWeight;

    /**
     * @param weights    each regime's weight per model name (every model named)
     * @param modelNames the models in order
     * @param settings   the adaptive weights' settings, or null for fixed weights
     */
    RegimeWeights(Map<Regime, Map<String, Double>> weights, String[] modelNames, AdaptiveWeights settings) {
        this.modelNames = modelNames;
        int n = modelNames.length;
        this.baseWeights = new double[Regime.values().length][n];
        for (Regime r : Regime.values()) {
            for (int i = 0; i < n; i++) {
                baseWeights[r.ordinal()][i] = weights.get(r).get(modelNames[i]);
            }
        }
        this.adaptive = settings == null ? null : new AdaptiveWeights.Book(settings, n);
        this.lastLoggedWeight = new double[baseWeights.length][];
        for (int r = 0; r < baseWeights.length; r++) {
            lastLoggedWeight[r] = baseWeights[r].clone();
        }
    }

    /**
     * @param names    the models' names in order
     * @param explicit weights the builder was given, per regime and model name
     * @return each regime's weight per model: given, else the default, else 1
     * @throws IllegalArgumentException when a given weight names no model, or a regime's weights are all zero
     */
    static Map<Regime, Map<String, Double>> resolve(List<String> names, Map<Regime, Map<String, Double>> explicit) {
        Map<Regime, Map<String, Double>> weights = new EnumMap<>(Regime.class);
        for (Regime r : Regime.values()) {
            Map<String, Double> given = explicit.getOrDefault(r, Map.of());
            for (String name : given.keySet()) {
                if (!names.contains(name)) {
                    throw new IllegalArgumentException("weight for " + r + " names model " + name
                            + ", which is not one of " + names);
                }
            }
            Map<String, Double> m = new LinkedHashMap<>();
            double sum = 0;
            for (String name : names) {
                double w = given.containsKey(name) ? given.get(name)
                        : DEFAULT_WEIGHTS.get(r).getOrDefault(name, 1.0);
                m.put(name, w);
                sum += w;
            }
            if (!(sum > 0)) {
                throw new IllegalArgumentException("weights for " + r + " must not all be zero, were " + m);
            }
            weights.put(r, m);
        }
        return weights;
    }

    /** @return the model's current weight in the regime (not normalised) */
    double weight(Regime regime, int model) {
        double base = baseWeights[regime.ordinal()][model];
        return adaptive == null ? base : base * adaptive.factor(regime, model);
    }

    /** @return every regime's current weights, normalised to sum 1 */
    Map<Regime, Map<String, Double>> normalised() {
        Map<Regime, Map<String, Double>> out = new EnumMap<>(Regime.class);
        int n = modelNames.length;
        for (Regime r : Regime.values()) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += weight(r, i);
            }
            Map<String, Double> m = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                m.put(modelNames[i], sum > 0 ? weight(r, i) / sum : 1.0 / n);
            }
            out.put(r, Collections.unmodifiableMap(m));
        }
        return Collections.unmodifiableMap(out);
    }

    /** Learns from a closed trade (adaptive weights only): see {@link WeightedEnsemble#onTradeClosed}. */
    void learn(Decision entry, double profit) {
        if (adaptive == null || entry == null || entry.direction() == Direction.FLAT
                || !Double.isFinite(profit) || profit == 0) {
            return;
        }
        double outcome = Math.signum(profit);
        for (ModelVote vote : entry.votes()) {
            int i = modelIndex(vote.model());
            if (i < 0) {
                continue;
            }
            double agree = Math.signum(vote.vote()) * entry.direction().sign();
            double before = weight(entry.regime(), i);
            adaptive.learn(entry.regime(), i, agree * outcome * vote.confidence());
            double after = weight(entry.regime(), i);
            if (after != before) {
                logMove(entry, profit, i, before, after);
            }
        }
    }

    private void logMove(Decision entry, double profit, int i, double before, double after) {
        double[] logged = lastLoggedWeight[entry.regime().ordinal()];
        boolean material = Math.abs(after - logged[i]) >= MATERIAL_CHANGE * logged[i];
        if (material) {
            logged[i] = after;
            LOG.info("adaptive weight of {} in {} moved to {} (base {}) after a {} trade on {} (profit {})",
                    modelNames[i], entry.regime(), after, baseWeights[entry.regime().ordinal()][i],
                    entry.direction(), entry.symbol(), profit);
        } else {
            LOG.debug("adaptive weight of {} in {} moved from {} to {} after a {} trade on {} (profit {})",
                    modelNames[i], entry.regime(), before, after, entry.direction(), entry.symbol(), profit);
        }
    }

    private int modelIndex(String name) {
        for (int i = 0; i < modelNames.length; i++) {
            if (modelNames[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static Map<Regime, Map<String, Double>> defaultWeights() {
        Map<Regime, Map<String, Double>> m = new EnumMap<>(Regime.class);
        m.put(Regime.TREND, Map.of(MomentumModel.NAME, 0.6, MeanReversionModel.NAME, 0.1, BreakoutModel.NAME, 0.3));
        m.put(Regime.RANGE, Map.of(MomentumModel.NAME, 0.15, MeanReversionModel.NAME, 0.7, BreakoutModel.NAME, 0.15));
        m.put(Regime.BREAKOUT, Map.of(MomentumModel.NAME, 0.3, MeanReversionModel.NAME, 0.05, BreakoutModel.NAME, 0.65));
        return Collections.unmodifiableMap(m);
    }
}
