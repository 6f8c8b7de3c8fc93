package io.aria.analytics;

import static io.aria.analytics.Fixtures.T0;
import static io.aria.analytics.Fixtures.decision;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.aria.analytics.AttributionReport.Figures;
import io.aria.analytics.AttributionReport.ModelAttribution;
import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.Regime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AttributionTest {

    final HedgeFundAnalytics analytics = HedgeFundAnalytics.builder().build();

    void close(Decision entry, double profit) {
        analytics.onTradeClosed(entry.symbol(), entry, profit, T0);
    }

    @Nested
    @DisplayName("two trades: +100 in TREND (A .5, B .3, C .2, D dissents) and -40 in RANGE (A .25, B .75)")
    class TwoTrades {
        AttributionReport report() {
            close(decision(Regime.TREND, "A", 0.5, "B", 0.3, "C", 0.2, "D", 0.0), 100);
            close(decision(Regime.RANGE, "A", 0.25, "B", 0.75), -40);
            return analytics.attribution();
        }

        @Test
        void eachModelGetsItsShareOfEachTrade() {
            AttributionReport r = report();
            assertEquals(2, r.attributedTrades());
            assertEquals(60, r.attributedProfit(), 1e-12);
            assertFigures(new Figures(2, 40, 1, 0.5, 0.375), r.model("A").total());
            assertEquals(0, r.model("B").total().attributedProfit(), 1e-12, "30 - 30");
            assertEquals(0.525, r.model("B").total().averageShare(), 1e-12);
            assertFigures(new Figures(1, 20, 1, 1, 0.2), r.model("C").total());
        }

        @Test
        void aDissentingModelGetsNothing() {
            assertNull(report().model("D"));
        }

        @Test
        void theSplitByRegime() {
            ModelAttribution a = report().model("A");
            assertFigures(new Figures(1, 50, 1, 1, 0.5), a.byRegime().get(Regime.TREND));
            assertFigures(new Figures(1, -10, 0, 0, 0.25), a.byRegime().get(Regime.RANGE));
            assertFigures(new Figures(0, 0, 0, 0, 0), a.byRegime().get(Regime.BREAKOUT));
        }
    }

    static void assertFigures(Figures expected, Figures actual) {
        assertEquals(expected.trades(), actual.trades(), "trades");
        assertEquals(expected.attributedProfit(), actual.attributedProfit(), 1e-9, "attributedProfit");
        assertEquals(expected.hits(), actual.hits(), "hits");
        assertEquals(expected.hitRate(), actual.hitRate(), 1e-12, "hitRate");
        assertEquals(expected.averageShare(), actual.averageShare(), 1e-12, "averageShare");
    }

    @Test
    void sharesThatDoNotSumToOne_areRenormalised() {
        close(decision(Regime.BREAKOUT, "A", 0.3, "B", 0.3), 10);
        AttributionReport r = analytics.attribution();
        assertEquals(5, r.model("A").total().attributedProfit(), 1e-12);
        assertEquals(5, r.model("B").byRegime().get(Regime.BREAKOUT).attributedProfit(), 1e-12);
    }

    @Test
    void aDecisionWithoutVotes_isCountedAsUnattributed() {
        close(Decision.of("EURUSD", T0, Direction.LONG, 0.5), 7);
        close(decision(Regime.TREND, "A", 1.0), 3);
        AttributionReport r = analytics.attribution();
        assertEquals(1, r.unattributedTrades());
        assertEquals(7, r.unattributedProfit());
        assertEquals(1, r.attributedTrades());
        assertEquals(3, r.attributedProfit());
        assertEquals(1, r.models().size());
        assertEquals(10, analytics.performance().trades().totalProfit(), 1e-12, "performance counts every trade");
    }

    @Test
    void emptyAttribution_hasNoModels() {
        AttributionReport r = analytics.attribution();
        assertEquals(new AttributionReport(0, 0, 0, 0, java.util.List.of()), r);
    }
}
