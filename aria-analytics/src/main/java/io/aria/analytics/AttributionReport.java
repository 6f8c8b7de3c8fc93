package io.aria.analytics;

import static io.aria.core.Values.finite;
import static io.aria.core.Values.inRange;
import static io.aria.core.Values.nonNegative;

import io.aria.core.Regime;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Closed trades' profit split among the ensemble's models. Each trade's profit is divided among
 * the models of its entry decision in proportion to their {@code share} (the agreeing models'
 * shares sum to 1; they are renormalised to sum to exactly 1), so the models' attributed profits
 * add up to {@link #attributedProfit()}. A trade whose entry decision has no model with a share
 * above 0 is counted as unattributed.
 *
 * @param attributedTrades   closed trades split among models
 * @param attributedProfit   their total profit in the account currency
 * @param unattributedTrades closed trades without a contributing model
 * @param unattributedProfit their total profit
 * @param models             each model that contributed to a trade, by name
 */
public record AttributionReport(long attributedTrades, double attributedProfit, long unattributedTrades,
        double unattributedProfit, List<ModelAttribution> models) {

    public AttributionReport {
        nonNegative(attributedTrades, "attributedTrades");
        finite(attributedProfit, "attributedProfit");
        nonNegative(unattributedTrades, "unattributedTrades");
        finite(unattributedProfit, "unattributedProfit");
        models = List.copyOf(Objects.requireNonNull(models, "models"));
    }

    /**
     * @param name a model's name
     * @return its attribution, or null when it never contributed
     */
    public ModelAttribution model(String name) {
        for (ModelAttribution m : models) {
            if (m.model().equals(name)) {
                return m;
            }
        }
        return null;
    }

    /**
     * One model's part.
     *
     * @param model    the model's name
     * @param total    over all regimes
     * @param byRegime by the regime of the entry decision; every regime is present
     */
    public record ModelAttribution(String model, Figures total, Map<Regime, Figures> byRegime) {

        public ModelAttribution {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(total, "total");
            Map<Regime, Figures> copy = new EnumMap<>(Regime.class);
            copy.putAll(Objects.requireNonNull(byRegime, "byRegime"));
            byRegime = Collections.unmodifiableMap(copy);
        }
    }

    /**
     * @param trades           closed trades the model contributed to (share &gt; 0)
     * @param attributedProfit the model's part of their profit
     * @param hits             of those trades, the ones that made a profit
     * @param hitRate          hits / trades, 0 without trades
     * @param averageShare     mean share the model held in those trades, in [0, 1]
     */
    public record Figures(long trades, double attributedProfit, long hits, double hitRate, double averageShare) {

        public Figures {
            nonNegative(trades, "trades");
            finite(attributedProfit, "attributedProfit");
            if (hits < 0 || hits > trades) {
                throw new IllegalArgumentException("hits must be in [0, trades (" + trades + ")], was " + hits);
            }
            inRange(hitRate, 0, 1, "hitRate");
            inRange(averageShare, 0, 1, "averageShare");
        }
    }
}
