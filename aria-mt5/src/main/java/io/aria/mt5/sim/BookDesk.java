package io.aria.mt5.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aria.core.Position;
import io.aria.core.Side;
import io.aria.core.paper.Deal;
import io.aria.mt5.internal.MalformedMessageException;
import io.aria.mt5.internal.Msg;
import io.aria.mt5.internal.Wire;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The simulated terminal's view of the account's book over the wire: the {@code positions} and
 * {@code deals} replies (PROTOCOL.md 5.9, 5.11), and every deal of the account published as a
 * {@code trade} event with the account after it (PROTOCOL.md 10). I/O thread.
 */
final class BookDesk {

    private final SimulatedMt5Terminal t;

    BookDesk(SimulatedMt5Terminal terminal) {
        this.t = terminal;
    }

    /** The account after a deal travels with its reply and its event, so a client's snapshot follows at once. */
    static void putAccount(SimulatedMt5Terminal t, ObjectNode o) {
        double equity = t.account.equity();
        double margin = t.account.margin();
        o.put("balance", t.account.balance());
        o.put("equity", equity);
        o.put("margin", margin);
        o.put("free_margin", equity - margin);
    }

    ObjectNode positionsReply(Msg m) throws MalformedMessageException {
        String symbol = m.str("symbol", "");
        long magic = m.lng("magic", -1);
        ObjectNode r = t.reply(m, true);
        r.put("pub_seq", t.seq);
        ArrayNode arr = r.putArray("positions");
        for (Position p : t.account.positions()) {
            String name = t.brokerOf(p.symbol());
            if ((!symbol.isEmpty() && !symbol.equals(name)) || (magic >= 0 && magic != p.magic())) {
                continue;
            }
            long id = t.account.positionId(p.ticket());
            ObjectNode o = arr.addObject();
            // PROTOCOL.md 5.9: POSITION_TICKET, which a netting reversal replaces with the reversing
            // order's, and the identifier, which stays and which every other `position` field names
            o.put("ticket", p.ticket());
            o.put("identifier", id);
            o.put("symbol", name);
            o.put("side", p.side() == Side.BUY ? "buy" : "sell");
            o.put("volume", p.volume());
            o.put("price_open", p.openPrice());
            o.put("sl", p.stopLoss());
            o.put("tp", p.takeProfit());
            o.put("price_current", p.currentPrice());
            o.put("profit", p.profit());
            o.put("swap", 0.0);
            o.put("magic", p.magic());
            o.put("comment", p.clientOrderId());
            o.put("time_msc", p.openEpochMillis() + t.cfg.serverOffsetSeconds * 1000);
            o.put("utc_ms", p.openEpochMillis());
        }
        return r;
    }

    /**
     * The deals of the span, oldest first by (utc time, ticket), from the cursor on, until the
     * page budget is used (PROTOCOL.md 5.11): then {@code more} and {@code next} =
     * {@code "<time_msc>:<ticket>"} of the last deal of the page.
     */
    ObjectNode dealsReply(Msg m) throws MalformedMessageException {
        long from = m.lng("from_utc_ms");
        long to = m.lng("to_utc_ms", Long.MAX_VALUE);
        String cursor = m.str("cursor", "");
        long afterMsc = Long.MIN_VALUE;
        long afterTicket = 0;
        if (!cursor.isEmpty()) {
            int colon = cursor.indexOf(':');
            try {
                afterMsc = Long.parseLong(cursor.substring(0, Math.max(0, colon)));
                afterTicket = Long.parseLong(cursor.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new MalformedMessageException("cursor must be the next of an earlier deals_reply"
                        + " (\"<time_msc>:<ticket>\"), was '" + Wire.abbreviate(cursor) + "'");
            }
        }
        long offsetMs = t.cfg.serverOffsetSeconds * 1000;
        List<Deal> span = new ArrayList<>();
        for (Deal d : t.account.deals()) {
            long msc = d.epochMillis() + offsetMs;
            if (d.epochMillis() >= from && d.epochMillis() <= to
                    && (cursor.isEmpty() || msc > afterMsc || (msc == afterMsc && d.ticket() > afterTicket))) {
                span.add(d);
            }
        }
        span.sort(Comparator.comparingLong(Deal::epochMillis).thenComparingLong(Deal::ticket));
        ObjectNode r = t.reply(m, true);
        ArrayNode arr = r.putArray("deals");
        int used = 0;
        Deal last = null;
        boolean more = false;
        for (Deal d : span) {
            ObjectNode c = dealNode(d);
            c.put("ticket", d.ticket());
            int bytes = Wire.encode(c).length + 1; // the bytes written, and a comma
            if (last != null && used + bytes > t.cfg.pageBytes) {
                more = true;
                break;
            }
            used += bytes;
            arr.add(c);
            last = d;
        }
        r.put("more", more);
        if (more) {
            r.put("next", (last.epochMillis() + offsetMs) + ":" + last.ticket());
        }
        return r;
    }

    /** Every deal of the account (fills, stops, stop-outs, manual closes) is a {@code trade} event. */
    void onDeal(Deal d) {
        ObjectNode e = t.event("trade");
        e.setAll(dealNode(d));
        e.put("position_volume", d.volumeAfter());
        putAccount(t, e);
        t.publish(e);
        if (t.faults.duplicateEvents()) {
            t.publishAgain(e);
        }
    }

    private ObjectNode dealNode(Deal d) {
        ObjectNode o = Wire.object();
        o.put("deal", d.ticket());
        o.put("order", d.orderTicket());
        o.put("position", d.positionId());
        o.put("symbol", t.brokerOf(d.symbol()));
        o.put("side", d.side() == Side.BUY ? "buy" : "sell");
        o.put("entry", d.entry().name().toLowerCase(java.util.Locale.ROOT));
        o.put("reason", switch (d.reason()) {
            case ORDER -> "expert";
            case CLIENT -> "client";
            case STOP_LOSS -> "sl";
            case TAKE_PROFIT -> "tp";
            case STOP_OUT -> "so";
        });
        o.put("volume", d.volume());
        o.put("price", d.price());
        o.put("profit", d.profit());
        o.put("commission", d.commission());
        o.put("swap", 0.0);
        o.put("magic", d.magic());
        o.put("comment", d.comment());
        o.put("client_order_id", d.clientOrderId());
        o.put("time_msc", d.epochMillis() + t.cfg.serverOffsetSeconds * 1000);
        o.put("utc_ms", d.epochMillis());
        return o;
    }
}
