package io.aria.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.DoubleUnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.function.Executable;

/**
 * {@link Values} is the one validation helper: every check returns a valid value unchanged and
 * refuses an invalid one with one line that names the field and shows the value.
 */
@Label("Values: the one validation helper")
class ValuesProperties {

    private static void refused(String expected, Executable check) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, check);
        assertEquals(expected, e.getMessage());
    }

    /** Any double, the special values included (NaN and the infinities are what a lying plug-in sends). */
    @Provide
    Arbitrary<Double> anyDouble() {
        return Arbitraries.oneOf(
                Arbitraries.doubles().between(-1e6, 1e6),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
                        Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1.0, -1.0));
    }

    private static void check(double v, boolean valid, DoubleUnaryOperator check, String expected) {
        if (valid) {
            assertEquals(v, check.applyAsDouble(v));
        } else {
            refused(expected, () -> check.applyAsDouble(v));
        }
    }

    @Property
    @Label("positive: finite and > 0 passes unchanged, anything else is refused naming field and value")
    void positive(@ForAll("anyDouble") double v) {
        check(v, v > 0 && Double.isFinite(v), x -> Values.positive(x, "volume"),
                "volume must be finite and > 0, was " + v);
    }

    @Property
    @Label("nonNegative(double): finite and >= 0 passes unchanged, anything else is refused")
    void nonNegativeDouble(@ForAll("anyDouble") double v) {
        check(v, v >= 0 && Double.isFinite(v), x -> Values.nonNegative(x, "stopLoss"),
                "stopLoss must be finite and >= 0, was " + v);
    }

    @Property
    @Label("finite: NaN and the infinities are refused, every other value passes unchanged")
    void finite(@ForAll("anyDouble") double v) {
        check(v, Double.isFinite(v), x -> Values.finite(x, "profit"), "profit must be finite, was " + v);
    }

    @Property
    @Label("inRange: [lo, hi] passes unchanged, outside or NaN is refused")
    void inRange(@ForAll("anyDouble") double v) {
        check(v, v >= -1 && v <= 1, x -> Values.inRange(x, -1, 1, "score"),
                "score must be in [-1.0, 1.0], was " + v);
    }

    @Property
    @Label("nonNegative(long): counts below 0 are refused naming field and value")
    void nonNegativeLong(@ForAll long v) {
        if (v >= 0) {
            assertEquals(v, Values.nonNegative(v, "fills"));
        } else {
            refused("fills must be >= 0, was " + v, () -> Values.nonNegative(v, "fills"));
        }
    }

    @Property
    @Label("atLeast(int) and atLeast(long): below the minimum is refused naming field, minimum and value")
    void atLeast(@ForAll int v, @ForAll int min) {
        if (v >= min) {
            assertEquals(v, Values.atLeast(v, min, "period"));
            assertEquals((long) v, Values.atLeast((long) v, (long) min, "sampleSeconds"));
        } else {
            refused("period must be >= " + min + ", was " + v, () -> Values.atLeast(v, min, "period"));
            refused("sampleSeconds must be >= " + min + ", was " + v,
                    () -> Values.atLeast((long) v, (long) min, "sampleSeconds"));
        }
    }

    @Example
    @Label("text: null, empty and blank are refused showing what was given; other text passes unchanged")
    void text() {
        refused("code must not be blank, was null", () -> Values.text(null, "code"));
        refused("code must not be blank, was ''", () -> Values.text("", "code"));
        refused("code must not be blank, was ' \t'", () -> Values.text(" \t", "code"));
        assertEquals(" x ", Values.text(" x ", "code"));
    }

    @Example
    @Label("the message the issue asks for: the field, the rule and the value")
    void messageNamesFieldAndValue() {
        refused("volume must be finite and > 0, was -1.0", () -> Values.positive(-1, "volume"));
        refused("window must be >= 1, was 0", () -> Values.atLeast(0, 1, "window"));
    }
}
