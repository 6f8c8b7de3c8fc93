package io.aria.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.PipelineCounters;
import io.aria.core.spi.AuditSink;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's two regimes are what their names say: the normal one keeps deciding, ordering,
 * filling and closing with the kill switch never engaged; the halted one (the default limits) is
 * stopped by the daily-loss switch. And a run that left the normal regime is refused, not measured.
 */
@DisplayName("the pipeline benchmark's regimes")
class PipelineRegimeTest {

    private static final int TICKS = 1_200_000; // about 4 hours of tick time for 21 symbols

    private static PipelineFixture run(PipelineFixture.Regime regime, AtomicInteger engaged) {
        PipelineFixture f = new PipelineFixture(42, AuditSink.noop(), regime);
        f.pipeline.killSwitch().addListener(s -> {
            if (s.engaged()) {
                engaged.incrementAndGet();
            }
        });
        for (int i = 0; i < TICKS; i++) {
            f.pipeline.step(f.next());
        }
        return f;
    }

    @Test
    void normalRegime_tradesThroughout_andTheKillSwitchNeverEngages() {
        AtomicInteger engaged = new AtomicInteger();
        PipelineFixture f = run(PipelineFixture.Regime.NORMAL, engaged);
        PipelineCounters c = f.pipeline.snapshot().counters();
        f.pipeline.close();
        assertEquals(0, engaged.get(), "kill switch engagements");
        assertEquals(0, c.blockedByKillSwitch(), "intents blocked by the kill switch");
        assertTrue(c.decisions() > 3_000, c.decisions() + " decisions");
        assertTrue(c.ordersSent() > 500, c.ordersSent() + " orders");
        assertEquals(c.ordersSent(), c.ordersFilled(), "the paper broker fills every order");
        assertTrue(f.counter.closes > 300, f.counter.closes + " trades closed");
    }

    @Test
    void haltedRegime_isStoppedByTheDailyLossSwitch() {
        AtomicInteger engaged = new AtomicInteger();
        PipelineFixture f = run(PipelineFixture.Regime.HALTED, engaged);
        PipelineCounters c = f.pipeline.snapshot().counters();
        boolean halted = f.halted();
        f.pipeline.close();
        assertTrue(engaged.get() > 0, "the default limits should halt the synthetic strategy");
        assertTrue(halted, "still halted at the end of the day");
        assertTrue(c.blockedByKillSwitch() > 100, c.blockedByKillSwitch() + " intents blocked by the kill switch");
    }

    @Test
    void aRunWhoseKillSwitchEngaged_isRefused() {
        PipelineRun.Result r = new PipelineRun.Result();
        r.engagements = 1;
        r.counters = new PipelineFixture(1, AuditSink.noop(), PipelineFixture.Regime.NORMAL).pipeline.snapshot().counters();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PipelinePart.requireNormal(r, "run", false));
        assertTrue(e.getMessage().contains("left the normal regime"), e.getMessage());
        r.engagements = 0;
        PipelinePart.requireNormal(r, "run", false);
        assertThrows(IllegalStateException.class, () -> PipelinePart.requireNormal(r, "run", true), "no orders at all");
        assertFalse(r.haltedAtEnd);
    }
}
