package io.aria.core;

import java.util.Objects;

/**
 * The outcome of {@code TradingPipeline.modifyPosition}.
 *
 * @param positionTicket the position
 * @param stopLoss       the stop-loss asked for, 0 for none
 * @param takeProfit     the take-profit asked for, 0 for none
 * @param returnCode     the broker's return code ({@link TradeReturnCode#DONE} on success)
 * @param message        what happened, for people
 */
public record ModifyResult(long positionTicket, double stopLoss, double takeProfit, int returnCode, String message) {

    public ModifyResult {
        Objects.requireNonNull(message, "message");
    }

    /** @return whether the broker changed the stops */
    public boolean done() {
        return returnCode == TradeReturnCode.DONE;
    }
}
