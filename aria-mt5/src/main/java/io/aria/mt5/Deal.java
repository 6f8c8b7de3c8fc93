package io.aria.mt5;

import io.aria.core.Side;
import java.util.Objects;

/**
 * A deal from the terminal's history or its event stream (PROTOCOL.md 5.11 and 6.3).
 *
 * @param ticket        deal ticket
 * @param order         order ticket that caused it
 * @param position      position it opened, changed or closed
 * @param symbol        catalog symbol (the broker's name when it maps to none)
 * @param side          deal side
 * @param entry         {@code in}, {@code out}, {@code inout} or {@code out_by}
 * @param reason        {@code client}, {@code expert}, {@code sl}, {@code tp}, {@code so}, ...
 * @param volume        lots
 * @param price         price
 * @param profit        realised profit in the account currency
 * @param commission    commission
 * @param swap          swap
 * @param magic         expert id
 * @param comment       the deal's comment
 * @param clientOrderId client order id of the order (or of the position's opening order), "" when none
 * @param epochMillis   UTC time
 */
public record Deal(long ticket, long order, long position, String symbol, Side side, String entry, String reason,
        double volume, double price, double profit, double commission, double swap, long magic, String comment,
        String clientOrderId, long epochMillis) {

    public Deal {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
    }

    /** @return whether the deal opened or added to a position */
    public boolean isEntry() {
        return "in".equals(entry);
    }
}
