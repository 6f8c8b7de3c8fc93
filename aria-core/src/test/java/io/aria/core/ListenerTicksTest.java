package io.aria.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aria.core.spi.PipelineListener;
import io.aria.core.testing.FakeGateway;
import io.aria.core.testing.RecordingAudit;
import io.aria.core.testing.ScriptedEnsemble;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("listeners see every valid tick the pipeline accepted (the quotes analytics converts currencies with)")
class ListenerTicksTest {

    static final long T0 = Instant.parse("2025-03-04T10:00:00Z").toEpochMilli();

    private static Tick tick(String s, long t, double bid, double ask) {
        return new Tick(s, T0 + t, bid, ask, 1);
    }

    @Test
    void validTicks_ofEnabledAndDisabledSymbols_reachListeners_badOnesDoNot() {
        List<Tick> seen = new ArrayList<>();
        PipelineListener l = new PipelineListener() {
            @Override
            public void onTick(Tick tick) {
                seen.add(tick);
            }
        };
        try (TradingPipeline p = TradingPipeline.builder().ensemble(new ScriptedEnsemble()).sizer((d, v) -> java.util.Optional.empty()).gateway(new FakeGateway())
                .auditSink(new RecordingAudit()).listener(l).enabledSymbols(Set.of("EURUSD")).build()) {
            Tick good = tick("EURUSD", 0, 1.1, 1.1002);
            Tick notTraded = tick("USDJPY", 1, 150, 150.01);
            p.step(good);
            p.step(tick("EURUSD", 2, Double.NaN, 1.1002));
            p.step(tick("EURUSD", 3, 1.1003, 1.1001));
            p.step(tick("NOPE", 4, 1, 2));
            p.step(tick("EURUSD", -10, 1.1, 1.1002));
            p.step(notTraded);
            assertEquals(List.of(good, notTraded), seen);
        }
    }

    @Test
    void aListenerThatThrowsOnEveryTick_isCountedAndStopsNothing() {
        List<Tick> second = new ArrayList<>();
        PipelineListener bad = new PipelineListener() {
            @Override
            public void onTick(Tick tick) {
                throw new IllegalStateException("boom");
            }
        };
        PipelineListener good = new PipelineListener() {
            @Override
            public void onTick(Tick tick) {
                second.add(tick);
            }
        };
        try (TradingPipeline p = TradingPipeline.builder().ensemble(new ScriptedEnsemble()).sizer((d, v) -> java.util.Optional.empty()).gateway(new FakeGateway())
                .auditSink(new RecordingAudit()).listener(bad).listener(good).build()) {
            for (int i = 0; i < 50; i++) {
                p.step(tick("EURUSD", i, 1.1, 1.1002));
            }
            PipelineCounters c = p.snapshot().counters();
            assertEquals(50, c.ticksAccepted());
            assertEquals(50, c.componentErrors());
            assertEquals(50, second.size(), "the next listener still sees every tick");
        }
    }
}
