package io.aria.mt5;

import io.aria.core.TradeEvent;
import io.aria.core.spi.TradeEventListener;
import io.aria.mt5.internal.MalformedMessageException;
import io.aria.mt5.internal.Msg;
import io.aria.mt5.internal.OpenPosition;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Mt5Gateway}'s trade events (PROTOCOL.md 10): the terminal's {@code trade} messages
 * applied to the book, and each deal that is not the reply to one of this client's orders turned
 * into one {@link TradeEvent} (SL, TP, stop-out, closed elsewhere, late fill), once, for this
 * client's magic only. I/O thread, except {@link #setListener}.
 */
final class TradeEventFeed {

    private static final Logger LOG = LoggerFactory.getLogger(Mt5Gateway.class);

    private final Mt5Connection conn;
    private final long magic;
    private final GatewayBook book;
    private final OrderFlow flow;
    private volatile TradeEventListener listener = e -> { };
    private final Set<Long> emittedDeals = GatewayBook.boundedSet();
    private final Set<String> closeAllPrefixes = new HashSet<>();
    private Reconciler reconciler;

    TradeEventFeed(Mt5Connection conn, long magic, GatewayBook book, OrderFlow flow) {
        this.conn = conn;
        this.magic = magic;
        this.book = book;
        this.flow = flow;
    }

    void wire(Reconciler reconciler) {
        this.reconciler = reconciler;
    }

    void setListener(TradeEventListener listener) {
        this.listener = listener == null ? e -> { } : listener;
    }

    /** A deal whose effect is known otherwise (an order reply, a snapshot): never an event. */
    void markEmitted(long deal) {
        emittedDeals.add(deal);
    }

    /** Orders of a close_all with this id prefix are this gateway's, though no task has their ids. */
    void closeAllPrefix(String prefix) {
        closeAllPrefixes.add(prefix);
    }

    void onTradeMessage(Msg m, long seq, String session) {
        Deal d;
        double after;
        try {
            d = Replies.deal(conn, m);
            after = m.num("position_volume", -1);
        } catch (MalformedMessageException | IllegalArgumentException e) {
            conn.badMessage("trade event", e.getMessage());
            return;
        }
        book.applyAccount(m);
        long positionMagic = book.magicOf(d);
        boolean inSnapshot = reconciler.inSnapshot(seq, session);
        OrderTask own = "expert".equals(d.reason()) ? flow.task(d.comment()) : null;
        if (own == null && "expert".equals(d.reason()) && isCloseAllComment(d.comment())) {
            if (!inSnapshot) {
                book.applyDeal(d.ticket(), d.position(), d.symbol(), d.side(), d.volume(), d.price(), after, 0, 0,
                        d.clientOrderId(), d.magic(), d.epochMillis());
            }
            emittedDeals.add(d.ticket());
            return;
        }
        if (inSnapshot) {
            book.markApplied(d.ticket());
        } else {
            OpenPosition prior = book.get(d.position());
            book.applyDeal(d.ticket(), d.position(), d.symbol(), d.side(), d.volume(), d.price(), after,
                    own != null ? own.request.stopLoss() : prior != null ? prior.sl : 0,
                    own != null ? own.request.takeProfit() : prior != null ? prior.tp : 0,
                    d.clientOrderId(), d.magic(), d.epochMillis());
        }
        if (own != null) {
            emittedDeals.add(d.ticket());
            if (own.state == OrderTask.State.UNKNOWN) {
                flow.askStatus(own);
            }
            return;
        }
        report(d, positionMagic);
    }

    /** The deals since the last snapshot (a reconciliation's): those missed while the link was down become events. */
    void onDealsSince(List<Msg> deals) throws MalformedMessageException {
        for (Msg dm : deals) {
            Deal d = Replies.deal(conn, dm);
            if (!emittedDeals.contains(d.ticket()) && !("expert".equals(d.reason())
                    && (flow.knows(d.comment()) || isCloseAllComment(d.comment())))) {
                report(d, book.magicOf(d));
            }
        }
    }

    /** A close_all id is {@code <prefix>-<ticket>}; a terminal may shorten the prefix to fit 31 characters. */
    private boolean isCloseAllComment(String comment) {
        int dash = comment.lastIndexOf('-');
        if (dash <= 0) {
            return false;
        }
        String head = comment.substring(0, dash);
        for (String p : closeAllPrefixes) {
            if (p.startsWith(head)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Turns a deal that is not the reply to one of this gateway's orders into a trade event, once;
     * only for a position of this client's magic (another client's SL, stop-out or close is not
     * this client's trade).
     */
    private void report(Deal d, long positionMagic) {
        if (!emittedDeals.add(d.ticket())) {
            return;
        }
        if (positionMagic != magic) {
            LOG.debug("deal {} on {} belongs to magic {}, not this client's {}: not reported", d.ticket(), d.symbol(),
                    positionMagic, magic);
            return;
        }
        TradeEvent.Kind kind = switch (d.reason()) {
            case "sl" -> TradeEvent.Kind.STOP_LOSS;
            case "tp" -> TradeEvent.Kind.TAKE_PROFIT;
            case "so" -> TradeEvent.Kind.STOP_OUT;
            default -> d.isEntry() ? null : TradeEvent.Kind.CLOSED_EXTERNALLY;
        };
        OrderTask t = flow.task(d.clientOrderId());
        if (d.isEntry() && t != null && t.state == OrderTask.State.UNKNOWN) {
            flow.askStatus(t);
            return;
        }
        if (kind == null || d.position() <= 0 || !(d.volume() > 0) || !(d.price() > 0)) {
            LOG.info("deal {} on {} ({} {}) changed the book without an event", d.ticket(), d.symbol(), d.entry(), d.reason());
            return;
        }
        emit(new TradeEvent(kind, d.symbol(), d.position(), d.ticket(), d.side(), d.volume(), d.price(), d.profit(),
                d.clientOrderId(), d.epochMillis()), d.ticket());
    }

    void emit(TradeEvent e, long deal) {
        if (deal > 0) {
            emittedDeals.add(deal);
        }
        LOG.info("trade event {} {} position {} {} @ {}", e.kind(), e.symbol(), e.positionTicket(), e.volume(), e.price());
        TradeEventListener l = listener;
        conn.callback(() -> l.onTradeEvent(e));
    }
}
