package io.aria.mt5;

/**
 * One history bar (PROTOCOL.md 5.12).
 *
 * @param epochMillis UTC open time
 * @param open        open
 * @param high        high
 * @param low         low
 * @param close       close
 * @param tickVolume  ticks in the bar
 * @param spread      spread in points
 * @param realVolume  exchange volume, 0 for OTC symbols
 */
public record Bar(long epochMillis, double open, double high, double low, double close, long tickVolume, int spread,
        long realVolume) {

    public Bar {
        if (!(high >= low)) {
            throw new IllegalArgumentException("high must be >= low (" + low + "), was " + high);
        }
    }
}
