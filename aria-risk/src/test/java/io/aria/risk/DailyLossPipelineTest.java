package io.aria.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AssetCatalog;
import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.ExecutionReport;
import io.aria.core.OrderIntent;
import io.aria.core.Regime;
import io.aria.core.Side;
import io.aria.core.Tick;
import io.aria.core.TradingPipeline;
import io.aria.core.paper.PaperBroker;
import io.aria.core.spi.EnsembleModel;
import io.aria.core.spi.PipelineListener;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("a stepped pipeline with the default risk layer: the daily-loss halt ends with its day")
class DailyLossPipelineTest {

    /** Pipeline time for the paper broker: the time of the tick being stepped. */
    static final class TickClock extends Clock {
        long now;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public long millis() {
            return now;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now);
        }
    }

    @Test
    void fiveDays_day1HitsTheLimit_haltedForTheRestOfDay1_tradingAgainOnDay2() {
        AssetCatalog catalog = AssetCatalog.defaults();
        TickClock clock = new TickClock();
        PaperBroker broker = PaperBroker.builder().catalog(catalog).accountCurrency("USD").startingBalance(100_000)
                .leverage(100).clock(clock).build();
        RiskLayer risk = RiskLayer.defaults(catalog);
        long start = Instant.parse("2026-11-24T00:00:00Z").toEpochMilli();
        // BTCUSD long at full confidence in even hours, flat in odd ones (the engine does not add to a position),
        // with a stop far enough away that the fall below does not close the position
        EnsembleModel longThenFlat = (t, out) -> {
            long h = (t.epochMillis() - start) / 3_600_000L;
            out.accept(h % 2 == 0
                    ? new Decision(t.symbol(), t.epochMillis(), Direction.LONG, 1.0, 1.0, Regime.TREND, List.of(),
                            Map.of("atr", 15_000.0))
                    : Decision.of(t.symbol(), t.epochMillis(), Direction.FLAT, 1.0));
        };
        int[] entriesByHour = new int[5 * 24];
        int[] exitsByHour = new int[5 * 24];
        PipelineListener count = new PipelineListener() {
            @Override
            public void onExecution(ExecutionReport report, OrderIntent intent) {
                if (report.status().isFill()) {
                    int h = (int) ((report.epochMillis() - start) / 3_600_000L);
                    (intent.side() == Side.BUY ? entriesByHour : exitsByHour)[h]++;
                }
            }
        };
        TradingPipeline pipeline = TradingPipeline.builder().catalog(catalog).ensemble(longThenFlat)
                .sizer(risk.sizer()).riskGuard(risk.guard()).gateway(broker).clock(clock).listener(count)
                .enabledSymbols(Set.of("BTCUSD")).build();
        boolean[] engagedByHour = new boolean[5 * 24];
        for (int h = 0; h < 5 * 24; h++) {
            clock.now = start + h * 3_600_000L + 60_000L;
            double mid = h < 9 ? 60_000 : 45_000; // a 25% fall on day 1 at 09:00 while long: about 6% of equity
            pipeline.step(new Tick("BTCUSD", clock.now, mid - 7.5, mid + 7.5, 1));
            engagedByHour[h] = pipeline.killSwitch().isEngaged();
        }
        for (int h = 0; h < 5 * 24; h++) {
            boolean halted = h >= 9 && h < 24;
            String when = "day " + (h / 24 + 1) + " hour " + h % 24;
            assertEquals(halted, engagedByHour[h], "kill switch at " + when);
            if (halted) {
                assertEquals(0, entriesByHour[h], "an entry while halted at " + when);
            } else if (h % 2 == 0) {
                assertEquals(1, entriesByHour[h], "no entry at " + when);
            } else {
                assertEquals(1, exitsByHour[h], "no exit at " + when);
            }
        }
        assertEquals(1, exitsByHour[9], "the exit after the fall goes out while halted");
        pipeline.close();
    }
}
