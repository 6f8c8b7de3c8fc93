package io.aria.mt5;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.OrderRequest;
import io.aria.core.Side;
import io.aria.core.Tick;
import io.aria.core.TradeEvent;
import io.aria.core.TradeReturnCode;
import io.aria.mt5.internal.MalformedMessageException;
import io.aria.mt5.internal.Msg;
import io.aria.mt5.internal.Wire;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Mt5Gateway}'s order lifecycle on the connection's I/O thread: the local checks, the
 * send, retries with a fresh price, UNKNOWN outcomes resolved by {@code order_status} (never a
 * blind resend), fills applied to the book, and the outcome handed to the {@link OrderTable}.
 * Counts the requests in flight so that the {@link Reconciler} runs only when none is.
 */
final class OrderFlow {

    private static final Logger LOG = LoggerFactory.getLogger(Mt5Gateway.class);
    /** Finished orders remembered for idempotency and reconciliation; older ones are forgotten. */
    private static final int MAX_REMEMBERED_ORDERS = 100_000;

    private final Mt5Connection conn;
    private final long magic;
    private final OrderTable table;
    private final GatewayBook book;
    private final GatewayStats stats;
    private final Map<String, OrderTask> tasks = new LinkedHashMap<>();
    /** Orders submitted during a reconciliation, sent once it is done. */
    private final ArrayDeque<OrderTask> waiting = new ArrayDeque<>();
    private int inFlight;
    private TradeEventFeed events;
    private Reconciler reconciler;

    OrderFlow(Mt5Connection conn, long magic, OrderTable table, GatewayBook book, GatewayStats stats) {
        this.conn = conn;
        this.magic = magic;
        this.table = table;
        this.book = book;
        this.stats = stats;
    }

    /** The two parts the flow works with, which work with it too. */
    void wire(TradeEventFeed events, Reconciler reconciler) {
        this.events = events;
        this.reconciler = reconciler;
    }

    OrderTask task(String clientOrderId) {
        return tasks.get(clientOrderId);
    }

    boolean knows(String clientOrderId) {
        return tasks.containsKey(clientOrderId);
    }

    /** @return a copy of the known orders, oldest first */
    List<OrderTask> all() {
        return new ArrayList<>(tasks.values());
    }

    int inFlight() {
        return inFlight;
    }

    /** An order submitted now: sent, queued behind a reconciliation, or finished at once. */
    void start(OrderTask t) {
        tasks.put(t.request.clientOrderId(), t);
        if (!conn.isLinkUp()) {
            finish(t, ExecutionReport.notFilled(t.request, ExecutionStatus.ERROR, TradeReturnCode.CONNECTION,
                    "not connected to the terminal; nothing was sent", t.elapsed(), conn.utcNow()));
            return;
        }
        if (reconciler.reconciling()) {
            waiting.add(t);
            return;
        }
        checkAndSend(t);
    }

    /** An order of an earlier process, to be resolved by the next reconciliation. */
    void recovered(OrderRequest request) {
        OrderTask t = new OrderTask(request, System.nanoTime());
        t.state = OrderTask.State.UNKNOWN;
        t.recovered = true;
        tasks.put(request.clientOrderId(), t);
    }

    /** After a reconciliation: the orders that waited for it are sent (or finished if the link is down). */
    void sendWaiting() {
        while (!waiting.isEmpty()) {
            OrderTask t = waiting.poll();
            if (!conn.isLinkUp()) {
                finish(t, ExecutionReport.notFilled(t.request, ExecutionStatus.ERROR, TradeReturnCode.CONNECTION,
                        "connection lost before the order was sent; nothing was sent", t.elapsed(), conn.utcNow()));
            } else {
                checkAndSend(t);
            }
        }
    }

    private void checkAndSend(OrderTask t) {
        OrderChecks.Refusal no = OrderChecks.check(conn, book, magic, t);
        if (no != null) {
            LOG.info("order {} refused before sending: {}", t.request.clientOrderId(), no.why());
            finish(t, ExecutionReport.notFilled(t.request, ExecutionStatus.REJECTED, no.code(), no.why(), t.elapsed(),
                    conn.utcNow()));
            return;
        }
        send(t);
    }

    private void send(OrderTask t) {
        long timeout = conn.config().orderTimeout().toNanos();
        ObjectNode body = body(t, timeout);
        t.state = OrderTask.State.SENT;
        inFlight++;
        conn.request(body, timeout, new Mt5Connection.ReplyHandler() {
            @Override
            public void onReply(Msg reply) {
                inFlight--;
                onOrderReply(t, reply);
                afterInFlightChange();
            }

            @Override
            public void onFailure(Mt5Connection.Failure failure) {
                inFlight--;
                becomeUnknown(t, failure == Mt5Connection.Failure.TIMEOUT
                        ? "no reply within " + conn.config().orderTimeout().toMillis() + " ms"
                        : "connection lost with the order in flight");
                if (failure == Mt5Connection.Failure.TIMEOUT && conn.isLinkUp() && !reconciler.reconciling()) {
                    askStatus(t);
                }
                afterInFlightChange();
            }
        });
    }

    /** The {@code order} or {@code close} request of an order (PROTOCOL.md 5.5, 5.6). */
    private ObjectNode body(OrderTask t, long timeoutNanos) {
        OrderRequest r = t.request;
        ObjectNode body;
        if (r.positionTicket() > 0) {
            body = Wire.request("close", "");
            body.put("position", r.positionTicket());
        } else {
            body = Wire.request("order", "");
            body.put("symbol", t.broker.brokerName());
            body.put("side", r.side() == Side.BUY ? "buy" : "sell");
            body.put("sl", r.stopLoss());
            body.put("tp", r.takeProfit());
            body.put("magic", magic);
            body.put("position", 0);
            body.put("filling", "");
        }
        body.put("client_order_id", r.clientOrderId());
        body.put("volume", r.volume());
        body.put("price", t.price);
        body.put("deviation", r.maxDeviationPoints());
        // on the terminal's clock, so a terminal whose clock runs ahead does not expire every order
        body.put("expires_utc_ms", conn.terminalUtcNow() + TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
        return body;
    }

    private void onOrderReply(OrderTask t, Msg m) {
        if (t.state == OrderTask.State.DONE) {
            return;
        }
        try {
            if (!m.bool("ok", false)) {
                refusedByTerminal(t, m);
                return;
            }
            int code = (int) m.lng("retcode");
            double volume = m.num("volume", 0);
            if (TradeReturnCode.isSuccess(code) && volume > 0) {
                if (m.bool("duplicate", false) && refusedAsNotOurs(t, m)) {
                    return;
                }
                fill(t, m);
            } else if (TradeReturnCode.isRetryableWithFreshPrice(code) && t.attempt < conn.config().maxPriceRetries()) {
                retryAtFreshPrice(t, m, code);
            } else if (code == TradeReturnCode.TOO_MANY_REQUESTS && t.attempt < conn.config().maxPriceRetries()) {
                t.attempt++;
                inFlight++;
                conn.loop().schedule(TimeUnit.MILLISECONDS.toNanos(50L * t.attempt), () -> {
                    inFlight--;
                    send(t);
                });
            } else if (code == TradeReturnCode.TIMEOUT && "expired".equals(m.str("message", ""))) {
                finish(t, ExecutionReport.notFilled(t.request, ExecutionStatus.REJECTED, code,
                        "the order reached the terminal after its deadline and was not sent", t.elapsed(),
                        m.lng("utc_ms", conn.utcNow())));
            } else if (code == TradeReturnCode.TIMEOUT || code == TradeReturnCode.ERROR
                    || code == TradeReturnCode.CONNECTION || (TradeReturnCode.isSuccess(code) && volume <= 0)) {
                t.unclearCode = code;
                askStatus(t);
            } else {
                finish(t, ExecutionReport.notFilled(t.request, ExecutionStatus.REJECTED, code,
                        describe(code, m), t.elapsed(), m.lng("utc_ms", conn.utcNow())));
            }
        } catch (MalformedMessageException | IllegalArgumentException e) {
            conn.badMessage("order reply", e.getMessage());
            becomeUnknown(t, "malformed reply: " + e.getMessage());
            askStatus(t);
        }
    }

    /** {@code ok:false}: a conflict (PROTOCOL.md 9) or a request the terminal could not take. */
    private void refusedByTerminal(OrderTask t, Msg m) throws MalformedMessageException {
        String error = m.str("error", "error");
        if ("conflict".equals(error)) {
            LOG.warn("order {} refused by the terminal as a conflict: {}", t.request.clientOrderId(), m.str("message", ""));
            finish(t, ExecutionReport.notFilled(t.request, ExecutionStatus.REJECTED, TradeReturnCode.REJECT,
                    "conflict: " + m.str("message", "the terminal knows this client order id with other contents"),
                    t.elapsed(), m.lng("utc_ms", conn.utcNow())));
            return;
        }
        String why = error + ": " + m.str("message", "");
        finish(t, ExecutionReport.notFilled(t.request, ExecutionStatus.REJECTED, TradeReturnCode.INVALID,
                "terminal refused the request: " + why, t.elapsed(), m.lng("utc_ms", conn.utcNow())));
    }

    /** A requote or price change: sent again at the reply's price (else the last quote's). */
    private void retryAtFreshPrice(OrderTask t, Msg m, int code) throws MalformedMessageException {
        double bid = m.num("bid", 0);
        double ask = m.num("ask", 0);
        double fresh = t.request.side() == Side.BUY ? ask : bid;
        if (!(fresh > 0)) {
            Tick q = book.quote(t.request.symbol());
            fresh = q == null ? t.price : q.priceFor(t.request.side());
        }
        t.attempt++;
        t.price = fresh;
        stats.priceRetry();
        LOG.debug("order {}: {} -> retry {} at {}", t.request.clientOrderId(), TradeReturnCode.describe(code), t.attempt,
                fresh);
        send(t);
    }

    /**
     * Defence in depth against a terminal without the conflict rule (PROTOCOL.md 9): a fill that
     * repeats an earlier outcome must be of this order's symbol and side, no larger than it, and
     * for a close of the same position. Otherwise it is another client's order under the same id:
     * REJECTED as a conflict, never taken as this order's fill.
     *
     * @return whether the order was finished as a conflict
     */
    private boolean refusedAsNotOurs(OrderTask t, Msg m) throws MalformedMessageException {
        OrderRequest r = t.request;
        String symbol = m.has("symbol") ? conn.symbolOf(m.str("symbol")) : r.symbol();
        Side side = m.has("side") ? Replies.side(m.str("side")) : r.side();
        double vol = m.num("volume", 0);
        long position = m.lng("position", 0);
        boolean ours = symbol.equals(r.symbol()) && side == r.side() && vol <= r.volume() + 1e-9
                && (r.positionTicket() == 0 || position == 0 || position == r.positionTicket());
        if (ours) {
            return false;
        }
        String why = "conflict: the terminal answered client order id " + r.clientOrderId() + " with the fill of another"
                + " order (" + m.str("symbol", "?") + " " + m.str("side", "?") + " " + vol + " lots, position " + position
                + "); this order is " + OrderTable.describeOrder(r) + "; not taken as its fill";
        LOG.warn("order {}: {}", r.clientOrderId(), why);
        finish(t, ExecutionReport.notFilled(r, ExecutionStatus.REJECTED, TradeReturnCode.REJECT, why, t.elapsed(),
                m.lng("utc_ms", conn.utcNow())));
        return true;
    }

    private static String describe(int code, Msg m) {
        String c = m.node().path("comment").asText("");
        return TradeReturnCode.describe(code) + (c.isEmpty() ? "" : " (" + c + ")");
    }

    private void fill(OrderTask t, Msg m) throws MalformedMessageException {
        OrderRequest r = t.request;
        double vol = Math.min(m.num("volume"), r.volume());
        double price = m.num("price");
        int code = (int) m.lng("retcode");
        ExecutionStatus status = vol < r.volume() - 1e-9 || code == TradeReturnCode.DONE_PARTIAL
                ? ExecutionStatus.PARTIALLY_FILLED : ExecutionStatus.FILLED;
        double slippage = r.side() == Side.BUY ? price - r.requestedPrice() : r.requestedPrice() - price;
        long position = m.lng("position", 0);
        if (position == 0) {
            position = r.positionTicket();
        }
        ExecutionReport report = new ExecutionReport(r.clientOrderId(), r.symbol(), r.side(), status, m.lng("order", 0),
                m.lng("deal", 0), position, r.volume(), vol, r.requestedPrice(), price, slippage, t.elapsed(), code,
                describe(code, m), m.lng("utc_ms", conn.utcNow()));
        if (t.recovered) {
            long deal = m.lng("deal", 0);
            if (deal > 0) {
                events.markEmitted(deal); // the positions snapshot that follows brings its effect on the book
            }
        } else {
            applyReplyDeal(m, t);
        }
        book.applyAccount(m);
        double point = t.broker != null ? t.broker.point() : conn.catalog().spec(r.symbol()).point();
        if (t.state == OrderTask.State.UNKNOWN && !t.recovered) {
            // the caller already has UNKNOWN: the fill is reported as a late fill event
            events.emit(new TradeEvent(TradeEvent.Kind.LATE_FILL, r.symbol(), Math.max(1, position),
                    Math.max(0, report.dealTicket()), r.side(), vol, price, 0, r.clientOrderId(), report.epochMillis()),
                    report.dealTicket());
        }
        stats.slippage(slippage / point);
        finish(t, report);
    }

    /** Applies the deal of an order reply (or of a close_all result, {@code t} null) to the book once. */
    void applyReplyDeal(Msg m, OrderTask t) throws MalformedMessageException {
        long deal = m.lng("deal", 0);
        long position = m.lng("position", 0);
        String symbol = t != null ? t.request.symbol() : conn.symbolOf(m.str("symbol", ""));
        Side side = t != null ? t.request.side() : Replies.side(m.str("side"));
        double vol = m.num("volume");
        if (t != null && t.request.positionTicket() > 0 && position == 0) {
            position = t.request.positionTicket();
        }
        if (deal > 0) {
            events.markEmitted(deal);
        }
        book.applyDeal(deal, position, symbol, side, vol, m.num("price"), -1,
                t == null ? 0 : t.request.stopLoss(), t == null ? 0 : t.request.takeProfit(),
                t == null ? "" : t.request.clientOrderId(), t == null ? m.lng("magic", magic) : magic, m.lng("utc_ms", 0));
    }

    private void becomeUnknown(OrderTask t, String why) {
        if (t.state == OrderTask.State.DONE || t.state == OrderTask.State.UNKNOWN) {
            return;
        }
        t.state = OrderTask.State.UNKNOWN;
        LOG.warn("order {} outcome unknown: {}; resolving by client order id", t.request.clientOrderId(), why);
        ExecutionReport r = ExecutionReport.notFilled(t.request, ExecutionStatus.UNKNOWN, TradeReturnCode.ARIA_UNKNOWN,
                why + "; resolving by reconciliation", t.elapsed(), conn.utcNow());
        stats.unknown();
        table.first(t.request.clientOrderId()).complete(r);
    }

    /** Asks the terminal for an order by client order id (PROTOCOL.md 5.13), which also fences an id it never saw. */
    void askStatus(OrderTask t) {
        if (t.state == OrderTask.State.DONE || t.asking) {
            return;
        }
        t.asking = true;
        ObjectNode q = Wire.request("order_status", "");
        q.put("client_order_id", t.request.clientOrderId());
        inFlight++;
        conn.request(q, conn.config().requestTimeout().toNanos(), new Mt5Connection.ReplyHandler() {
            @Override
            public void onReply(Msg m) {
                inFlight--;
                t.asking = false;
                onStatus(t, m);
                afterInFlightChange();
            }

            @Override
            public void onFailure(Mt5Connection.Failure failure) {
                inFlight--;
                t.asking = false;
                becomeUnknown(t, "order_status got no reply");
                afterInFlightChange();
            }
        });
    }

    private void onStatus(OrderTask t, Msg m) {
        if (t.state == OrderTask.State.DONE) {
            return;
        }
        try {
            // ok:false (busy, internal...) says nothing about the order and set no fence (PROTOCOL.md
            // 5.13): ask again, as for in_flight, never take it as not_found
            String state = m.bool("ok", false) ? m.str("state") : "in_flight";
            if (!m.bool("ok", false)) {
                LOG.warn("order_status of {} refused: {} {}; asking again", t.request.clientOrderId(),
                        m.str("error", ""), m.str("message", ""));
            }
            switch (state) {
                case "filled" -> {
                    if (!refusedAsNotOurs(t, m)) {
                        fill(t, m);
                    }
                }
                case "rejected" -> {
                    int code = (int) m.lng("retcode", TradeReturnCode.REJECT);
                    finish(t, ExecutionReport.notFilled(t.request, ExecutionStatus.REJECTED, code,
                            describe(code, m) + " (resolved by order_status)", t.elapsed(), m.lng("utc_ms", conn.utcNow())));
                }
                case "in_flight" -> {
                    // a terminal may answer in_flight for a while after an unclear return code: back off
                    inFlight++;
                    t.statusAsks++;
                    conn.loop().schedule(TimeUnit.MILLISECONDS.toNanos(Math.min(1000, 100L * t.statusAsks)), () -> {
                        inFlight--;
                        askStatus(t);
                    });
                }
                default -> {
                    int code = t.unclearCode != 0 ? t.unclearCode : TradeReturnCode.REJECT;
                    finish(t, ExecutionReport.notFilled(t.request, ExecutionStatus.REJECTED, code,
                            "the terminal never executed it (client order id fenced)", t.elapsed(),
                            m.lng("utc_ms", conn.utcNow())));
                }
            }
        } catch (MalformedMessageException | IllegalArgumentException e) {
            conn.badMessage("order_status reply", e.getMessage());
            becomeUnknown(t, "malformed order_status reply");
        }
    }

    private void finish(OrderTask t, ExecutionReport report) {
        boolean wasUnknown = t.state == OrderTask.State.UNKNOWN;
        t.state = OrderTask.State.DONE;
        stats.finished(report, wasUnknown);
        LOG.debug("order {} {}: {} @ {} latency {} us, code {}", report.clientOrderId(), report.status(),
                report.filledVolume(), report.fillPrice(), report.latencyNanos() / 1000, report.returnCode());
        CompletableFuture<ExecutionReport> first = table.first(t.request.clientOrderId());
        CompletableFuture<ExecutionReport> last = table.last(t.request.clientOrderId());
        forgetOldOrders();
        // completing wakes blocked callers at once; dependents run on the callback thread (CallbackFuture)
        first.complete(report);
        if (t.recovered) {
            t.outcome = report;
            reconciler.awaitBook(t);
        } else {
            last.complete(report);
        }
    }

    /** Keeps memory bounded in long runs: the oldest finished orders leave the idempotency tables. */
    private void forgetOldOrders() {
        if (tasks.size() <= MAX_REMEMBERED_ORDERS) {
            return;
        }
        Iterator<Map.Entry<String, OrderTask>> it = tasks.entrySet().iterator();
        while (tasks.size() > MAX_REMEMBERED_ORDERS * 9 / 10 && it.hasNext()) {
            Map.Entry<String, OrderTask> e = it.next();
            if (e.getValue().state == OrderTask.State.DONE) {
                it.remove();
                table.forget(e.getKey());
            }
        }
    }

    private void afterInFlightChange() {
        reconciler.onInFlightChange();
    }
}
