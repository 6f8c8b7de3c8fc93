package io.aria.analytics;

import static io.aria.core.Values.finite;
import static io.aria.core.Values.inRange;
import static io.aria.core.Values.nonNegative;

import java.util.Objects;

/**
 * The closed trades' profit attributed to one model, regime, asset class or symbol. A model gets
 * each trade's profit times its share in the trade's entry decision (so a model's {@code trades}
 * counts the trades it had a share in); a regime, asset class or symbol gets whole trades.
 *
 * @param name   the model, regime, asset class or symbol
 * @param trades closed trades it had a part in
 * @param wins   of those, the ones with a profit &gt; 0
 * @param profit its part of their profit in the account currency
 * @param share  {@code profit} over the sum of every positive line's profit in its breakdown, in
 *               [0, 1]; 0 for a line that lost (so the lines that made money add up to 1)
 */
public record AttributionLine(String name, long trades, long wins, double profit, double share) {

    public AttributionLine {
        Objects.requireNonNull(name, "name");
        nonNegative(trades, "trades");
        if (wins < 0 || wins > trades) {
            throw new IllegalArgumentException("wins must be in [0, trades (" + trades + ")], was " + wins);
        }
        finite(profit, "profit");
        inRange(share, 0, 1 + 1e-9, "share");
    }
}
