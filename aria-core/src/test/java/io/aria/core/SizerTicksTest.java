package io.aria.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.aria.core.spi.PortfolioView;
import io.aria.core.spi.PositionSizer;
import io.aria.core.testing.FakeGateway;
import io.aria.core.testing.RecordingAudit;
import io.aria.core.testing.ScriptedEnsemble;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the pipeline feeds its sizer every valid tick, with no guard in between")
class SizerTicksTest {

    static final long T0 = Instant.parse("2025-03-04T10:00:00Z").toEpochMilli();

    /** Records the ticks it is fed and sizes one lot, noting the last tick it had seen. */
    static class LearningSizer implements PositionSizer {
        final List<Tick> fed = new ArrayList<>();
        final List<Tick> lastFedWhenSized = new ArrayList<>();

        @Override
        public void onTick(Tick tick, PortfolioView portfolio) {
            fed.add(tick);
        }

        @Override
        public Optional<OrderIntent> size(Decision d, PortfolioView p) {
            lastFedWhenSized.add(fed.get(fed.size() - 1));
            Tick t = p.lastTick(d.symbol()).orElseThrow();
            Side side = d.direction().entrySide();
            return Optional.of(new OrderIntent(d.symbol(), side, 1.0, t.priceFor(side), 0, 0, false, d, "fixed 1 lot"));
        }
    }

    private static Tick tick(String s, long t, double bid, double ask) {
        return new Tick(s, T0 + t, bid, ask, 1);
    }

    @Test
    void validTicks_ofEnabledAndDisabledSymbols_reachTheSizer_badOnesDoNot() {
        LearningSizer sizer = new LearningSizer();
        try (TradingPipeline p = TradingPipeline.builder().ensemble(new ScriptedEnsemble()).sizer(sizer)
                .gateway(new FakeGateway()).auditSink(new RecordingAudit()).enabledSymbols(Set.of("EURUSD")).build()) {
            Tick good = tick("EURUSD", 0, 1.1, 1.1002);
            Tick disabled = tick("GBPUSD", 1, 1.3, 1.3002);
            p.step(good);
            p.step(tick("EURUSD", 2, Double.NaN, 1.1002));
            p.step(tick("EURUSD", 3, 1.1003, 1.1001));
            p.step(tick("NOPE", 4, 1, 2));
            p.step(tick("EURUSD", -10, 1.1, 1.1002));
            p.step(disabled);
            assertEquals(List.of(good, disabled), sizer.fed);
        }
    }

    @Test
    void theSizerHasSeenTheTick_beforeItSizesTheDecisionMadeFromIt() {
        LearningSizer sizer = new LearningSizer();
        ScriptedEnsemble ensemble = new ScriptedEnsemble();
        try (TradingPipeline p = TradingPipeline.builder().ensemble(ensemble).sizer(sizer).gateway(new FakeGateway())
                .auditSink(new RecordingAudit()).build()) {
            p.step(tick("EURUSD", 0, 1.1, 1.1002));
            ensemble.set("EURUSD", Direction.LONG);
            Tick deciding = tick("EURUSD", 1, 1.1001, 1.1003);
            p.step(deciding);
            assertEquals(1, sizer.lastFedWhenSized.size());
            assertSame(deciding, sizer.lastFedWhenSized.get(0));
        }
    }

    @Test
    void aSizerWhoseOnTickThrows_isCounted_andTheTickStillReachesTheModel_andTradingGoesOn() {
        ScriptedEnsemble ensemble = new ScriptedEnsemble();
        FakeGateway gateway = new FakeGateway();
        PositionSizer throwing = new PositionSizer() {
            @Override
            public void onTick(Tick tick, PortfolioView portfolio) {
                throw new IllegalStateException("broken volatility feed");
            }

            @Override
            public Optional<OrderIntent> size(Decision d, PortfolioView p) {
                Tick t = p.lastTick(d.symbol()).orElseThrow();
                return Optional.of(new OrderIntent(d.symbol(), Side.BUY, 1.0, t.ask(), 0, 0, false, d, "fixed 1 lot"));
            }
        };
        try (TradingPipeline p = TradingPipeline.builder().ensemble(ensemble).sizer(throwing).gateway(gateway)
                .auditSink(new RecordingAudit()).build()) {
            ensemble.set("EURUSD", Direction.LONG);
            p.step(tick("EURUSD", 0, 1.1, 1.1002));
            p.step(tick("EURUSD", 1, 1.1001, 1.1003));
            assertEquals(2, ensemble.seen.size());
            assertEquals(1, gateway.submitted.size(), "the entry went out despite the sizer's broken onTick");
            assertEquals(2, p.snapshot().counters().componentErrors());
        }
    }
}
