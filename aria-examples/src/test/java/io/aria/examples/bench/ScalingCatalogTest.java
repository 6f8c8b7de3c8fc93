package io.aria.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AssetCatalog;
import io.aria.core.AssetSpec;
import io.aria.core.Tick;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the scaling bench's generated catalog and ticks")
class ScalingCatalogTest {

    @Test
    void copiesTheDefaults_withTheirClassesAndSpecs_underNumberedNames() {
        AssetCatalog c = ScalingCatalog.of(2_100);
        AssetCatalog d = AssetCatalog.defaults();
        assertEquals(2_100, c.size());
        assertEquals("EURUSD_0000", c.spec(0).symbol());
        assertEquals("EURUSD_0017", c.spec(17 * 21).symbol());
        for (int i = 0; i < c.size(); i++) {
            AssetSpec g = c.spec(i);
            AssetSpec base = d.spec(i % 21);
            assertEquals(base.toBuilder().symbol(g.symbol()).description(g.description()).build(), g, g.symbol());
        }
        for (var cls : io.aria.core.AssetClass.values()) {
            assertEquals(100 * d.byClass(cls).size(), c.byClass(cls).size(), cls.toString());
        }
        assertEquals("EURUSD_0000", ScalingCatalog.of(1).spec(0).symbol());
    }

    @Test
    void aSizeOutOfRange_isOneLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScalingCatalog.of(0));
        assertEquals("symbols must be in [1, 210000], was 0", e.getMessage());
    }

    @Test
    void ticks_comeOnePerSymbolAStepInRandomOrder_valid_onTheirPointGrid_andNeverGoBack() {
        AssetCatalog c = ScalingCatalog.of(210);
        ScalingCatalog.Ticks ticks = new ScalingCatalog.Ticks(c, 7, 1_000_000L);
        Map<String, Long> last = new HashMap<>();
        java.util.Set<String> step = new java.util.HashSet<>();
        java.util.List<String> firstStep = new java.util.ArrayList<>();
        for (int k = 0; k < 210 * 50; k++) {
            Tick t = ticks.next();
            if (k % 210 == 0) {
                step.clear();
            }
            assertTrue(step.add(t.symbol()), "one tick a symbol a step: " + t.symbol() + " twice");
            if (k < 210) {
                firstStep.add(t.symbol());
            }
            assertEquals(null, t.checkValues(), t.toString());
            assertTrue(t.ask() > t.bid(), t.toString());
            AssetSpec s = c.spec(t.symbol());
            assertEquals(s.normalizePrice(t.bid()), t.bid(), 0.0, t.toString());
            Long before = last.put(t.symbol(), t.epochMillis());
            if (before != null) {
                assertEquals(before + 250, t.epochMillis(), "a step is 250 ms");
            }
        }
        assertTrue(!firstStep.equals(c.symbols()), "a shuffled order, not the catalog's");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ticks.stepMillis(0));
        assertEquals("stepMillis must be >= 1, was 0", e.getMessage());
    }
}
