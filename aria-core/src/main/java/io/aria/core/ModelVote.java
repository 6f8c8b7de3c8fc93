package io.aria.core;

import java.util.Objects;

/**
 * One member model's part in an ensemble decision.
 *
 * @param model      the model's name
 * @param vote       its vote in [-1, 1]: -1 strongly short, +1 strongly long
 * @param confidence its own confidence in [0, 1]
 * @param weight     the weight the ensemble gave it in the current regime, &gt;= 0
 * @param share      its share of the decision in [0, 1]: among the models that agree with the
 *                   decision's direction, shares sum to 1; 0 for dissenting models
 */
public record ModelVote(String model, double vote, double confidence, double weight, double share) {

    public ModelVote {
        Objects.requireNonNull(model, "model");
        Values.inRange(vote, -1, 1, "vote");
        Values.inRange(confidence, 0, 1, "confidence");
        Values.nonNegative(weight, "weight");
        Values.inRange(share, 0, 1, "share");
    }
}
