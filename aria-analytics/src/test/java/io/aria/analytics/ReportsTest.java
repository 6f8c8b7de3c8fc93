package io.aria.analytics;

import static io.aria.analytics.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aria.core.AssetClass;
import io.aria.core.ClosedTrade;
import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.PipelineSnapshot;
import io.aria.core.Regime;
import io.aria.core.Side;
import io.aria.core.Tick;
import io.aria.core.TradeReturnCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {

    static final long DAY = 86_400_000L;
    static final List<String> SYMBOLS = List.of("EURUSD", "USDJPY", "EURJPY", "XAUUSD", "BTCUSD", "SPX500");

    /** A 40-day run: six symbols quoted every hour, equity every hour, a trade a day, a fill a trade. */
    static HedgeFundAnalytics run(long seed) {
        HedgeFundAnalytics a = HedgeFundAnalytics.builder().benchmark("SPX500").feePerLot(3.5)
                .executionModel("paper broker, latency none").build();
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] px = {1.08, 150, 162, 2300, 60_000, 5000};
        double eq = 100_000;
        String[] models = {"momentum", "meanReversion", "breakout"};
        for (int h = 0; h < 40 * 24; h++) {
            long t = T0 + h * 3_600_000L;
            double common = rnd.nextDouble(-0.004, 0.0042);
            for (int i = 0; i < px.length; i++) {
                px[i] *= 1 + common * (i % 2 == 0 ? 1 : -0.5) + rnd.nextDouble(-0.003, 0.003);
                a.onTick(new Tick(SYMBOLS.get(i), t, px[i] * 0.9999, px[i] * 1.0001, 1));
            }
            if (h % 24 == 12) {
                int k = (h / 24) % SYMBOLS.size();
                double profit = Math.rint(rnd.nextDouble(-400, 450));
                a.onExecution(new ExecutionReport("c" + h, SYMBOLS.get(k), Side.SELL, ExecutionStatus.FILLED, h, h, h, 1, 1,
                        px[k], px[k] * 1.00001, px[k] * 0.00001, 250_000 + rnd.nextInt(50_000), TradeReturnCode.DONE, "done", t),
                        null);
                a.onTradeClosed(new ClosedTrade(SYMBOLS.get(k), Side.BUY, h, 1, t - 3_600_000L, px[k], t, px[k], profit,
                        3_600_000L, Math.abs(profit) / 2, Math.abs(profit), ClosedTrade.ExitReason.SIGNAL, false, "c" + h,
                        Fixtures.decision(Regime.values()[h / 24 % 3], models[h / 24 % 3], 0.6, models[(h / 24 + 1) % 3], 0.4)));
                eq += profit;
            }
            a.onEquity(eq + rnd.nextDouble(-50, 50), t);
        }
        return a;
    }

    static RunInfo info() {
        return RunInfo.builder("backtest").symbols(SYMBOLS).period(T0, T0 + 40 * DAY).seed(7)
                .riskConfigJson("{\"maxDailyLoss\":0.05,\"leverage\":{\"FOREX\":10}}")
                .classLimits(Map.of(AssetClass.FOREX, 10.0, AssetClass.CRYPTO, 2.0, AssetClass.INDEX, 5.0))
                .setting("data", "ticks/eurusd.csv").build();
    }

    static PipelineSnapshot end() {
        return Fixtures.snapshot(100_500, List.of(Fixtures.position(1, "EURJPY", Side.BUY, 1, 162),
                Fixtures.position(2, "BTCUSD", Side.SELL, 0.5, 60_000)));
    }

    static JsonNode read(Path p) throws IOException {
        return new ObjectMapper().readTree(Files.readString(p));
    }

    @Test
    @DisplayName("report.json holds every figure and the series behind them")
    void jsonHoldsFiguresAndSeries(@TempDir Path dir) throws IOException {
        ReportFiles f = run(1).writeReports(dir.resolve("data"), info(), end());
        assertEquals(dir.resolve("data/report.json"), f.json());
        assertEquals(dir.resolve("data/report.html"), f.html());
        String text = Files.readString(f.json());
        assertFalse(text.contains("NaN") || text.contains("Infinity") || text.matches("(?s).*[^0-9]-0\\.0[^0-9].*"), text);
        JsonNode j = read(f.json());
        assertEquals("aria-report/1", j.path("format").asText());
        assertEquals(25, j.at("/statistics/lean").size());
        assertEquals("Total Orders", j.at("/statistics/lean/0/name").asText());
        assertEquals(40, j.at("/statistics/lean/0/value").asInt());
        assertTrue(j.at("/statistics/lean/9/value").isNumber(), "40 days give a Sharpe ratio");
        assertEquals(41, j.at("/series/daily/date").size(), "40 days from 10:00 on the first: 41 closes");
        assertEquals(41, j.at("/series/daily/returns").size());
        assertEquals(j.at("/series/daily/equity").size(), j.at("/series/daily/benchmark").size());
        assertTrue(j.at("/series/equity/epochMillis").size() > 100);
        assertEquals(40, j.at("/closedTrades").size());
        assertEquals(3, j.at("/attribution/byModel").size());
        assertEquals(3, j.at("/attribution/byRegime").size());
        assertEquals(6, j.at("/attribution/bySymbol").size());
        assertEquals(10.0, j.at("/exposure/0/limit").asDouble(), "FOREX's limit");
        assertTrue(j.at("/exposure/0/grossLeverage").asDouble() > 1.0, "one lot of EURJPY over 100,500");
        assertEquals(6, j.at("/correlation/symbols").size());
        assertEquals(1.0, j.at("/correlation/matrix/0/0").asDouble(), 1e-12);
        assertEquals(0.05, j.at("/run/riskConfig/maxDailyLoss").asDouble(), "the risk config as JSON, not text");
        assertEquals(7, j.at("/run/seed").asInt());
        assertEquals("paper broker, latency none", j.at("/execution/simulatedModel").asText());
        assertEquals(j.at("/analytics/performance/endEquity").asDouble(), 100_500, 1e-9, "the final equity");
        // anyone can recompute: the net profit from the daily closes
        JsonNode eq = j.at("/series/daily/equity");
        double start = j.at("/series/daily/startEquity").asDouble();
        assertEquals(eq.get(eq.size() - 1).asDouble() / start - 1, j.at("/statistics/lean/8/value").asDouble(), 1e-12);
    }

    @Test
    @DisplayName("the same run gives the same files, byte for byte")
    void deterministic(@TempDir Path dir) throws IOException {
        ReportFiles a = run(3).writeReports(dir.resolve("a"), info(), end());
        ReportFiles b = run(3).writeReports(dir.resolve("b"), info(), end());
        assertArrayEquals(Files.readAllBytes(a.json()), Files.readAllBytes(b.json()));
        assertArrayEquals(Files.readAllBytes(a.html()), Files.readAllBytes(b.html()));
    }

    @Test
    @DisplayName("the page is self-contained: uPlot inlined, no URL to fetch")
    void selfContained(@TempDir Path dir) throws IOException {
        String html = Files.readString(run(1).writeReports(dir, info(), end()).html());
        assertTrue(html.contains("uPlot"), "uPlot is inlined");
        assertFalse(html.matches("(?s).*<(script|link|img)[^>]+(src|href)=.*"), "nothing is loaded from elsewhere");
        assertFalse(html.replace("https://github.com/leeoniya/uPlot", "").matches("(?s).*https?://.*"),
                "no URL but uPlot's licence header");
    }

    @Test
    @DisplayName("an evil symbol or setting is escaped in the page and cannot end the data block")
    void escapes(@TempDir Path dir) throws IOException {
        RunInfo evil = RunInfo.builder("<script>alert(1)</script>").symbols(List.of("</script><b>x"))
                .setting("a</script>", "<img src=x onerror=alert(1)>").build();
        String html = Files.readString(run(1).writeReports(dir, evil, end()).html());
        assertFalse(html.contains("<script>alert(1)"), "escaped in the markup");
        assertFalse(html.contains("</script><b>x"), "the JSON block escapes </");
        assertFalse(html.contains("<img src=x"));
    }

    @Test
    @DisplayName("a folder that cannot be created is one IOException naming the path")
    void unwritableFolder(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        IOException e = assertThrows(IOException.class, () -> run(1).writeReports(file.resolve("data"), info(), end()));
        assertTrue(e.getMessage().contains(file.resolve("data").toString()), e.getMessage());
    }

    @Test
    @DisplayName("existing reports are replaced whole, and no temporary file is left behind")
    void replacesWhole(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("report.json"), "old");
        ReportFiles f = run(1).writeReports(dir, info(), end());
        assertTrue(Files.readString(f.json()).startsWith("{"));
        try (var s = Files.list(dir)) {
            assertEquals(List.of("report.html", "report.json"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void withoutASnapshotTheLatestSampleIsTheEnd(@TempDir Path dir) throws IOException {
        HedgeFundAnalytics a = HedgeFundAnalytics.builder().build();
        a.onEquity(1000, T0);
        a.onEquity(1010, T0 + 60_000);
        JsonNode j = read(a.writeReports(dir, RunInfo.builder("paper").build()).json());
        assertEquals(1010, j.at("/analytics/performance/endEquity").asDouble());
        assertEquals("not enough data (1 day)", j.at("/statistics/lean/9/reason").asText());
        assertTrue(j.at("/statistics/lean/9/value").isNull());
    }

    @Test
    void runInfoRejectsBadInputWithTheFieldAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunInfo.builder("x").classLimits(Map.of(AssetClass.FOREX, -1.0)).build());
        assertEquals("classLimits.FOREX must be > 0 and finite, was -1.0", e.getMessage());
        assertEquals("command must not be blank, was ' '",
                assertThrows(IllegalArgumentException.class, () -> RunInfo.builder(" ").build()).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RunInfo.builder("x").period(10, 5).build())
                .getMessage().startsWith("endEpochMillis must be >= startEpochMillis (10), was 5"));
    }

    @Test
    @DisplayName("reports written while the event loop keeps feeding are each whole and consistent")
    void writtenWhileFed(@TempDir Path dir) throws Exception {
        HedgeFundAnalytics a = HedgeFundAnalytics.builder().maxTrades(500).build();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread loop = new Thread(() -> {
            long t = T0;
            double eq = 100_000;
            for (int n = 0; n < 200_000 && !stop.get(); n++) {
                t += 60_000;
                a.onTick(new Tick("USDJPY", t, 150, 150.01, 1));
                a.onTradeClosed(new ClosedTrade("EURUSD", Side.BUY, 1, 1, t - 1, 1.1, t, 1.1, 1, 1, 0, 0,
                        ClosedTrade.ExitReason.SIGNAL, false, "", null));
                eq += 1;
                a.onEquity(eq, t);
            }
        });
        loop.start();
        try {
            for (int k = 0; k < 20; k++) {
                JsonNode j = read(a.writeReports(dir, RunInfo.builder("paper").build(), Fixtures.flat(100_000)).json());
                int trades = j.at("/closedTrades").size() + j.at("/closedTradesNotListed").asInt();
                assertEquals(trades, j.at("/attribution/bySymbol/0/trades").asInt(trades), "one moment for every part");
                assertEquals(trades, j.at("/statistics/more/0/value").asInt(trades), "Closed Trades");
            }
        } finally {
            stop.set(true);
            loop.join(60_000);
        }
    }
}
