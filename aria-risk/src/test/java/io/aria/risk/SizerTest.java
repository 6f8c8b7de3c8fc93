package io.aria.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.OrderIntent;
import io.aria.core.Regime;
import io.aria.core.Side;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("position sizers")
class SizerTest {

    private final TestPortfolio portfolio = TestPortfolio.withDefaultPrices();
    private final ConfidenceSizer confidence = new ConfidenceSizer(RiskConfig.defaults(), Volatility.none());

    private static Decision decision(String symbol, Direction d, double confidence) {
        return Decision.of(symbol, 0, d, confidence);
    }

    private static Decision withAtr(String symbol, Direction d, double confidence, double atr) {
        return new Decision(symbol, 0, d, confidence, d.sign() * confidence, Regime.TREND, List.of(),
                Map.of("atr", atr));
    }

    @Nested
    @DisplayName("ConfidenceSizer: margin = equity x class share x confidence x tier factor, notional = margin x class leverage")
    class Confidence {
        @Test
        void eurusd_usdQuote() {
            // margin 100,000 x 10% x 0.8 x 1.0 = 8,000 USD, x 30 = 240,000 USD at ask 1.10006 -> 2.1817 lots -> 2.18
            OrderIntent i = confidence.size(decision("EURUSD", Direction.LONG, 0.8), portfolio).orElseThrow();
            assertEquals(2.18, i.volume(), 1e-12);
            assertEquals(Side.BUY, i.side());
            assertEquals(1.10006, i.referencePrice(), 1e-12);
            assertFalse(i.reducing());
            assertTrue(i.sizingNote().contains("= 8000.00, x leverage 30.0000 = notional 240000.00"), i.sizingNote());
        }

        @Test
        void usdjpy_jpyQuoteConvertedWithTheCatalogsOwnPrice() {
            // a sell at the bid: 240,000 USD / (100,000 x 149.993 JPY x 1/150 USD per JPY) = 2.40011 -> 2.40
            OrderIntent i = confidence.size(decision("USDJPY", Direction.SHORT, 0.8), portfolio).orElseThrow();
            assertEquals(Side.SELL, i.side());
            assertEquals(149.993, i.referencePrice(), 1e-9);
            assertEquals(2.40, i.volume(), 1e-12);
        }

        @Test
        void eurjpy_tier2_andJpyQuote() {
            // margin 100,000 x 10% x 1.0 x 0.75 = 7,500 USD, x 30 = 225,000 USD; one lot = 100,000 x 165.01 / 150
            // = 110,006.67 USD -> 2.0453 -> 2.04
            OrderIntent i = confidence.size(decision("EURJPY", Direction.LONG, 1.0), portfolio).orElseThrow();
            assertEquals(2.04, i.volume(), 1e-12);
        }

        @Test
        void uk100_gbpQuote_andIndexStep() {
            // margin 100,000 x 12% x 0.75 = 9,000 USD, x 20 = 180,000 USD; one lot = 8,000.5 GBP x 1.3
            // = 10,400.65 USD -> 17.306 -> 17.3 (step 0.1)
            OrderIntent i = confidence.size(decision("UK100", Direction.LONG, 1.0), portfolio).orElseThrow();
            assertEquals(17.3, i.volume(), 1e-12);
        }

        @Test
        void belowTheMinimumVolume_isNoTrade_neverARoundUp() {
            portfolio.equity(1_000); // margin 1,000 x 5% x 0.5 = 25 USD, x 5 = 125 USD; 0.01 BTC is 600 USD
            assertEquals(Optional.empty(), confidence.size(decision("BTCUSD", Direction.LONG, 0.5), portfolio));
        }

        @Test
        void flatDecision_orUnknownSymbol_orNoPrice_isNoTrade() {
            assertEquals(Optional.empty(), confidence.size(decision("EURUSD", Direction.FLAT, 1), portfolio));
            assertEquals(Optional.empty(), confidence.size(decision("XXXYYY", Direction.LONG, 1), portfolio));
            TestPortfolio empty = new TestPortfolio(portfolio.catalog());
            assertEquals(Optional.empty(), confidence.size(decision("EURUSD", Direction.LONG, 1), empty));
        }

        @Test
        void belowMinConfidence_isNoTrade() {
            RiskConfig c = RiskConfig.fromJson("{ \"sizing\": { \"minConfidence\": 0.6 } }");
            ConfidenceSizer s = new ConfidenceSizer(c, Volatility.none());
            assertEquals(Optional.empty(), s.size(decision("EURUSD", Direction.LONG, 0.59), portfolio));
            assertTrue(s.size(decision("EURUSD", Direction.LONG, 0.6), portfolio).isPresent());
        }

        @Test
        void withoutAtr_stopsAreTwentyTypicalSpreads_andTheTargetOneAndAHalfTimesAsFar() {
            OrderIntent i = confidence.size(decision("EURUSD", Direction.LONG, 0.8), portfolio).orElseThrow();
            assertEquals(1.09766, i.stopLoss(), 1e-9); // 1.10006 - 20 x 0.00012
            assertEquals(1.10366, i.takeProfit(), 1e-9); // 1.10006 + 1.5 x 0.0024
        }

        @Test
        void withAtr_theStopIsTwoAtrsAway() {
            OrderIntent i = confidence.size(withAtr("EURUSD", Direction.SHORT, 0.8, 0.001), portfolio).orElseThrow();
            assertEquals(1.09994 + 0.002, i.stopLoss(), 1e-9);
            assertEquals(1.09994 - 0.003, i.takeProfit(), 1e-9);
        }

        @Test
        void aTinyAtr_isWidenedToTheMinimumStopDistancePlusTheSpread() {
            // stops level 10 points = 0.0001, spread 0.00012, one point 0.00001 -> 0.00023
            OrderIntent i = confidence.size(withAtr("EURUSD", Direction.LONG, 0.8, 0.000001), portfolio).orElseThrow();
            assertEquals(1.10006 - 0.00023, i.stopLoss(), 1e-9);
            assertTrue(i.referencePrice() - i.stopLoss() >= 0.00023 - 1e-12);
        }

        @Test
        void withoutVolatility_stopsComeFromSpreads_andEachSuchDecisionIsCounted() {
            ConfidenceSizer s = new ConfidenceSizer(RiskConfig.defaults(), Volatility.none());
            assertTrue(s.size(decision("EURUSD", Direction.LONG, 0.8), portfolio).orElseThrow().sizingNote()
                    .contains("from typical spread"));
            assertTrue(s.size(decision("EURUSD", Direction.LONG, 0.8), portfolio).isPresent());
            assertEquals(2, s.decisionsWithoutVolatility());
        }

        @Test
        void theAtrTrackerFeedsStops_whenTheDecisionHasNone() {
            Volatility vol = s -> s.equals("EURUSD") ? 0.0005 : Double.NaN;
            OrderIntent i = new ConfidenceSizer(RiskConfig.defaults(), vol)
                    .size(decision("EURUSD", Direction.LONG, 0.8), portfolio).orElseThrow();
            assertEquals(1.10006 - 0.001, i.stopLoss(), 1e-9);
        }
    }

    @Nested
    @DisplayName("RiskPerTradeSizer: a fixed share of equity between entry and stop")
    class RiskPerTrade {
        private final RiskConfig config = RiskConfig.fromJson("{ \"sizing\": { \"riskPerTradeShare\": 0.001 } }");
        private final RiskPerTradeSizer sizer = new RiskPerTradeSizer(config, Volatility.none());

        @Test
        void riskOverLossPerLot() {
            // stop 2 x 0.01 = 0.02; loss per lot 0.02 x 100,000 = 2,000 USD; risk 100 USD -> 0.05 lots
            OrderIntent i = sizer.size(withAtr("EURUSD", Direction.LONG, 0.3, 0.01), portfolio).orElseThrow();
            assertEquals(0.05, i.volume(), 1e-12);
            assertEquals(1.08006, i.stopLoss(), 1e-9);
        }

        @Test
        void neverAboveTheClassCap() {
            // a tight stop (widened to 0.00023) would ask for 100 / 23 = 4.35 lots; 10% margin at 30:1 is
            // 300,000 USD = 2.727 lots
            OrderIntent i = sizer.size(withAtr("EURUSD", Direction.LONG, 1, 0.00001), portfolio).orElseThrow();
            assertEquals(2.72, i.volume(), 1e-12);
            assertTrue(i.sizingNote().contains("capped"), i.sizingNote());
        }

        @Test
        void withoutVolatility_thereIsNoTrade() {
            assertEquals(Optional.empty(), sizer.size(decision("EURUSD", Direction.LONG, 1), portfolio));
        }

        @Test
        void withoutVolatility_everyDecisionIsCounted_notSilentlyDropped() {
            for (int i = 0; i < 3; i++) {
                assertEquals(Optional.empty(), sizer.size(decision("EURUSD", Direction.LONG, 1), portfolio));
            }
            assertTrue(sizer.size(withAtr("EURUSD", Direction.LONG, 1, 0.01), portfolio).isPresent());
            assertEquals(Optional.empty(), sizer.size(decision("EURUSD", Direction.FLAT, 1), portfolio));
            assertEquals(3, sizer.decisionsWithoutVolatility(), "three sized without an ATR; one with, one FLAT");
        }

        @Test
        void theSizersOwnTicks_feedItsTracker_soItTradesWithNothingElseWired() {
            AtrTracker atr = new AtrTracker(portfolio.catalog(), 60, 2);
            RiskPerTradeSizer fed = new RiskPerTradeSizer(config, atr);
            long t = portfolio.nowMillis() - portfolio.nowMillis() % 60_000;
            for (int s = 0; s < 3 * 60; s++) {
                double mid = 1.1 + (s % 2 == 0 ? 0.005 : -0.005);
                fed.onTick(new io.aria.core.Tick("EURUSD", t + s * 1_000L, mid, mid + 0.0001, 0), portfolio);
            }
            fed.onTick(new io.aria.core.Tick("EURUSD", t + 3 * 60_000L, 1.1, 1.1001, 0), portfolio);
            assertEquals(0.01, atr.atr("EURUSD"), 1e-9);
            // stop 2 x 0.01 = 0.02; loss per lot 2,000 USD; risk 100 USD -> 0.05 lots
            assertEquals(0.05, fed.size(decision("EURUSD", Direction.LONG, 1), portfolio).orElseThrow().volume(), 1e-12);
            assertEquals(0, fed.decisionsWithoutVolatility());
        }
    }
}
