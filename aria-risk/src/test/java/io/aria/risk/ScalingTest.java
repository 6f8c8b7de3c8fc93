package io.aria.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.aria.core.AccountSnapshot;
import io.aria.core.AssetCatalog;
import io.aria.core.EngageOnlyKillSwitch;
import io.aria.core.OrderIntent;
import io.aria.core.Position;
import io.aria.core.Side;
import io.aria.core.Tick;
import io.aria.core.Verdict;
import io.aria.core.spi.PortfolioView;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * With 2,100 symbols a risk check costs what the open book costs, not what the catalog costs:
 * it asks the portfolio about the open positions only, allocates for them only, and the
 * correlation manager holds one triangle of moments. Counted in calls and bytes, never in time.
 */
@DisplayName("risk checks at 2,100 symbols")
class ScalingTest {

    private static final int SYMBOLS = 2_100;
    private final AssetCatalog catalog = GeneratedCatalog.of(SYMBOLS);

    /** A portfolio with three open positions in a 2,100-symbol catalog, counting what is asked of it. */
    private CountingView bookOfThree() {
        TestPortfolio p = GeneratedCatalog.quoted(catalog);
        p.position("EURUSD_0000", 1.0).position("GBPUSD_0003", -2.0).position("XAUUSD_0040", 0.5);
        return new CountingView(p);
    }

    private static com.sun.management.ThreadMXBean allocationCounter() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
        return mx;
    }

    private static <T> long bytesAllocatedBy(Supplier<T> work) {
        com.sun.management.ThreadMXBean mx = allocationCounter();
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        T result = work.get();
        long bytes = mx.getThreadAllocatedBytes(tid) - before;
        assertNotNull(result);
        return bytes;
    }

    @Nested
    @DisplayName("an entry check asks the portfolio about the open book, not every catalog symbol")
    class PortfolioReads {

        @Test
        void exposureLimits_readTheOpenPositionsOnly() {
            CountingView p = bookOfThree();
            OrderIntent intent = Orders.entry(p, "USDJPY_0007", Side.BUY, 0.1);
            Verdict v = new ExposureLimitGuard(RiskConfig.defaults()).check(intent, p);
            assertTrue(v instanceof Verdict.Approved, v.toString());
            assertTrue(p.reads < 100, p.reads + " portfolio reads for one check with 3 open positions in "
                    + SYMBOLS + " symbols");
        }

        @Test
        void correlationLimits_readTheOpenPositionsOnly() {
            CountingView p = bookOfThree();
            RiskConfig.Correlation cfg = RiskConfig.defaults().correlation();
            Verdict v = new CorrelationGuard(new CorrelationManager(catalog, cfg), cfg)
                    .check(Orders.entry(p, "USDJPY_0007", Side.BUY, 0.1), p);
            assertTrue(v instanceof Verdict.Approved, v.toString());
            assertTrue(p.reads < 100, p.reads + " portfolio reads for one check with 3 open positions in "
                    + SYMBOLS + " symbols");
        }

        @Test
        void theMaxPositionsLimit_countsSymbolsNotPositions_andStillHolds() {
            TestPortfolio base = GeneratedCatalog.quoted(catalog);
            for (int i = 0; i < 10; i++) {
                base.position(catalog.spec(i * 200).symbol(), i % 2 == 0 ? 1.0 : -1.0);
            }
            CountingView p = new CountingView(base);
            Verdict v = new ExposureLimitGuard(RiskConfig.defaults()).check(
                    Orders.entry(p, "USDJPY_0007", Side.BUY, 0.1), p);
            assertEquals(RiskCodes.MAX_POSITIONS, v.code(), v.toString());
            assertTrue(v.message().startsWith("10 symbols have open positions"), v.message());
            assertTrue(p.reads < 100, p.reads + " portfolio reads");
        }
    }

    @Nested
    @DisplayName("memory follows the open book")
    class Memory {

        @Test
        void aCorrelationCheck_allocatesForTheOpenBookNotTheCatalogSquared() {
            CountingView p = bookOfThree();
            RiskConfig.Correlation cfg = RiskConfig.defaults().correlation();
            CorrelationGuard guard = new CorrelationGuard(new CorrelationManager(catalog, cfg), cfg);
            OrderIntent intent = Orders.entry(p, "USDJPY_0007", Side.BUY, 0.1);
            guard.check(intent, p); // first use: classes, lambdas
            long bytes = bytesAllocatedBy(() -> guard.check(intent, p));
            // a 2,100 x 2,100 matrix alone is 35 MB; the exposures vector is 16.8 kB
            assertTrue(bytes < 256 * 1024, bytes + " bytes allocated by one check");
        }

        @Test
        void theExposureSnapshot_allocatesForTheOpenBookNotTheCatalogSquared() {
            CountingView p = bookOfThree();
            CorrelationManager m = new CorrelationManager(catalog, RiskConfig.defaults().correlation());
            m.exposures(p);
            long bytes = bytesAllocatedBy(() -> m.exposures(p));
            assertTrue(bytes < 256 * 1024, bytes + " bytes allocated by one exposure snapshot");
        }

        @Test
        void theManager_holdsOneTriangleOfMoments() {
            RiskConfig.Correlation cfg = RiskConfig.defaults().correlation();
            long bytes = bytesAllocatedBy(() -> new CorrelationManager(catalog, cfg));
            long triangle = 8L * SYMBOLS * (SYMBOLS + 1) / 2; // 17.6 MB
            assertTrue(bytes < triangle + 1024 * 1024, bytes + " bytes for " + SYMBOLS + " symbols, the triangle is "
                    + triangle);
        }

        @Test
        void aCatalogTooLargeForOneArray_isRefusedWithOneLine() {
            int n = CorrelationManager.MAX_SYMBOLS + 1;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new CorrelationManager(GeneratedCatalog.of(n), RiskConfig.defaults().correlation()));
            assertEquals("catalog has " + n + " symbols; the correlation manager holds at most "
                    + CorrelationManager.MAX_SYMBOLS + " (one moment per pair)", e.getMessage());
        }
    }

    @Test
    @DisplayName("the tick that crosses a sample point leaves most of the 2.2 M moment cells to the next ticks")
    void aSample_isSpreadOverTheFollowingTicks_notDoneOnOne() {
        RiskConfig.Correlation cfg = RiskConfig.defaults().correlation();
        CorrelationManager m = new CorrelationManager(catalog, cfg);
        long step = 250;
        long t = 1_700_000_040_000L;
        int perInterval = (int) (cfg.sampleSeconds() * 1000L / step) * SYMBOLS / 100; // 100 of the symbols tick
        long cells = (long) SYMBOLS * (SYMBOLS + 1) / 2;
        double p = 1.0;
        int tick = 0;
        for (int interval = 0; interval < 4; interval++) {
            for (int k = 0; k < perInterval; k++, tick++) {
                p *= 1.0001;
                m.onPrice(tick % 100, t + (long) tick * cfg.sampleSeconds() * 1000L / perInterval, p + tick % 7);
                assertTrue(m.pendingCells() < cells, "no tick leaves more than the whole sample");
                if (m.pendingCells() > 0) {
                    // reads see the whole sample already
                    assertTrue(m.correlation(0, 1) <= 1 && m.correlation(0, 1) >= -1);
                }
            }
        }
        assertTrue(m.samples() >= 2, m.samples() + " samples");
        long before = m.pendingCells();
        assertTrue(before == 0, "each sample is finished within its interval's ticks, " + before + " cells pending");
        // the crossing tick of the next sample writes one slice, not the triangle
        m.onPrice(0, t + 10L * cfg.sampleSeconds() * 1000L, 2.0);
        assertTrue(m.pendingCells() > cells / 2, m.pendingCells() + " of " + cells + " cells left to later ticks");
    }

    @Test
    @DisplayName("adjustedExposure says which array has the wrong length")
    void adjustedExposure_rejectsArraysOfTheWrongLength() {
        CorrelationManager m = new CorrelationManager(AssetCatalog.defaults(), RiskConfig.defaults().correlation());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.adjustedExposure(new double[3], new boolean[21]));
        assertEquals("exposures and members must have 21 entries (one per catalog symbol), had 3 and 21", e.getMessage());
    }

    /** A view that counts the per-symbol questions asked of it. */
    static final class CountingView implements PortfolioView {
        private final PortfolioView d;
        int reads;

        CountingView(PortfolioView d) {
            this.d = d;
        }

        @Override
        public AssetCatalog catalog() {
            return d.catalog();
        }

        @Override
        public long nowMillis() {
            return d.nowMillis();
        }

        @Override
        public String accountCurrency() {
            return d.accountCurrency();
        }

        @Override
        public double equity() {
            return d.equity();
        }

        @Override
        public double balance() {
            return d.balance();
        }

        @Override
        public double startOfDayEquity() {
            return d.startOfDayEquity();
        }

        @Override
        public AccountSnapshot account() {
            return d.account();
        }

        @Override
        public List<Position> positions() {
            reads++;
            return d.positions();
        }

        @Override
        public double netVolume(String symbol) {
            reads++;
            return d.netVolume(symbol);
        }

        @Override
        public Optional<Tick> lastTick(String symbol) {
            reads++;
            return d.lastTick(symbol);
        }

        @Override
        public double toAccountCurrency(double amount, String currency) {
            return d.toAccountCurrency(amount, currency);
        }

        @Override
        public EngageOnlyKillSwitch killSwitch() {
            return d.killSwitch();
        }
    }
}
