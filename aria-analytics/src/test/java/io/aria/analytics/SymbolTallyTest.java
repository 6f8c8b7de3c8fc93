package io.aria.analytics;

import static io.aria.analytics.Fixtures.fill;
import static io.aria.analytics.Fixtures.notFilled;
import static io.aria.analytics.Fixtures.partial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.analytics.PerformanceReport.TradeStats;
import io.aria.core.ExecutionStatus;
import io.aria.core.Side;
import io.aria.core.TradeEvent;
import io.aria.core.TradeReturnCode;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("the per-symbol tally of HedgeFundAnalytics")
class SymbolTallyTest {

    private static final io.aria.core.Decision ENTRY = Fixtures.decision(io.aria.core.Regime.TREND, "momentum", 1.0);

    private static TradeEvent stopLoss(String symbol) {
        return new TradeEvent(TradeEvent.Kind.STOP_LOSS, symbol, 7, 0, Side.SELL, 1, 1.1, -3, "", Fixtures.T0);
    }

    @Nested
    @DisplayName("counts")
    class Counts {
        final HedgeFundAnalytics analytics = HedgeFundAnalytics.builder().build();

        @Test
        void fillsRejectsBrokerClosesAndTrades_perSymbol_inSymbolOrder() {
            analytics.onExecution(fill("XAUUSD", 0, 1), null);
            analytics.onExecution(partial("XAUUSD", 2, 1, 2), null);
            analytics.onExecution(notFilled("XAUUSD", ExecutionStatus.REJECTED, TradeReturnCode.NO_MONEY, 3), null);
            analytics.onExecution(notFilled("XAUUSD", ExecutionStatus.ERROR, TradeReturnCode.CONNECTION, 4), null);
            analytics.onExecution(notFilled("XAUUSD", ExecutionStatus.UNKNOWN, TradeReturnCode.ARIA_UNKNOWN, 5), null);
            analytics.onTradeEvent(stopLoss("XAUUSD"));
            analytics.onTradeClosed("XAUUSD", ENTRY, 10, Fixtures.T0);
            analytics.onTradeClosed("XAUUSD", ENTRY, -4, Fixtures.T0);
            analytics.onTradeClosed("XAUUSD", ENTRY, 0, Fixtures.T0);
            analytics.onTradeEvent(stopLoss("AUDUSD")); // a symbol seen only through a broker-side close
            analytics.onExecution(fill("EURUSD", 0, 6), null); // only through a fill

            Map<String, SymbolTally> t = analytics.bySymbol();
            assertEquals(List.of("AUDUSD", "EURUSD", "XAUUSD"), List.copyOf(t.keySet()));
            SymbolTally xau = t.get("XAUUSD");
            assertEquals(2, xau.fills(), "full and partial fills");
            assertEquals(3, xau.rejects(), "rejected, error and unknown fill nothing");
            assertEquals(1, xau.brokerCloses());
            assertEquals(3, xau.trades().trades());
            assertEquals(1, xau.trades().wins(), "a zero-profit trade is no win");
            assertEquals(6, xau.trades().totalProfit(), 1e-12);
            assertEquals(new SymbolTally("AUDUSD", 0, 0, 1, t.get("AUDUSD").trades()), t.get("AUDUSD"));
            assertEquals(0, t.get("AUDUSD").trades().trades());
            assertEquals(1, t.get("EURUSD").fills());
            assertEquals(0, t.get("EURUSD").trades().trades());
        }

        @Test
        void aTradeWithoutASymbol_countsOverallOnly_andNonFiniteProfitsAreIgnored() {
            analytics.onTradeClosed(null, ENTRY, 5, Fixtures.T0);
            analytics.onTradeClosed("EURUSD", ENTRY, Double.NaN, Fixtures.T0);
            analytics.onTradeClosed("EURUSD", ENTRY, Double.POSITIVE_INFINITY, Fixtures.T0);
            assertEquals(1, analytics.performance().trades().trades());
            assertTrue(analytics.bySymbol().isEmpty(), analytics.bySymbol().toString());
        }

        @Test
        void theAnswerIsAnImmutableCopy() {
            analytics.onExecution(fill("EURUSD", 0, 1), null);
            Map<String, SymbolTally> before = analytics.bySymbol();
            analytics.onExecution(fill("EURUSD", 0, 2), null);
            assertEquals(1, before.get("EURUSD").fills());
            assertEquals(2, analytics.bySymbol().get("EURUSD").fills());
            assertThrows(UnsupportedOperationException.class, () -> before.remove("EURUSD"));
        }

        @Test
        void badValues_nameTheField() {
            TradeStats none = HedgeFundAnalytics.builder().build().performance().trades();
            assertEquals("symbol must not be blank, was ' '", assertThrows(IllegalArgumentException.class,
                    () -> new SymbolTally(" ", 0, 0, 0, none)).getMessage());
            assertTrue(assertThrows(IllegalArgumentException.class, () -> new SymbolTally("EURUSD", -1, 0, 0, none))
                    .getMessage().contains("fills"));
            assertThrows(NullPointerException.class, () -> new SymbolTally("EURUSD", 0, 0, 0, null));
        }
    }

    @Property(tries = 100)
    @Label("per-symbol tallies add up to the overall trade figures and the execution statistics")
    void tallies_addUpToTheOverallFigures(@ForAll long seed) {
        HedgeFundAnalytics analytics = HedgeFundAnalytics.builder().build();
        Random r = new Random(seed);
        String[] symbols = {"EURUSD", "XAUUSD", "BTCUSD", "US30"};
        long events = 0;
        for (int i = 0; i < 200; i++) {
            String s = symbols[r.nextInt(symbols.length)];
            switch (r.nextInt(5)) {
                case 0 -> analytics.onExecution(fill(s, r.nextGaussian() * 1e-5, i), null);
                case 1 -> analytics.onExecution(notFilled(s, ExecutionStatus.REJECTED, TradeReturnCode.REQUOTE, i), null);
                case 2 -> {
                    analytics.onTradeEvent(stopLoss(s));
                    events++;
                }
                default -> analytics.onTradeClosed(s, ENTRY, Math.round(r.nextGaussian() * 100) / 4.0, Fixtures.T0 + i);
            }
        }
        Map<String, SymbolTally> t = analytics.bySymbol();
        TradeStats all = analytics.performance().trades();
        ExecutionStatistics ex = analytics.execution();
        assertEquals(all.trades(), t.values().stream().mapToLong(x -> x.trades().trades()).sum());
        assertEquals(all.wins(), t.values().stream().mapToLong(x -> x.trades().wins()).sum());
        assertEquals(all.totalProfit(), t.values().stream().mapToDouble(x -> x.trades().totalProfit()).sum(), 1e-6);
        assertEquals(events, t.values().stream().mapToLong(SymbolTally::brokerCloses).sum());
        for (SymbolTally x : t.values()) {
            ExecutionStatistics.Figures f = ex.bySymbol().get(x.symbol());
            assertEquals(f == null ? 0 : f.orders(), x.fills() + x.rejects(), x.symbol());
        }
    }
}
