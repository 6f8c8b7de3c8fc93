package io.aria.analytics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class EquitySeriesTest {

    private static final long MINUTE = 60_000;

    @Test
    void samplesInEveryOtherIntervalStayWithinMaxPoints() {
        // Points two intervals apart do not merge when the interval doubles once; the series
        // must keep doubling instead of writing past its last slot.
        EquitySeries s = new EquitySeries(MINUTE, 16);
        for (int k = 0; k < 200; k++) {
            s.add(1000 + k, k * 2 * MINUTE);
        }
        assertTrue(s.size() <= 16, "size " + s.size());
        assertEquals(200, s.samples());
        assertEquals(1199, s.values()[s.size() - 1]);
        assertEquals(398 * MINUTE, s.times()[s.size() - 1]);
        assertTrue(s.intervalMillis() >= 16 * MINUTE, "interval " + s.intervalMillis());
    }

    @Test
    void aCopyOfAnEmptySeriesCanStillTakeSamples() {
        EquitySeries copy = new EquitySeries(MINUTE, 16).copy();
        copy.add(5, 0);
        copy.add(6, MINUTE);
        assertEquals(2, copy.size());
    }

    @Property(tries = 300)
    void pointsAreBoundedOrderedAndEndOnTheLatestSample(
            @ForAll @Size(min = 1, max = 400) List<@IntRange(min = 0, max = 5) Integer> gapsInHalfMinutes,
            @ForAll @IntRange(min = 16, max = 40) int maxPoints) {
        EquitySeries s = new EquitySeries(MINUTE, maxPoints);
        long t = 0;
        double v = 0;
        for (int gap : gapsInHalfMinutes) {
            t += gap * MINUTE / 2;
            v += gap - 2.5;
            s.add(v, t);
            assertTrue(s.size() <= maxPoints, "size " + s.size() + " > " + maxPoints);
        }
        long[] times = s.times();
        for (int i = 1; i < times.length; i++) {
            assertTrue(times[i - 1] < times[i], "points out of order at " + i);
        }
        assertEquals(t, times[times.length - 1]);
        assertEquals(v, s.values()[times.length - 1]);
        assertEquals(gapsInHalfMinutes.size(), s.samples());
    }
}
