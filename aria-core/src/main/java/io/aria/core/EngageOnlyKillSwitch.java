package io.aria.core;

/**
 * What a plug-in may do with the kill switch: read it and engage it, never release it. This is the
 * type {@link io.aria.core.spi.PortfolioView#killSwitch()} hands to sizers and guards, so the
 * {@link io.aria.core.spi.RiskGuard} rule "a guard never releases the switch" is checked by the
 * compiler. The pipeline's own view is not a {@link KillSwitch} either (see
 * {@link KillSwitch#engageOnly()}): a plug-in that downcasts it gets a {@link ClassCastException},
 * not a release. Only the holder of the {@link KillSwitch} itself (the operator, the control API,
 * the pipeline lifting a timed halt) releases it.
 *
 * <p>Thread-safe, like the switch it views.
 */
public interface EngageOnlyKillSwitch {

    /** @return whether the switch is engaged (a volatile read; cheap on the hot path) */
    boolean isEngaged();

    /** @return the current state */
    KillSwitch.State state();

    /**
     * Engages the switch. Engaging an engaged switch keeps the first reason and returns false.
     *
     * @param by     who engages it
     * @param reason why, with the numbers
     * @return whether this call engaged it
     */
    boolean engage(String by, String reason);

    /**
     * Engages the switch until a point in pipeline time (for example the daily-loss halt until the
     * next trading day); the pipeline lifts it once its time reaches {@code untilEpochMillis}. A
     * timed halt never shortens or replaces a deliberate one: engaging an engaged switch keeps the
     * first state and returns false.
     *
     * @param by               who engages it
     * @param reason           why, with the numbers
     * @param untilEpochMillis when it lifts, &gt; 0
     * @return whether this call engaged it
     * @throws IllegalArgumentException when {@code untilEpochMillis} is not positive
     */
    boolean engageUntil(String by, String reason, long untilEpochMillis);
}
