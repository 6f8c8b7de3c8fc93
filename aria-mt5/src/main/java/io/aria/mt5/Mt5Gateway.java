package io.aria.mt5;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aria.core.AccountSnapshot;
import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.OrderRequest;
import io.aria.core.Position;
import io.aria.core.Tick;
import io.aria.core.TradeReturnCode;
import io.aria.core.spi.OrderGateway;
import io.aria.core.spi.TradeEventListener;
import io.aria.mt5.internal.CallbackFuture;
import io.aria.mt5.internal.MalformedMessageException;
import io.aria.mt5.internal.Msg;
import io.aria.mt5.internal.OpenPosition;
import io.aria.mt5.internal.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link OrderGateway} of an {@link Mt5Connection}: market orders with SL/TP, closes (full
 * and partial, {@link OrderRequest#positionTicket()}), SL/TP changes ({@link #modify}), and a book
 * of positions kept true by order replies, trade events and reconciliation (PROTOCOL.md sections
 * 9 and 10).
 *
 * <p>No side doors: the only public operations that send anything to the broker are the SPI's
 * {@link #submit} and {@link #modify}, which a {@code TradingPipeline} calls on its loop after
 * auditing them. Everything else public only reads.
 *
 * <p>Idempotent by client order id, and strict about it: the same id with the same symbol,
 * side, volume and position ticket is a resend (answered with the first outcome, never traded
 * twice); with other contents it is a <em>conflict</em>, REJECTED with a message that says so,
 * never answered with the other order's fill: by this gateway's own table, by the terminal
 * ({@code error:"conflict"}), and, against a terminal that predates that rule, by checking that
 * a repeated fill is of this order's symbol and side.
 *
 * <p>Before the terminal's hello there is no account: {@link #account()} throws and
 * {@link #ready()} completes once the handshake reported it.
 *
 * <p><b>One client among several on an account: scoped by magic.</b> Several programs may trade
 * one MT5 account (two strategies, an ARIA pipeline beside a manual trader or another EA). This
 * gateway is one client, identified by {@link Mt5Config#magic()}: every order it sends carries
 * that magic (a request with magic 0 is sent with it; a request with another magic is REJECTED
 * before sending, since its position would not be in this book), and {@link #positions()}, the
 * trade events it reports and what reconciliation adopts are the positions and deals of that
 * magic only. So a pipeline's flatten, emergency stop, exit logic and exposure limits see and act
 * on its own positions only. It also refuses, before sending, to close or modify a position of
 * another magic, and on a netting account (one position per symbol, shared by every client) an
 * order on a symbol whose position is another magic's. Manual trades carry magic 0, which no
 * gateway has. {@link #fetchPositions()} is the read-only view of the whole account.
 *
 * <p>Account figures ({@link #account()}: balance, equity, margin, free margin) are the
 * <em>whole account's</em>, as MT5 reports them: MT5 has no balance per magic, and margin is
 * shared. Equity is the account's balance plus the floating profit of every open position, of
 * every magic. Risk limits that read them (daily loss, exposure as a share of equity, margin
 * checks) therefore measure the whole account: with several clients on one account, set each
 * client's limits for its share of that account, or give each strategy its own account.
 *
 * <p>Never loses or duplicates an order: a timeout or a lost link gives an UNKNOWN outcome
 * that is resolved by asking the terminal for the client order id (which also fences it), never
 * by a blind resend. Requotes and price changes are retried with a fresh price up to
 * {@link Mt5Config#maxPriceRetries()}; refusals (invalid volume or stops, no money, market
 * closed, invalid filling, ...) are never retried. Volumes, stop distances and the trade mode are
 * checked against the broker's spec before sending.
 *
 * <p>Thread-safety: every method may be called from any thread. Order logic runs under the
 * connection's I/O lock: on the I/O thread, or, for {@link #submit} and {@link #modify} when the
 * I/O thread is idle, on the calling thread itself, which then sends the request on the socket
 * without handing it over (one thread hop less on the order path; see docs/bench/bridge.md).
 * Blocked callers are woken by the thread that reads the reply; dependent actions and listeners
 * run on the callback thread.
 */
public final class Mt5Gateway implements OrderGateway {

    private static final Logger LOG = LoggerFactory.getLogger(Mt5Gateway.class);

    // The parts, each owning one concern (all but the tables and statistics on the I/O thread):
    // OrderTable (idempotency, conflicts), OrderFlow (an order's lifecycle), GatewayBook (positions,
    // quotes, account), TradeEventFeed (trade events), Reconciler (reconciliation, recovery),
    // GatewayStats (statistics), OrderChecks (checks before sending), Replies (parsing).
    private final Mt5Connection conn;
    /** This client's magic: its orders carry it, and its book is the positions that carry it. */
    private final long magic;
    /** Completes with the account of the first handshake once its reconciliation is done; fails when the connection closes before it. */
    private final CompletableFuture<AccountSnapshot> ready;
    private final GatewayStats stats = new GatewayStats();
    private final OrderTable table;
    private final GatewayBook book;
    private final OrderFlow flow;
    private final TradeEventFeed events;
    private final Reconciler reconciler;
    private boolean handshakeDone; // I/O thread

    Mt5Gateway(Mt5Connection conn) {
        this.conn = conn;
        this.magic = conn.config().magic();
        this.ready = new CallbackFuture<>(conn.callbackExecutor());
        this.table = new OrderTable(conn, stats);
        this.book = new GatewayBook(conn, magic, this::completeReady);
        this.flow = new OrderFlow(conn, magic, table, book, stats);
        this.events = new TradeEventFeed(conn, magic, book, flow);
        this.reconciler = new Reconciler(conn, table, book, flow, events, this::completeReady);
        flow.wire(events, reconciler);
        events.wire(reconciler);
        conn.addLinkListener(new Mt5Connection.LinkListener() {
            @Override
            public void onConnected(Mt5Session session, boolean newSession) {
                book.onSession(session);
                handshakeDone = true;
                completeReady();
                reconciler.reconcile("handshake");
            }

            @Override
            public void onDisconnected(String reason) {
                reconciler.onDisconnected(reason);
            }

            @Override
            public void onGap() {
                reconciler.reconcile("event sequence gap");
            }

            @Override
            public void onHeartbeat() {
                reconciler.onHeartbeat();
            }
        });
    }

    @Override
    public String name() {
        return "mt5";
    }

    // ------------------------------------------------------------------------------------ public API

    @Override
    public CompletionStage<ExecutionReport> submit(OrderRequest request) {
        long start = System.nanoTime();
        CompletableFuture<ExecutionReport> f = new CallbackFuture<>(conn.callbackExecutor());
        try {
            CompletionStage<ExecutionReport> known = table.admit(request, f, start);
            if (known != null) {
                return known;
            }
            stats.submitted();
            // sent from this thread when the I/O thread is idle (no hand-off, no wake-up), else handed to it
            conn.loop().executeInline(() -> flow.start(new OrderTask(request, start)));
        } catch (RuntimeException e) {
            LOG.error("order {} could not be handed to the I/O thread", request, e);
            f.complete(ExecutionReport.notFilled(request, ExecutionStatus.ERROR, TradeReturnCode.ERROR,
                    "gateway failure: " + e, System.nanoTime() - start, conn.utcNow()));
        }
        return f.copy();
    }

    /**
     * The final outcome of an order: the same as {@link #submit}'s unless that was UNKNOWN, in
     * which case this completes when reconciliation resolved it (FILLED, PARTIALLY_FILLED or
     * REJECTED).
     *
     * @param clientOrderId a submitted order's id
     * @return its resolution, or a failed stage for an id never submitted
     */
    public CompletionStage<ExecutionReport> resolution(String clientOrderId) {
        return table.resolution(clientOrderId).<CompletionStage<ExecutionReport>>map(CompletableFuture::copy)
                .orElseGet(() -> CompletableFuture.failedFuture(
                        new IllegalArgumentException("clientOrderId " + clientOrderId + " was never submitted")));
    }

    @Override
    public java.util.Optional<CompletionStage<ExecutionReport>> resolutionOf(String clientOrderId) {
        return table.resolution(clientOrderId).map(CompletableFuture::copy);
    }

    /**
     * Resolves an order an earlier process sent (PROTOCOL.md 5.13): asks the terminal for its client
     * order id once the link is up, as part of a reconciliation, so an id the terminal never saw is
     * fenced and can never trade later. Completes FILLED, PARTIALLY_FILLED or REJECTED only after a
     * positions snapshot taken after the answer is in {@link #positions()}, so the caller adopts the
     * position the order opened (or sees it closed). No LATE_FILL event is emitted for it: the caller
     * records the outcome itself.
     */
    @Override
    public java.util.Optional<CompletionStage<ExecutionReport>> resolutionAfterRestart(OrderRequest request) {
        String id = request.clientOrderId();
        OrderTable.Recovered r = table.recover(id);
        if (!r.isNew()) {
            return java.util.Optional.of(r.last().copy());
        }
        try {
            conn.loop().execute(() -> {
                flow.recovered(request);
                if (conn.isLinkUp()) {
                    reconciler.reconcile("order " + id + " of an earlier process");
                } // else the next handshake reconciles, asking for every UNKNOWN order
            });
        } catch (RuntimeException e) {
            table.forgetRecovery(id, r.last());
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(r.last().copy());
    }

    /**
     * Closes all or part of a position. Not public API: an order sent here is not in any audit.
     * Programs close through their pipeline, which audits the order and submits it with
     * {@link OrderRequest#positionTicket()}; this helper builds the same request.
     *
     * @param clientOrderId id of the closing order
     * @param ticket        position ticket
     * @param volume        lots to close, 0 for all of it
     * @return the closing order's outcome
     */
    CompletionStage<ExecutionReport> close(String clientOrderId, long ticket, double volume) {
        Position p = book.positions().stream().filter(x -> x.ticket() == ticket).findFirst().orElse(null);
        if (p == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("no open position with ticket " + ticket));
        }
        double lots = volume <= 0 ? p.volume() : volume;
        return submit(new OrderRequest(clientOrderId, p.symbol(), p.side().opposite(), lots, p.currentPrice(), 0, 0,
                10, p.magic(), clientOrderId, ticket));
    }

    /**
     * Changes the stop-loss and take-profit of a position (PROTOCOL.md 5.7). The pipeline calls
     * it on its loop after auditing the change; programs call the pipeline, never this.
     *
     * <p>The stage never fails: it completes with MT5's return code, or with
     * {@link TradeReturnCode#INVALID} for a bad argument (nothing sent),
     * {@link TradeReturnCode#CONNECTION} when the link is down (nothing sent),
     * {@link TradeReturnCode#TIMEOUT} when the terminal did not answer (the stops may or may not
     * have changed; setting them again is harmless) and {@link TradeReturnCode#REJECT} when the
     * terminal refused the request.
     *
     * @param ticket     position ticket, &gt; 0
     * @param stopLoss   new stop-loss, 0 for none, finite and &gt;= 0
     * @param takeProfit new take-profit, 0 for none, finite and &gt;= 0
     * @return MT5's return code
     */
    @Override
    public CompletionStage<Integer> modify(long ticket, double stopLoss, double takeProfit) {
        if (ticket <= 0 || !(stopLoss >= 0) || !(takeProfit >= 0) || Double.isInfinite(stopLoss)
                || Double.isInfinite(takeProfit)) {
            LOG.warn("modify refused before sending: position {} sl {} tp {} (need a ticket > 0 and finite stops >= 0)",
                    ticket, stopLoss, takeProfit);
            return CompletableFuture.completedFuture(TradeReturnCode.INVALID);
        }
        CompletableFuture<Integer> out = new CallbackFuture<>(conn.callbackExecutor());
        conn.loop().executeInline(() -> sendModify(ticket, stopLoss, takeProfit, out));
        return out.copy();
    }

    /** The I/O thread's part of {@link #modify}: nothing is sent without a link or for another magic's position. */
    private void sendModify(long ticket, double stopLoss, double takeProfit, CompletableFuture<Integer> out) {
        if (!conn.isLinkUp()) {
            out.complete(TradeReturnCode.CONNECTION);
            return;
        }
        OpenPosition own = book.get(ticket);
        if (own != null && own.magic != magic) {
            LOG.warn("modify refused before sending: position {} belongs to magic {}, not to this gateway's magic {}",
                    ticket, own.magic, magic);
            out.complete(TradeReturnCode.INVALID);
            return;
        }
        ObjectNode q = Wire.request("modify", "");
        q.put("position", ticket);
        q.put("sl", stopLoss);
        q.put("tp", takeProfit);
        conn.request(q, conn.config().requestTimeout().toNanos(), new Mt5Connection.ReplyHandler() {
            @Override
            public void onReply(Msg r) {
                try {
                    if (!r.bool("ok", false)) {
                        LOG.warn("modify of position {} refused by the terminal: {} {}", ticket, r.str("error", ""),
                                r.str("message", ""));
                        out.complete(TradeReturnCode.REJECT);
                        return;
                    }
                    int code = (int) r.lng("retcode");
                    if (TradeReturnCode.isSuccess(code)) {
                        book.modified(ticket, stopLoss, takeProfit);
                    }
                    out.complete(code);
                } catch (MalformedMessageException | IllegalArgumentException e) {
                    conn.badMessage("modify reply", e.getMessage());
                    out.complete(TradeReturnCode.TIMEOUT);
                }
            }

            @Override
            public void onFailure(Mt5Connection.Failure failure) {
                out.complete(failure == Mt5Connection.Failure.TIMEOUT ? TradeReturnCode.TIMEOUT
                        : TradeReturnCode.CONNECTION);
            }
        });
    }

    /**
     * Closes every position matching the filters (PROTOCOL.md 5.8); repeating it with the same
     * prefix never closes anything twice.
     *
     * @param symbol catalog symbol, or null for all
     * @param magic  expert id, or -1 for any
     * @param clientOrderIdPrefix prefix of the closing orders' ids, 1..10 characters (so that
     *     {@code <prefix>-<ticket>} fits the 31 characters of an MT5 comment for any ticket)
     * @return the broker's return code per closed position
     */
    // not public API: close_all sends orders no audit knows of; the pipeline flattens through submit
    CompletionStage<List<Integer>> closeAll(String symbol, long magic, String clientOrderIdPrefix) {
        if (clientOrderIdPrefix == null || clientOrderIdPrefix.isEmpty() || clientOrderIdPrefix.length() > 10
                || clientOrderIdPrefix.indexOf('-') >= 0) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "clientOrderIdPrefix must have 1..10 characters and no '-', was '" + clientOrderIdPrefix + "'"));
        }
        conn.loop().execute(() -> events.closeAllPrefix(clientOrderIdPrefix));
        ObjectNode q = Wire.request("close_all", "");
        q.put("symbol", symbol == null ? "" : conn.brokerName(symbol));
        q.put("magic", magic);
        q.put("client_order_id_prefix", clientOrderIdPrefix);
        return conn.query(q, r -> {
            List<Integer> codes = new ArrayList<>();
            for (Msg m : r.objects("results")) {
                codes.add((int) m.lng("retcode"));
                if (m.lng("deal", 0) > 0 && m.num("volume", 0) > 0) {
                    flow.applyReplyDeal(m, null);
                }
            }
            return codes;
        });
    }

    /**
     * @return every open position of the account, of every magic, as the terminal reports it now;
     *     read-only (does not change the book, and {@link #positions()} stays this client's only)
     */
    public CompletionStage<List<Position>> fetchPositions() {
        ObjectNode q = Wire.request("positions", "");
        return conn.query(q, r -> Replies.positions(conn, r.objects("positions")));
    }

    /** @return pending orders on the account */
    public CompletionStage<List<PendingOrder>> pendingOrders() {
        return conn.query(Wire.request("orders", ""), r -> {
            List<PendingOrder> out = new ArrayList<>();
            for (Msg o : r.objects("orders")) {
                out.add(new PendingOrder(o.lng("ticket"), conn.symbolOf(o.str("symbol")), (int) o.lng("order_type", 0),
                        o.num("volume_initial", 0), o.num("volume_current", 0), o.num("price_open", 0), o.num("sl", 0),
                        o.num("tp", 0), o.lng("magic", 0), o.str("comment", ""), o.lng("utc_ms", 0)));
            }
            return out;
        });
    }

    /**
     * @param fromEpochMillis UTC start
     * @return the account's trade deals since then, oldest first
     */
    public CompletionStage<List<Deal>> deals(long fromEpochMillis) {
        ObjectNode q = Wire.request("deals", "");
        q.put("from_utc_ms", fromEpochMillis);
        // every page of a long history (PROTOCOL.md 5.11), in order
        return conn.queryPages(q, pages -> {
            List<Deal> out = new ArrayList<>();
            for (Msg r : pages) {
                for (Msg d : r.objects("deals")) {
                    out.add(Replies.deal(conn, d));
                }
            }
            return out;
        });
    }

    /** @return the account as the terminal reports it now; also refreshes {@link #account()} */
    public CompletionStage<AccountSnapshot> fetchAccount() {
        return conn.query(Wire.request("account", ""), r -> {
            AccountSnapshot a = Replies.account(conn, r);
            book.applyAccount(r);
            return a;
        });
    }

    @Override
    public void setTradeEventListener(TradeEventListener listener) {
        events.setListener(listener);
    }

    /**
     * @return this client's open positions: those that carry {@link Mt5Config#magic()}, never
     *     another client's on the same account (see the class comment)
     */
    @Override
    public List<Position> positions() {
        return book.positions();
    }

    /**
     * @return the whole account as last reported (refreshed every five heartbeats and after
     *     reconciliation): balance, equity and margin are the account's, shared with every other
     *     client on it (see the class comment), not this client's share
     * @throws IllegalStateException before the terminal's hello reported it: there is no
     *     placeholder; wait on {@link #ready()}
     */
    @Override
    public AccountSnapshot account() {
        AccountSnapshot a = book.account();
        if (a == null) {
            throw new IllegalStateException("account not known before the terminal's hello (connection "
                    + conn.state() + "); wait on ready()");
        }
        return a;
    }

    /**
     * @return completes with the account the terminal reported in its first handshake (currency,
     *     leverage, balance), on the callback thread; fails with an {@link IllegalStateException}
     *     when the connection is closed (or the terminal refuses the protocol) before that. Never
     *     completes with a placeholder.
     */
    @Override
    public CompletionStage<AccountSnapshot> ready() {
        return ready.copy();
    }

    /**
     * Once the handshake is done (symbols known), the terminal reported its account and the first
     * reconciliation's positions are in: ready, so a pipeline adopts the book an earlier process
     * left. I/O thread.
     */
    private void completeReady() {
        AccountSnapshot account = book.account();
        if (handshakeDone && book.currencyKnown() && account != null && reconciler.booksSynced() && !ready.isDone()) {
            LOG.info("account {}: {} 1:{}, balance {}", conn.session().map(Mt5Session::login).orElse(0L),
                    account.currency(), account.leverage(), account.balance());
            ready.complete(account);
        }
    }

    /** The connection ended before (or after) the first handshake; called on any thread. */
    void onConnectionEnded(String why) {
        if (ready.completeExceptionally(new IllegalStateException("no account from the terminal at "
                + conn.config().commandEndpoint() + ": " + why + " before its hello"))) {
            LOG.debug("ready() failed: {}", why);
        }
    }

    /** @return counts, latency and slippage so far */
    public OrderStatistics statistics() {
        return stats.snapshot();
    }

    /** Closes the whole connection ({@link Mt5Connection#close()}). */
    @Override
    public void close() {
        conn.close();
    }

    // ------------------------------------------------------------------------------------ from the connection (I/O thread)

    /** A tick of a traded symbol: marks positions and feeds the currency converter. */
    void onQuote(Tick tick) {
        book.onQuote(tick);
    }

    /** @return the last tick the gateway has applied for a catalog symbol, or null (tests wait on it) */
    Tick lastTick(String symbol) {
        return book.lastTick(symbol);
    }

    void onTradeMessage(Msg m, long seq, String session) {
        events.onTradeMessage(m, seq, session);
    }

    void onHelloAccount(Msg m) {
        book.applyAccount(m);
    }
}
