package io.aria.analytics;

import static io.aria.analytics.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.analytics.ExecutionStatistics.Figures;
import io.aria.core.ExecutionStatus;
import io.aria.core.Regime;
import io.aria.core.Side;
import io.aria.core.TradeReturnCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {

    static final int EVENTS = 20_000;

    @Test
    @DisplayName("readers on other threads always see reports consistent with themselves while one thread writes")
    void oneWriterSeveralReaders() throws Exception {
        HedgeFundAnalytics a = HedgeFundAnalytics.builder().maxPoints(64).build();
        var snapshot = Fixtures.snapshot(100_000, List.of(Fixtures.position(1, "EURUSD", Side.BUY, 1, 1.1)));
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < EVENTS; i++) {
                    long t = T0 + i * 1000L;
                    a.onEquity(100_000 + (i % 97) * 10 - (i % 13) * 25, t);
                    // every event is one trade and one execution: the two counts move together
                    a.onTradeClosed("EURUSD", Fixtures.decision(Regime.values()[i % 3], "A", 0.6, "B", 0.4),
                            (i % 5) - 2, t);
                    a.onExecution(i % 4 == 0
                            ? Fixtures.notFilled(i % 8 == 0 ? "EURUSD" : "XAUUSD", ExecutionStatus.REJECTED,
                                    TradeReturnCode.REQUOTE, i)
                            : Fixtures.fill(i % 2 == 0 ? "EURUSD" : "XAUUSD", 0.00001 * (i % 7), 1_000 + i), null);
                }
                done.set(true);
            }, pool);
            List<CompletableFuture<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                readers.add(CompletableFuture.supplyAsync(() -> {
                    int reads = 0;
                    long lastTrades = -1;
                    do {
                        AnalyticsReport rep = a.report(snapshot);
                        long trades = rep.performance().trades().trades();
                        assertTrue(trades >= lastTrades, "trades never go back");
                        lastTrades = trades;
                        assertEquals(trades, rep.attribution().attributedTrades(), "one moment for all parts");
                        Figures all = rep.execution().overall();
                        assertTrue(Math.abs(all.orders() - trades) <= 1, "orders " + all.orders() + " trades " + trades);
                        long bySymbol = rep.execution().bySymbol().values().stream().mapToLong(Figures::orders).sum();
                        assertEquals(all.orders(), bySymbol);
                        double models = rep.attribution().models().stream()
                                .mapToDouble(m -> m.total().attributedProfit()).sum();
                        assertEquals(rep.attribution().attributedProfit(), models, 1e-6);
                        assertEquals(rep.performance().trades().totalProfit(), rep.attribution().attributedProfit(), 1e-6);
                        assertTrue(rep.performance().returns() <= 63);
                        reads++;
                    } while (!done.get());
                    return reads;
                }, pool));
            }
            writer.get(30, TimeUnit.SECONDS);
            for (CompletableFuture<Integer> r : readers) {
                assertTrue(r.get(30, TimeUnit.SECONDS) >= 1);
            }
            AnalyticsReport last = a.report(snapshot);
            assertEquals(EVENTS, last.performance().trades().trades());
            assertEquals(EVENTS, last.execution().overall().orders());
            assertEquals(EVENTS / 4, last.execution().overall().rejected());
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }
}
