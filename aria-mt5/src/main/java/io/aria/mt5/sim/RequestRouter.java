package io.aria.mt5.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aria.mt5.internal.IoLoop;
import io.aria.mt5.internal.MalformedMessageException;
import io.aria.mt5.internal.Msg;
import io.aria.mt5.internal.Wire;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.zeromq.ZMQ;

/**
 * The simulated terminal's command side: each request read from the ROUTER, decoded, handed to
 * the desk that answers its type, and the reply sent through the faults (ignored, dropped,
 * delayed, preceded by junk). Trade events a request raises are held until its reply left, as
 * MT5 runs {@code OnTradeTransaction} after the handler that called {@code OrderSend}. I/O thread.
 */
final class RequestRouter {

    private final SimulatedMt5Terminal t;
    private final IoLoop loop;
    private final OrderDesk desk;
    private final MarketDesk marketDesk;
    private final BookDesk bookDesk;
    final AtomicLong requestsSeen = new AtomicLong();
    final AtomicLong malformedSeen = new AtomicLong();

    RequestRouter(SimulatedMt5Terminal t, IoLoop loop, OrderDesk desk, MarketDesk marketDesk, BookDesk bookDesk) {
        this.t = t;
        this.bookDesk = bookDesk;
        this.loop = loop;
        this.desk = desk;
        this.marketDesk = marketDesk;
    }

    void read(ZMQ.Socket s) {
        for (int i = 0; i < 1000 && t.isRouter(s); i++) {
            byte[] identity = s.recv(ZMQ.DONTWAIT);
            if (identity == null) {
                return;
            }
            List<byte[]> frames = new ArrayList<>(2);
            while (s.hasReceiveMore()) {
                frames.add(s.recv(ZMQ.DONTWAIT));
            }
            requestsSeen.incrementAndGet();
            if (frames.size() != 1) {
                malformedSeen.incrementAndGet();
                t.send(identity, Wire.encode(t.errorReply("", "malformed", "expected one frame after the identity, got "
                        + frames.size())));
                continue;
            }
            handle(identity, frames.get(0));
        }
    }

    private void handle(byte[] identity, byte[] frame) {
        Msg m;
        try {
            m = Wire.decode(frame);
        } catch (MalformedMessageException e) {
            malformedSeen.incrementAndGet();
            t.send(identity, Wire.encode(t.errorReply("", "malformed", e.getMessage())));
            return;
        }
        String type = m.type();
        if (t.faults.takeIgnore(type)) {
            return;
        }
        // MT5 runs OnTradeTransaction after the handler that called OrderSend returns, so the
        // Expert Advisor's reply leaves before the trade events the request raised; do the same
        t.holdEvents();
        try {
            handleHoldingEvents(identity, m, type);
        } finally {
            t.releaseEvents();
        }
    }

    private void handleHoldingEvents(byte[] identity, Msg m, String type) {
        ObjectNode reply;
        String id = m.id();
        if (id.isEmpty() || id.length() > 64) {
            // PROTOCOL.md 3: no usable id is malformed (error_reply), as the EA answers; a field error is bad_request
            malformedSeen.incrementAndGet();
            t.send(identity, Wire.encode(t.errorReply("", "malformed", "id must be a string of 1 to 64 characters, was "
                    + (m.node().has("id") ? Wire.abbreviate(m.node().get("id").toString()) : "missing"))));
            return;
        }
        try {
            if (t.faults.takeBusy(type)) {
                reply = t.errorReply(id, "busy", "the terminal is busy (an injected fault); ask again");
                reply.put("type", type + "_reply");
            } else {
                reply = dispatch(type, m);
            }
        } catch (MalformedMessageException | IllegalArgumentException e) {
            malformedSeen.incrementAndGet();
            reply = t.errorReply(m.id(), "bad_request", e.getMessage());
            reply.put("type", type + "_reply");
        }
        if (reply == null) {
            return;
        }
        Faults faults = t.faults;
        if (faults.takeDropReply(type)) {
            return;
        }
        if (reply.path("ok").asBoolean() && faults.endlessPage(type)) {
            // a terminal whose pages never end: every reply says more, with a new cursor
            reply.put("more", true);
            reply.put("next", "0:" + faults.endlessPagesServed());
        }
        for (byte[] junk : faults.takeMalformedReplies()) {
            t.send(identity, junk);
        }
        byte[] bytes = Wire.encode(reply);
        Duration delay = faults.takeDelay(type);
        if (delay != null) {
            loop.schedule(delay.toNanos(), () -> t.send(identity, bytes));
        } else {
            t.send(identity, bytes);
        }
    }

    private ObjectNode dispatch(String type, Msg m) throws MalformedMessageException {
        return switch (type) {
            case "hello" -> marketDesk.hello(m);
            case "ping" -> {
                ObjectNode r = t.reply(m, true);
                r.put("session", t.session());
                r.put("server_offset_s", t.cfg.serverOffsetSeconds);
                yield r;
            }
            case "symbols" -> marketDesk.symbolsReply(m);
            case "subscribe", "unsubscribe" -> marketDesk.subscribe(m, "subscribe".equals(type));
            case "account" -> marketDesk.account(t.reply(m, true));
            case "order" -> desk.trade(m, false);
            case "close" -> desk.trade(m, true);
            case "modify" -> desk.modify(m);
            case "close_all" -> desk.closeAll(m);
            case "positions" -> bookDesk.positionsReply(m);
            case "orders" -> {
                ObjectNode r = t.reply(m, true);
                r.putArray("orders");
                yield r;
            }
            case "deals" -> bookDesk.dealsReply(m);
            case "bars" -> marketDesk.bars(m);
            case "order_status" -> desk.orderStatus(m);
            default -> {
                ObjectNode r = t.errorReply(m.id(), "unknown_type", "unknown type '" + Wire.abbreviate(type) + "'");
                r.put("type", type + "_reply");
                yield r;
            }
        };
    }
}
