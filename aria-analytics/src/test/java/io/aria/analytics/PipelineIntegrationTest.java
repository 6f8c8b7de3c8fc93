package io.aria.analytics;

import static io.aria.analytics.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.ModelVote;
import io.aria.core.OrderIntent;
import io.aria.core.PipelineSnapshot;
import io.aria.core.Regime;
import io.aria.core.Side;
import io.aria.core.Tick;
import io.aria.core.TradingPipeline;
import io.aria.core.paper.PaperBroker;
import io.aria.core.spi.EnsembleModel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PipelineIntegrationTest {

    @Test
    @DisplayName("wired into a stepped pipeline with the paper broker, trades show up in every report")
    void tradesThroughARealPipeline() {
        // long for 40 s, flat for 20 s, on a rising then falling EURUSD; "trend" holds 70%, "carry" 30%
        EnsembleModel ensemble = (tick, out) -> {
            long s = (tick.epochMillis() - T0) / 1000;
            Direction d = s % 60 < 40 ? Direction.LONG : Direction.FLAT;
            double share = d == Direction.FLAT ? 0 : 1;
            Regime regime = (s / 60) % 2 == 0 ? Regime.TREND : Regime.RANGE;
            out.accept(new Decision(tick.symbol(), tick.epochMillis(), d, 0.8, d.sign() * 0.8, regime,
                    List.of(new ModelVote("trend", d.sign(), 0.9, 2, 0.7 * share),
                            new ModelVote("carry", d.sign(), 0.6, 1, 0.3 * share)), Map.of()));
        };
        HedgeFundAnalytics analytics = HedgeFundAnalytics.builder().build();
        PaperBroker broker = PaperBroker.builder().build();
        TradingPipeline pipeline = TradingPipeline.builder()
                .ensemble(ensemble)
                .sizer((d, p) -> {
                    Tick t = p.lastTick(d.symbol()).orElseThrow();
                    Side side = d.direction().entrySide();
                    return Optional.of(new OrderIntent(d.symbol(), side, 1.0, t.priceFor(side), 0, 0, false, d, "1 lot"));
                })
                .gateway(broker)
                .listener(analytics)
                .build();
        try {
            for (int s = 0; s < 600; s++) {
                double mid = 1.1 + 0.002 * Math.sin(s / 50.0);
                pipeline.step(new Tick("EURUSD", T0 + s * 1000L, mid - 0.00005, mid + 0.00005, 1));
            }
            PipelineSnapshot snap = pipeline.snapshot();
            AnalyticsReport r = analytics.report(snap);

            PerformanceReport p = r.performance();
            assertEquals(10, p.trades().trades(), "ten long/flat cycles closed");
            assertEquals(snap.account().balance() - 100_000, p.trades().totalProfit(), 1e-6,
                    "closed profit is the balance change");
            assertEquals(9, p.returns(), "ten minutes of equity, resampled per minute");
            assertEquals(100_000, p.startEquity(), 1e-6);

            AttributionReport a = r.attribution();
            assertEquals(10, a.attributedTrades());
            assertEquals(0.7 * p.trades().totalProfit(), a.model("trend").total().attributedProfit(), 1e-6);
            assertEquals(0.3, a.model("carry").total().averageShare(), 1e-12);
            assertEquals(5, a.model("trend").byRegime().get(Regime.TREND).trades());
            assertEquals(5, a.model("trend").byRegime().get(Regime.RANGE).trades());

            ExecutionStatistics e = r.execution();
            assertEquals(snap.counters().ordersSent(), e.overall().orders());
            assertEquals(20, e.overall().filled(), "ten entries and ten exits");
            assertEquals(1.0, e.overall().fillRate());
            assertTrue(e.bySymbol().containsKey("EURUSD"));
            assertEquals(20, e.overall().slippagePoints().count());

            assertEquals(snap.positions().isEmpty() ? 0 : 1, r.risk().bySymbol().size());
            assertTrue(r.toJson().contains("\"trend\""));
            String summary = r.summary();
            assertEquals(5, summary.lines().count(), summary);
            assertTrue(summary.contains("trades 10") && summary.contains("best model none (no model made money)"),
                    "a losing run: carry lost 30%, trend 70%, neither is 'best'; " + summary);
            assertTrue(p.trades().totalProfit() < 0, "the premise of the line above");

            // the pipeline's ClosedTrade records feed LEAN's figures and the attribution of every closing deal
            Statistics st = r.statistics();
            assertEquals(10, analytics.closedTrades().size());
            assertEquals(10, st.value("Closed Trades"));
            assertEquals(20, st.value("Total Orders"));
            assertEquals(snap.account().equity(), st.value("End Equity"), 1e-9);
            assertEquals(0.7 * p.trades().totalProfit(), analytics.attributionByModel().stream()
                    .filter(l -> l.name().equals("trend")).findFirst().orElseThrow().profit(), 1e-6);
            assertEquals("not enough data (1 day)", st.get("Sharpe Ratio").text(), "ten minutes are not a Sharpe ratio");
        } finally {
            pipeline.close();
        }
    }
}
