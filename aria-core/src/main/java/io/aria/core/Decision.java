package io.aria.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the ensemble concluded for one symbol at one moment, and why.
 *
 * @param symbol      catalog symbol
 * @param epochMillis time of the tick that produced it
 * @param direction   the target direction
 * @param confidence  confidence in [0, 1]; grows with agreement between models
 * @param score       the combined weighted vote in [-1, 1]
 * @param regime      the symbol's market regime
 * @param votes       each member model's vote, weight and share (attribution)
 * @param indicators  the indicator values behind the votes, by name (for the decision log)
 */
public record Decision(
        String symbol,
        long epochMillis,
        Direction direction,
        double confidence,
        double score,
        Regime regime,
        List<ModelVote> votes,
        Map<String, Double> indicators) {

    public Decision {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(direction, "direction");
        Values.inRange(confidence, 0, 1, "confidence");
        Values.inRange(score, -1, 1, "score");
        Objects.requireNonNull(regime, "regime");
        votes = List.copyOf(Objects.requireNonNull(votes, "votes"));
        indicators = Map.copyOf(Objects.requireNonNull(indicators, "indicators"));
    }

    /**
     * A decision without attribution, for tests and simple models.
     *
     * @param symbol      symbol
     * @param epochMillis time
     * @param direction   direction
     * @param confidence  confidence in [0, 1]
     * @return the decision, with score = sign &times; confidence and regime TREND
     */
    public static Decision of(String symbol, long epochMillis, Direction direction, double confidence) {
        return new Decision(symbol, epochMillis, direction, confidence, direction.sign() * confidence,
                Regime.TREND, List.of(), Map.of());
    }
}
