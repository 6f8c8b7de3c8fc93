package io.aria.core.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("time bars from ticks")
class TimeBarBuilderTest {

    private static long at(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Nested
    @DisplayName("aggregation")
    class Aggregation {

        @Test
        void barsAreAlignedToTheUtcMinute_andCloseOnTheFirstTickOfTheNext() {
            TimeBarBuilder b = new TimeBarBuilder(2, TimeBarBuilder.DEFAULT_TIMEFRAME);
            assertFalse(b.onTick(1, at("2024-03-01T10:15:42.100Z"), 10, 1));
            assertFalse(b.onTick(1, at("2024-03-01T10:15:50Z"), 12, 2));
            assertFalse(b.onTick(1, at("2024-03-01T10:15:55Z"), 9, 0));
            assertFalse(b.onTick(1, at("2024-03-01T10:15:59.999Z"), 11, 1));
            assertFalse(b.onTick(0, at("2024-03-01T10:16:00Z"), 50, 1), "another symbol closes nothing here");
            assertTrue(b.onTick(1, at("2024-03-01T10:16:00Z"), 11.5, 1));
            Bar bar = b.closedBar(1, "X");
            assertEquals(new Bar("X", at("2024-03-01T10:15:00Z"), at("2024-03-01T10:16:00Z"), 10, 12, 9, 11, 4, 4), bar);
            assertEquals(at("2024-03-01T10:16:00Z"), b.openBarStart(1));
        }

        @Test
        void aGapYieldsNoEmptyBars_andTheDailyTimeframeStartsAtMidnightUtc() {
            TimeBarBuilder b = new TimeBarBuilder(1, Duration.ofDays(1));
            b.onTick(0, at("2024-03-01T23:59:00Z"), 1, 0);
            assertTrue(b.onTick(0, at("2024-03-05T00:00:01Z"), 2, 0));
            Bar bar = b.closedBar(0, "X");
            assertEquals(at("2024-03-01T00:00:00Z"), bar.startMillis());
            assertEquals(at("2024-03-02T00:00:00Z"), bar.endMillis());
            assertEquals(at("2024-03-05T00:00:00Z"), b.openBarStart(0));
        }

        @Test
        void aTickOlderThanTheOpenBar_isIgnoredAndCounted() {
            TimeBarBuilder b = new TimeBarBuilder(1, TimeBarBuilder.DEFAULT_TIMEFRAME);
            b.onTick(0, at("2024-03-01T10:15:00Z"), 1, 0);
            assertFalse(b.onTick(0, at("2024-03-01T10:14:59Z"), 100, 0));
            assertEquals(1, b.staleTicks());
            assertTrue(b.onTick(0, at("2024-03-01T10:16:00Z"), 1, 0));
            assertEquals(1, b.closedBar(0, "X").high(), 0);
        }

        @Test
        void closedBar_beforeAnyClose_isAnError() {
            TimeBarBuilder b = new TimeBarBuilder(1, TimeBarBuilder.DEFAULT_TIMEFRAME);
            assertThrows(IllegalStateException.class, () -> b.closedBar(0, "X"));
        }
    }

    @Nested
    @DisplayName("bar values")
    class BarValues {

        @Test
        void aBarWithHighBelowClose_isRejectedNamingTheField() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Bar("X", 0, 60_000, 1, 1.5, 0.9, 2, 0, 0));
            assertEquals("high must be >= open, close and low, was 1.5 (open 1.0, close 2.0, low 0.9)", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new Bar("X", 0, 0, 1, 1, 1, 1, 0, 0));
            assertThrows(IllegalArgumentException.class, () -> new Bar("X", 0, 1, Double.NaN, 1, 1, 1, 0, 0));
            assertThrows(IllegalArgumentException.class, () -> new Bar(" ", 0, 1, 1, 1, 1, 1, 0, 0));
        }
    }
}
