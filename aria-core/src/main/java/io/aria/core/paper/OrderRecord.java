package io.aria.core.paper;

import io.aria.core.ExecutionReport;
import java.util.Objects;

/**
 * What a {@link SimulatedAccount} remembers of a client order id: the order it was first sent
 * with and its outcome (the history order, in MT5's words).
 *
 * @param key    the order the id is bound to
 * @param report its outcome: a fill or a refusal
 * @param deal   the fill's deal, {@code null} when refused
 */
public record OrderRecord(OrderKey key, ExecutionReport report, Deal deal) {

    public OrderRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(report, "report");
        if (report.status().isFill() != (deal != null)) {
            throw new IllegalArgumentException("a fill has a deal and a refusal none; was " + report.status()
                    + " with deal " + deal);
        }
    }

    /** @return whether the order traded */
    public boolean filled() {
        return deal != null;
    }
}
