package io.aria.analytics;

import static io.aria.analytics.Fixtures.fill;
import static io.aria.analytics.Fixtures.notFilled;
import static io.aria.analytics.Fixtures.partial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.analytics.ExecutionStatistics.Distribution;
import io.aria.analytics.ExecutionStatistics.Figures;
import io.aria.analytics.ExecutionStatistics.RejectionCount;
import io.aria.core.ExecutionStatus;
import io.aria.core.TradeReturnCode;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ExecutionTest {

    final HedgeFundAnalytics analytics = HedgeFundAnalytics.builder().build();

    @Nested
    @DisplayName("outcomes")
    class Outcomes {
        @Test
        void countsFillRateAndRejectionsByCode_overallAndPerSymbol() {
            analytics.onExecution(fill("EURUSD", 0.00002, 1_000), null);
            analytics.onExecution(fill("EURUSD", -0.00001, 2_000), null);
            analytics.onExecution(partial("XAUUSD", 2, 0.5, 3_000), null);
            analytics.onExecution(notFilled("EURUSD", ExecutionStatus.REJECTED, TradeReturnCode.NO_MONEY, 4_000), null);
            analytics.onExecution(notFilled("XAUUSD", ExecutionStatus.REJECTED, TradeReturnCode.NO_MONEY, 5_000), null);
            analytics.onExecution(notFilled("XAUUSD", ExecutionStatus.REJECTED, TradeReturnCode.MARKET_CLOSED, 6_000), null);
            analytics.onExecution(notFilled("EURUSD", ExecutionStatus.ERROR, TradeReturnCode.CONNECTION, 7_000), null);
            analytics.onExecution(notFilled("EURUSD", ExecutionStatus.UNKNOWN, TradeReturnCode.ARIA_UNKNOWN, 8_000), null);

            ExecutionStatistics s = analytics.execution();
            Figures all = s.overall();
            assertEquals(8, all.orders());
            assertEquals(2, all.filled());
            assertEquals(1, all.partiallyFilled());
            assertEquals(3, all.rejected());
            assertEquals(1, all.errors());
            assertEquals(1, all.unknown());
            assertEquals(3 / 8.0, all.fillRate(), 1e-12);
            assertEquals(2.5 / 9, all.volumeFillRatio(), 1e-12, "2.5 of 9 lots requested");
            assertEquals(List.of(
                    new RejectionCount(TradeReturnCode.NO_MONEY, "there is not enough money to complete the request", 2),
                    new RejectionCount(TradeReturnCode.ARIA_UNKNOWN, "outcome unknown", 1),
                    new RejectionCount(TradeReturnCode.MARKET_CLOSED, "market is closed", 1),
                    new RejectionCount(TradeReturnCode.CONNECTION, "no connection with the trade server", 1)),
                    all.rejectionsByCode(), "most frequent first, then by code");
            assertEquals(List.of("EURUSD", "XAUUSD"), List.copyOf(s.bySymbol().keySet()));
            assertEquals(5, s.bySymbol().get("EURUSD").orders());
            assertEquals(0.5 / 4, s.bySymbol().get("XAUUSD").volumeFillRatio(), 1e-12, "0.5 of 2 + 1 + 1 lots");
        }

        @Test
        void slippageIsInPointsOfTheSymbol_forFillsOnly() {
            analytics.onExecution(fill("EURUSD", 0.00002, 1_000), null); // 2 points of 0.00001
            analytics.onExecution(fill("EURUSD", -0.00001, 1_000), null); // 1 point better
            analytics.onExecution(fill("USDJPY", 0.005, 1_000), null); // 5 points of 0.001
            analytics.onExecution(notFilled("EURUSD", ExecutionStatus.REJECTED, TradeReturnCode.REQUOTE, 1_000), null);
            Distribution eur = analytics.execution().bySymbol().get("EURUSD").slippagePoints();
            assertEquals(2, eur.count());
            assertEquals(0.5, eur.mean(), 1e-9);
            assertEquals(-1, eur.min(), 1e-9);
            assertEquals(2, eur.max(), 1e-9, "the worst");
            Distribution all = analytics.execution().overall().slippagePoints();
            assertEquals(3, all.count());
            assertEquals(5, all.max(), 1e-9);
            assertEquals(2, all.p50(), 2 * 0.02, "median of -1, 2, 5");
        }

        @Test
        void emptyStatistics_areZeros() {
            ExecutionStatistics s = analytics.execution();
            assertEquals(0, s.overall().orders());
            assertEquals(0, s.overall().fillRate());
            assertEquals(Distribution.EMPTY, s.overall().latencyNanos());
            assertTrue(s.bySymbol().isEmpty());
        }
    }

    @Test
    @DisplayName("latency percentiles are within 2% of the nearest-rank percentiles of the sorted sample")
    void latencyPercentilesAgainstASortedArray() {
        Random rnd = new Random(42);
        long[] lat = new long[5_000];
        for (int i = 0; i < lat.length; i++) {
            lat[i] = (long) (50_000 * Math.exp(rnd.nextGaussian())); // log-normal around 50 µs
            analytics.onExecution(fill("EURUSD", 0, lat[i]), null);
        }
        long[] sorted = lat.clone();
        Arrays.sort(sorted);
        Distribution d = analytics.execution().overall().latencyNanos();
        assertEquals(5_000, d.count());
        assertEquals(sorted[0], d.min());
        assertEquals(sorted[sorted.length - 1], d.max(), "max is exact");
        double[] ps = {0.5, 0.9, 0.95, 0.99};
        double[] got = {d.p50(), d.p90(), d.p95(), d.p99()};
        for (int i = 0; i < ps.length; i++) {
            long exact = sorted[(int) Math.ceil(ps[i] * sorted.length) - 1];
            assertEquals(exact, got[i], exact * 0.02, "p" + ps[i]);
        }
        double mean = 0;
        for (long l : lat) {
            mean += l;
        }
        assertEquals(mean / lat.length, d.mean(), 1e-6);
    }
}
