package io.aria.core.internal;

import io.aria.core.OrderIntent;
import io.aria.core.OrderRequest;
import io.aria.core.Position;

/**
 * An order handed to the gateway and not yet reported (or reported UNKNOWN and not yet resolved).
 * Immutable.
 *
 * @param intent      the intent as sent, with the engine's reducing classification
 * @param request     what the gateway got
 * @param symbolIndex catalog index of the symbol
 * @param purpose     what the order is for
 * @param target      the position a closing order closes, as it was when sent; null for an entry
 */
record SentOrder(OrderIntent intent, OrderRequest request, int symbolIndex, OrderPurpose purpose, Position target) {
}
