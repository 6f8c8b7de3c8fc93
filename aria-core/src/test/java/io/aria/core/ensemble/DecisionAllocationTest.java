package io.aria.core.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.aria.core.Decision;
import io.aria.core.Tick;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the ensemble builds each decision from buffers it reuses, and each decision keeps its own values")
class DecisionAllocationTest {

    private static List<Tick> ticks(int bars, long seed) {
        return WeightedEnsembleTest.ticksThrough(TestBars.drift(bars, 1.1, 0.0005, 0.0004, seed), TestBars.T0);
    }

    @Test
    void anEarlierDecisionsIndicators_doNotChangeWithLaterDecisions() {
        WeightedEnsemble e = WeightedEnsemble.withDefaults(WeightedEnsembleTest.CATALOG);
        List<Decision> out = new ArrayList<>();
        List<Map<String, Double>> seen = new ArrayList<>();
        for (Tick t : ticks(200, 3)) {
            e.onTick(t, d -> {
                out.add(d);
                seen.add(new HashMap<>(d.indicators())); // what it said when it was made
            });
        }
        assertTrue(out.size() > 100, out.size() + " decisions");
        for (int i = 0; i < out.size(); i++) {
            assertEquals(seen.get(i), out.get(i).indicators(), "decision " + i + " changed after it was made");
            assertTrue(out.get(i).indicators().size() > 5, "decision " + i + " lost its indicators");
        }
        assertNotEquals(out.get(0).indicators(), out.get(out.size() - 1).indicators());
        Map<String, Double> held = out.get(0).indicators();
        assertThrows(UnsupportedOperationException.class, () -> held.put("x", 1.0), "a decision's map is immutable");
    }

    @Test
    void aDecision_allocatesNoMapOrArraysBeyondWhatItHolds() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        WeightedEnsemble e = WeightedEnsemble.withDefaults(WeightedEnsembleTest.CATALOG);
        List<Tick> warm = ticks(400, 5);
        long[] n = new long[1];
        for (Tick t : warm) {
            e.onTick(t, d -> n[0]++);
        }
        Tick[] more = ticks(1_400, 5).subList(warm.size(), 1_400 * 4).toArray(new Tick[0]);
        long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        long decisions = n[0];
        for (Tick t : more) {
            e.onTick(t, d -> n[0]++);
        }
        long bytes = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        decisions = n[0] - decisions;
        assertTrue(decisions > 900, decisions + " decisions");
        long perDecision = bytes / decisions;
        // what a decision holds (~20 boxed indicators, their immutable map, three votes, the closed bar) is about
        // 1.8 KB; a new map per decision and its resizes added about 400 bytes (2.7 KB before the buffers)
        assertTrue(perDecision < 2_500, perDecision + " bytes per decision");
    }
}
