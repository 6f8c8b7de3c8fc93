package io.aria.mt5.internal;

import io.aria.core.ensemble.Bar;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Decodes the bars of a {@code bars_reply} (PROTOCOL.md 5.12) into aria-core's {@link Bar}. */
public final class Bars {

    /** The timeframes of PROTOCOL.md 5.12. */
    public static final List<String> TIMEFRAMES = List.of("M1", "M5", "M15", "M30", "H1", "H4", "D1", "W1", "MN1");

    private Bars() {
    }

    /**
     * @param timeframe one of {@link #TIMEFRAMES}
     * @throws IllegalArgumentException naming the timeframe otherwise
     */
    public static void checkTimeframe(String timeframe) {
        if (!TIMEFRAMES.contains(timeframe)) {
            throw new IllegalArgumentException("timeframe must be one of " + String.join(", ", TIMEFRAMES) + ", was '"
                    + (timeframe == null ? "null" : Wire.abbreviate(timeframe)) + "'");
        }
    }

    /**
     * @param startMillis the bar's UTC open time
     * @param timeframe   one of {@link #TIMEFRAMES}
     * @return the bar's UTC end (exclusive): start plus the timeframe; for {@code MN1} the same day
     *     of the next calendar month in UTC (MT5 counts months in server time, which this does not know)
     */
    public static long endMillis(long startMillis, String timeframe) {
        long minute = 60_000L;
        return switch (timeframe) {
            case "M1" -> startMillis + minute;
            case "M5" -> startMillis + 5 * minute;
            case "M15" -> startMillis + 15 * minute;
            case "M30" -> startMillis + 30 * minute;
            case "H1" -> startMillis + 60 * minute;
            case "H4" -> startMillis + 240 * minute;
            case "D1" -> startMillis + 1440 * minute;
            case "W1" -> startMillis + 7 * 1440 * minute;
            case "MN1" -> Instant.ofEpochMilli(startMillis).atOffset(ZoneOffset.UTC).plusMonths(1).toInstant().toEpochMilli();
            default -> throw new IllegalArgumentException("timeframe must be one of " + String.join(", ", TIMEFRAMES)
                    + ", was '" + Wire.abbreviate(timeframe) + "'");
        };
    }

    /**
     * @param m         one element of {@code bars}
     * @param symbol    the catalog symbol the bars were asked for
     * @param timeframe their timeframe
     * @return the bar: volume and ticks are MT5's {@code tick_volume} (MT5 counts ticks, it has no
     *     tick volume of its own for OTC symbols); {@code spread} and {@code real_volume} are not kept
     * @throws MalformedMessageException naming the field and the value when a field is missing,
     *     of the wrong type, or makes an impossible bar (high below low, a price &lt;= 0, ...)
     */
    public static Bar decode(Msg m, String symbol, String timeframe) throws MalformedMessageException {
        long start = m.lng("utc_ms");
        long ticks = m.lng("tick_volume", 0);
        if (ticks < 0) {
            throw new MalformedMessageException("tick_volume must be >= 0, was " + ticks);
        }
        try {
            return new Bar(symbol, start, endMillis(start, timeframe), m.num("open"), m.num("high"), m.num("low"),
                    m.num("close"), ticks, (int) Math.min(Integer.MAX_VALUE, ticks));
        } catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException e) {
            throw new MalformedMessageException("bar at utc_ms " + start + ": " + e.getMessage());
        }
    }
}
