package io.aria.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AssetCatalog;
import io.aria.core.Side;
import io.aria.core.Tick;
import io.aria.core.Verdict;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("correlation")
class CorrelationTest {

    private final AssetCatalog catalog = AssetCatalog.defaults();
    private final int eur = catalog.indexOf("EURUSD");
    private final int gbp = catalog.indexOf("GBPUSD");
    private final int chf = catalog.indexOf("USDCHF");
    private final int btc = catalog.indexOf("BTCUSD");

    /** EURUSD and GBPUSD move together, USDCHF against them, BTCUSD on its own. */
    static void feedBars(CorrelationManager m, AssetCatalog catalog, int bars, long seed) {
        Random rnd = new Random(seed);
        double[] price = new double[catalog.size()];
        Arrays.fill(price, 100);
        for (int b = 0; b < bars; b++) {
            double common = rnd.nextGaussian() * 0.001;
            for (int i = 0; i < price.length; i++) {
                double own = rnd.nextGaussian() * 0.001;
                String s = catalog.spec(i).symbol();
                double r = s.equals("EURUSD") || s.equals("GBPUSD") ? common + 0.1 * own
                        : s.equals("USDCHF") ? -common + 0.1 * own : own;
                price[i] *= Math.exp(r);
            }
            m.onBar(price.clone());
        }
    }

    @Nested
    @DisplayName("CorrelationManager")
    class Manager {
        private final CorrelationManager m = new CorrelationManager(catalog, RiskConfig.defaults().correlation());

        @Test
        void beforeAnyReturn_thePriorGivesOneClassThirtyPercent() {
            assertEquals(1.0, m.correlation(eur, eur));
            assertEquals(0.3, m.correlation(eur, gbp), 1e-12);
            assertEquals(0.0, m.correlation(eur, btc), 1e-12);
            assertEquals(0.0, m.snapshot().estimateWeight());
        }

        @Test
        void learnsCorrelationsFromBars() {
            feedBars(m, catalog, 300, 1);
            assertTrue(m.correlation(eur, gbp) > 0.9, "eur/gbp " + m.correlation(eur, gbp));
            assertTrue(m.correlation(eur, chf) < -0.9, "eur/chf " + m.correlation(eur, chf));
            assertTrue(Math.abs(m.correlation(eur, btc)) < 0.3, "eur/btc " + m.correlation(eur, btc));
            assertEquals(1.0, m.snapshot().estimateWeight());
        }

        @Test
        void learnsFromTicksSampledOnTheGrid() {
            Random rnd = new Random(7);
            double a = 1.1;
            double b = 1.3;
            long t = 0;
            for (int i = 0; i < 2_000; i++) {
                double common = rnd.nextGaussian() * 0.0005;
                a *= Math.exp(common + rnd.nextGaussian() * 0.00005);
                b *= Math.exp(common + rnd.nextGaussian() * 0.00005);
                t += 30_000;
                m.onTick(new Tick("EURUSD", t, a, a + 0.0001, 0));
                m.onTick(new Tick("GBPUSD", t + 1, b, b + 0.0001, 0));
            }
            assertTrue(m.samples() > 900, "samples " + m.samples());
            assertTrue(m.correlation("EURUSD", "GBPUSD") > 0.8, "eur/gbp " + m.correlation("EURUSD", "GBPUSD"));
        }

        @Test
        void aSnapshotIsACopy() {
            CorrelationSnapshot before = m.snapshot();
            feedBars(m, catalog, 100, 2);
            assertEquals(0.3, before.get("EURUSD", "GBPUSD"), 1e-12);
            assertEquals(catalog.symbols(), before.symbols());
            double[][] rows = before.toArray();
            rows[0][1] = 42;
            assertEquals(0.3, before.get(0, 1), 1e-12);
        }

        @Test
        void exposures_adjustForCorrelation() {
            feedBars(m, catalog, 300, 3);
            TestPortfolio p = TestPortfolio.withDefaultPrices().position("EURUSD", 0.05).position("USDCHF", 0.05);
            ExposureSnapshot e = m.exposures(p);
            assertEquals(0.055, e.symbolExposure().get("EURUSD"), 1e-3);
            assertEquals(0.105, e.classGross().get(io.aria.core.AssetClass.FOREX), 1e-3);
            // long EURUSD and long USDCHF offset: anti-correlated
            assertTrue(e.classCorrelated().get(io.aria.core.AssetClass.FOREX) < 0.03, e.toString());
        }
    }

    @Nested
    @DisplayName("CorrelationGuard")
    class Guard {
        private final RiskConfig config = RiskConfig.fromJson("{ \"correlation\": { \"maxClusterExposure\": 0.15 } }");
        private final CorrelationManager m = new CorrelationManager(catalog, config.correlation());
        private final CorrelationGuard guard = new CorrelationGuard(m, config.correlation());
        private final TestPortfolio p = TestPortfolio.withDefaultPrices();

        @Test
        void anOrderThatWouldOverloadItsCluster_isResized() {
            feedBars(m, catalog, 300, 4);
            p.position("GBPUSD", 0.07); // 9,100 USD
            Verdict v = guard.check(Orders.entry(p, "EURUSD", Side.BUY, 0.09), p);
            Verdict.Resized r = assertInstanceOf(Verdict.Resized.class, v);
            assertEquals(RiskCodes.CORRELATION_CLUSTER, r.code());
            assertTrue(r.volume() >= 0.04 && r.volume() <= 0.06, "volume " + r.volume());
            assertTrue(r.message().contains("GBPUSD"), r.message());
        }

        @Test
        void aHedgeInTheCluster_isAllowed() {
            feedBars(m, catalog, 300, 5);
            p.position("GBPUSD", 0.11); // already 14.3% of equity
            assertEquals("OK", guard.check(Orders.entry(p, "EURUSD", Side.SELL, 0.09), p).code());
        }

        @Test
        void duringWarmUp_thePriorKeepsSymbolsApart() {
            p.position("GBPUSD", 0.07);
            assertEquals("OK", guard.check(Orders.entry(p, "EURUSD", Side.BUY, 0.09), p).code());
        }
    }
}
