package io.aria.risk;

import io.aria.core.OrderIntent;
import io.aria.core.Verdict;
import io.aria.core.spi.PortfolioView;
import io.aria.core.spi.RiskGuard;
import io.aria.risk.internal.Book;
import io.aria.risk.internal.EventWindow;

/**
 * Allows at most {@code maxOrdersPerMinute} new (exposure-increasing) orders in any 60 seconds of
 * pipeline time. Each order it approves is counted, so in a composite it must come last: then
 * only orders every rule approved are counted. Reducing orders are neither blocked nor counted.
 *
 * <p>Threading: event-loop thread only.
 */
public final class OrderRateGuard implements RiskGuard {

    private final int maxPerMinute;
    private final EventWindow window = new EventWindow(60_000);

    /** @param maxPerMinute largest number of new orders in any 60 s, &gt;= 1 */
    public OrderRateGuard(int maxPerMinute) {
        if (maxPerMinute < 1) {
            throw new IllegalArgumentException("maxPerMinute must be >= 1, was " + maxPerMinute);
        }
        this.maxPerMinute = maxPerMinute;
    }

    @Override
    public Verdict check(OrderIntent intent, PortfolioView portfolio) {
        if (!Book.increasesExposure(intent, portfolio)) {
            return Verdict.approve(RiskCodes.REDUCING, "reducing orders are never blocked by the order rate");
        }
        long now = portfolio.nowMillis();
        window.evict(now);
        if (window.count() >= maxPerMinute) {
            return Verdict.reject(RiskCodes.ORDER_RATE, window.count() + " new orders in the last 60 s, limit "
                    + maxPerMinute);
        }
        window.add(now, false);
        return Verdict.approve();
    }

    @Override
    public String name() {
        return "order-rate";
    }
}
