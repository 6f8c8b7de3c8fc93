package io.aria.analytics;

import static io.aria.analytics.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/**
 * Issue 11: a one-hour paper run overstated gross exposure about 15x because EURJPY's JPY notional
 * was converted at 1: no USDJPY fill had been seen, although the pipeline had every USDJPY quote.
 */
class CrossCurrencyExposureTest {

    private static final double USDJPY = 150.0;
    private static final double EURJPY = 162.0;

    @Test
    @DisplayName("EURJPY's JPY notional is converted with the latest USDJPY quote the pipeline saw, not at 1")
    void eurJpyIsConvertedWithTheUsdJpyQuotes() {
        // long one lot of EURJPY; USDJPY only quoted, never traded
        EnsembleModel ensemble = (tick, out) -> {
            if (tick.symbol().equals("EURJPY")) {
                out.accept(new Decision("EURJPY", tick.epochMillis(), Direction.LONG, 0.8, 0.8, Regime.TREND,
                        List.of(new ModelVote("trend", 1, 0.9, 1, 1.0)), Map.of()));
            }
        };
        HedgeFundAnalytics analytics = HedgeFundAnalytics.builder().build();
        TradingPipeline pipeline = TradingPipeline.builder()
                .ensemble(ensemble)
                .sizer((d, p) -> p.netVolume(d.symbol()) != 0 ? Optional.empty()
                        : Optional.of(new OrderIntent(d.symbol(), Side.BUY, 1.0,
                                p.lastTick(d.symbol()).orElseThrow().ask(), 0, 0, false, d, "1 lot")))
                .gateway(PaperBroker.builder().build())
                .listener(analytics)
                .build();
        try {
            for (int s = 0; s < 120; s++) {
                long t = T0 + s * 1000L;
                pipeline.step(new Tick("USDJPY", t, USDJPY - 0.005, USDJPY + 0.005, 1));
                pipeline.step(new Tick("EURJPY", t, EURJPY - 0.005, EURJPY + 0.005, 1));
            }
            PipelineSnapshot snap = pipeline.snapshot();
            assertEquals(1, snap.positions().size(), "the premise: one EURJPY position");
            RiskReport r = analytics.risk(snap);

            double expected = 100_000 * (EURJPY - 0.005) / USDJPY; // one lot, marked at the bid, in USD
            assertEquals(expected, r.grossExposure(), expected * 1e-6,
                    "one lot of EURJPY is about 108,000 USD, not 16.2 million (JPY taken for USD)");
            assertEquals(expected / snap.account().equity(), r.grossLeverage(), 1e-6);
            assertTrue(r.approximatedSymbols().isEmpty(), "every rate was known: " + r.approximatedSymbols());
            assertFalse(r.bySymbol().get(0).rateApproximated());
        } finally {
            pipeline.close();
        }
    }

    @Test
    @DisplayName("a rate that is truly unknown is reported as unknown and left out of the totals, never taken as 1")
    void unknownRateIsNotOne() {
        HedgeFundAnalytics analytics = HedgeFundAnalytics.builder().build();
        PipelineSnapshot snap = Fixtures.snapshot(100_000,
                List.of(Fixtures.position(1, "EURJPY", Side.BUY, 1.0, EURJPY),
                        Fixtures.position(2, "EURUSD", Side.BUY, 1.0, 1.1)));
        RiskReport r = analytics.risk(snap);
        assertEquals(List.of("EURJPY"), r.approximatedSymbols());
        assertEquals(110_000, r.grossExposure(), 1e-6, "only EURUSD is in the totals: EURJPY has no JPY rate");
        RiskReport.SymbolExposure jpy = r.bySymbol().stream().filter(e -> e.symbol().equals("EURJPY")).findFirst()
                .orElseThrow();
        assertTrue(jpy.rateApproximated());
        assertEquals(0, jpy.grossNotional(), "no notional is invented for it");
    }
}
