package io.aria.analytics;

import static io.aria.analytics.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aria.core.ExecutionStatus;
import io.aria.core.Regime;
import io.aria.core.Side;
import io.aria.core.TradeReturnCode;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AnalyticsReportTest {

    @Nested
    @DisplayName("an empty report")
    class Empty {
        final AnalyticsReport report = HedgeFundAnalytics.builder().build().report(Fixtures.flat(100_000));

        @Test
        void json_saysZerosAndEmptyLists() throws Exception {
            JsonNode j = new ObjectMapper().readTree(report.toJson());
            assertEquals(T0, j.get("epochMillis").asLong());
            assertEquals(0, j.at("/performance/sharpe").asDouble());
            assertEquals(0, j.at("/performance/trades/trades").asLong());
            assertEquals(60_000, j.at("/performance/intervalMillis").asLong());
            assertEquals(0, j.at("/attribution/models").size());
            assertEquals(0, j.at("/risk/tail/0/valueAtRisk").asDouble());
            assertEquals(0.95, j.at("/risk/tail/0/confidence").asDouble());
            assertEquals(100_000, j.at("/risk/equity").asDouble());
            assertEquals(4, j.at("/risk/byClass").size());
            assertEquals(0, j.at("/execution/overall/orders").asLong());
            assertEquals(0, j.at("/execution/overall/latencyNanos/p99").asDouble());
            assertTrue(j.at("/execution/bySymbol").isObject());
        }

        @Test
        void html_isOnePageWithItsTables() {
            String html = report.toHtml();
            assertTrue(html.startsWith("<!DOCTYPE html>"));
            assertTrue(html.endsWith("</html>\n"));
            for (String h : List.of("Performance", "Model attribution", "Risk", "Execution")) {
                assertTrue(html.contains("<h2>" + h + "</h2>"), h);
            }
            assertFalse(html.contains("<script"), "no script");
            assertFalse(html.contains("src="), "nothing fetched");
        }
    }

    @Nested
    @DisplayName("the console summary")
    class Summary {
        private String summaryOver(long millis, long step) {
            HedgeFundAnalytics a = HedgeFundAnalytics.builder().build();
            double equity = 100_000;
            for (long t = 0; t <= millis; t += step) {
                a.onEquity(equity, T0 + t);
                equity *= t / step % 3 == 0 ? 0.999 : 1.0005;
            }
            return a.report(Fixtures.flat(equity)).summary();
        }

        @Test
        @DisplayName("an 8-hour run prints no annualised Sharpe (it printed -449 from minutes), only the intraday one, labelled")
        void aShortRunSaysNotEnoughData() {
            String s = summaryOver(8 * 3_600_000L, 60_000);
            String first = s.lines().findFirst().orElseThrow();
            assertTrue(first.contains("sharpe not enough data (1 day)"), s);
            assertTrue(first.contains("sortino not enough data (1 day)"), s);
            assertTrue(s.contains("sharpe per minute (intraday, not annualised)"), s);
            String days = summaryOver(10 * 86_400_000L, 3_600_000L);
            assertTrue(days.contains("sharpe not enough data (11 days)"), days);
        }

        @Test
        void aMonthOrMoreGivesLeansDailySharpe() {
            String s = summaryOver(40 * 86_400_000L, 3_600_000L);
            assertFalse(s.contains("not enough data"), s);
            assertTrue(s.lines().findFirst().orElseThrow().matches("return -?[0-9.]+%  sharpe -?[0-9.]+  sortino -?[0-9.]+  .*"), s);
            assertEquals(5, s.lines().count(), s);
        }

        @Test
        @DisplayName("the best model is the largest positive contribution with its share; none when every model lost")
        void bestModelIsALargestPositiveContribution() {
            HedgeFundAnalytics a = HedgeFundAnalytics.builder().build();
            a.onTradeClosed("EURUSD", Fixtures.decision(Regime.TREND, "A", 0.7, "B", 0.3), -100, T0);
            assertTrue(a.report(Fixtures.flat(1000)).summary().contains("best model none (no model made money)"),
                    "the least negative of all-negative models is not 'best'");
            a.onTradeClosed("EURUSD", Fixtures.decision(Regime.TREND, "A", 0.5, "C", 0.5), 400, T0);
            // A: -70 + 200 = 130, B: -30, C: 200 -> C has 200 of the 330 gained
            String s = a.report(Fixtures.flat(1000)).summary();
            assertTrue(s.contains("best model C (200.00, 61% of the gains)"), s);
        }

        @Test
        @DisplayName("a simulated gateway's latency reads 'simulated: model', not a measured 0.0 us")
        void simulatedLatencyIsSaidSo() {
            HedgeFundAnalytics a = HedgeFundAnalytics.builder()
                    .executionModel(io.aria.core.paper.PaperBroker.builder().build().executionModel()).build();
            a.onExecution(Fixtures.fill("EURUSD", 0, 0), null);
            String s = a.report(Fixtures.flat(1000)).summary();
            assertTrue(s.contains("latency simulated: paper broker, latency none (instant fills)"), s);
            assertFalse(s.contains("0.0 us"), s);
        }
    }

    @Test
    void html_escapesEveryText() {
        HedgeFundAnalytics a = HedgeFundAnalytics.builder().build();
        String evil = "<script>alert('x')</script>&\"";
        a.onTradeClosed("EURUSD", Fixtures.decision(Regime.TREND, evil, 1.0), 5, T0);
        a.onExecution(Fixtures.notFilled("EURUSD", ExecutionStatus.REJECTED, TradeReturnCode.INVALID_STOPS, 10), null);
        String html = a.report(Fixtures.snapshot(1000, List.of(Fixtures.position(1, "EURUSD", Side.BUY, 1, 1.1)))).toHtml();
        assertFalse(html.contains("<script"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;"), html);
        assertTrue(html.contains("invalid stops in the request"));
        assertTrue(html.contains("EURUSD"));
    }

    @Test
    void json_roundTripsTheFigures() throws Exception {
        HedgeFundAnalytics a = HedgeFundAnalytics.builder().build();
        a.onEquity(100, T0);
        a.onEquity(90, T0 + 60_000);
        a.onTradeClosed("EURUSD", Fixtures.decision(Regime.RANGE, "A", 0.5, "B", 0.5), -10, T0);
        JsonNode j = new ObjectMapper().readTree(a.report(Fixtures.flat(90)).toJson());
        assertEquals(-0.1, j.at("/performance/totalReturn").asDouble(), 1e-12);
        assertEquals(0.1, j.at("/performance/maxDrawdown/share").asDouble(), 1e-12);
        assertEquals(-5, j.at("/attribution/models/0/byRegime/RANGE/attributedProfit").asDouble(), 1e-12);
        assertEquals("A", j.at("/attribution/models/0/model").asText());
        assertEquals(0.1, j.at("/risk/tail/1/valueAtRisk").asDouble(), 1e-12);
    }
}
