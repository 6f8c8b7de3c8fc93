package io.aria.risk;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.aria.core.AssetCatalog;
import io.aria.core.Tick;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the default sizer's and guard's onTick allocate nothing")
class AllocationTest {

    @Test
    void onTick_allocatesNothingOnceWarm() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
        TestPortfolio p = TestPortfolio.withDefaultPrices();
        RiskLayer layer = RiskLayer.defaults(AssetCatalog.defaults());
        String[] symbols = AssetCatalog.defaults().symbols().toArray(new String[0]);
        Tick[] ticks = new Tick[4_000];
        long t0 = p.nowMillis();
        for (int i = 0; i < ticks.length; i++) {
            double mid = 100 + Math.sin(i * 0.01);
            ticks[i] = new Tick(symbols[i % symbols.length], t0 + i * 250L, mid, mid + 0.01, 0);
        }
        for (int i = 0; i < 2_000; i++) {
            layer.sizer().onTick(ticks[i], p);
            layer.guard().onTick(ticks[i], p);
        }
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 2_000; i < ticks.length; i++) {
            layer.sizer().onTick(ticks[i], p);
            layer.guard().onTick(ticks[i], p);
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        // the counter itself may allocate a few bytes; one object per tick would be at least 32,000
        assertTrue(allocated < 1_024, allocated + " bytes allocated by 2,000 ticks (crossing ATR bars and correlation samples)");
        assertTrue(layer.volatility().bars(0) > 0, "the ticks crossed ATR bars");
    }
}
