package io.aria.mt5.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aria.core.AssetSpec;
import io.aria.core.ExecutionReport;
import io.aria.core.OrderRequest;
import io.aria.core.Position;
import io.aria.core.Side;
import io.aria.core.Tick;
import io.aria.core.TradeReturnCode;
import io.aria.core.paper.Deal;
import io.aria.core.paper.OrderKey;
import io.aria.core.paper.OrderRecord;
import io.aria.core.paper.SimulatedAccount;
import io.aria.core.paper.Submission;
import io.aria.mt5.internal.MalformedMessageException;
import io.aria.mt5.internal.Msg;
import io.aria.mt5.internal.Wire;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated terminal's trade requests, as its Expert Advisor answers them (PROTOCOL.md
 * sections 5.6 to 5.13 and 9): the EA's part (the fence, deadlines, injected faults, trade
 * modes, the table of replies an EA restart forgets, the wire form of deals and positions) over
 * the trade server's, which is core's {@link SimulatedAccount} (client order ids and their
 * conflicts, fills, positions, stops, stop-out, history). Runs on the terminal's I/O thread only;
 * the counters may be read from any thread.
 */
final class OrderDesk {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedMt5Terminal.class);

    private final SimulatedMt5Terminal t;
    /** The Expert Advisor's in-memory table: the reply each id was answered with (forgotten on a restart). */
    private final Map<String, ObjectNode> replies = new HashMap<>();
    /**
     * Ids an {@code order_status} answered {@code not_found} for, or whose deadline passed. Kept
     * across a restart, as the EA journals them (PROTOCOL.md 5.13): a fence a restart forgot would
     * let a resend trade after the client was told the id never will.
     */
    private final Set<String> fenced = new HashSet<>();
    final AtomicLong conflictsSeen = new AtomicLong();
    final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    OrderDesk(SimulatedMt5Terminal terminal) {
        this.t = terminal;
    }

    /** An Expert Advisor restart: its table of replies is gone (answers come from history); fences and the account's history stay. */
    void forget() {
        replies.clear();
    }

    /**
     * An {@code order} or {@code close} (PROTOCOL.md section 9): the Expert Advisor's part (fence,
     * deadline, faults, trade mode, the reply table) is here; the trade server's (ids and their
     * conflicts, fills, positions) is the {@link SimulatedAccount}'s.
     */
    ObjectNode trade(Msg m, boolean close) throws MalformedMessageException {
        String cid = received(m);
        ObjectNode r = t.reply(m, true);
        r.put("client_order_id", cid);
        r.put("duplicate", false);
        if (fenced.contains(cid)) {
            return result(r, TradeReturnCode.REJECT, "client order id fenced");
        }
        double volume = m.num("volume", 0);
        long named = m.lng("position", close ? -1 : 0);
        Position target = named > 0 ? t.account.position(named) : null;
        SimulatedMt5Terminal.Sym s;
        Side side;
        if (close) {
            s = target == null ? null : t.symbols.get(t.brokerOf(target.symbol()));
            side = target == null ? null : target.side().opposite();
        } else {
            s = t.symbols.get(m.str("symbol"));
            if (s == null) {
                ObjectNode e = t.errorReply(m.id(), "unknown_symbol", "symbol '" + m.str("symbol") + "' is not offered");
                e.put("type", "order_reply");
                return e;
            }
            side = side(m.str("side"));
        }
        OrderKey key = close ? OrderKey.close(named, volume) : new OrderKey(false, s.spec.symbol(), side, volume,
                Math.max(0, named));
        ObjectNode known = answeredByTable(m, r, cid, key, close);
        if (known != null) {
            return known;
        }
        if (named > 0 && target == null) {
            return result(r, TradeReturnCode.POSITION_CLOSED, "position " + named + " not found");
        }
        if (close && volume <= 0) {
            volume = target.volume();
        }
        double requested = m.num("price", 0);
        describe(r, s, side, requested, volume);
        double sl = close ? 0 : m.num("sl", 0);
        double tp = close ? 0 : m.num("tp", 0);
        if (!(volume > 0)) {
            return result(r, TradeReturnCode.INVALID_VOLUME, "Invalid volume " + volume);
        }
        if (!(sl >= 0) || !(tp >= 0)) {
            return result(r, TradeReturnCode.INVALID_STOPS, "Invalid stops");
        }
        long magic = Math.max(0, m.lng("magic", target != null ? target.magic() : 0));
        OrderRequest req = new OrderRequest(cid, s.spec.symbol(), side, volume, requested > 0 ? requested
                : side == Side.BUY ? s.ask : s.bid, sl, tp, (int) Math.max(0, m.lng("deviation", 10)), magic, cid,
                target != null ? target.ticket() : 0);
        ObjectNode refused = brokerRefusal(r, req, key, s, side, target != null);
        if (refused != null) {
            return refused;
        }
        return send(m, r, req, key, s, close);
    }

    /** An order or close request reached the terminal: its id checked, counted and journalled. */
    private String received(Msg m) throws MalformedMessageException {
        String cid = m.str("client_order_id");
        if (cid.isEmpty() || cid.length() > 31) {
            throw new MalformedMessageException("client_order_id must have 1..31 characters, was '" + cid + "'");
        }
        t.cfg.orderReceived.accept(cid);
        journalReceived(m, cid);
        attempts.computeIfAbsent(cid, k -> new AtomicInteger()).incrementAndGet();
        return cid;
    }

    private static Side side(String side) throws MalformedMessageException {
        return switch (side) {
            case "buy" -> Side.BUY;
            case "sell" -> Side.SELL;
            default -> throw new MalformedMessageException("side must be buy or sell, was '" + side + "'");
        };
    }

    /** The order's symbol, side, request and the quote it met, in its reply. */
    private static void describe(ObjectNode r, SimulatedMt5Terminal.Sym s, Side side, double requested, double volume) {
        r.put("symbol", s.name);
        r.put("side", side == Side.BUY ? "buy" : "sell");
        r.put("requested_price", requested);
        r.put("requested_volume", volume);
        r.put("bid", s.bid);
        r.put("ask", s.ask);
    }

    /** Hands the order to the trade server (with an injected partial fill, if any) and makes the reply. */
    private ObjectNode send(Msg m, ObjectNode r, OrderRequest req, OrderKey key, SimulatedMt5Terminal.Sym s,
            boolean close) throws MalformedMessageException {
        String cid = req.clientOrderId();
        Side side = req.side();
        double requested = m.num("price", 0);
        long magic = req.magic();
        Double partial = t.faults.takePartial();
        OrderRequest sent = partial == null ? req : new OrderRequest(cid, req.symbol(), side,
                partialVolume(req.volume(), partial, s.spec), req.requestedPrice(), req.stopLoss(), req.takeProfit(),
                req.maxDeviationPoints(), magic, cid, req.positionTicket());
        Submission done = t.account.submit(sent, key, t.cfg.clock.millis(), 0);
        if (done instanceof Submission.Conflict c) {
            return conflict(m, cid, c.first(), key, close);
        }
        if (done instanceof Submission.Duplicate d) {
            return duplicate(m, cid, d.first());
        }
        Deal deal = ((Submission.Executed) done).deal();
        if (deal == null) {
            return remember(cid, result(r, done.report().returnCode(), done.report().message()));
        }
        int code = partial != null ? TradeReturnCode.DONE_PARTIAL : done.report().returnCode();
        putFill(r, deal, code, requested, s.spec);
        BookDesk.putAccount(t, r);
        remember(cid, r);
        executions.computeIfAbsent(cid, k -> new AtomicInteger()).incrementAndGet();
        journalExecuted(cid, deal, s.name, magic);
        Duration down = t.faults.takeDisconnect();
        if (down != null) {
            LOG.info("fault: dropping off the network for {} ms mid-order {}", down.toMillis(), cid);
            t.goDown(down);
            return null;
        }
        return r;
    }

    /**
     * The Expert Advisor's table and the account's history: a conflict, a duplicate, or a passed
     * deadline (which fences the id) answer the request without sending it.
     */
    private ObjectNode answeredByTable(Msg m, ObjectNode r, String cid, OrderKey key, boolean close)
            throws MalformedMessageException {
        OrderRecord first = t.account.order(cid);
        if (first != null) {
            if (!first.key().sameOrder(key) && !t.faults.ignoreConflicts()) {
                return conflict(m, cid, first, key, close);
            }
            if (first.filled()) {
                return duplicate(m, cid, first);
            }
        }
        long expires = m.lng("expires_utc_ms", 0);
        if (expires > 0 && t.cfg.clock.millis() > expires) {
            fenced.add(cid);
            return result(r, TradeReturnCode.TIMEOUT, "expired");
        }
        return null;
    }

    private void journalReceived(Msg m, String cid) throws MalformedMessageException {
        if (!t.journaling()) {
            return;
        }
        ObjectNode j = t.journalLine("received", cid);
        j.put("type", m.type());
        j.put("symbol", m.str("symbol", ""));
        j.put("side", m.str("side", ""));
        j.put("volume", m.num("volume", 0));
        j.put("position", m.lng("position", 0));
        t.journal(j);
    }

    private void journalExecuted(String cid, Deal deal, String symbol, long magic) {
        if (t.journaling()) {
            ObjectNode j = t.journalLine("executed", cid);
            j.put("deal", deal.ticket());
            j.put("position", deal.positionId());
            j.put("symbol", symbol);
            j.put("side", deal.side() == Side.BUY ? "buy" : "sell");
            j.put("volume", deal.volume());
            j.put("price", deal.price());
            j.put("magic", magic);
            t.journal(j);
        }
    }

    /** What the broker refuses before the trade server sees the order: injected faults and the trade mode. */
    private ObjectNode brokerRefusal(ObjectNode r, OrderRequest req, OrderKey key, SimulatedMt5Terminal.Sym s, Side side,
            boolean namesPosition) {
        int forced = t.faults.takeReject();
        if (forced != 0) {
            return refuse(r, req, key, forced, TradeReturnCode.describe(forced));
        }
        if (t.faults.takeRequote()) {
            double move = 3 * s.spec.point() * side.sign();
            s.bid = s.spec.normalizePrice(s.bid + move);
            s.ask = s.spec.normalizePrice(s.ask + move);
            t.account.quote(new Tick(s.spec.symbol(), s.quoteUtc, s.bid, s.ask, 0));
            r.put("bid", s.bid);
            r.put("ask", s.ask);
            return refuse(r, req, key, TradeReturnCode.REQUOTE, "Requote");
        }
        int mode = t.cfg.tradeModes.getOrDefault(s.spec.symbol(), 4);
        if (mode == 0 || (mode == 3 && !namesPosition) || (mode == 1 && !namesPosition && side == Side.SELL)
                || (mode == 2 && !namesPosition && side == Side.BUY)) {
            return refuse(r, req, key, TradeReturnCode.TRADE_DISABLED, "Trade disabled");
        }
        return null;
    }

    private ObjectNode refuse(ObjectNode r, OrderRequest req, OrderKey key, int code, String comment) {
        // a refused order traded nothing: the id is free again, but only for the same order (a resend)
        t.account.refuse(req, key, code, comment, t.cfg.clock.millis());
        return remember(cid(r), result(r, code, comment));
    }

    private static String cid(ObjectNode r) {
        return r.get("client_order_id").asText();
    }

    private ObjectNode remember(String cid, ObjectNode r) {
        replies.put(cid, r.deepCopy());
        return r;
    }

    private static double partialVolume(double volume, double share, AssetSpec a) {
        double v = Math.floor(volume * share / a.volumeStep() + 1e-9) * a.volumeStep();
        return Math.max(a.volumeMin(), Math.rint(v * 1e8) / 1e8);
    }

    private void putFill(ObjectNode r, Deal deal, int code, double requested, AssetSpec a) {
        r.put("deal", deal.ticket());
        r.put("order", deal.orderTicket());
        r.put("position", deal.positionId());
        r.put("price", deal.price());
        r.put("volume", deal.volume());
        r.put("retcode", code);
        r.put("retcode_external", 0);
        r.put("comment", code == TradeReturnCode.DONE ? "Request executed" : "Request executed partially");
        r.put("slippage_points", requested > 0
                ? Math.round(deal.side().sign() * (deal.price() - requested) / a.point()) : 0);
    }

    /** PROTOCOL.md 9: a known id with other contents is another client's order, never a resend. */
    private ObjectNode conflict(Msg m, String cid, OrderRecord first, OrderKey key, boolean close) {
        conflictsSeen.incrementAndGet();
        ObjectNode e = t.errorReply(m.id(), "conflict", "client order id '" + cid + "' is already used for "
                + first.key().describe() + "; this " + (close ? "close" : "order") + " is " + key.describe()
                + "; not sent");
        e.put("type", close ? "close_reply" : "order_reply");
        e.put("client_order_id", cid);
        LOG.info("refused as a conflict: {}", e.get("message").asText());
        return e;
    }

    private ObjectNode duplicate(Msg m, String cid, OrderRecord first) {
        ObjectNode known = replies.get(cid);
        ObjectNode dup = known != null ? known.deepCopy() : fromHistory(cid, first);
        dup.put("type", m.type() + "_reply");
        dup.put("id", m.id());
        dup.put("ok", true);
        dup.put("duplicate", true);
        return dup;
    }

    private static ObjectNode result(ObjectNode r, int code, String comment) {
        r.put("retcode", code);
        r.put("retcode_external", 0);
        r.put("comment", comment);
        if (!r.has("message") && "expired".equals(comment)) {
            r.put("message", "expired");
        }
        if ("client order id fenced".equals(comment)) {
            r.put("message", comment);
        }
        r.put("deal", 0);
        r.put("order", 0);
        r.put("position", 0);
        r.put("price", 0.0);
        r.put("volume", 0.0);
        r.put("slippage_points", 0);
        return r;
    }

    /**
     * An order the Expert Advisor's table forgot (after a restart), as the history keeps it: a fill
     * with its deal, the request's volume ({@code ORDER_VOLUME_INITIAL}, not the deal's), or a refusal.
     */
    private ObjectNode fromHistory(String cid, OrderRecord rec) {
        ObjectNode r = Wire.object();
        r.put("ok", true);
        r.put("client_order_id", cid);
        Deal d = rec.deal();
        if (d == null) {
            ExecutionReport rep = rec.report();
            r.put("symbol", t.brokerOf(rep.symbol()));
            r.put("side", rep.side() == Side.BUY ? "buy" : "sell");
            r.put("requested_price", rep.requestedPrice());
            r.put("requested_volume", rec.key().volume());
            r.put("time_msc", rep.epochMillis() + t.cfg.serverOffsetSeconds * 1000);
            r.put("utc_ms", rep.epochMillis());
            return result(r, rep.returnCode(), rep.message());
        }
        r.put("retcode", TradeReturnCode.DONE);
        r.put("retcode_external", 0);
        r.put("comment", "Request executed");
        r.put("deal", d.ticket());
        r.put("order", d.orderTicket());
        r.put("position", d.positionId());
        r.put("symbol", t.brokerOf(d.symbol()));
        r.put("side", d.side() == Side.BUY ? "buy" : "sell");
        r.put("requested_price", d.price());
        r.put("requested_volume", rec.key().volume() > 0 ? rec.key().volume() : d.volume());
        r.put("price", d.price());
        r.put("volume", d.volume());
        r.put("bid", 0.0);
        r.put("ask", 0.0);
        r.put("slippage_points", 0);
        r.put("time_msc", d.epochMillis() + t.cfg.serverOffsetSeconds * 1000);
        r.put("utc_ms", d.epochMillis());
        return r;
    }

    ObjectNode orderStatus(Msg m) throws MalformedMessageException {
        String cid = m.str("client_order_id");
        ObjectNode r = t.reply(m, true);
        r.put("client_order_id", cid);
        OrderRecord rec = fenced.contains(cid) ? null : t.account.order(cid);
        if (rec == null) {
            fenced.add(cid);
            r.put("state", "not_found");
            return r;
        }
        ObjectNode known = replies.get(cid);
        ObjectNode body = known != null ? known.deepCopy() : fromHistory(cid, rec);
        body.put("type", "order_status_reply");
        body.put("id", m.id());
        body.put("ok", true);
        body.put("duplicate", true);
        body.put("state", rec.filled() ? "filled" : "rejected");
        return body;
    }

    ObjectNode modify(Msg m) throws MalformedMessageException {
        long ticket = m.lng("position");
        double sl = m.num("sl", 0);
        double tp = m.num("tp", 0);
        ObjectNode r = t.reply(m, true);
        r.put("position", ticket);
        r.put("sl", sl);
        r.put("tp", tp);
        r.put("retcode_external", 0);
        int code = t.account.modify(ticket, sl, tp);
        r.put("retcode", code);
        r.put("comment", code == TradeReturnCode.DONE ? "Request executed"
                : code == TradeReturnCode.POSITION_CLOSED ? "Position not found" : "Invalid stops");
        return r;
    }

    ObjectNode closeAll(Msg m) throws MalformedMessageException {
        String symbol = m.str("symbol", "");
        long magic = m.lng("magic", -1);
        String prefix = m.str("client_order_id_prefix");
        if (prefix.isEmpty() || prefix.length() > 24) {
            throw new MalformedMessageException("client_order_id_prefix must have 1..24 characters, was '" + prefix + "'");
        }
        ObjectNode r = t.reply(m, true);
        ArrayNode results = r.putArray("results");
        for (Position p : t.account.positions()) {
            if ((!symbol.isEmpty() && !symbol.equals(t.brokerOf(p.symbol()))) || (magic >= 0 && magic != p.magic())) {
                continue;
            }
            long id = t.account.positionId(p.ticket());
            String ticket = Long.toString(id);
            String cid = (prefix.length() + 1 + ticket.length() > 31
                    ? prefix.substring(0, Math.max(0, 30 - ticket.length())) : prefix) + "-" + ticket;
            ObjectNode one = Wire.object();
            one.put("type", "close_reply");
            one.put("id", m.id());
            one.put("client_order_id", cid);
            one.put("position", id);
            one.put("volume", 0);
            one.put("deviation", 1_000_000);
            ObjectNode res;
            try {
                res = trade(new MsgView(one).msg(), true);
            } catch (MalformedMessageException e) {
                continue;
            }
            if (res != null) {
                res.remove("type");
                res.remove("id");
                res.remove("ok");
                results.add(res);
            }
        }
        return r;
    }

    /** Wraps an object built here as a decoded message. */
    private record MsgView(ObjectNode node) {
        Msg msg() throws MalformedMessageException {
            return Wire.decode(Wire.encode(node));
        }
    }
}
