package io.aria.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("TradingHours")
class TradingHoursTest {

    private static final ZoneId NY = ZoneId.of("America/New_York");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private final AssetCatalog catalog = AssetCatalog.defaults();

    private static Instant at(int y, int m, int d, int h, int min, ZoneId zone) {
        return ZonedDateTime.of(y, m, d, h, min, 0, 0, zone).toInstant();
    }

    @Nested
    @DisplayName("forex")
    class Forex {
        private final TradingHours fx = catalog.spec("EURUSD").tradingHours();

        @Test
        void closedOnSaturday() {
            assertFalse(fx.isOpen(at(2024, 1, 6, 12, 0, NY)));
            assertEquals(0, fx.minutesToClose(at(2024, 1, 6, 12, 0, NY)));
            assertEquals(Duration.ZERO, fx.timeToClose(at(2024, 1, 6, 12, 0, NY)));
        }

        @Test
        void openMondayNoonNewYork() {
            assertTrue(fx.isOpen(at(2024, 1, 8, 12, 0, NY)));
        }

        @Test
        @DisplayName("opens Sunday 17:00 and closes Friday 17:00 New York")
        void weekBoundaries() {
            assertFalse(fx.isOpen(at(2024, 1, 7, 16, 59, NY)));
            assertTrue(fx.isOpen(at(2024, 1, 7, 17, 0, NY)));
            assertTrue(fx.isOpen(at(2024, 1, 12, 16, 59, NY)));
            assertFalse(fx.isOpen(at(2024, 1, 12, 17, 0, NY)));
        }

        @Test
        void minutesToCloseOnFriday() {
            assertEquals(60, fx.minutesToClose(at(2024, 1, 12, 16, 0, NY)));
            assertEquals(Duration.ofMinutes(60), fx.timeToClose(at(2024, 1, 12, 16, 0, NY)));
            // Monday noon to Friday 17:00 is four days and five hours
            assertEquals(4 * 24 * 60 + 5 * 60, fx.minutesToClose(at(2024, 1, 8, 12, 0, NY)));
        }

        @Test
        @DisplayName("follows New York daylight saving")
        void daylightSaving() {
            // in July New York is UTC-4: Friday 17:00 NY is 21:00 UTC
            assertTrue(fx.isOpen(Instant.parse("2024-07-12T20:59:00Z")));
            assertFalse(fx.isOpen(Instant.parse("2024-07-12T21:00:00Z")));
        }
    }

    @Nested
    @DisplayName("indices")
    class Indices {
        @Test
        @DisplayName("GER40 trades 01:15 to 22:00 Berlin on weekdays")
        void ger40Session() {
            TradingHours h = catalog.spec("GER40").tradingHours();
            assertFalse(h.isOpen(at(2024, 1, 9, 1, 14, BERLIN)));
            assertTrue(h.isOpen(at(2024, 1, 9, 1, 15, BERLIN)));
            assertTrue(h.isOpen(at(2024, 1, 9, 21, 59, BERLIN)));
            assertFalse(h.isOpen(at(2024, 1, 9, 22, 0, BERLIN)));
            assertEquals(1, h.minutesToClose(at(2024, 1, 9, 21, 59, BERLIN)));
            assertFalse(h.isOpen(at(2024, 1, 13, 12, 0, BERLIN)), "closed on Saturday");
        }

        @Test
        @DisplayName("US30 pauses 17:00 to 18:00 New York every day")
        void globexDailyBreak() {
            TradingHours h = catalog.spec("US30").tradingHours();
            assertTrue(h.isOpen(at(2024, 1, 9, 16, 59, NY)));
            assertFalse(h.isOpen(at(2024, 1, 9, 17, 30, NY)));
            assertTrue(h.isOpen(at(2024, 1, 9, 18, 0, NY)));
            assertFalse(h.isOpen(at(2024, 1, 7, 17, 59, NY)), "Sunday before the open");
            assertTrue(h.isOpen(at(2024, 1, 7, 18, 0, NY)));
        }
    }

    @Test
    @DisplayName("crypto is always open")
    void cryptoAlwaysOpen() {
        TradingHours h = catalog.spec("BTCUSD").tradingHours();
        assertTrue(h.isAlwaysOpen());
        assertTrue(h.isOpen(at(2024, 1, 6, 12, 0, NY)));
        assertEquals(Long.MAX_VALUE, h.minutesToClose(Instant.EPOCH));
    }

    @Test
    @DisplayName("an overnight weekday session closes the next day")
    void overnightWeekdays() {
        TradingHours h = TradingHours.weekdays(NY, LocalTime.of(22, 0), LocalTime.of(2, 0));
        assertTrue(h.isOpen(at(2024, 1, 9, 1, 0, NY)));
        assertEquals(60, h.minutesToClose(at(2024, 1, 9, 1, 0, NY)));
        assertFalse(h.isOpen(at(2024, 1, 9, 3, 0, NY)));
        assertEquals(5, h.windows().size());
    }

    @Test
    void invalidWindowsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TradingHours.Window(
                DayOfWeek.MONDAY, LocalTime.NOON, DayOfWeek.MONDAY, LocalTime.NOON));
        assertTrue(e.getMessage().contains("MONDAY"), e.getMessage());
        NullPointerException n = assertThrows(NullPointerException.class,
                () -> new TradingHours.Window(null, LocalTime.NOON, DayOfWeek.MONDAY, LocalTime.MIDNIGHT));
        assertEquals("openDay", n.getMessage());
        assertEquals("zone", assertThrows(NullPointerException.class, () -> new TradingHours(null, List.of())).getMessage());
        assertEquals("windows", assertThrows(NullPointerException.class, () -> new TradingHours(NY, null)).getMessage());
    }
}
