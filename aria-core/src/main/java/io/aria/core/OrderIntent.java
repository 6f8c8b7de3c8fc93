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
 * @param reducing       true when the order only reduces or closes an existing position. A
 *                       plug-in's claim only: the engine decides from the real position (a
 *                       reducing order names an open opposite position and is no larger than it)
 *                       and replaces the flag before any guard, the kill switch or the audit sees
 *                       the intent
 * @param decision       the decision it answers (attribution travels with the order)
 * @param sizingNote     how the volume was derived, for the audit log
 * @param origin         who asked for the order: a signal of the ensemble, or a control action
 *                       (manual close, flatten, emergency stop); {@code null} reads as
 *                       {@link Origin#SIGNAL} (audit lines written before the field existed)
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
        String sizingNote,
        Origin origin) {

    /** Who asked for an order. */
    public enum Origin {
        /** The pipeline acting on the ensemble's decision (entries and signal exits). */
        SIGNAL,
        /** An operator's control action through {@code TradingPipeline}: close, flatten, emergency stop. */
        CONTROL
    }

    public OrderIntent {
        if (origin == null) {
            origin = Origin.SIGNAL;
        }
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
     * An intent of the ensemble's signal path ({@link Origin#SIGNAL}).
     *
     * @param symbol         catalog symbol
     * @param side           buy or sell
     * @param volume         lots, &gt; 0
     * @param referencePrice price the sizer assumed, &gt; 0
     * @param stopLoss       stop-loss price, 0 for none
     * @param takeProfit     take-profit price, 0 for none
     * @param reducing       the plug-in's claim that the order only reduces (the engine checks it)
     * @param decision       the decision it answers
     * @param sizingNote     how the volume was derived
     */
    public OrderIntent(String symbol, Side side, double volume, double referencePrice, double stopLoss,
            double takeProfit, boolean reducing, Decision decision, String sizingNote) {
        this(symbol, side, volume, referencePrice, stopLoss, takeProfit, reducing, decision, sizingNote, Origin.SIGNAL);
    }

    /**
     * @param newVolume the volume a risk guard allowed
     * @return this intent with another volume
     */
    public OrderIntent withVolume(double newVolume) {
        return new OrderIntent(symbol, side, newVolume, referencePrice, stopLoss, takeProfit, reducing, decision,
                sizingNote, origin);
    }

    /**
     * @param engineSaysReducing the engine's classification from the real position
     * @return this intent carrying that classification (this very intent when it already does)
     */
    public OrderIntent withReducing(boolean engineSaysReducing) {
        return engineSaysReducing == reducing ? this : new OrderIntent(symbol, side, volume, referencePrice, stopLoss,
                takeProfit, engineSaysReducing, decision, sizingNote, origin);
    }
}
