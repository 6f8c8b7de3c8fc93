package io.aria.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * When an asset trades: a list of weekly windows in a time zone. A window may span days (forex
 * opens Sunday 17:00 New York and closes Friday 17:00 New York). An empty list means always open.
 *
 * @param zone    time zone of the windows, for example {@code America/New_York}
 * @param windows weekly windows; empty for 24/7 markets
 */
public record TradingHours(ZoneId zone, List<Window> windows) {

    private static final long MINUTES_PER_WEEK = 7L * 24 * 60;

    /**
     * One weekly window from {@code openDay openTime} to {@code closeDay closeTime} (exclusive).
     *
     * @param openDay   day the window opens
     * @param openTime  time of day it opens
     * @param closeDay  day the window closes
     * @param closeTime time of day it closes
     */
    public record Window(DayOfWeek openDay, LocalTime openTime, DayOfWeek closeDay, LocalTime closeTime) {
        public Window {
            Objects.requireNonNull(openDay, "openDay");
            Objects.requireNonNull(openTime, "openTime");
            Objects.requireNonNull(closeDay, "closeDay");
            Objects.requireNonNull(closeTime, "closeTime");
            if (minuteOfWeek(openDay, openTime) == minuteOfWeek(closeDay, closeTime)) {
                throw new IllegalArgumentException("window must not be empty: opens and closes at "
                        + openDay + " " + openTime);
            }
        }

        long openMinute() {
            return minuteOfWeek(openDay, openTime);
        }

        long closeMinute() {
            return minuteOfWeek(closeDay, closeTime);
        }
    }

    @JsonCreator
    public TradingHours(@JsonProperty("zone") ZoneId zone, @JsonProperty("windows") List<Window> windows) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.windows = List.copyOf(Objects.requireNonNull(windows, "windows"));
    }

    /** @return hours of a market that never closes (crypto) */
    public static TradingHours alwaysOpen() {
        return new TradingHours(ZoneId.of("UTC"), List.of());
    }

    /**
     * The same window every weekday (Monday to Friday), for exchange-traded instruments.
     *
     * @param zone  exchange time zone
     * @param open  opening time
     * @param close closing time; before {@code open} means the session runs overnight
     * @return the hours
     */
    public static TradingHours weekdays(ZoneId zone, LocalTime open, LocalTime close) {
        List<Window> list = new java.util.ArrayList<>();
        for (DayOfWeek d = DayOfWeek.MONDAY; d.getValue() <= DayOfWeek.FRIDAY.getValue(); d = d.plus(1)) {
            DayOfWeek closeDay = close.isAfter(open) ? d : d.plus(1);
            list.add(new Window(d, open, closeDay, close));
            if (d == DayOfWeek.FRIDAY) {
                break;
            }
        }
        return new TradingHours(zone, list);
    }

    /** @return whether the market never closes */
    @JsonIgnore
    public boolean isAlwaysOpen() {
        return windows.isEmpty();
    }

    /**
     * @param time the instant to test
     * @return whether the market is open at {@code time}
     */
    public boolean isOpen(Instant time) {
        return minutesToClose(time) > 0;
    }

    /**
     * How long the market stays open from {@code time}.
     *
     * @param time the instant to test
     * @return minutes until the window containing {@code time} closes; {@code Long.MAX_VALUE} for
     *     24/7 markets; 0 when the market is closed
     */
    public long minutesToClose(Instant time) {
        if (windows.isEmpty()) {
            return Long.MAX_VALUE;
        }
        ZonedDateTime z = time.atZone(zone);
        long now = minuteOfWeek(z.getDayOfWeek(), z.toLocalTime());
        long best = 0;
        for (Window w : windows) {
            long open = w.openMinute();
            long len = Math.floorMod(w.closeMinute() - open, MINUTES_PER_WEEK);
            long since = Math.floorMod(now - open, MINUTES_PER_WEEK);
            if (since < len) {
                best = Math.max(best, len - since);
            }
        }
        return best;
    }

    /**
     * @param time the instant to test
     * @return the time left in the current window, {@link Duration#ZERO} when closed
     */
    public Duration timeToClose(Instant time) {
        long m = minutesToClose(time);
        return m == Long.MAX_VALUE ? ChronoUnit.FOREVER.getDuration() : Duration.ofMinutes(m);
    }

    private static long minuteOfWeek(DayOfWeek day, LocalTime t) {
        return (day.getValue() - 1L) * 24 * 60 + t.getHour() * 60L + t.getMinute();
    }
}
