package io.aria.core.internal;

import io.aria.core.ClosedTrade;

/**
 * What an order is for, beyond its intent: why a close closes (for the closed trade), and the
 * control action waiting for its reports, if any. Immutable.
 *
 * @param verdictCode the approving verdict's code of a control order ({@code CONTROL_CLOSE},
 *                    {@code CONTROL_FLATTEN}, {@code EMERGENCY_STOP}); null for a signal's order
 * @param by          who asked (control orders)
 * @param reason      why (control orders)
 * @param exitReason  the closed trade's exit reason when the order closes one; null for an entry
 * @param tracker     the control action waiting for the order's report, or null
 */
record OrderPurpose(String verdictCode, String by, String reason, ClosedTrade.ExitReason exitReason,
        ControlTracker tracker) {

    /** An entry asked for by a decision. */
    static final OrderPurpose ENTRY = new OrderPurpose(null, "", "", null, null);
    /** A close asked for by a decision. */
    static final OrderPurpose SIGNAL_EXIT = new OrderPurpose(null, "", "", ClosedTrade.ExitReason.SIGNAL, null);

    /** @return whether a control action sent the order (it skips the guards, never the kill switch) */
    boolean control() {
        return verdictCode != null;
    }
}
