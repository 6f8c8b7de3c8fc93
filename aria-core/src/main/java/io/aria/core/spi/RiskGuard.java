package io.aria.core.spi;

import io.aria.core.ExecutionReport;
import io.aria.core.OrderIntent;
import io.aria.core.Tick;
import io.aria.core.TradeEvent;
import io.aria.core.Verdict;

/**
 * Approves, resizes or rejects order intents, and may engage the kill switch from what it
 * observes.
 *
 * <p>Threading: every method is called on the event-loop thread; state needs no locks.
 * {@link #onTick} runs for every valid tick and must not allocate or log.
 *
 * <p>Contract: {@link #check} never returns null; an exception from it rejects the order (fail
 * closed). Guards never release the kill switch: {@link PortfolioView#killSwitch()} is an
 * {@link io.aria.core.EngageOnlyKillSwitch}, which has no release. Orders with {@link OrderIntent#reducing()} set
 * must not be blocked for exposure, correlation or session reasons. The flag a guard sees is the
 * engine's classification from the real position (the order names an open opposite position and
 * is no larger than it), never the sizer's claim: a guard may trust it.
 *
 * <p>Compatibility kit: {@code io.aria.core.testkit.RiskGuardContract} in aria-core's test-jar.
 */
public interface RiskGuard {

    /**
     * @param intent    the order the sizer wants
     * @param portfolio the pipeline's state
     * @return the verdict, with a reason code
     */
    Verdict check(OrderIntent intent, PortfolioView portfolio);

    /**
     * @param tick      a valid tick
     * @param portfolio the state after marking to that tick
     */
    default void onTick(Tick tick, PortfolioView portfolio) {
    }

    /**
     * @param report    an order's outcome
     * @param portfolio the state after applying it
     */
    default void onExecution(ExecutionReport report, PortfolioView portfolio) {
    }

    /**
     * @param event     a broker-side position change
     * @param portfolio the state after applying it
     */
    default void onTradeEvent(TradeEvent event, PortfolioView portfolio) {
    }

    /** @return a name for logs and audit records */
    default String name() {
        return getClass().getSimpleName();
    }

    /** @return a guard that approves everything (for tests) */
    static RiskGuard allowAll() {
        return (intent, portfolio) -> Verdict.approve();
    }
}
