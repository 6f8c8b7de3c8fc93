package io.aria.mt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AccountMode;
import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.Side;
import io.aria.core.TradingPipeline;
import io.aria.core.ensemble.Bar;
import io.aria.core.ensemble.WeightedEnsemble;
import io.aria.core.spi.AuditSink;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, the client: a catalog symbol the broker lacks is dropped and the rest trade; a
 * user-given symbol map and the common broker suffixes and prefixes find the broker's names.
 */
@DisplayName("broker symbol lists: a missing symbol is dropped, a mapped or decorated one is found")
class SymbolMappingTest {

    private static final List<String> WANTED = List.of("EURUSD", "XAUUSD", "US30");

    @Test
    @DisplayName("a terminal lacking US30: the connection and a pipeline start, US30 is dropped, the rest trade, bars(US30) fails without asking")
    void brokerLacksUs30_theRestTrade() throws Exception {
        try (Harness h = new Harness(b -> b.accountMode(AccountMode.HEDGING).symbols(List.of("EURUSD", "XAUUSD")),
                c -> c.symbols(WANTED))) {
            assertEquals(List.of("EURUSD", "XAUUSD"), h.connection.tradedSymbols());
            assertEquals(false, h.connection.session().orElseThrow().symbols().containsKey("US30"));
            long asked = h.terminal.requestsSeen();
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> h.connection.bars("US30", "M1", 10).get(15, TimeUnit.SECONDS));
            assertInstanceOf(IllegalArgumentException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("offers no symbol for US30"), e.getCause().getMessage());
            List<Bar> bars = h.connection.bars("EURUSD", "M1", 10).get(15, TimeUnit.SECONDS);
            assertEquals(10, bars.size());
            assertTrue(h.terminal.requestsSeen() - asked >= 1, "EURUSD's bars were asked");
            TradingPipeline pipeline = TradingPipeline.builder().catalog(h.connection.catalog())
                    .tickSource(h.connection.tickSource())
                    .ensemble(WeightedEnsemble.withDefaults(h.connection.catalog()))
                    .sizer((d, p) -> Optional.empty()).gateway(h.gateway).auditSink(AuditSink.noop())
                    .closeComponents(false).build();
            try {
                pipeline.start();
                ExecutionReport r = h.submit(h.market(Harness.cid("rest"), "XAUUSD", Side.BUY, 0.01));
                assertEquals(ExecutionStatus.FILLED, r.status(), r.toString());
                double[] q = h.terminal.quote("EURUSD");
                h.terminal.quote("EURUSD", q[0] + 0.0001, q[1] + 0.0001, Harness.WEDNESDAY.millis());
                Await.until(() -> pipeline.snapshot().counters().ticksIn() > 0, "ticks of the symbols the broker has");
            } finally {
                pipeline.close();
            }
            h.assertInvariants();
        }
    }

    @Test
    @DisplayName("a terminal naming US30 DJ30: with the map US30=DJ30 it trades; without it, it is dropped")
    void brokerCallsItDj30_theMapFindsIt() {
        try (Harness h = new Harness(b -> b.accountMode(AccountMode.HEDGING).symbols(WANTED).brokerName("US30", "DJ30"),
                c -> c.symbols(WANTED).symbolMap(Map.of("US30", "DJ30")))) {
            assertEquals(WANTED, h.connection.tradedSymbols());
            assertEquals("DJ30", h.connection.session().orElseThrow().symbols().get("US30").brokerName());
            ExecutionReport r = h.submit(h.market(Harness.cid("dj"), "US30", Side.BUY, 1));
            assertEquals(ExecutionStatus.FILLED, r.status(), r.toString());
            Await.until(() -> h.gateway.positions().stream().anyMatch(p -> p.symbol().equals("US30")),
                    "the DJ30 position booked as US30");
            h.assertInvariants();
        }
        try (Harness h = new Harness(b -> b.accountMode(AccountMode.HEDGING).symbols(WANTED).brokerName("US30", "DJ30"),
                c -> c.symbols(WANTED))) {
            assertEquals(List.of("EURUSD", "XAUUSD"), h.connection.tradedSymbols(), "DJ30 is not guessed");
        }
    }

    @Test
    @DisplayName("broker suffixes and prefixes are matched: .cash, #, -ECN, .r and lower case")
    void suffixesAndPrefixes_areMatched() {
        for (String suffix : List.of(".cash", "#", "-ECN", ".r")) {
            try (Harness h = new Harness(b -> b.accountMode(AccountMode.HEDGING).symbols(WANTED).brokerSuffix(suffix), c -> c.symbols(WANTED))) {
                assertEquals(WANTED, h.connection.tradedSymbols(), "suffix " + suffix);
                assertEquals("US30" + suffix, h.connection.session().orElseThrow().symbols().get("US30").brokerName());
                ExecutionReport r = h.submit(h.market(Harness.cid("sfx"), "US30", Side.SELL, 1));
                assertEquals(ExecutionStatus.FILLED, r.status(), suffix + ": " + r);
                h.assertInvariants();
            }
        }
        try (Harness h = new Harness(b -> b.accountMode(AccountMode.HEDGING).symbols(WANTED).brokerName("US30", "#US30")
                .brokerName("EURUSD", "eurusd"), c -> c.symbols(WANTED))) {
            assertEquals(WANTED, h.connection.tradedSymbols());
            assertEquals("#US30", h.connection.session().orElseThrow().symbols().get("US30").brokerName());
            assertEquals("eurusd", h.connection.session().orElseThrow().symbols().get("EURUSD").brokerName());
            assertEquals(ExecutionStatus.FILLED, h.submit(h.market(Harness.cid("pfx"), "US30", Side.BUY, 1)).status());
            h.assertInvariants();
        }
    }

    @Test
    @DisplayName("a symbol map naming a symbol outside the catalog, or a blank broker name, is refused naming it")
    void badSymbolMap_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Mt5Config.builder().symbolMap(Map.of("US31", "DJ30")).build());
        assertTrue(e.getMessage().startsWith("symbolMap: US31 is not a catalog symbol"), e.getMessage());
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
                () -> Mt5Config.builder().symbolMap(Map.of("US30", " ")).build());
        assertTrue(blank.getMessage().contains("US30"), blank.getMessage());
    }
}
