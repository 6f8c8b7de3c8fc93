package io.aria.core;

/**
 * MetaTrader 5's trade server return codes ({@code TRADE_RETCODE_*}), used by every gateway so
 * that paper and live report the same numbers.
 */
public final class TradeReturnCode {
    /** Request is placed. */
    public static final int PLACED = 10008;
    /** Request completed. */
    public static final int DONE = 10009;
    /** Only part of the request was completed. */
    public static final int DONE_PARTIAL = 10010;
    /** Requote. */
    public static final int REQUOTE = 10004;
    /** Request rejected. */
    public static final int REJECT = 10006;
    /** Request canceled by trader. */
    public static final int CANCEL = 10007;
    /** Request processing error. */
    public static final int ERROR = 10011;
    /** Request canceled by timeout. */
    public static final int TIMEOUT = 10012;
    /** Invalid request. */
    public static final int INVALID = 10013;
    /** Invalid volume in the request. */
    public static final int INVALID_VOLUME = 10014;
    /** Invalid price in the request. */
    public static final int INVALID_PRICE = 10015;
    /** Invalid stops in the request. */
    public static final int INVALID_STOPS = 10016;
    /** Trade is disabled. */
    public static final int TRADE_DISABLED = 10017;
    /** Market is closed. */
    public static final int MARKET_CLOSED = 10018;
    /** There is not enough money to complete the request. */
    public static final int NO_MONEY = 10019;
    /** Prices changed. */
    public static final int PRICE_CHANGED = 10020;
    /** There are no quotes to process the request. */
    public static final int PRICE_OFF = 10021;
    /** Too frequent requests. */
    public static final int TOO_MANY_REQUESTS = 10024;
    /** Autotrading disabled by client terminal. */
    public static final int CLIENT_DISABLES_AT = 10027;
    /** Invalid order filling type. */
    public static final int INVALID_FILL = 10030;
    /** No connection with the trade server. */
    public static final int CONNECTION = 10031;
    /** The number of open positions would exceed the broker's limit. */
    public static final int LIMIT_POSITIONS = 10040;
    /** Position with the specified identifier has already been closed. */
    public static final int POSITION_CLOSED = 10036;
    /** Not an MT5 code: the gateway gave up waiting; the outcome is unknown until reconciled. */
    public static final int ARIA_UNKNOWN = 0;

    private TradeReturnCode() {
    }

    /**
     * @param code a return code
     * @return MT5's short description of it
     */
    public static String describe(int code) {
        return switch (code) {
            case PLACED -> "order placed";
            case DONE -> "request completed";
            case DONE_PARTIAL -> "only part of the request was completed";
            case REQUOTE -> "requote";
            case REJECT -> "request rejected";
            case CANCEL -> "request canceled by trader";
            case ERROR -> "request processing error";
            case TIMEOUT -> "request canceled by timeout";
            case INVALID -> "invalid request";
            case INVALID_VOLUME -> "invalid volume in the request";
            case INVALID_PRICE -> "invalid price in the request";
            case INVALID_STOPS -> "invalid stops in the request";
            case TRADE_DISABLED -> "trade is disabled";
            case MARKET_CLOSED -> "market is closed";
            case NO_MONEY -> "there is not enough money to complete the request";
            case PRICE_CHANGED -> "prices changed";
            case PRICE_OFF -> "there are no quotes to process the request";
            case TOO_MANY_REQUESTS -> "too frequent requests";
            case CLIENT_DISABLES_AT -> "autotrading disabled by client terminal";
            case INVALID_FILL -> "invalid order filling type";
            case CONNECTION -> "no connection with the trade server";
            case LIMIT_POSITIONS -> "the number of open positions reached the limit";
            case POSITION_CLOSED -> "position has already been closed";
            case ARIA_UNKNOWN -> "outcome unknown";
            default -> "return code " + code;
        };
    }

    /**
     * @param code a return code
     * @return whether a retry with a fresh price may succeed (requote, price changed, price off)
     */
    public static boolean isRetryableWithFreshPrice(int code) {
        return code == REQUOTE || code == PRICE_CHANGED || code == PRICE_OFF;
    }

    /**
     * @param code a return code
     * @return whether the code reports a completed trade
     */
    public static boolean isSuccess(int code) {
        return code == DONE || code == DONE_PARTIAL || code == PLACED;
    }
}
