package io.aria.mt5;

import io.aria.core.AccountSnapshot;
import io.aria.core.Position;
import io.aria.core.Side;
import io.aria.mt5.internal.MalformedMessageException;
import io.aria.mt5.internal.Msg;
import io.aria.mt5.internal.Wire;
import java.util.ArrayList;
import java.util.List;

/** Reads the terminal's accounts, positions and deals (PROTOCOL.md 5) into ARIA's types. */
final class Replies {

    private Replies() {
    }

    static AccountSnapshot account(Mt5Connection conn, Msg m) throws MalformedMessageException {
        double equity = m.num("equity");
        double margin = m.num("margin", 0);
        return new AccountSnapshot(m.str("currency"), m.num("balance"), equity, margin, m.num("free_margin", equity - margin),
                (int) Math.max(1, m.lng("leverage", 1)), m.lng("utc_ms", conn.utcNow()));
    }

    static List<Position> positions(Mt5Connection conn, List<Msg> list) throws MalformedMessageException {
        List<Position> out = new ArrayList<>();
        for (Msg p : list) {
            double open = p.num("price_open");
            double cur = p.num("price_current", open);
            // PROTOCOL.md 5.9: the book is keyed by the identifier, which deals, trade events and
            // replies name; the ticket changes on a netting reversal
            long id = p.lng("identifier", 0);
            out.add(new Position(id > 0 ? id : p.lng("ticket"), conn.symbolOf(p.str("symbol")), side(p.str("side")),
                    p.num("volume"), open, p.lng("utc_ms", 0), p.num("sl", 0), p.num("tp", 0), cur > 0 ? cur : open,
                    p.num("profit", 0) + p.num("swap", 0), p.str("comment", ""), p.lng("magic", 0)));
        }
        return out;
    }

    static Deal deal(Mt5Connection conn, Msg d) throws MalformedMessageException {
        String comment = d.str("comment", "");
        return new Deal(d.lng("deal", d.lng("ticket", 0)), d.lng("order", 0), d.lng("position", 0),
                conn.symbolOf(d.str("symbol")), side(d.str("side")), d.str("entry"), d.str("reason", "other"),
                d.num("volume"), d.num("price"), d.num("profit", 0), d.num("commission", 0), d.num("swap", 0),
                d.lng("magic", 0), comment, d.str("client_order_id", comment), d.lng("utc_ms", 0));
    }

    static Side side(String s) throws MalformedMessageException {
        return switch (s) {
            case "buy" -> Side.BUY;
            case "sell" -> Side.SELL;
            default -> throw new MalformedMessageException("side must be buy or sell, was '" + Wire.abbreviate(s) + "'");
        };
    }
}
