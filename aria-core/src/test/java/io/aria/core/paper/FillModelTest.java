package io.aria.core.paper;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AssetCatalog;
import io.aria.core.AssetSpec;
import io.aria.core.CurrencyConverter;
import io.aria.core.OrderRequest;
import io.aria.core.Side;
import io.aria.core.Tick;
import io.aria.core.TradeReturnCode;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("FillModel")
class FillModelTest {

    private static final AssetCatalog CATALOG = AssetCatalog.defaults();
    private static final AssetSpec EURUSD = CATALOG.spec("EURUSD");
    private static final long WED = Instant.parse("2024-01-03T12:00:00Z").toEpochMilli();
    private static final long SAT = Instant.parse("2024-01-06T12:00:00Z").toEpochMilli();
    private static final Tick QUOTE = new Tick("EURUSD", WED, 1.10000, 1.10012, 1);

    private static FillModel.Account account(double freeMargin) {
        CurrencyConverter c = new CurrencyConverter(CATALOG, "USD");
        c.update(QUOTE);
        return new FillModel.Account(100_000, 100_000, freeMargin, 100, c);
    }

    private static FillModel.Outcome run(FillModel m, OrderRequest r, Tick t, long time) {
        return m.execute(r, t, CATALOG.find(r.symbol()).orElse(null), account(100_000), time);
    }

    private static int code(FillModel.Outcome o) {
        return o.returnCode();
    }

    @Nested
    @DisplayName("rejects in MT5's order")
    class Order {

        private final FillModel model = FillModel.ideal();

        @Test
        @DisplayName("no quote comes before everything else")
        void noQuote_first() {
            OrderRequest bad = OrderRequest.market("a", "EURUSD", Side.BUY, 0.015, 1.1).withStops(2, 0);
            assertEquals(TradeReturnCode.PRICE_OFF, code(run(model, bad, null, SAT)));
            assertEquals(TradeReturnCode.PRICE_OFF,
                    code(model.execute(bad, QUOTE, null, account(100_000), WED)), "unknown symbol");
            assertEquals(TradeReturnCode.PRICE_OFF,
                    code(run(model, bad, new Tick("EURUSD", WED, 1.2, 1.1, 0), WED)), "crossed quote");
        }

        @Test
        @DisplayName("market closed comes before invalid volume")
        void closed_beforeVolume() {
            OrderRequest bad = OrderRequest.market("a", "EURUSD", Side.BUY, 0.015, 1.1).withStops(2, 0);
            assertEquals(TradeReturnCode.MARKET_CLOSED, code(run(model, bad, QUOTE, SAT)));
        }

        @Test
        @DisplayName("invalid volume comes before invalid stops, which come before no money")
        void volume_stops_money() {
            OrderRequest offStep = OrderRequest.market("a", "EURUSD", Side.BUY, 100.005, 1.1).withStops(2, 0);
            assertEquals(TradeReturnCode.INVALID_VOLUME, code(run(model, offStep, QUOTE, WED)));
            OrderRequest hugeBadStops = OrderRequest.market("a", "EURUSD", Side.BUY, 100, 1.1).withStops(2, 0);
            assertEquals(TradeReturnCode.INVALID_STOPS, code(run(model, hugeBadStops, QUOTE, WED)));
            OrderRequest huge = OrderRequest.market("a", "EURUSD", Side.BUY, 100, 1.1);
            assertEquals(TradeReturnCode.NO_MONEY, code(run(model, huge, QUOTE, WED)));
        }

        @Test
        @DisplayName("stops are measured from the bid for buys and from the ask for sells, at the stops level")
        void stopsLevel() {
            // level 10 points = 0.00010
            OrderRequest buyAtLevel = OrderRequest.market("a", "EURUSD", Side.BUY, 1, 1.10012).withStops(1.09990, 1.10010);
            assertInstanceOf(FillModel.Filled.class, run(model, buyAtLevel, QUOTE, WED));
            OrderRequest buyInside = OrderRequest.market("a", "EURUSD", Side.BUY, 1, 1.10012).withStops(1.09991, 0);
            FillModel.Outcome inside = run(model, buyInside, QUOTE, WED);
            assertEquals(TradeReturnCode.INVALID_STOPS, code(inside));
            assertEquals("stopLoss 1.09991 of a buy must be at least 10 points below the bid 1.1",
                    ((FillModel.Rejected) inside).message());
            OrderRequest sellAtLevel = OrderRequest.market("a", "EURUSD", Side.SELL, 1, 1.1).withStops(1.10022, 1.10002);
            assertInstanceOf(FillModel.Filled.class, run(model, sellAtLevel, QUOTE, WED));
            OrderRequest sellTpAbove = OrderRequest.market("a", "EURUSD", Side.SELL, 1, 1.1).withStops(0, 1.2);
            assertEquals(TradeReturnCode.INVALID_STOPS, code(run(model, sellTpAbove, QUOTE, WED)));
        }

        @Test
        @DisplayName("volume that closes an opposite position needs no margin")
        void offsetVolume_needsNoMargin() {
            OrderRequest close = OrderRequest.market("a", "EURUSD", Side.SELL, 50, 1.1);
            FillModel.Account poor = account(10);
            assertEquals(TradeReturnCode.NO_MONEY, code(model.execute(close, QUOTE, EURUSD, poor, 0, WED)));
            FillModel.Outcome o = model.execute(close, QUOTE, EURUSD, poor, 50, WED);
            FillModel.Filled f = assertInstanceOf(FillModel.Filled.class, o);
            assertEquals(0, f.margin(), 0.0);
        }
    }

    @Nested
    @DisplayName("fills")
    class Fills {

        @Test
        @DisplayName("a buy fills at the ask, a sell at the bid, with MT5's margin")
        void buyAsk_sellBid() {
            FillModel m = FillModel.ideal();
            FillModel.Filled b = assertInstanceOf(FillModel.Filled.class,
                    run(m, OrderRequest.market("a", "EURUSD", Side.BUY, 1, 1.10012), QUOTE, WED));
            FillModel.Filled s = assertInstanceOf(FillModel.Filled.class,
                    run(m, OrderRequest.market("b", "EURUSD", Side.SELL, 1, 1.10000), QUOTE, WED));
            assertAll(() -> assertEquals(1.10012, b.price(), 1e-12),
                    () -> assertEquals(0, b.slippage(), 1e-12),
                    () -> assertEquals(1100.12, b.margin(), 1e-6),
                    () -> assertEquals(TradeReturnCode.DONE, b.returnCode()),
                    () -> assertEquals(1.10000, s.price(), 1e-12),
                    () -> assertEquals(1.0, s.volume(), 0.0));
        }

        @Test
        @DisplayName("slippage is reported against the requested price, positive when adverse")
        void slippage_againstRequested() {
            FillModel m = FillModel.builder().slippage(SlippageModel.fixedPoints(3)).build();
            FillModel.Filled b = assertInstanceOf(FillModel.Filled.class,
                    run(m, OrderRequest.market("a", "EURUSD", Side.BUY, 1, 1.10012), QUOTE, WED));
            FillModel.Filled s = assertInstanceOf(FillModel.Filled.class,
                    run(m, OrderRequest.market("b", "EURUSD", Side.SELL, 1, 1.10000), QUOTE, WED));
            assertEquals(1.10015, b.price(), 1e-12);
            assertEquals(0.00003, b.slippage(), 1e-12);
            assertEquals(1.09997, s.price(), 1e-12);
            assertEquals(0.00003, s.slippage(), 1e-12);
        }

        @Test
        @DisplayName("instant execution requotes beyond the deviation; market execution fills")
        void instantExecution_requotes() {
            OrderRequest stale = OrderRequest.market("a", "EURUSD", Side.BUY, 1, 1.10000); // deviation 10 points
            FillModel instant = FillModel.builder().instantExecution(true).build();
            assertEquals(TradeReturnCode.REQUOTE, code(run(instant, stale, QUOTE, WED)), "12 points away");
            OrderRequest near = OrderRequest.market("b", "EURUSD", Side.BUY, 1, 1.10002);
            assertInstanceOf(FillModel.Filled.class, run(instant, near, QUOTE, WED), "10 points away");
            assertInstanceOf(FillModel.Filled.class, run(FillModel.ideal(), stale, QUOTE, WED));
        }
    }

    @Test
    @DisplayName("the models refuse bad parameters, naming them")
    void models_validate() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SlippageModel.fixedPoints(-1))
                .getMessage().contains("points must be >= 0, was -1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SlippageModel.spreadShare(-0.5))
                .getMessage().contains("share"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LatencyModel.random(5, 1, 0))
                .getMessage().contains("maxMillis"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PartialFillModel.fraction(0))
                .getMessage().contains("share must be in (0, 1], was 0.0"));
    }

    @Test
    @DisplayName("the latency models say what they are, so a report can print 'simulated: ...' instead of a measured 0")
    void latencyModelsDescribeThemselves() {
        assertEquals("none (instant fills)", LatencyModel.none().describe());
        assertEquals("fixed 5 ms", LatencyModel.fixed(5).describe());
        assertEquals("uniform 1-9 ms (seed 3)", LatencyModel.random(1, 9, 3).describe());
        assertEquals("custom", ((LatencyModel) () -> 2L).describe());
        assertEquals(5, LatencyModel.fixed(5).nextMillis());
        assertEquals("paper broker, latency none (instant fills)", PaperBroker.builder().build().executionModel());
        assertEquals("paper broker, latency fixed 20 ms", PaperBroker.builder()
                .fillModel(FillModel.builder().latency(LatencyModel.fixed(20)).build()).build().executionModel());
    }
}
