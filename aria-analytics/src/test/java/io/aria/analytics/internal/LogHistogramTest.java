package io.aria.analytics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class LogHistogramTest {

    @Test
    void signedValues_keepTheirOrder() {
        LogHistogram h = new LogHistogram(1e-3, 1e6, 0.02);
        for (double v : new double[] {-5, -1, 0, 0.0001, 2, 3, 100}) {
            h.record(v);
        }
        assertEquals(-5, h.min());
        assertEquals(100, h.max());
        assertEquals(-1, h.percentile(0.28), 0.02, "2nd of 7");
        assertEquals(0, h.percentile(0.42), 1e-3, "3rd: zero bucket");
        assertEquals(2, h.percentile(0.71), 0.04);
        assertEquals(100, h.percentile(1), "the largest is exact");
    }

    @Test
    void nonFiniteValuesAreIgnored_andAnEmptyHistogramSaysZero() {
        LogHistogram h = new LogHistogram(1, 1e6, 0.02);
        h.record(Double.NaN);
        h.record(Double.POSITIVE_INFINITY);
        assertEquals(0, h.count());
        assertEquals(0, h.percentile(0.5));
        assertEquals(0, h.mean());
    }

    @Test
    void valuesBeyondTheRangeAreClampedToTheLastBucket_butMaxStaysExact() {
        LogHistogram h = new LogHistogram(1, 1000, 0.02);
        h.record(10);
        h.record(1e9);
        assertEquals(1e9, h.max());
        assertEquals(1e9, h.percentile(1));
        assertTrue(h.percentile(0.5) <= 10.2);
    }

    @Test
    void badParametersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LogHistogram(0, 10, 0.01));
        assertThrows(IllegalArgumentException.class, () -> new LogHistogram(1, 1, 0.01));
        assertThrows(IllegalArgumentException.class, () -> new LogHistogram(1, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> new LogHistogram(1, 10, 0.1).percentile(0));
    }

    @Property(tries = 60)
    void percentilesAreWithinThePrecisionOfTheSortedSample_andMonotone(
            @ForAll @Size(min = 1, max = 300) List<@DoubleRange(min = -1e5, max = 1e5) Double> values) {
        LogHistogram h = new LogHistogram(1e-3, 1e7, 0.02);
        values.forEach(h::record);
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double prev = Double.NEGATIVE_INFINITY;
        for (double p : new double[] {0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 1}) {
            double exact = sorted[(int) Math.ceil(p * sorted.length) - 1];
            double got = h.percentile(p);
            assertEquals(exact, got, Math.abs(exact) * 0.021 + 1e-3, "p" + p + " of " + Arrays.toString(sorted));
            assertTrue(got >= prev, "monotone at p" + p);
            prev = got;
        }
        assertEquals(sorted[sorted.length - 1], h.max());
        assertEquals(sorted[0], h.min());
        double[] ps = {0.01, 0.5, 0.5, 0.99, 1};
        double[] onePass = h.percentiles(ps);
        for (int i = 0; i < ps.length; i++) {
            assertEquals(h.percentile(ps[i]), onePass[i], "one pass at p" + ps[i]);
        }
    }

    @Test
    void copiesAreIndependent() {
        LogHistogram h = new LogHistogram(1, 1e6, 0.02);
        h.record(5);
        LogHistogram c = h.copy();
        h.record(500);
        assertEquals(1, c.count());
        assertEquals(5, c.max());
        h.clear();
        assertEquals(0, h.count());
        assertEquals(1, c.count());
    }
}
