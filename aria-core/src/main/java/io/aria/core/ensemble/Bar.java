package io.aria.core.ensemble;

import io.aria.core.Values;
import java.util.Objects;

/**
 * One closed time bar of one symbol: open, high, low and close of the mid price over
 * [{@code startMillis}, {@code endMillis}), the volume and the number of ticks in it.
 *
 * @param symbol      catalog symbol
 * @param startMillis start of the bar, epoch milliseconds UTC (inclusive)
 * @param endMillis   end of the bar, epoch milliseconds UTC (exclusive), &gt; startMillis
 * @param open        first price
 * @param high        highest price, &ge; open, close and low
 * @param low         lowest price, &le; open and close, &gt; 0
 * @param close       last price
 * @param volume      summed tick volume, &ge; 0
 * @param ticks       number of ticks, &ge; 0 (0 when the bar came from history without counts)
 */
public record Bar(String symbol, long startMillis, long endMillis, double open, double high, double low,
        double close, double volume, int ticks) {

    public Bar {
        Objects.requireNonNull(symbol, "symbol");
        Values.text(symbol, "symbol");
        if (endMillis <= startMillis) {
            throw new IllegalArgumentException("endMillis must be > startMillis (" + startMillis + "), was " + endMillis);
        }
        Values.positive(open, "open");
        Values.positive(high, "high");
        Values.positive(low, "low");
        Values.positive(close, "close");
        if (high < Math.max(open, close) || high < low) {
            throw new IllegalArgumentException("high must be >= open, close and low, was " + high
                    + " (open " + open + ", close " + close + ", low " + low + ")");
        }
        if (low > Math.min(open, close)) {
            throw new IllegalArgumentException("low must be <= open and close, was " + low
                    + " (open " + open + ", close " + close + ")");
        }
        Values.nonNegative(volume, "volume");
        Values.atLeast(ticks, 0, "ticks");
    }

    /** @return the bar's length in milliseconds */
    public long durationMillis() {
        return endMillis - startMillis;
    }
}
