package io.aria.risk;

/** The reason codes of the risk layer's verdicts, one per rule. */
public final class RiskCodes {

    private RiskCodes() {
    }

    /** A reducing or closing order: never blocked. */
    public static final String REDUCING = "REDUCING";
    /** The engine's kill switch is engaged. */
    public static final String KILL_SWITCH = "KILL_SWITCH";
    /** The day's loss reached the limit. */
    public static final String DAILY_LOSS = "DAILY_LOSS";
    /** Too many orders were rejected or failed in the window. */
    public static final String ERROR_RATE = "ERROR_RATE";
    /** The symbol is not in the catalog. */
    public static final String UNKNOWN_SYMBOL = "UNKNOWN_SYMBOL";
    /** The asset's market is closed. */
    public static final String SESSION_CLOSED = "SESSION_CLOSED";
    /** The asset's session closes within the configured buffer. */
    public static final String SESSION_CLOSING = "SESSION_CLOSING";
    /** No quote for the symbol yet. */
    public static final String NO_QUOTE = "NO_QUOTE";
    /** The spread is wider than the allowed multiple of the typical spread. */
    public static final String SPREAD_TOO_WIDE = "SPREAD_TOO_WIDE";
    /** Equity, a price or a conversion rate needed to value the order is unknown. */
    public static final String NO_PRICE = "NO_PRICE";
    /** Too many symbols with open positions. */
    public static final String MAX_POSITIONS = "MAX_POSITIONS";
    /** The order's notional exceeds the per-order maximum. */
    public static final String ORDER_NOTIONAL = "ORDER_NOTIONAL";
    /** The position would exceed the class's share of equity per position. */
    public static final String POSITION_SIZE = "POSITION_SIZE";
    /** The class's positions would exceed the class's leverage. */
    public static final String CLASS_LEVERAGE = "CLASS_LEVERAGE";
    /** All positions would exceed the account's leverage. */
    public static final String ACCOUNT_LEVERAGE = "ACCOUNT_LEVERAGE";
    /** The correlation-adjusted exposure of the symbol's cluster would exceed its limit. */
    public static final String CORRELATION_CLUSTER = "CORRELATION_CLUSTER";
    /** The correlation-adjusted exposure of the asset class would exceed its limit. */
    public static final String CLASS_CORRELATION = "CLASS_CORRELATION";
    /** Too many new orders in the last minute. */
    public static final String ORDER_RATE = "ORDER_RATE";
    /** A rule threw: the order is rejected (fail closed). */
    public static final String GUARD_ERROR = "GUARD_ERROR";
}
