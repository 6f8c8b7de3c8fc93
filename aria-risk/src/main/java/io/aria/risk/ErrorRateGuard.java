package io.aria.risk;

import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.OrderIntent;
import io.aria.core.Verdict;
import io.aria.core.spi.PortfolioView;
import io.aria.core.spi.RiskGuard;
import io.aria.risk.internal.Book;
import io.aria.risk.internal.EventWindow;
import io.aria.risk.internal.Fmt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Engages the kill switch when too many orders fail: once the sliding window holds at least
 * {@code minOrders} outcomes and the share of REJECTED or ERROR outcomes among them exceeds
 * {@code maxRate} (the seed's 20%). Fills count as successes; UNKNOWN outcomes are not counted
 * until they are resolved and reported again.
 *
 * <p>Threading: event-loop thread only.
 */
public final class ErrorRateGuard implements RiskGuard {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorRateGuard.class);

    private final double maxRate;
    private final int minOrders;
    private final long windowMillis;
    private final EventWindow window;

    /**
     * @param maxRate      failure share above which the switch engages, in [0, 1)
     * @param windowMillis length of the sliding window, &gt; 0
     * @param minOrders    fewest outcomes in the window before the rate counts, &gt;= 1
     */
    public ErrorRateGuard(double maxRate, long windowMillis, int minOrders) {
        if (!(maxRate >= 0 && maxRate < 1)) {
            throw new IllegalArgumentException("maxRate must be in [0, 1), was " + maxRate);
        }
        if (minOrders < 1) {
            throw new IllegalArgumentException("minOrders must be >= 1, was " + minOrders);
        }
        this.maxRate = maxRate;
        this.minOrders = minOrders;
        this.windowMillis = windowMillis;
        this.window = new EventWindow(windowMillis);
    }

    /** @param rules the kill switch section of a {@link RiskConfig} */
    public ErrorRateGuard(RiskConfig.KillSwitchRules rules) {
        this(rules.maxErrorRate(), rules.errorWindowSeconds() * 1000L, rules.errorMinOrders());
    }

    @Override
    public void onExecution(ExecutionReport report, PortfolioView portfolio) {
        if (report.status() == ExecutionStatus.UNKNOWN) {
            return;
        }
        boolean failed = report.status() == ExecutionStatus.REJECTED || report.status() == ExecutionStatus.ERROR;
        window.add(portfolio.nowMillis(), failed);
        if (breached() && !portfolio.killSwitch().isEngaged()) {
            String reason = describe();
            if (portfolio.killSwitch().engage(RiskCodes.ERROR_RATE, reason)) {
                LOG.warn("kill switch engaged: {}", reason);
            }
        }
    }

    @Override
    public Verdict check(OrderIntent intent, PortfolioView portfolio) {
        if (!Book.increasesExposure(intent, portfolio)) {
            return Verdict.approve(RiskCodes.REDUCING, "reducing orders are never blocked by the error rate");
        }
        window.evict(portfolio.nowMillis());
        if (breached()) {
            return Verdict.reject(RiskCodes.ERROR_RATE, describe());
        }
        return Verdict.approve();
    }

    private boolean breached() {
        int n = window.count();
        return n >= minOrders && window.flagged() > maxRate * n;
    }

    private String describe() {
        int n = window.count();
        return "error rate " + Fmt.pct(n == 0 ? 0 : (double) window.flagged() / n) + " (" + window.flagged()
                + " of " + n + " orders rejected or failed in the last " + windowMillis / 1000 + " s) exceeds "
                + Fmt.pct(maxRate) + " (at least " + minOrders + " orders)";
    }

    /** @return outcomes in the window as of the last event */
    public int windowCount() {
        return window.count();
    }

    /** @return failures in the window as of the last event */
    public int windowFailures() {
        return window.flagged();
    }

    @Override
    public String name() {
        return "error-rate";
    }
}
