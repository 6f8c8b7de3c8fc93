package io.aria.core.ensemble;

import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.ModelVote;
import io.aria.core.Regime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the models' votes on a closed bar into a {@link WeightedEnsemble}'s decision: weighted
 * score, agreement and confidence, the direction with entry/exit hysteresis, each model's share
 * of the decision, and the indicators. Runs only when a bar closes: it may allocate.
 */
final class VoteCombiner {

    private final SignalModel[] models;
    private final String[] modelNames;
    private final RegimeClassifier classifier;
    private final RegimeWeights weights;
    private final double entry;
    private final double exit;
    /**
     * The indicators of the decision being built, refilled by every {@link #decide}: one table for the
     * combiner's life instead of a new map (and its resizes) per decision; the decision keeps its own
     * immutable copy. The loop thread's, like the combiner.
     */
    private final HashMap<String, Double> scratch = new HashMap<>(64);
    /** Each model's weight, vote and confidence during one {@link #decide}; overwritten by the next. */
    private final double[] weightBuf;
    private final double[] voteBuf;
    private final double[] confidenceBuf;

    VoteCombiner(SignalModel[] models, String[] modelNames, RegimeClassifier classifier, RegimeWeights weights,
            double entry, double exit) {
        this.models = models;
        this.modelNames = modelNames;
        this.classifier = classifier;
        this.weights = weights;
        this.entry = entry;
        this.exit = exit;
        this.weightBuf = new double[models.length];
        this.voteBuf = new double[models.length];
        this.confidenceBuf = new double[models.length];
    }

    /**
     * @param s           the symbol's index
     * @param symbol      the symbol
     * @param epochMillis the decision's time
     * @param held        the symbol's direction so far
     * @return the decision
     */
    Decision decide(int s, String symbol, long epochMillis, Direction held) {
        Regime regime = classifier.regime(s);
        int n = models.length;
        double[] w = weightBuf;
        double[] v = voteBuf;
        double[] c = confidenceBuf;
        double sumW = 0;
        for (int i = 0; i < n; i++) {
            w[i] = weights.weight(regime, i);
            v[i] = Clamps.vote(models[i].vote(s));
            c[i] = Clamps.unit(models[i].confidence(s));
            sumW += w[i];
        }
        double net = 0;
        double gross = 0;
        double meanConfidence = 0;
        for (int i = 0; i < n; i++) {
            w[i] = sumW > 0 ? w[i] / sumW : 1.0 / n;
            double contribution = w[i] * c[i] * v[i];
            net += contribution;
            gross += Math.abs(contribution);
            meanConfidence += w[i] * c[i];
        }
        double score = Clamps.vote(net);
        double agreement = gross > 0 ? Clamps.unit(Math.abs(net) / gross) : 0;
        double confidence = Clamps.unit(agreement * meanConfidence);
        Direction dir = direction(held, score);
        List<ModelVote> votes = votes(dir, w, v, c);
        Map<String, Double> indicators = scratch;
        indicators.clear();
        for (SignalModel m : models) {
            m.describe(s, indicators);
        }
        classifier.describe(s, indicators);
        indicators.put("ensemble.score", score);
        indicators.put("ensemble.agreement", agreement);
        indicators.put("ensemble.meanConfidence", meanConfidence);
        indicators.values().removeIf(x -> x == null || !Double.isFinite(x));
        Decision d = new Decision(symbol, epochMillis, dir, confidence, score, regime, votes, indicators); // copies
        indicators.clear(); // the decision holds its own immutable copy; drop the boxes now
        return d;
    }

    /** @return each model's vote with its share of the decision: the agreeing models' weighted conviction */
    private List<ModelVote> votes(Direction dir, double[] w, double[] v, double[] c) {
        int n = w.length;
        double agreeing = 0;
        for (int i = 0; i < n; i++) {
            if (dir != Direction.FLAT && Math.signum(v[i]) == dir.sign()) {
                agreeing += w[i] * c[i] * Math.abs(v[i]);
            }
        }
        List<ModelVote> votes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double share;
            if (dir == Direction.FLAT) {
                share = w[i];
            } else if (Math.signum(v[i]) == dir.sign() && agreeing > 0) {
                share = w[i] * c[i] * Math.abs(v[i]) / agreeing;
            } else {
                share = 0;
            }
            votes.add(new ModelVote(modelNames[i], v[i], c[i], w[i], Clamps.unit(share)));
        }
        return votes;
    }

    private Direction direction(Direction held, double score) {
        if (score >= entry) {
            return Direction.LONG;
        }
        if (score <= -entry) {
            return Direction.SHORT;
        }
        if (held == Direction.LONG && score >= exit) {
            return Direction.LONG;
        }
        if (held == Direction.SHORT && score <= -exit) {
            return Direction.SHORT;
        }
        return Direction.FLAT;
    }
}
