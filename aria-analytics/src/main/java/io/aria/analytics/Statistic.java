package io.aria.analytics;

import java.util.Objects;

/**
 * One figure of the statistics table, under LEAN's name where LEAN has the figure.
 *
 * @param name   LEAN's name, for example {@code "Sharpe Ratio"}
 * @param value  the number (a share for percentages: 0.05 is 5%), or {@code null} when it cannot
 *               be computed honestly (then {@code reason} says why); never NaN or infinite
 * @param unit   how to read {@code value}: {@code count}, {@code money}, {@code percent},
 *               {@code ratio} or {@code days}
 * @param text   the value as the HTML table and the console print it, for example {@code "5.00%"}
 *               or {@code "not enough data (3 days)"}
 * @param reason why {@code value} is null, empty otherwise
 */
public record Statistic(String name, Double value, String unit, String text, String reason) {

    public Statistic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(reason, "reason");
        if (value != null && !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite or null, was " + value);
        }
        if (value == null && reason.isBlank()) {
            throw new IllegalArgumentException(name + " has no value and no reason");
        }
        if (value != null && value == 0.0) {
            value = 0.0; // never -0.0
        }
    }

    /** @return whether the figure has a value */
    public boolean known() {
        return value != null;
    }
}
