package io.aria.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AssetCatalog;
import io.aria.core.Tick;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("AtrTracker: Wilder's ATR on time bars, as core builds them")
class AtrTrackerTest {

    private static final AssetCatalog CATALOG = AssetCatalog.defaults();
    private static final long T0 = 1_790_000_040_000L; // on a minute boundary

    private static void bar(AtrTracker a, long start, double high, double low, double close) {
        a.onTick(new Tick("EURUSD", start, low, low, 0));
        a.onTick(new Tick("EURUSD", start + 1_000, high, high, 0));
        a.onTick(new Tick("EURUSD", start + 2_000, close, close, 0));
    }

    @Test
    void seededWithTheFirstTrueRange_thenSmoothedByOneOverPeriod() {
        AtrTracker a = new AtrTracker(CATALOG, 60, 3);
        bar(a, T0, 1.2, 1.0, 1.1); // TR 0.2: ATR 0.2
        bar(a, T0 + 60_000, 1.2, 1.1, 1.15); // TR max(0.1, 0.1, 0) = 0.1: ATR 0.2 + (0.1 - 0.2) / 3
        bar(a, T0 + 120_000, 1.16, 1.14, 1.15); // TR max(0.02, 0.01, 0.01) = 0.02
        assertTrue(Double.isNaN(a.atr("EURUSD")), "two bars closed: not ready");
        a.onTick(new Tick("EURUSD", T0 + 180_000, 1.15, 1.15, 0)); // closes the third bar
        assertEquals(3, a.bars(CATALOG.indexOf("EURUSD")));
        double second = 0.2 + (0.1 - 0.2) / 3;
        double third = second + (0.02 - second) / 3; // 0.11778; the old running-mean seed gave 0.10667
        assertEquals(third, a.atr("EURUSD"), 1e-12);
        a.onTick(new Tick("EURUSD", T0 + 240_000, 1.15, 1.15, 0)); // a flat bar: TR 0
        assertEquals(third * 2 / 3, a.atr("EURUSD"), 1e-12);
    }

    @Test
    void period1_isTheLastTrueRange() {
        AtrTracker a = new AtrTracker(CATALOG, 60, 1);
        bar(a, T0, 1.2, 1.0, 1.1);
        a.onTick(new Tick("EURUSD", T0 + 60_000, 1.5, 1.5, 0));
        assertEquals(0.2, a.atr("EURUSD"), 1e-12);
        assertEquals(0.2, a.atr(CATALOG.indexOf("EURUSD")), 1e-12);
    }

    @Test
    void badPrices_olderTicks_andUnknownSymbols_changeNothing() {
        AtrTracker a = new AtrTracker(CATALOG, 60, 1);
        bar(a, T0, 1.2, 1.0, 1.1);
        a.onPrice(CATALOG.indexOf("EURUSD"), T0 + 3_000, Double.NaN);
        a.onPrice(CATALOG.indexOf("EURUSD"), T0 + 3_000, Double.POSITIVE_INFINITY);
        a.onPrice(CATALOG.indexOf("EURUSD"), T0 + 3_000, -1);
        a.onTick(new Tick("EURUSD", T0 - 60_000, 9, 9, 0)); // a bar before the open one
        a.onTick(new Tick("NOSUCH", T0 + 3_000, 9, 9, 0));
        a.onTick(new Tick("EURUSD", T0 + 60_000, 1.1, 1.1, 0));
        assertEquals(0.2, a.atr("EURUSD"), 1e-12);
        assertTrue(Double.isNaN(a.atr("NOSUCH")));
    }

    @Test
    void badArguments_nameTheFieldAndTheValue() {
        assertEquals("barSeconds must be >= 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> new AtrTracker(CATALOG, 0, 14)).getMessage());
        assertEquals("period must be >= 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> new AtrTracker(CATALOG, 60, 0)).getMessage());
    }
}
