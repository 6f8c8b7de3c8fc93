package io.aria.mt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aria.core.ensemble.Bar;
import io.aria.mt5.internal.Bars;
import io.aria.mt5.internal.MalformedMessageException;
import io.aria.mt5.internal.Msg;
import io.aria.mt5.internal.Wire;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;

/** The wire's bars (PROTOCOL.md 5.12) decode straight into aria-core's Bar, or into one clear error. */
class BarDecoderProperties {

    private static Msg bar(long utc, double open, double high, double low, double close, long ticks) throws Exception {
        ObjectNode reply = Wire.object();
        reply.put("type", "bars_reply").put("id", "1").put("ok", true);
        ObjectNode n = reply.putArray("bars").addObject();
        n.put("time_msc", utc + 7_200_000).put("utc_ms", utc).put("open", open).put("high", high).put("low", low)
                .put("close", close).put("tick_volume", ticks).put("spread", 12).put("real_volume", 0);
        return Wire.decode(Wire.encode(reply)).objects("bars").get(0);
    }

    @Provide
    Arbitrary<String> timeframes() {
        return Arbitraries.of(Bars.TIMEFRAMES);
    }

    @Property(tries = 500)
    void aPossibleBar_decodesWithItsPricesAndTheTimeframesLength(@ForAll("timeframes") String tf,
            @ForAll @LongRange(min = 0, max = 4_102_444_800_000L) long utc, @ForAll @DoubleRange(min = 1e-6, max = 1e6) @net.jqwik.api.constraints.Scale(8) double low,
            @ForAll @DoubleRange(min = 0, max = 1) double o, @ForAll @DoubleRange(min = 0, max = 1) double c,
            @ForAll @DoubleRange(min = 0, max = 1) double span, @ForAll @LongRange(min = 0, max = 1L << 40) long ticks)
            throws Exception {
        double high = low * (1 + span);
        double open = low + (high - low) * o;
        double close = low + (high - low) * c;
        Bar b = Bars.decode(bar(utc, open, high, low, close, ticks), "EURUSD", tf);
        assertEquals("EURUSD", b.symbol());
        assertEquals(utc, b.startMillis());
        assertEquals(open, b.open());
        assertEquals(high, b.high());
        assertEquals(low, b.low());
        assertEquals(close, b.close());
        assertEquals((double) ticks, b.volume());
        assertEquals((int) Math.min(Integer.MAX_VALUE, ticks), b.ticks());
        long days = 86_400_000L;
        long len = b.durationMillis();
        if (tf.equals("MN1")) {
            assertTrue(len >= 28 * days && len <= 31 * days, tf + " " + len);
        } else {
            assertEquals(Bars.endMillis(0, tf), len);
        }
    }

    @Property(tries = 300)
    void anImpossibleBar_isOneErrorNamingTheField(@ForAll("timeframes") String tf,
            @ForAll @DoubleRange(min = 1e-3, max = 1e5) @net.jqwik.api.constraints.Scale(6) double low, @ForAll @DoubleRange(min = 1e-6, max = 0.5) @net.jqwik.api.constraints.Scale(8) double under,
            @ForAll("breakages") int how) throws Exception {
        double high = low * 2;
        Msg m = switch (how) {
            case 0 -> bar(1_704_283_200_000L, low, low * (1 - under), low, low, 1);  // high below low
            case 1 -> bar(1_704_283_200_000L, high, high * (1 - under), low, high, 1); // high below open
            case 2 -> bar(1_704_283_200_000L, low * (1 - under), high, low, high, 1); // low above open
            case 3 -> bar(1_704_283_200_000L, -low, high, -low, high, 1);            // price <= 0
            default -> bar(1_704_283_200_000L, low, high, low, high, -1);           // negative tick volume
        };
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> Bars.decode(m, "EURUSD", tf));
        String field = switch (how) {
            case 0, 1 -> "high";
            case 2 -> "low";
            case 3 -> "open";
            default -> "tick_volume";
        };
        assertTrue(e.getMessage().contains(field), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Provide
    Arbitrary<Integer> breakages() {
        return Arbitraries.integers().between(0, 4);
    }

    @Property(tries = 100)
    void anUnknownTimeframe_isRefusedNamingIt(@ForAll("unknownTimeframes") String tf) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Bars.checkTimeframe(tf));
        assertTrue(e.getMessage().startsWith("timeframe must be one of M1, M5"), e.getMessage());
    }

    @Provide
    Arbitrary<String> unknownTimeframes() {
        return Arbitraries.strings().ofMinLength(0).ofMaxLength(6).filter(s -> !Bars.TIMEFRAMES.contains(s));
    }
}
