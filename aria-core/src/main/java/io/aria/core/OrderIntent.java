package io.aria.core;

import java.util.Objects;

/**
 * What the position sizer wants to do about a decision: trade {@code volume} lots on
 * {@code side}. Stops are absolute prices, 0 when not set.
 *
 * @param symbol         catalog symbol
 * @param side           buy or sell
 * @param volume         lots, &gt; 0
 * @param referencePrice price the sizer assumed (ask for buys, bid for sells), &gt; 0
 * @param stopLoss       stop-loss price, 0 for none
 * @param takeProfit     take-profit price, 0 for none
 * @param reducing       true when the order only reduces or closes an existing position
 * @param decision       the decision it answers (attribution travels with the order)
 * @param sizingNote     how the volume was derived, for the audit log
 */
public record OrderIntent(
        String symbol,
        Side side,
        double volume,
        double referencePrice,
        double stopLoss,
        double takeProfit,
        boolean reducing,
        Decision decision,
        String sizingNote) {

    public OrderIntent {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Values.positive(volume, "volume");
        Values.positive(referencePrice, "referencePrice");
        Values.nonNegative(stopLoss, "stopLoss");
        Values.nonNegative(takeProfit, "takeProfit");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(sizingNote, "sizingNote");
        if (stopLoss > 0 && (side == Side.BUY ? stopLoss >= referencePrice : stopLoss <= referencePrice)) {
            throw new IllegalArgumentException("stopLoss " + stopLoss + " is on the wrong side of referencePrice "
                    + referencePrice + " for a " + side);
        }
        if (takeProfit > 0 && (side == Side.BUY ? takeProfit <= referencePrice : takeProfit >= referencePrice)) {
            throw new IllegalArgumentException("takeProfit " + takeProfit + " is on the wrong side of referencePrice "
                    + referencePrice + " for a " + side);
        }
    }

    /**
     * @param newVolume the volume a risk guard allowed
     * @return this intent with another volume
     */
    public OrderIntent withVolume(double newVolume) {
        return new OrderIntent(symbol, side, newVolume, referencePrice, stopLoss, takeProfit, reducing, decision,
                sizingNote);
    }
}
