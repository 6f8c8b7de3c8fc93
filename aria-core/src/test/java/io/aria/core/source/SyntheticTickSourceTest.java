package io.aria.core.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AssetCatalog;
import io.aria.core.AssetSpec;
import io.aria.core.Tick;
import io.aria.core.spi.TickListener;
import io.aria.core.spi.TickSource;
import io.aria.core.testkit.TickSourceContract;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("SyntheticTickSource")
class SyntheticTickSourceTest {

    private static final AssetCatalog CATALOG = AssetCatalog.defaults();

    @Nested
    @DisplayName("as a finite TickSource")
    class FiniteContract extends TickSourceContract {
        @Override
        protected TickSource createSource() {
            return SyntheticTickSource.builder().seed(7).maxTicks(2_000).build();
        }
    }

    @Nested
    @DisplayName("as an endless, paced TickSource")
    class EndlessContract extends TickSourceContract {
        @Override
        protected TickSource createSource() {
            return SyntheticTickSource.builder().seed(7).symbols("EURUSD", "BTCUSD")
                    .tickInterval(Duration.ofMillis(100)).realTime(50).build();
        }

        @Override
        protected boolean isFinite() {
            return false;
        }

        @Override
        protected int sampleSize() {
            return 40;
        }
    }

    @Nested
    @DisplayName("determinism")
    class Determinism {
        @Test
        void sameSeed_sameTicks() {
            List<Tick> a = SyntheticTickSource.builder().seed(42).build().generate(5_000);
            List<Tick> b = SyntheticTickSource.builder().seed(42).build().generate(5_000);
            assertEquals(a, b);
        }

        @Test
        void differentSeeds_differentTicks() {
            List<Tick> a = SyntheticTickSource.builder().seed(1).build().generate(100);
            List<Tick> b = SyntheticTickSource.builder().seed(2).build().generate(100);
            assertNotEquals(a, b);
        }

        @Test
        @DisplayName("start(listener) delivers exactly what the pull API generates")
        void threadedEqualsPulled() throws Exception {
            List<Tick> pulled = SyntheticTickSource.builder().seed(9).maxTicks(3_000).build().generate(10_000);
            assertEquals(3_000, pulled.size());
            List<Tick> pushed = new ArrayList<>();
            CompletableFuture<Void> end = new CompletableFuture<>();
            try (SyntheticTickSource s = SyntheticTickSource.builder().seed(9).maxTicks(3_000).build()) {
                s.start(new TickListener() {
                    @Override
                    public void onTick(Tick tick) {
                        pushed.add(tick);
                    }

                    @Override
                    public void onEnd(TickSource source) {
                        end.complete(null);
                    }
                });
                end.get(10, TimeUnit.SECONDS);
            }
            assertEquals(pulled, pushed);
        }

        @Test
        void fillMatchesGenerate() {
            Tick[] arr = new Tick[500];
            int n = SyntheticTickSource.builder().seed(3).build().fill(arr);
            assertEquals(500, n);
            assertEquals(SyntheticTickSource.builder().seed(3).build().generate(500), List.of(arr));
        }

        @Test
        void factoryIsSeededWithAll21Symbols() {
            TickSource s = TickSource.synthetic(5);
            assertEquals(CATALOG.symbols(), s.symbols());
            assertEquals(((SyntheticTickSource) s).generate(50), ((SyntheticTickSource) TickSource.synthetic(5)).generate(50));
        }

        @Test
        void pullAfterStart_throws() {
            try (SyntheticTickSource s = SyntheticTickSource.builder().maxTicks(10).build()) {
                s.start(t -> { });
                assertThrows(IllegalStateException.class, s::next);
            }
        }
    }

    @Nested
    @DisplayName("prices and spreads")
    class Prices {
        private final List<Tick> ticks = SyntheticTickSource.builder().seed(11).openHoursOnly(false)
                .spreadWidening(0.02).build().generate(21 * 2_000);

        @Test
        void askAboveBid_andOnThePointGrid() {
            for (Tick t : ticks) {
                AssetSpec spec = CATALOG.spec(t.symbol());
                assertTrue(t.ask() > t.bid(), () -> "crossed or locked: " + t);
                assertTrue(t.bid() > 0, () -> "non-positive: " + t);
                assertEquals(spec.normalizePrice(t.bid()), t.bid(), 0.0, () -> "bid off the digits: " + t);
                assertEquals(spec.normalizePrice(t.ask()), t.ask(), 0.0, () -> "ask off the digits: " + t);
                assertTrue(t.checkValues() == null, () -> "invalid tick " + t);
            }
        }

        @Test
        void spreadsSitAroundTypical_andSometimesWiden() {
            Map<String, List<Double>> bySymbol = new HashMap<>();
            for (Tick t : ticks) {
                bySymbol.computeIfAbsent(t.symbol(), k -> new ArrayList<>()).add(t.spread());
            }
            for (AssetSpec spec : CATALOG.specs()) {
                List<Double> s = bySymbol.get(spec.symbol());
                s.sort(null);
                double median = s.get(s.size() / 2);
                double typical = spec.typicalSpread();
                assertTrue(median > 0.8 * typical && median < 1.2 * typical,
                        spec.symbol() + " median spread " + median + " vs typical " + typical);
                assertTrue(s.get(s.size() - 1) > 1.8 * typical, spec.symbol() + " spread never widened");
            }
        }

        @Test
        void startsAtTheDefaultPrices() {
            for (int i = 0; i < 21; i++) {
                Tick t = ticks.get(i);
                double expected = SyntheticTickSource.defaultStartPrice(t.symbol());
                assertEquals(expected, t.mid(), expected * 0.001, t.symbol());
            }
        }

        @Test
        void customStartPriceIsUsed() {
            Tick t = SyntheticTickSource.builder().symbols("XAUUSD").startPrice("XAUUSD", 1900)
                    .openHoursOnly(false).build().next();
            assertEquals(1900, t.mid(), 1.0);
        }
    }

    @Nested
    @DisplayName("statistics of the random walks")
    class Statistics {
        /** Hourly log returns of the mids, per symbol. */
        private Map<String, double[]> returns(SyntheticTickSource s, int steps) {
            List<String> syms = s.symbols();
            Map<String, double[]> r = new HashMap<>();
            double[] last = new double[syms.size()];
            for (String sym : syms) {
                r.put(sym, new double[steps]);
            }
            for (int step = -1; step < steps; step++) {
                for (int i = 0; i < syms.size(); i++) {
                    Tick t = s.next();
                    double m = Math.log(t.mid());
                    if (step >= 0) {
                        r.get(t.symbol())[step] = m - last[i];
                    }
                    last[i] = m;
                }
            }
            return r;
        }

        private double corr(double[] a, double[] b) {
            double ma = 0;
            double mb = 0;
            for (int i = 0; i < a.length; i++) {
                ma += a[i];
                mb += b[i];
            }
            ma /= a.length;
            mb /= b.length;
            double sab = 0;
            double saa = 0;
            double sbb = 0;
            for (int i = 0; i < a.length; i++) {
                sab += (a[i] - ma) * (b[i] - mb);
                saa += (a[i] - ma) * (a[i] - ma);
                sbb += (b[i] - mb) * (b[i] - mb);
            }
            return sab / Math.sqrt(saa * sbb);
        }

        @Test
        @DisplayName("returns follow the configured correlations and volatilities")
        void correlationsAndVolatilities() {
            SyntheticTickSource s = SyntheticTickSource.builder().seed(21).openHoursOnly(false)
                    .tickInterval(Duration.ofHours(1)).build();
            Map<String, double[]> r = returns(s, 4_000);
            assertEquals(-0.8, corr(r.get("EURUSD"), r.get("USDCHF")), 0.06);
            assertEquals(0.7, corr(r.get("EURUSD"), r.get("GBPUSD")), 0.06);
            assertEquals(0.85, corr(r.get("AUDUSD"), r.get("NZDUSD")), 0.06);
            assertEquals(0.8, corr(r.get("XAUUSD"), r.get("XAGUSD")), 0.06);
            assertEquals(0.9, corr(r.get("USOIL"), r.get("UKOIL")), 0.06);
            assertEquals(0.9, corr(r.get("US30"), r.get("SPX500")), 0.06);
            assertEquals(0.8, corr(r.get("BTCUSD"), r.get("ETHUSD")), 0.06);
            assertEquals(0.0, corr(r.get("USOIL"), r.get("ETHUSD")), 0.06);
            double hoursPerYear = 365.25 * 24;
            for (String sym : List.of("EURUSD", "XAUUSD", "BTCUSD", "SPX500")) {
                double[] x = r.get(sym);
                double sum = 0;
                double sq = 0;
                for (double v : x) {
                    sum += v;
                    sq += v * v;
                }
                double var = sq / x.length - (sum / x.length) * (sum / x.length);
                double annual = Math.sqrt(var * hoursPerYear);
                double expected = SyntheticTickSource.defaultVolatility(sym);
                assertEquals(expected, annual, expected * 0.08, sym + " annual volatility");
            }
        }

        @Test
        void defaultMatrixIsValidWithoutRepair() {
            SyntheticTickSource s = SyntheticTickSource.builder().repairCorrelations(false).build();
            double[][] m = s.correlationMatrix();
            List<String> syms = s.symbols();
            for (int i = 0; i < syms.size(); i++) {
                for (int j = 0; j < syms.size(); j++) {
                    assertEquals(SyntheticTickSource.defaultCorrelation(syms.get(i), syms.get(j)), m[i][j], 0.0);
                }
            }
        }

        @Test
        @DisplayName("an inconsistent matrix is repaired to a nearby valid one, or refused")
        void inconsistentMatrix() {
            double[][] bad = {{1, 0.9, -0.9}, {0.9, 1, 0.9}, {-0.9, 0.9, 1}};
            SyntheticTickSource.Builder b = SyntheticTickSource.builder().symbols("EURUSD", "GBPUSD", "USDCHF")
                    .correlationMatrix(bad);
            double[][] fixed = b.build().correlationMatrix();
            for (int i = 0; i < 3; i++) {
                assertEquals(1.0, fixed[i][i], 1e-12);
            }
            assertTrue(fixed[0][1] > 0 && fixed[0][2] < 0, "signs kept");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> b.repairCorrelations(false).build());
            assertTrue(e.getMessage().contains("positive semi-definite"), e.getMessage());
        }
    }

    @Nested
    @DisplayName("trading hours")
    class Hours {
        @Test
        @DisplayName("on a Saturday only crypto ticks; forex resumes Sunday 17:00 New York")
        void weekend() {
            Instant saturday = Instant.parse("2024-01-06T12:00:00Z");
            List<Tick> ticks = SyntheticTickSource.builder().symbols("EURUSD", "BTCUSD").startTime(saturday)
                    .tickInterval(Duration.ofMinutes(10)).duration(Duration.ofDays(2)).build().generate(100_000);
            Instant fxOpen = ZonedDateTime.of(2024, 1, 7, 17, 0, 0, 0, ZoneId.of("America/New_York")).toInstant();
            Tick firstFx = ticks.stream().filter(t -> t.symbol().equals("EURUSD")).findFirst().orElseThrow();
            assertEquals(fxOpen, Instant.ofEpochMilli(firstFx.epochMillis()));
            assertTrue(ticks.stream().anyMatch(t -> t.symbol().equals("BTCUSD") && t.epochMillis() < fxOpen.toEpochMilli()));
        }

        @Test
        @DisplayName("with only closed markets, time jumps to the next opening")
        void jumpsOverClosedTime() {
            Instant saturday = Instant.parse("2024-01-06T12:00:00Z");
            Tick first = SyntheticTickSource.builder().symbols("EURUSD").startTime(saturday).build().next();
            Instant fxOpen = ZonedDateTime.of(2024, 1, 7, 17, 0, 0, 0, ZoneId.of("America/New_York")).toInstant();
            assertEquals(fxOpen, Instant.ofEpochMilli(first.epochMillis()));
        }

        @Test
        void openHoursOnlyOff_ticksAllTheTime() {
            Instant saturday = Instant.parse("2024-01-06T12:00:00Z");
            Tick first = SyntheticTickSource.builder().symbols("EURUSD").startTime(saturday)
                    .openHoursOnly(false).build().next();
            assertEquals(saturday.toEpochMilli(), first.epochMillis());
        }

        @Test
        void indexTicksOnlyInItsSession() {
            List<Tick> ticks = SyntheticTickSource.builder().symbols("GER40").startTime(Instant.parse("2024-01-08T00:00:00Z"))
                    .tickInterval(Duration.ofMinutes(1)).duration(Duration.ofDays(1)).build().generate(10_000);
            AssetSpec ger = CATALOG.spec("GER40");
            assertTrue(ticks.size() > 1000);
            for (Tick t : ticks) {
                assertTrue(ger.tradingHours().isOpen(Instant.ofEpochMilli(t.epochMillis())), () -> "closed at " + t);
            }
        }
    }

    @Nested
    @DisplayName("ending and configuration")
    class Config {
        @Test
        void maxTicksEndsTheSource() {
            SyntheticTickSource s = SyntheticTickSource.builder().maxTicks(100).build();
            assertEquals(100, s.generate(1_000).size());
            assertNull(s.next());
            assertTrue(s.isFinite());
        }

        @Test
        void durationEndsTheSource() {
            SyntheticTickSource s = SyntheticTickSource.builder().symbols("BTCUSD").tickInterval(Duration.ofSeconds(1))
                    .duration(Duration.ofSeconds(10)).build();
            assertEquals(10, s.generate(1_000).size());
        }

        @Test
        void startAfterClose_throws() {
            SyntheticTickSource s = SyntheticTickSource.builder().maxTicks(10).build();
            s.close();
            assertThrows(IllegalStateException.class, () -> s.start(t -> { }));
        }

        @Test
        @DisplayName("a listener that throws does not stop delivery")
        void listenerFailureIsSurvived() throws Exception {
            java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
            CompletableFuture<Void> end = new CompletableFuture<>();
            try (SyntheticTickSource s = SyntheticTickSource.builder().maxTicks(30).build()) {
                s.start(new TickListener() {
                    @Override
                    public void onTick(Tick tick) {
                        if (seen.incrementAndGet() % 3 == 0) {
                            throw new IllegalStateException("listener bug");
                        }
                    }

                    @Override
                    public void onEnd(TickSource source) {
                        end.complete(null);
                    }
                });
                end.get(10, TimeUnit.SECONDS);
            }
            assertEquals(30, seen.get());
        }

        @Test
        void invalidConfigurationNamesTheProblem() {
            assertMessage("XXXUSD", () -> SyntheticTickSource.builder().symbols("XXXUSD").build());
            assertMessage("1.5", () -> SyntheticTickSource.builder().correlation("EURUSD", "GBPUSD", 1.5));
            assertMessage("-1.0", () -> SyntheticTickSource.builder().startPrice("EURUSD", -1));
            assertMessage("speed", () -> SyntheticTickSource.builder().realTime(0));
            assertMessage("tickInterval", () -> SyntheticTickSource.builder().tickInterval(Duration.ZERO));
            assertMessage("BTCUSD", () -> SyntheticTickSource.builder().symbols("EURUSD").volatility("BTCUSD", 0.5).build());
            assertMessage("correlation[0][0]", () -> SyntheticTickSource.builder().symbols("EURUSD", "GBPUSD")
                    .correlationMatrix(new double[][] {{0.5, 0}, {0, 1}}).build());
            assertMessage("symmetric", () -> SyntheticTickSource.builder().symbols("EURUSD", "GBPUSD")
                    .correlationMatrix(new double[][] {{1, 0.2}, {0.3, 1}}).build());
        }

        private void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
            assertTrue(ex.getMessage().contains(part), () -> "'" + ex.getMessage() + "' should name " + part);
        }
    }

    @Test
    @DisplayName("generating a tick allocates about one Tick and nothing more")
    void allocationPerTick() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        if (!(mx instanceof com.sun.management.ThreadMXBean)) {
            return;
        }
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) mx;
        SyntheticTickSource s = SyntheticTickSource.builder().seed(4).openHoursOnly(false).build();
        long sink = 0;
        for (int i = 0; i < 50_000; i++) {
            sink += s.next().epochMillis();
        }
        long tid = Thread.currentThread().getId();
        long before = bean.getThreadAllocatedBytes(tid);
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            sink += s.next().epochMillis();
        }
        long perTick = (bean.getThreadAllocatedBytes(tid) - before) / n;
        assertTrue(sink != 0);
        // a Tick is 48 bytes with compressed oops, 56 without
        assertTrue(perTick <= 64, "bytes allocated per tick: " + perTick);
    }
}
