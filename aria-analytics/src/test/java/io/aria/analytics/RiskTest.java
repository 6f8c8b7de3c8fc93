package io.aria.analytics;

import static io.aria.analytics.Fixtures.MINUTE;
import static io.aria.analytics.Fixtures.T0;
import static io.aria.analytics.Fixtures.position;
import static io.aria.analytics.Fixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.analytics.RiskReport.ClassExposure;
import io.aria.analytics.RiskReport.SymbolExposure;
import io.aria.analytics.RiskReport.TailRisk;
import io.aria.core.AssetClass;
import io.aria.core.Position;
import io.aria.core.Side;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RiskTest {

    @Nested
    @DisplayName("historical VaR and expected shortfall")
    class Tail {
        /** An equity curve whose minute returns are -50%..+49% in steps of 1%, in shuffled order. */
        HedgeFundAnalytics curve() {
            List<Integer> pct = new ArrayList<>();
            for (int i = -50; i < 50; i++) {
                pct.add(i);
            }
            Collections.shuffle(pct, new Random(7));
            HedgeFundAnalytics a = HedgeFundAnalytics.builder().maxPoints(200).build();
            double eq = 1_000_000;
            a.onEquity(eq, T0);
            for (int i = 0; i < pct.size(); i++) {
                eq *= 1 + pct.get(i) / 100.0;
                a.onEquity(eq, T0 + (i + 1) * MINUTE);
            }
            return a;
        }

        @Test
        void at95_theFifthWorstOfAHundredReturns() {
            RiskReport r = curve().risk(Fixtures.flat(1000));
            assertEquals(100, r.returns());
            TailRisk t = r.tail().get(0);
            assertEquals(0.95, t.confidence());
            assertEquals(0.46, t.valueAtRisk(), 1e-9, "k = ceil(100 * 0.05) = 5: the 5th smallest is -46%");
            assertEquals(0.48, t.expectedShortfall(), 1e-9, "mean of -50..-46");
            assertEquals(460, t.valueAtRiskMoney(), 1e-6);
            assertEquals(480, t.expectedShortfallMoney(), 1e-6);
        }

        @Test
        void at99_theWorstReturn() {
            TailRisk t = curve().risk(Fixtures.flat(1000)).tail().get(1);
            assertEquals(0.99, t.confidence());
            assertEquals(0.50, t.valueAtRisk(), 1e-9);
            assertEquals(0.50, t.expectedShortfall(), 1e-9);
        }

        @Test
        void withoutReturns_theTailIsZero() {
            RiskReport r = HedgeFundAnalytics.builder().build().risk(Fixtures.flat(1000));
            assertEquals(List.of(new TailRisk(0.95, 0, 0, 0, 0), new TailRisk(0.99, 0, 0, 0, 0)), r.tail());
            assertEquals(0, r.grossLeverage());
            assertEquals("", r.largestSymbol());
            assertEquals(0, r.concentration());
            assertEquals(4, r.byClass().size());
        }
    }

    @Nested
    @DisplayName("exposure of a book in USD")
    class Exposure {
        // EURUSD long 1 lot @1.1 = 110,000; USDJPY short 2 lots = 200,000 (base USD);
        // EURJPY long 1 @160 = 16,000,000 JPY / 150 = 106,666.67; GER40 long 10 @18,000 EUR * 1.1 = 198,000;
        // UK100 long 1 @8,000 GBP: no GBP price known
        final List<Position> book = List.of(
                position(1, "EURUSD", Side.BUY, 1, 1.1),
                position(2, "USDJPY", Side.SELL, 2, 150),
                position(3, "EURJPY", Side.BUY, 1, 160),
                position(4, "GER40", Side.BUY, 10, 18_000),
                position(5, "UK100", Side.BUY, 1, 8_000));

        @Test
        void notionalsUseTheSnapshotsForexMarks_andApproximateWhatTheyCannot() {
            RiskReport r = HedgeFundAnalytics.builder().build().risk(snapshot(100_000, book));
            assertEquals(110_000, exposure(r, "EURUSD").netNotional(), 1e-6);
            assertEquals(-200_000, exposure(r, "USDJPY").netNotional(), 1e-6);
            assertEquals(-2, exposure(r, "USDJPY").netLots());
            assertEquals(16_000_000 / 150.0, exposure(r, "EURJPY").grossNotional(), 1e-6);
            assertEquals(198_000, exposure(r, "GER40").grossNotional(), 1e-6);
            assertEquals(0, exposure(r, "UK100").grossNotional(), "no GBP rate is known: no notional is invented"
                    + " (it was 8,000 at the rate 1 before issue 11)");
            assertTrue(exposure(r, "UK100").rateApproximated());
            assertFalse(exposure(r, "GER40").rateApproximated());
            assertEquals(List.of("UK100"), r.approximatedSymbols());
        }

        @Test
        void grossNetLeverageLargestAndConcentration() {
            RiskReport r = HedgeFundAnalytics.builder().build().risk(snapshot(100_000, book));
            double[] gross = {110_000, 200_000, 16_000_000 / 150.0, 198_000}; // UK100 has no GBP rate: left out
            double g = 0;
            for (double x : gross) {
                g += x;
            }
            double hhi = 0;
            for (double x : gross) {
                hhi += (x / g) * (x / g);
            }
            assertEquals(g, r.grossExposure(), 1e-6);
            assertEquals(g - 400_000, r.netExposure(), 1e-6, "the short counts against");
            assertEquals(g / 100_000, r.grossLeverage(), 1e-9);
            assertEquals((g - 400_000) / 100_000, r.netLeverage(), 1e-9);
            assertEquals("USDJPY", r.largestSymbol());
            assertEquals(2.0, r.largestShareOfEquity(), 1e-12);
            assertEquals(hhi, r.concentration(), 1e-12);
            assertEquals("USDJPY", r.bySymbol().get(0).symbol(), "largest first");
        }

        @Test
        void byAssetClass() {
            RiskReport r = HedgeFundAnalytics.builder().build().risk(snapshot(100_000, book));
            ClassExposure fx = r.byClass().get(AssetClass.FOREX.ordinal());
            assertEquals(AssetClass.FOREX, fx.assetClass());
            assertEquals(3, fx.symbols());
            assertEquals(110_000 + 200_000 + 16_000_000 / 150.0, fx.grossNotional(), 1e-6);
            assertEquals(110_000 - 200_000 + 16_000_000 / 150.0, fx.netNotional(), 1e-6);
            ClassExposure idx = r.byClass().get(AssetClass.INDEX.ordinal());
            assertEquals(198_000, idx.grossNotional(), 1e-6, "GER40 only: UK100 has no GBP rate");
            assertEquals(1.98, idx.shareOfEquity(), 1e-12);
            assertEquals(0, r.byClass().get(AssetClass.CRYPTO.ordinal()).grossNotional());
        }

        @Test
        void callerRatesComeFirst() {
            HedgeFundAnalytics a = HedgeFundAnalytics.builder().fxRates(c -> c.equals("GBP") ? 1.25 : Double.NaN).build();
            RiskReport r = a.risk(snapshot(100_000, book));
            assertEquals(10_000, exposure(r, "UK100").grossNotional(), 1e-6);
            assertTrue(r.approximatedSymbols().isEmpty());
        }

        @Test
        void aFillPriceSeenEarlier_providesARate() {
            HedgeFundAnalytics a = HedgeFundAnalytics.builder().build();
            a.onExecution(new io.aria.core.ExecutionReport("x", "GBPUSD", Side.BUY, io.aria.core.ExecutionStatus.FILLED,
                    1, 1, 1, 1, 1, 1.3, 1.3, 0, 10, io.aria.core.TradeReturnCode.DONE, "", T0), null);
            RiskReport r = a.risk(snapshot(100_000, List.of(position(5, "UK100", Side.SELL, 1, 8_000))));
            assertEquals(-10_400, r.netExposure(), 1e-6);
        }

        @Test
        void aSymbolOutsideTheCatalog_isLeftOutAndListed() {
            RiskReport r = HedgeFundAnalytics.builder().build().risk(snapshot(100_000,
                    List.of(position(9, "NOPE", Side.BUY, 1, 10))));
            assertEquals(0, r.grossExposure());
            assertEquals(List.of("NOPE"), r.approximatedSymbols());
        }

        SymbolExposure exposure(RiskReport r, String symbol) {
            return r.bySymbol().stream().filter(e -> e.symbol().equals(symbol)).findFirst().orElseThrow();
        }
    }
}
