package io.aria.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AssetCatalog;
import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.OrderIntent;
import io.aria.core.Side;
import io.aria.core.Tick;
import io.aria.core.Verdict;
import io.aria.core.spi.PortfolioView;
import io.aria.core.spi.RiskGuard;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("RiskLayer and the composite guard")
class RiskLayerTest {

    private final TestPortfolio p = TestPortfolio.withDefaultPrices();
    private final RiskLayer layer = RiskLayer.fromConfig(RiskConfig.defaults(), AssetCatalog.defaults());

    @Nested
    @DisplayName("the default layer")
    class Defaults {
        @Test
        void sizesAndApprovesAnOrdinaryEntry() {
            OrderIntent i = layer.sizer().size(Decision.of("EURUSD", 0, Direction.LONG, 0.8), p).orElseThrow();
            assertEquals("OK", layer.guard().check(i, p).code());
            assertInstanceOf(ConfidenceSizer.class, layer.sizer());
        }

        @Test
        void riskPerTradeMethod_buildsThatSizer() {
            RiskConfig c = RiskConfig.fromJson("{ \"sizing\": { \"method\": \"RISK_PER_TRADE\" } }");
            assertInstanceOf(RiskPerTradeSizer.class, RiskLayer.fromConfig(c, AssetCatalog.defaults()).sizer());
        }

        @Test
        void appliesTheRulesInTheDocumentedOrder() {
            List<String> names = layer.compositeGuard().rules().stream().map(RiskGuard::name).toList();
            assertEquals(List.of("daily-loss", "error-rate", "sessions", "exposure-limits", "correlation", "order-rate"),
                    names);
        }

        @Test
        void ticksToTheSizerFeedTheAtr_andTicksToTheGuardFeedTheCorrelations() {
            long t = Instant.parse("2026-11-24T12:00:00Z").toEpochMilli();
            for (int i = 0; i < 20 * 60; i++) {
                double mid = 1.1 + (i % 2 == 0 ? 0.0005 : -0.0005);
                for (Tick tick : List.of(new Tick("EURUSD", t + i * 1000L, mid, mid + 0.0001, 0),
                        new Tick("GBPUSD", t + i * 1000L, mid + 0.2, mid + 0.2001, 0))) {
                    layer.sizer().onTick(tick, p);
                    layer.guard().onTick(tick, p);
                }
            }
            assertEquals(0.001, layer.volatility().atr("EURUSD"), 1e-9);
            // 20 minutes cross 19 one-minute grid points; the first only records the prices
            assertEquals(18, layer.correlation().samples());
        }

        @Test
        void theGuardAlone_doesNotFeedTheAtr_soNothingIsCountedTwice() {
            long t = Instant.parse("2026-11-24T12:00:00Z").toEpochMilli();
            for (int i = 0; i < 20 * 60; i++) {
                double mid = 1.1 + (i % 2 == 0 ? 0.0005 : -0.0005);
                layer.guard().onTick(new Tick("EURUSD", t + i * 1000L, mid, mid + 0.0001, 0), p);
            }
            assertEquals(0, layer.volatility().bars(AssetCatalog.defaults().indexOf("EURUSD")));
        }

        @Test
        void tooManyNewOrdersInAMinute_areRejected() {
            RiskLayer l = RiskLayer.fromConfig(RiskConfig.fromJson("{ \"maxOrdersPerMinute\": 2 }"), AssetCatalog.defaults());
            OrderIntent i = Orders.entry(p, "EURUSD", Side.BUY, 0.01);
            assertEquals("OK", l.guard().check(i, p).code());
            assertEquals("OK", l.guard().check(i, p).code());
            assertEquals(RiskCodes.ORDER_RATE, l.guard().check(i, p).code());
            p.nowMillis(p.nowMillis() + 60_000);
            assertEquals("OK", l.guard().check(i, p).code());
        }
    }

    @Nested
    @DisplayName("CompositeRiskGuard")
    class Composite {
        @Test
        void withTheKillSwitchEngaged_entriesAreRejected_andExitsApproved() {
            p.killSwitch().engage("operator", "manual stop");
            p.position("EURUSD", 0.05);
            Verdict entry = layer.guard().check(Orders.entry(p, "GBPUSD", Side.BUY, 0.01), p);
            assertEquals(RiskCodes.KILL_SWITCH, entry.code());
            assertTrue(entry.message().contains("operator: manual stop"), entry.message());
            Verdict exit = layer.guard().check(Orders.exit(p, "EURUSD", Side.SELL, 0.05), p);
            assertInstanceOf(Verdict.Approved.class, exit);
            assertEquals(RiskCodes.REDUCING, exit.code());
        }

        @Test
        void aResize_namesTheLastRuleThatCut_andCarriesEveryMessage() {
            RiskGuard halve = new RiskGuard() {
                @Override
                public Verdict check(OrderIntent intent, PortfolioView portfolio) {
                    return Verdict.resize(intent.volume() / 2, "HALF", "halved");
                }
            };
            RiskGuard third = (intent, portfolio) -> Verdict.resize(intent.volume() / 3, "THIRD", "cut to a third");
            Verdict v = new CompositeRiskGuard(List.of(halve, third, RiskGuard.allowAll()), List.of())
                    .check(Orders.entry(p, "EURUSD", Side.BUY, 0.6), p);
            Verdict.Resized r = assertInstanceOf(Verdict.Resized.class, v);
            assertEquals(0.1, r.volume(), 1e-12);
            assertEquals("THIRD", r.code());
            assertEquals("HALF: halved; THIRD: cut to a third", r.message());
        }

        @Test
        void aRejectionStopsTheChain_withItsCode() {
            RiskGuard no = (intent, portfolio) -> Verdict.reject("NO", "never");
            RiskGuard boom = (intent, portfolio) -> {
                throw new AssertionError("must not be reached");
            };
            assertEquals("NO", new CompositeRiskGuard(List.of(no, boom), List.of())
                    .check(Orders.entry(p, "EURUSD", Side.BUY, 0.1), p).code());
        }

        @Test
        void aRuleThatThrows_rejectsTheOrder() {
            RiskGuard boom = (intent, portfolio) -> {
                throw new IllegalStateException("broken");
            };
            Verdict v = new CompositeRiskGuard(List.of(boom), List.of()).check(Orders.entry(p, "EURUSD", Side.BUY, 0.1), p);
            assertEquals(RiskCodes.GUARD_ERROR, v.code());
            assertInstanceOf(Verdict.Rejected.class, v);
        }

        @Test
        void theDailyLossTrigger_engagesTheEnginesSwitchFromTicks() {
            layer.guard().onTick(new Tick("EURUSD", p.nowMillis(), 1.1, 1.1001, 0), p);
            p.equity(94_000);
            layer.guard().onTick(new Tick("EURUSD", p.nowMillis(), 1.1, 1.1001, 0), p);
            assertTrue(p.killSwitch().isEngaged());
            assertEquals(RiskCodes.DAILY_LOSS, p.killSwitch().state().by());
        }
    }
}
