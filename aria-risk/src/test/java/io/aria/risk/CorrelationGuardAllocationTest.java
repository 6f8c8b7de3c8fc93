package io.aria.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.aria.core.AssetCatalog;
import io.aria.core.OrderIntent;
import io.aria.core.Side;
import io.aria.core.Verdict;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the correlation guard reuses its copy of the matrix and still reads it fresh on every check")
class CorrelationGuardAllocationTest {

    private final AssetCatalog catalog = AssetCatalog.defaults();
    private final RiskConfig config = RiskConfig.fromJson("{ \"correlation\": { \"maxClusterExposure\": 0.15 } }");

    @Test
    void aCheckAfterTheMatrixChanged_seesTheNewMatrix() {
        CorrelationManager m = new CorrelationManager(catalog, config.correlation());
        CorrelationGuard guard = new CorrelationGuard(m, config.correlation());
        TestPortfolio p = TestPortfolio.withDefaultPrices();
        p.position("GBPUSD", 0.07);
        OrderIntent eur = Orders.entry(p, "EURUSD", Side.BUY, 0.09);
        assertEquals("OK", guard.check(eur, p).code(), "during warm-up the prior keeps EURUSD and GBPUSD apart");
        CorrelationTest.feedBars(m, catalog, 300, 4); // now they move together
        Verdict again = guard.check(eur, p);
        Verdict fresh = new CorrelationGuard(m, config.correlation()).check(eur, p);
        Verdict.Resized r = assertInstanceOf(Verdict.Resized.class, again, "the second check read a stale matrix");
        assertEquals(fresh, r);
    }

    @Test
    void aCheck_allocatesLessThanOneCopyOfTheMatrix() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        CorrelationManager m = new CorrelationManager(catalog, config.correlation());
        CorrelationGuard guard = new CorrelationGuard(m, config.correlation());
        TestPortfolio p = TestPortfolio.withDefaultPrices();
        CorrelationTest.feedBars(m, catalog, 300, 4);
        OrderIntent btc = Orders.entry(p, "BTCUSD", Side.BUY, 0.01); // approved: no message to build
        for (int i = 0; i < 2_000; i++) {
            guard.check(btc, p);
        }
        int checks = 1_000;
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < checks; i++) {
            guard.check(btc, p);
        }
        long perCheck = (mx.getThreadAllocatedBytes(tid) - before) / checks;
        long matrixBytes = 8L * catalog.size() * catalog.size();
        assertTrue(perCheck < matrixBytes, perCheck + " bytes per check; one " + catalog.size() + "x" + catalog.size()
                + " matrix is " + matrixBytes);
    }
}
