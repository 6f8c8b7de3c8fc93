package io.aria.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AssetCatalog;
import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.ExecutionReport;
import io.aria.core.OrderIntent;
import io.aria.core.Tick;
import io.aria.core.TradingPipeline;
import io.aria.core.paper.PaperBroker;
import io.aria.core.spi.EnsembleModel;
import io.aria.core.spi.PipelineListener;
import io.aria.core.spi.RiskGuard;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("a risk sizer wired without the risk guard learns its volatility from the pipeline")
class SizerWithoutGuardTest {

    private static final AssetCatalog CATALOG = AssetCatalog.defaults();
    private static final long START = Instant.parse("2026-11-24T12:00:00Z").toEpochMilli();
    /** Past 14 one-minute ATR bars: the sizer's default ATR is ready. */
    private static final long ENTRIES_FROM = START + 16 * 60_000L;

    /** LONG without an "atr" indicator from minute 16, so the stop can only come from the sizer's own ATR. */
    private static final EnsembleModel LONG_LATER = (t, out) -> {
        if (t.epochMillis() >= ENTRIES_FROM) {
            out.accept(Decision.of(t.symbol(), t.epochMillis(), Direction.LONG, 0.8));
        }
    };

    /** Runs 20 minutes of EURUSD ticks, one a second, swinging 0.001 within each minute, through the sizer alone. */
    private static List<OrderIntent> run(RiskLayer risk) {
        DailyLossPipelineTest.TickClock clock = new DailyLossPipelineTest.TickClock();
        PaperBroker broker = PaperBroker.builder().catalog(CATALOG).accountCurrency("USD").startingBalance(100_000)
                .leverage(100).clock(clock).build();
        List<OrderIntent> filled = new ArrayList<>();
        PipelineListener fills = new PipelineListener() {
            @Override
            public void onExecution(ExecutionReport report, OrderIntent intent) {
                if (report.status().isFill()) {
                    filled.add(intent);
                }
            }
        };
        try (TradingPipeline pipeline = TradingPipeline.builder().catalog(CATALOG).ensemble(LONG_LATER)
                .sizer(risk.sizer()).riskGuard(RiskGuard.allowAll()).gateway(broker).clock(clock).listener(fills)
                .enabledSymbols(Set.of("EURUSD")).build()) {
            for (int s = 0; s < 20 * 60; s++) {
                clock.now = START + s * 1_000L;
                double mid = 1.1 + (s % 2 == 0 ? 0.0005 : -0.0005);
                pipeline.step(new Tick("EURUSD", clock.now, mid - 0.00006, mid + 0.00006, 1));
            }
        }
        return filled;
    }

    @Test
    void riskPerTradeSizer_withoutTheRiskGuard_trades() {
        RiskLayer risk = RiskLayer.fromConfig(RiskConfig.fromJson("{ \"sizing\": { \"method\": \"RISK_PER_TRADE\" } }"),
                CATALOG);
        List<OrderIntent> filled = run(risk);
        assertEquals(1, filled.size(), "one entry (the engine does not add to a position)");
        assertTrue(filled.get(0).sizingNote().contains("from ATR"), filled.get(0).sizingNote());
        assertEquals(0.001, risk.volatility().atr("EURUSD"), 1e-9);
    }

    @Test
    void confidenceSizer_withoutTheRiskGuard_takesItsStopsFromTheAtr() {
        List<OrderIntent> filled = run(RiskLayer.defaults(CATALOG));
        assertEquals(1, filled.size());
        OrderIntent entry = filled.get(0);
        assertTrue(entry.sizingNote().contains("from ATR"), entry.sizingNote());
        assertFalse(entry.sizingNote().contains("typical spread"), entry.sizingNote());
        // 2 ATRs below the ask
        assertEquals(entry.referencePrice() - 0.002, entry.stopLoss(), 1e-9);
    }
}
