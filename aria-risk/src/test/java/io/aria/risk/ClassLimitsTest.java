package io.aria.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AssetCatalog;
import io.aria.core.AssetClass;
import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.Side;
import io.aria.core.Verdict;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("class limits: one place, and both numbers bind")
class ClassLimitsTest {

    private final TestPortfolio p = TestPortfolio.withDefaultPrices();

    @Test
    void theRecordRefusesBadValues_namingTheFieldAndTheValue() {
        assertMessage("maxLeverage must be finite and > 0, was 0.0", () -> new ClassLimits(0, 0.1));
        assertMessage("maxLeverage must be finite and > 0, was Infinity",
                () -> new ClassLimits(Double.POSITIVE_INFINITY, 0.1));
        assertMessage("maxPositionShare must be in (0, 1] (a position's margin as a share of equity), was -0.1",
                () -> new ClassLimits(10, -0.1));
        assertMessage("maxPositionShare must be in (0, 1] (a position's margin as a share of equity), was 1.1",
                () -> new ClassLimits(10, 1.1));
        assertMessage("maxPositionShare must be in (0, 1] (a position's margin as a share of equity), was NaN",
                () -> new ClassLimits(10, Double.NaN));
        assertEquals(3.0, new ClassLimits(30, 0.10).maxPositionNotionalShare(), 1e-12);
    }

    private static void assertMessage(String expected, Runnable r) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, r::run).getMessage());
    }

    @Test
    void changingTheLimitInTheRiskConfig_changesWhatTheSizerAndTheGuardsAllow() {
        // the one place: RiskConfig.classLimits. Halving the share halves the sizer's order and the guard's cap.
        RiskConfig full = RiskConfig.defaults();
        RiskConfig half = RiskConfig.fromJson("{ \"classLimits\": { \"FOREX\": { \"maxPositionShare\": 0.05 } } }");
        RiskConfig lowLeverage = RiskConfig.fromJson("{ \"classLimits\": { \"FOREX\": { \"maxLeverage\": 10 } } }");
        Decision d = Decision.of("EURUSD", 0, Direction.LONG, 1.0);
        assertEquals(2.72, RiskLayer.fromConfig(full, p.catalog()).sizer().size(d, p).orElseThrow().volume(), 1e-12);
        assertEquals(1.36, RiskLayer.fromConfig(half, p.catalog()).sizer().size(d, p).orElseThrow().volume(), 1e-12);
        assertEquals(0.90, RiskLayer.fromConfig(lowLeverage, p.catalog()).sizer().size(d, p).orElseThrow().volume(),
                1e-12, "10% margin at 10:1 is 100,000 USD");
        Verdict v = RiskLayer.fromConfig(half, p.catalog()).guard().check(Orders.entry(p, "EURUSD", Side.BUY, 2.72), p);
        Verdict.Resized r = assertInstanceOf(Verdict.Resized.class, v);
        assertEquals(RiskCodes.POSITION_SIZE, r.code());
        assertEquals(1.36, r.volume(), 1e-12);
        assertEquals("OK", RiskLayer.fromConfig(full, p.catalog()).guard()
                .check(Orders.entry(p, "EURUSD", Side.BUY, 2.72), p).code());
    }

    @Test
    void theCatalogHasNoClassLimitsToSet() {
        // the setting that did nothing is gone: no method, and a catalog file naming it is refused
        for (java.lang.reflect.Method m : AssetCatalog.class.getMethods()) {
            assertTrue(!m.getName().toLowerCase(java.util.Locale.ROOT).contains("limit"), "AssetCatalog." + m.getName());
        }
    }

    @Test
    void withTheSeedsLimits_theClassCapBindsOnceEquityHasFallen() {
        // seven forex positions opened at full size (300% of 100,000 each = 2.1 M USD, 21x); after equity falls
        // to 72,000 the class is at 29.2x, so a full EURUSD entry (216,000 USD) no longer fits the 30x class cap
        String[] pairs = {"GBPUSD", "USDJPY", "USDCHF", "AUDUSD", "NZDUSD", "EURGBP", "EURJPY"};
        double classNotional = 0;
        for (String s : pairs) {
            double perLot = p.catalog().spec(s).contractSize() * p.lastTick(s).orElseThrow().mid()
                    * p.toAccountCurrency(1, p.catalog().spec(s).quoteCurrency());
            double lots = Math.floor(300_000 / perLot * 100) / 100;
            p.position(s, lots);
            classNotional += lots * perLot;
        }
        p.equity(72_000);
        RiskLayer layer = RiskLayer.defaults(p.catalog());
        Decision d = Decision.of("EURUSD", 0, Direction.LONG, 1.0);
        var intent = layer.sizer().size(d, p).orElseThrow();
        Verdict v = new ExposureLimitGuard(RiskConfig.defaults()).check(intent, p);
        Verdict.Resized r = assertInstanceOf(Verdict.Resized.class, v, v.toString());
        assertEquals(RiskCodes.CLASS_LEVERAGE, r.code(), r.message());
        double after = classNotional + r.volume() * 100_000 * p.lastTick("EURUSD").orElseThrow().ask();
        assertTrue(after <= 30 * 72_000, "class notional " + after);
        assertTrue(r.message().contains("FOREX notional"), r.message());
        assertTrue(AssetClass.FOREX == p.catalog().spec("EURUSD").assetClass());
    }
}
