package io.aria.core;

/** Outcome of an order. */
public enum ExecutionStatus {
    /** Filled in full. */
    FILLED,
    /** Filled in part; the rest was cancelled (MT5 IOC) or is lost. */
    PARTIALLY_FILLED,
    /** Refused by the gateway's checks or the broker; nothing was traded. */
    REJECTED,
    /**
     * The outcome is not known (timeout, lost connection). The gateway resolves it by
     * reconciliation and reports again; it never resends blindly.
     */
    UNKNOWN,
    /** The gateway failed before the order reached the broker; nothing was traded. */
    ERROR;

    /** @return whether some volume was traded */
    public boolean isFill() {
        return this == FILLED || this == PARTIALLY_FILLED;
    }
}
