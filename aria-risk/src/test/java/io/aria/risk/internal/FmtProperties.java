package io.aria.risk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The note and verdict formats give what {@code String.format(Locale.ROOT, ...)} gives, with less garbage. */
class FmtProperties {

    @Provide
    Arbitrary<Double> numbers() {
        return Arbitraries.oneOf(
                Arbitraries.doubles().between(-1e9, 1e9).ofScale(6),
                Arbitraries.doubles().between(-2, 2).ofScale(3),        // ties at the rounding digit: 0.125, 1.005
                Arbitraries.doubles().between(-1e-3, 1e-3).ofScale(12),          // around the %g switch to scientific at 1e-4
                Arbitraries.doubles().between(999_990, 1_000_010).ofScale(4),     // around the switch at 1e6
                Arbitraries.longs().between(-10_000_000, 10_000_000).map(l -> l / 1000.0),
                Arbitraries.of(0.0, -0.0, 1e-4, 9.999995e-5, 999_999.5, 1e6, 1e-300, -1e300, Double.MIN_VALUE,
                        Double.MAX_VALUE, 0.005, 0.015, 2.675, 1.0005, 99.995, Double.NaN, Double.POSITIVE_INFINITY,
                        Double.NEGATIVE_INFINITY));
    }

    @Property(tries = 3000)
    @Label("money(v) equals String.format(ROOT, \"%.2f\", v)")
    void money_isFormatsFixedTwo(@ForAll("numbers") double v) {
        assertEquals(String.format(Locale.ROOT, "%.2f", v), Fmt.money(v), "money(" + v + ")");
    }

    @Property(tries = 3000)
    @Label("pct(s) equals String.format(ROOT, \"%.2f%%\", s * 100)")
    void pct_isFormatsPercent(@ForAll("numbers") double v) {
        assertEquals(String.format(Locale.ROOT, "%.2f%%", v * 100), Fmt.pct(v), "pct(" + v + ")");
    }

    @Property(tries = 3000)
    @Label("num(v) equals String.format(ROOT, \"%.6g\", v)")
    void num_isFormatsSixSignificant(@ForAll("numbers") double v) {
        assertEquals(String.format(Locale.ROOT, "%.6g", v), Fmt.num(v), "num(" + v + ")");
    }

    @Provide
    Arbitrary<Double> anyMagnitude() {
        // every binade, for the binary-rounding fast path: its scaling by powers of ten and its
        // off-by-one exponent guess, next to values that sit on a tie of the digit kept
        return Arbitraries.oneOf(
                Arbitraries.doubles().between(-1e15, 1e15),
                Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite),
                Arbitraries.longs().between(-100_000_000_000L, 100_000_000_000L).map(l -> (l + 0.5) / 100),
                Arbitraries.longs().between(-10_000_000L, 10_000_000L).map(l -> (l * 10 + 5) * 1e-7),
                Arbitraries.integers().between(-300, 300).map(e -> Math.pow(10, e)),
                Arbitraries.integers().between(-300, 300).map(e -> 9.999995 * Math.pow(10, e)));
    }

    @Property(tries = 5000)
    @Label("money, pct and num equal String.format over every magnitude and on ties")
    void allFormats_anyMagnitude(@ForAll("anyMagnitude") double v) {
        assertEquals(String.format(Locale.ROOT, "%.2f", v), Fmt.money(v), "money(" + v + ")");
        assertEquals(String.format(Locale.ROOT, "%.2f%%", v * 100), Fmt.pct(v), "pct(" + v + ")");
        assertEquals(String.format(Locale.ROOT, "%.6g", v), Fmt.num(v), "num(" + v + ")");
    }

    @Example
    @Label("a number costs a fraction of what java.util.Formatter allocates")
    void allocatesFarLessThanTheFormatter() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        double[] values = new double[1_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i - 500) * 1234.56789 + 0.001 * i;
        }
        long ours = bytes(mx, () -> {
            for (double v : values) {
                Fmt.num(v);
                Fmt.money(v);
            }
        });
        long formatter = bytes(mx, () -> {
            for (double v : values) {
                String.format(Locale.ROOT, "%.6g", v);
                String.format(Locale.ROOT, "%.2f", v);
            }
        });
        assertTrue(ours * 3 < formatter, "Fmt allocated " + ours + " bytes for 2,000 numbers, the formatter " + formatter);
    }

    private static long bytes(com.sun.management.ThreadMXBean mx, Runnable r) {
        r.run(); // warm
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        r.run();
        return mx.getThreadAllocatedBytes(tid) - before;
    }
}
