package io.aria.core;

import java.util.Objects;

/**
 * A position, or part of one, that was closed and its profit realised: what the audit's
 * {@code trade_closed} record carries and what {@link io.aria.core.spi.PipelineListener#onTradeClosed(ClosedTrade)}
 * receives. One closed trade per closing deal: a partial close is a closed trade of the volume it
 * closed ({@code partial} true), and the rest of the position closes later as another one.
 *
 * <p>Excursions (MAE, MFE) are tracked by the engine from the ticks since the position's side of
 * the symbol opened (for several positions on one side of a symbol, since the first opened), at
 * the price the position is marked at (bid for longs, ask for shorts), including the exit price.
 * Amounts are in the account currency at the conversion rate of the close.
 *
 * @param symbol           catalog symbol
 * @param side             the side of the position that was closed (BUY for a long)
 * @param positionTicket   the broker's position ticket
 * @param volume           lots closed, &gt; 0
 * @param entryEpochMillis when the position opened (broker time as reported)
 * @param entryPrice       the position's open price, &gt; 0
 * @param exitEpochMillis  when it closed
 * @param exitPrice        the closing deal's price, &gt; 0
 * @param profit           realised profit of the closed volume in the account currency (the
 *                         broker's figure for broker-side closes; for closing orders, computed
 *                         from the fill and open prices)
 * @param holdingMillis    exit minus entry time, &gt;= 0
 * @param mae              maximum adverse excursion of the closed volume in the account currency, &gt;= 0
 * @param mfe              maximum favourable excursion of the closed volume in the account currency, &gt;= 0
 * @param exitReason       why it closed
 * @param partial          whether the position stays open with less volume
 * @param closingOrderId   client order id of the closing order, empty for a broker-side close
 * @param entryDecision    the decision that opened the position (its votes carry the per-model
 *                         weights and shares, its regime and confidence those at entry), or
 *                         {@code null} when the pipeline did not open it (a position adopted
 *                         from the broker)
 */
public record ClosedTrade(
        String symbol,
        Side side,
        long positionTicket,
        double volume,
        long entryEpochMillis,
        double entryPrice,
        long exitEpochMillis,
        double exitPrice,
        double profit,
        long holdingMillis,
        double mae,
        double mfe,
        ExitReason exitReason,
        boolean partial,
        String closingOrderId,
        Decision entryDecision) {

    /** Why a position closed. */
    public enum ExitReason {
        /** A closing order of the signal path (the ensemble turned flat or reversed). */
        SIGNAL,
        /** The stop-loss, on the broker's side. */
        STOP_LOSS,
        /** The take-profit, on the broker's side. */
        TAKE_PROFIT,
        /** The broker closed it for lack of margin. */
        STOP_OUT,
        /** An operator's close or flatten through the pipeline. */
        MANUAL,
        /** An emergency stop (kill switch engaged and every position flattened). */
        EMERGENCY_STOP,
        /** Closed outside the pipeline (by hand in the terminal, or another program). */
        EXTERNAL
    }

    public ClosedTrade {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        if (positionTicket < 0) {
            throw new IllegalArgumentException("positionTicket must be >= 0, was " + positionTicket);
        }
        Values.positive(volume, "volume");
        Values.positive(entryPrice, "entryPrice");
        Values.positive(exitPrice, "exitPrice");
        if (!Double.isFinite(profit)) {
            throw new IllegalArgumentException("profit must be finite, was " + profit);
        }
        if (holdingMillis < 0) {
            throw new IllegalArgumentException("holdingMillis must be >= 0, was " + holdingMillis);
        }
        Values.nonNegative(mae, "mae");
        Values.nonNegative(mfe, "mfe");
        Objects.requireNonNull(exitReason, "exitReason");
        Objects.requireNonNull(closingOrderId, "closingOrderId");
    }
}
