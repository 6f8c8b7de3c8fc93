package io.aria.core.spi;

import io.aria.core.TradeEvent;

/** Receives broker-side position changes from an {@link OrderGateway}; may be called from any thread. */
@FunctionalInterface
public interface TradeEventListener {

    /** @param event what happened */
    void onTradeEvent(TradeEvent event);
}
