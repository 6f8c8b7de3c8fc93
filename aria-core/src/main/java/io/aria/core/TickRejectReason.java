package io.aria.core;

/** Why the pipeline refused a tick. Each reason has its own counter in the pipeline's snapshot. */
public enum TickRejectReason {
    /** Bid, ask or volume is NaN or infinite. */
    NON_FINITE,
    /** Bid or ask is zero or negative. */
    NON_POSITIVE_PRICE,
    /** Ask is below bid. */
    CROSSED,
    /** Volume is negative. */
    NEGATIVE_VOLUME,
    /** The symbol is not in the catalog. */
    UNKNOWN_SYMBOL,
    /** The tick is older than the last accepted tick of its symbol. */
    TIME_BACKWARDS
}
