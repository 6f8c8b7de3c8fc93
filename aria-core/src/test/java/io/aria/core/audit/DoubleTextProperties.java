package io.aria.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link DoubleText} writes, for every double, the text Jackson's Schubfach writes
 * ({@code NumberOutput.toString(v, true)}, what the audit wrote before): random bit patterns,
 * 16- and 17-digit values as indicators produce them, subnormals, the edges of every binary
 * exponent and of the plain / scientific switch.
 */
class DoubleTextProperties {

    @Property(tries = 3000)
    void everyDoubleIsWrittenAsJacksonDoes(@ForAll("doubles") double v) {
        byte[] out = new byte[DoubleText.MAX_LENGTH + 5];
        out[4] = 'x';
        int end = DoubleText.write(v, out, 5);
        assertEquals(NumberOutput.toString(v, true), new String(out, 5, end - 5, StandardCharsets.US_ASCII),
                () -> "bits 0x" + Long.toHexString(Double.doubleToRawLongBits(v)));
        assertEquals('x', out[4], "wrote before its position");
    }

    @Example
    void theEdgesOfEveryBinaryExponentAreWrittenAsJacksonDoes() {
        for (long e = 0; e < 2048; e++) {
            long b = e << 52;
            for (long bits : new long[] {b, b | 1, b | 2, b | 3, b | 4, b + (1L << 52) - 1, b | (1L << 51)}) {
                everyDoubleIsWrittenAsJacksonDoes(Double.longBitsToDouble(bits));
                everyDoubleIsWrittenAsJacksonDoes(-Double.longBitsToDouble(bits));
            }
        }
    }

    @Example
    void shortDecimalsOfEveryDecimalExponentAreWrittenAsJacksonDoes() {
        for (int p = -325; p <= 309; p++) {
            for (int m : new int[] {1, 2, 3, 5, 9, 10, 12, 49, 99, 123, 999}) {
                everyDoubleIsWrittenAsJacksonDoes(Double.parseDouble(m + "e" + p));
            }
        }
    }

    @Provide
    Arbitrary<Double> doubles() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(Double::longBitsToDouble),
                Arbitraries.doubles(),
                // computed indicators: 16 and 17 significant digits at every scale
                Arbitraries.doubles().between(0, 1).flatMap(u -> Arbitraries.integers().between(-20, 20)
                        .map(k -> u * Math.pow(10, k))),
                Arbitraries.longs().between(0, (1L << 52) - 1).map(Double::longBitsToDouble), // subnormal
                Arbitraries.longs().between(-(1L << 53), 1L << 53).map(x -> (double) x),
                Arbitraries.of(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                        Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, 1e-3, Math.nextDown(1e-3), 1e7,
                        Math.nextDown(1e7), 1e22, 1e23, 2e-323, 1.5e-323, 0.1 + 0.2, 1.0 / 3, 2.0 / 3));
    }
}
