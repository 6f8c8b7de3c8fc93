package io.aria.mt5.internal;

import io.aria.core.Side;

/**
 * A mutable open position, as the gateway's book keeps it (the simulated terminal books through
 * core's {@code SimulatedAccount}). Owned by one I/O thread; snapshots leave as
 * {@link io.aria.core.Position} records.
 */
public final class OpenPosition {
    /** Position ticket. */
    public final long ticket;
    /** Symbol (catalog name in the gateway, broker name in the terminal). */
    public final String symbol;
    /** BUY for long, SELL for short. */
    public Side side;
    /** Lots. */
    public double volume;
    /** Average entry price. */
    public double openPrice;
    /** UTC time opened. */
    public final long openUtc;
    /** Stop-loss, 0 for none. */
    public double sl;
    /** Take-profit, 0 for none. */
    public double tp;
    /** Unrealised profit in the account currency, as last computed. */
    public double profit;
    /** Expert id. */
    public long magic;
    /** Client order id of the opening order, "" when none. */
    public String cid = "";

    /**
     * @param ticket    ticket
     * @param symbol    symbol
     * @param side      side
     * @param volume    lots
     * @param openPrice entry price
     * @param openUtc   UTC time opened
     */
    public OpenPosition(long ticket, String symbol, Side side, double volume, double openPrice, long openUtc) {
        this.ticket = ticket;
        this.symbol = symbol;
        this.side = side;
        this.volume = volume;
        this.openPrice = openPrice;
        this.openUtc = openUtc;
    }
}
