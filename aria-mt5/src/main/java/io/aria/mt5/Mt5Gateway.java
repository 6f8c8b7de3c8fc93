package io.aria.mt5;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aria.core.AccountSnapshot;
import io.aria.core.AssetSpec;
import io.aria.core.CurrencyConverter;
import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.OrderRequest;
import io.aria.core.Position;
import io.aria.core.Side;
import io.aria.core.Tick;
import io.aria.core.TradeEvent;
import io.aria.core.TradeReturnCode;
import io.aria.core.paper.FillModel;
import io.aria.core.spi.OrderGateway;
import io.aria.core.spi.TradeEventListener;
import io.aria.mt5.internal.CallbackFuture;
import io.aria.mt5.internal.MalformedMessageException;
import io.aria.mt5.internal.OpenPosition;
import io.aria.mt5.internal.Msg;
import io.aria.mt5.internal.Wire;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
 * <p>Thread-safety: every method may be called from any thread. Order logic runs on the
 * connection's I/O thread; futures complete and listeners run on its callback thread.
 */
public final class Mt5Gateway implements OrderGateway {

    private static final Logger LOG = LoggerFactory.getLogger(Mt5Gateway.class);
    private static final int MAX_REMEMBERED_DEALS = 100_000;
    private static final int LATENCY_WINDOW = 8192;
    /** Finished orders remembered for idempotency and reconciliation; older ones are forgotten. */
    private static final int MAX_REMEMBERED_ORDERS = 100_000;

    private final Mt5Connection conn;
    /** This client's magic: its orders carry it, and its book is the positions that carry it. */
    private final long magic;
    private final ConcurrentHashMap<String, CompletableFuture<ExecutionReport>> outcomes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CompletableFuture<ExecutionReport>> resolutions = new ConcurrentHashMap<>();
    /** The request each known client order id was first submitted with: a different one under that id is a conflict. */
    private final ConcurrentHashMap<String, OrderRequest> requests = new ConcurrentHashMap<>();
    /** Completes with the account of the first handshake once its reconciliation is done; fails when the connection closes before it. */
    private final CompletableFuture<AccountSnapshot> ready;
    private volatile TradeEventListener listener = e -> { };
    private volatile List<Position> positions = List.of();
    private volatile AccountSnapshot account;

    // I/O thread only
    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private final Map<Long, OpenPosition> book = new LinkedHashMap<>();
    private final Set<Long> appliedDeals = boundedSet();
    private final Set<Long> emittedDeals = boundedSet();
    private final Map<String, Tick> quotes = new HashMap<>();
    private final ConcurrentHashMap<String, Tick> lastTicks = new ConcurrentHashMap<>();
    private CurrencyConverter converter;
    private String currency = "USD";
    private int leverage = 1;
    private double balance;
    private double margin;
    private boolean accountKnown;
    private boolean currencyKnown;
    private boolean handshakeDone;
    private final ArrayDeque<Task> waiting = new ArrayDeque<>();
    /** Orders of an earlier process resolved, waiting for a positions snapshot taken after that. */
    private final List<Task> recoveredAwaitingBook = new ArrayList<>();
    private boolean booksSynced;
    private int inFlight;
    private boolean reconciling;
    private boolean reconcileAgain;
    private boolean waitingQuiet;
    private boolean askedUnknowns;
    private final Set<String> closeAllPrefixes = new java.util.HashSet<>();
    private long syncedUtc;
    private long snapshotSeq;
    private String snapshotSession = "";
    private int heartbeats;

    // statistics (guarded by stats)
    private final Object stats = new Object();
    private long submitted;
    private long filled;
    private long rejected;
    private long unknown;
    private long priceRetries;
    private final long[] latencies = new long[LATENCY_WINDOW];
    private int latencyCount;
    private double slippageSum;
    private double slippageMax;

    Mt5Gateway(Mt5Connection conn) {
        this.conn = conn;
        this.magic = conn.config().magic();
        this.ready = new CallbackFuture<>(conn.callbackExecutor());
        conn.addLinkListener(new Mt5Connection.LinkListener() {
            @Override
            public void onConnected(Mt5Session session, boolean newSession) {
                if (converter == null || !session.currency().equals(converter.accountCurrency())) {
                    converter = new CurrencyConverter(conn.catalog(), session.currency());
                    for (Tick t : quotes.values()) {
                        int i = conn.catalog().indexOf(t.symbol());
                        if (i >= 0) {
                            converter.update(i, t.bid(), t.ask());
                        }
                    }
                }
                handshakeDone = true;
                completeReady();
                reconcile("handshake");
            }

            @Override
            public void onDisconnected(String reason) {
                reconciling = false;
                waitingQuiet = false;
                reconciled("link lost: " + reason);
            }

            @Override
            public void onGap() {
                reconcile("event sequence gap");
            }

            @Override
            public void onHeartbeat() {
                if (++heartbeats % 5 == 0 && !reconciling) {
                    refreshAccount();
                }
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
            OrderRequest known = requests.putIfAbsent(request.clientOrderId(), request);
            if (known != null && !sameOrder(known, request)) {
                return conflict(request, known, start);
            }
            CompletableFuture<ExecutionReport> first = outcomes.putIfAbsent(request.clientOrderId(), f);
            if (first != null) {
                return first.copy();
            }
            resolutions.put(request.clientOrderId(), new CallbackFuture<>(conn.callbackExecutor()));
            synchronized (stats) {
                submitted++;
            }
            conn.loop().execute(() -> start(new Task(request, start)));
        } catch (RuntimeException e) {
            LOG.error("order {} could not be handed to the I/O thread", request, e);
            f.complete(ExecutionReport.notFilled(request, ExecutionStatus.ERROR, TradeReturnCode.ERROR,
                    "gateway failure: " + e, System.nanoTime() - start, conn.utcNow()));
        }
        return f.copy();
    }

    /**
     * Whether two requests under one client order id are the same order (a resend) rather than two
     * orders: same symbol, side, volume and position ticket. Prices, stops and deviation may differ
     * (a resend carries a fresh price).
     */
    static boolean sameOrder(OrderRequest a, OrderRequest b) {
        return a.symbol().equals(b.symbol()) && a.side() == b.side() && Math.abs(a.volume() - b.volume()) < 1e-9
                && a.positionTicket() == b.positionTicket();
    }

    private static String describeOrder(OrderRequest r) {
        return r.symbol() + " " + r.side() + " " + r.volume() + (r.positionTicket() > 0 ? " closing position "
                + r.positionTicket() : "");
    }

    /**
     * A known id with other contents: refused, never answered with the other order's outcome
     * (PROTOCOL.md 9). The report is REJECTED; its return code is that of the id's first order
     * when that was refused (the id stays bound to that refusal, as the SPI's idempotency asks),
     * else {@link TradeReturnCode#REJECT}; its message says it is a conflict.
     */
    private CompletionStage<ExecutionReport> conflict(OrderRequest request, OrderRequest known, long start) {
        CompletableFuture<ExecutionReport> f = outcomes.get(request.clientOrderId());
        ExecutionReport first = f == null ? null : f.getNow(null);
        boolean firstRefused = first != null && first.status() == ExecutionStatus.REJECTED;
        String why = "client order id " + request.clientOrderId() + " conflicts: it is already used for "
                + describeOrder(known) + (firstRefused ? " (refused: " + first.message() + ")" : "")
                + ", this order is " + describeOrder(request) + "; not sent";
        LOG.warn("order refused: {}", why);
        synchronized (stats) {
            rejected++;
        }
        return CompletableFuture.completedFuture(ExecutionReport.notFilled(request, ExecutionStatus.REJECTED,
                firstRefused ? first.returnCode() : TradeReturnCode.REJECT, why, System.nanoTime() - start, conn.utcNow()));
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
        CompletableFuture<ExecutionReport> r = resolutions.get(clientOrderId);
        return r != null ? r.copy() : CompletableFuture.failedFuture(
                new IllegalArgumentException("clientOrderId " + clientOrderId + " was never submitted"));
    }

    @Override
    public java.util.Optional<CompletionStage<ExecutionReport>> resolutionOf(String clientOrderId) {
        CompletableFuture<ExecutionReport> r = resolutions.get(clientOrderId);
        return r == null ? java.util.Optional.empty() : java.util.Optional.of(r.copy());
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
        CompletableFuture<ExecutionReport> known = resolutions.get(id);
        if (known != null) {
            return java.util.Optional.of(known.copy());
        }
        CompletableFuture<ExecutionReport> last = new CallbackFuture<>(conn.callbackExecutor());
        CompletableFuture<ExecutionReport> prior = resolutions.putIfAbsent(id, last);
        if (prior != null) {
            return java.util.Optional.of(prior.copy());
        }
        outcomes.putIfAbsent(id, new CallbackFuture<>(conn.callbackExecutor()));
        try {
            conn.loop().execute(() -> {
                Task t = new Task(request, System.nanoTime());
                t.state = State.UNKNOWN;
                t.recovered = true;
                tasks.put(id, t);
                if (conn.isLinkUp()) {
                    reconcile("order " + id + " of an earlier process");
                } // else the next handshake reconciles, asking for every UNKNOWN order
            });
        } catch (RuntimeException e) {
            resolutions.remove(id, last);
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(last.copy());
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
        Position p = positions.stream().filter(x -> x.ticket() == ticket).findFirst().orElse(null);
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
        ObjectNode q = Wire.request("modify", "");
        q.put("position", ticket);
        q.put("sl", stopLoss);
        q.put("tp", takeProfit);
        CompletableFuture<Integer> out = new CallbackFuture<>(conn.callbackExecutor());
        conn.loop().execute(() -> {
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
                            OpenPosition b = book.get(ticket);
                            if (b != null) {
                                b.sl = stopLoss;
                                b.tp = takeProfit;
                                publish();
                            }
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
        });
        return out.copy();
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
        conn.loop().execute(() -> closeAllPrefixes.add(clientOrderIdPrefix));
        ObjectNode q = Wire.request("close_all", "");
        q.put("symbol", symbol == null ? "" : conn.brokerName(symbol));
        q.put("magic", magic);
        q.put("client_order_id_prefix", clientOrderIdPrefix);
        return conn.query(q, r -> {
            List<Integer> codes = new ArrayList<>();
            for (Msg m : r.objects("results")) {
                codes.add((int) m.lng("retcode"));
                if (m.lng("deal", 0) > 0 && m.num("volume", 0) > 0) {
                    applyReplyDeal(m, null);
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
        return conn.query(q, r -> parsePositions(r.objects("positions")));
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
        return conn.query(q, r -> {
            List<Deal> out = new ArrayList<>();
            for (Msg d : r.objects("deals")) {
                out.add(parseDeal(d));
            }
            return out;
        });
    }

    /** @return the account as the terminal reports it now; also refreshes {@link #account()} */
    public CompletionStage<AccountSnapshot> fetchAccount() {
        return conn.query(Wire.request("account", ""), r -> {
            AccountSnapshot a = parseAccount(r);
            applyAccount(r);
            return a;
        });
    }

    @Override
    public void setTradeEventListener(TradeEventListener listener) {
        this.listener = listener == null ? e -> { } : listener;
    }

    /**
     * @return this client's open positions: those that carry {@link Mt5Config#magic()}, never
     *     another client's on the same account (see the class comment)
     */
    @Override
    public List<Position> positions() {
        return positions;
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
        AccountSnapshot a = account;
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
        if (handshakeDone && currencyKnown && account != null && booksSynced && !ready.isDone()) {
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
        synchronized (stats) {
            int n = Math.min(latencyCount, LATENCY_WINDOW);
            long[] l = Arrays.copyOf(latencies, n);
            Arrays.sort(l);
            double p50 = n == 0 ? 0 : l[(int) Math.min(n - 1, Math.ceil(0.50 * n) - 1)] / 1000.0;
            double p99 = n == 0 ? 0 : l[(int) Math.min(n - 1, Math.ceil(0.99 * n) - 1)] / 1000.0;
            double max = n == 0 ? 0 : l[n - 1] / 1000.0;
            return new OrderStatistics(submitted, filled, rejected, unknown, priceRetries, p50, p99, max,
                    filled == 0 ? 0 : slippageSum / filled, slippageMax);
        }
    }

    /** Closes the whole connection ({@link Mt5Connection#close()}). */
    @Override
    public void close() {
        conn.close();
    }

    // ------------------------------------------------------------------------------------ orders (I/O thread)

    private void start(Task t) {
        tasks.put(t.request.clientOrderId(), t);
        if (!conn.isLinkUp()) {
            finish(t, ExecutionReport.notFilled(t.request, ExecutionStatus.ERROR, TradeReturnCode.CONNECTION,
                    "not connected to the terminal; nothing was sent", elapsed(t), conn.utcNow()));
            return;
        }
        if (reconciling) {
            waiting.add(t);
            return;
        }
        String problem = check(t);
        if (problem != null) {
            return;
        }
        send(t);
    }

    /** @return non-null when the order was refused locally (and finished) */
    private String check(Task t) {
        OrderRequest r = t.request;
        BrokerSymbol b = conn.session().flatMap(s -> s.symbol(r.symbol())).orElse(null);
        if (b == null) {
            return refuse(t, TradeReturnCode.INVALID, "symbol " + r.symbol() + " is not offered by the broker");
        }
        t.broker = b;
        if (r.magic() != 0 && r.magic() != magic) {
            return refuse(t, TradeReturnCode.INVALID, "magic " + r.magic() + " is not this gateway's magic " + magic
                    + " (Mt5Config.magic): its position would not be in this gateway's book; give the pipeline and the"
                    + " Mt5Config the same magic");
        }
        boolean closing = r.positionTicket() > 0;
        if (closing) {
            OpenPosition p = book.get(r.positionTicket());
            if (p != null && p.magic != magic) {
                return refuse(t, TradeReturnCode.INVALID, "position " + p.ticket + " belongs to magic " + p.magic
                        + ", not to this gateway's magic " + magic + ": a client closes only its own positions");
            }
            if (p != null && (!p.symbol.equals(r.symbol()) || p.side == r.side())) {
                return refuse(t, TradeReturnCode.INVALID, r.side() + " " + r.symbol() + " cannot close position "
                        + p.ticket + " (" + p.side + " " + p.symbol + "): a close is the opposite side of the same symbol");
            }
        } else if (conn.session().map(s -> s.accountMode() == io.aria.core.AccountMode.NETTING).orElse(false)) {
            for (OpenPosition p : book.values()) {
                if (p.symbol.equals(r.symbol()) && p.magic != magic) {
                    return refuse(t, TradeReturnCode.INVALID, "netting account: the " + r.symbol() + " position "
                            + p.ticket + " belongs to magic " + p.magic + "; an order of magic " + magic
                            + " would change it (clients sharing a netting account must trade different symbols)");
                }
            }
        }
        switch (b.tradeMode()) {
            case BrokerSymbol.TRADE_MODE_DISABLED:
                return refuse(t, TradeReturnCode.TRADE_DISABLED, "trading " + b.brokerName() + " is disabled");
            case BrokerSymbol.TRADE_MODE_CLOSE_ONLY:
                if (!closing) {
                    return refuse(t, TradeReturnCode.TRADE_DISABLED, b.brokerName() + " is close-only");
                }
                break;
            case BrokerSymbol.TRADE_MODE_LONG_ONLY:
                if (!closing && r.side() == Side.SELL) {
                    return refuse(t, TradeReturnCode.TRADE_DISABLED, b.brokerName() + " is long-only");
                }
                break;
            case BrokerSymbol.TRADE_MODE_SHORT_ONLY:
                if (!closing && r.side() == Side.BUY) {
                    return refuse(t, TradeReturnCode.TRADE_DISABLED, b.brokerName() + " is short-only");
                }
                break;
            default:
                break;
        }
        if (!b.isValidVolume(r.volume())) {
            return refuse(t, TradeReturnCode.INVALID_VOLUME, "volume " + r.volume() + " is not in [" + b.volumeMin()
                    + ", " + b.volumeMax() + "] in steps of " + b.volumeStep());
        }
        // as MT5 does: a buy's stops are measured from the bid, a sell's from the ask, at least a point away
        Tick q = quotes.get(r.symbol());
        double ref = q == null ? r.requestedPrice() : r.side() == Side.BUY ? q.bid() : q.ask();
        double min = Math.max(b.minStopDistance(), b.point()) - b.point() * 1e-6;
        int sign = r.side().sign();
        if (r.stopLoss() > 0 && sign * (ref - r.stopLoss()) < min) {
            return refuse(t, TradeReturnCode.INVALID_STOPS, "stopLoss " + r.stopLoss() + " must be "
                    + Math.max(1, b.stopsLevel()) + " points or more " + (sign > 0 ? "below the bid " : "above the ask ") + ref);
        }
        if (r.takeProfit() > 0 && sign * (r.takeProfit() - ref) < min) {
            return refuse(t, TradeReturnCode.INVALID_STOPS, "takeProfit " + r.takeProfit() + " must be "
                    + Math.max(1, b.stopsLevel()) + " points or more " + (sign > 0 ? "above the bid " : "below the ask ") + ref);
        }
        return null;
    }

    private String refuse(Task t, int code, String why) {
        LOG.info("order {} refused before sending: {}", t.request.clientOrderId(), why);
        finish(t, ExecutionReport.notFilled(t.request, ExecutionStatus.REJECTED, code, why, elapsed(t), conn.utcNow()));
        return why;
    }

    private void send(Task t) {
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
        long timeout = conn.config().orderTimeout().toNanos();
        // on the terminal's clock, so a terminal whose clock runs ahead does not expire every order
        body.put("expires_utc_ms", conn.terminalUtcNow() + TimeUnit.NANOSECONDS.toMillis(timeout));
        t.state = State.SENT;
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
                if (failure == Mt5Connection.Failure.TIMEOUT && conn.isLinkUp() && !reconciling) {
                    askStatus(t);
                }
                afterInFlightChange();
            }
        });
    }

    private void onOrderReply(Task t, Msg m) {
        if (t.state == State.DONE) {
            return;
        }
        try {
            if (!m.bool("ok", false)) {
                String error = m.str("error", "error");
                if ("conflict".equals(error)) {
                    LOG.warn("order {} refused by the terminal as a conflict: {}", t.request.clientOrderId(),
                            m.str("message", ""));
                    finish(t, ExecutionReport.notFilled(t.request, ExecutionStatus.REJECTED, TradeReturnCode.REJECT,
                            "conflict: " + m.str("message", "the terminal knows this client order id with other contents"),
                            elapsed(t), m.lng("utc_ms", conn.utcNow())));
                    return;
                }
                String why = error + ": " + m.str("message", "");
                finish(t, ExecutionReport.notFilled(t.request, ExecutionStatus.REJECTED, TradeReturnCode.INVALID,
                        "terminal refused the request: " + why, elapsed(t), m.lng("utc_ms", conn.utcNow())));
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
                double bid = m.num("bid", 0);
                double ask = m.num("ask", 0);
                double fresh = t.request.side() == Side.BUY ? ask : bid;
                if (!(fresh > 0)) {
                    Tick q = quotes.get(t.request.symbol());
                    fresh = q == null ? t.price : q.priceFor(t.request.side());
                }
                t.attempt++;
                t.price = fresh;
                synchronized (stats) {
                    priceRetries++;
                }
                LOG.debug("order {}: {} -> retry {} at {}", t.request.clientOrderId(), TradeReturnCode.describe(code),
                        t.attempt, fresh);
                send(t);
            } else if (code == TradeReturnCode.TOO_MANY_REQUESTS && t.attempt < conn.config().maxPriceRetries()) {
                t.attempt++;
                inFlight++;
                conn.loop().schedule(TimeUnit.MILLISECONDS.toNanos(50L * t.attempt), () -> {
                    inFlight--;
                    send(t);
                });
            } else if (code == TradeReturnCode.TIMEOUT && "expired".equals(m.str("message", ""))) {
                finish(t, ExecutionReport.notFilled(t.request, ExecutionStatus.REJECTED, code,
                        "the order reached the terminal after its deadline and was not sent", elapsed(t),
                        m.lng("utc_ms", conn.utcNow())));
            } else if (code == TradeReturnCode.TIMEOUT || code == TradeReturnCode.ERROR
                    || code == TradeReturnCode.CONNECTION || (TradeReturnCode.isSuccess(code) && volume <= 0)) {
                t.unclearCode = code;
                askStatus(t);
            } else {
                finish(t, ExecutionReport.notFilled(t.request, ExecutionStatus.REJECTED, code,
                        describe(code, m), elapsed(t), m.lng("utc_ms", conn.utcNow())));
            }
        } catch (MalformedMessageException | IllegalArgumentException e) {
            conn.badMessage("order reply", e.getMessage());
            becomeUnknown(t, "malformed reply: " + e.getMessage());
            askStatus(t);
        }
    }

    /**
     * Defence in depth against a terminal without the conflict rule (PROTOCOL.md 9): a fill that
     * repeats an earlier outcome must be of this order's symbol and side, no larger than it, and
     * for a close of the same position. Otherwise it is another client's order under the same id:
     * REJECTED as a conflict, never taken as this order's fill.
     *
     * @return whether the order was finished as a conflict
     */
    private boolean refusedAsNotOurs(Task t, Msg m) throws MalformedMessageException {
        OrderRequest r = t.request;
        String symbol = m.has("symbol") ? conn.symbolOf(m.str("symbol")) : r.symbol();
        Side side = m.has("side") ? parseSide(m.str("side")) : r.side();
        double vol = m.num("volume", 0);
        long position = m.lng("position", 0);
        boolean ours = symbol.equals(r.symbol()) && side == r.side() && vol <= r.volume() + 1e-9
                && (r.positionTicket() == 0 || position == 0 || position == r.positionTicket());
        if (ours) {
            return false;
        }
        String why = "conflict: the terminal answered client order id " + r.clientOrderId() + " with the fill of another"
                + " order (" + m.str("symbol", "?") + " " + m.str("side", "?") + " " + vol + " lots, position " + position
                + "); this order is " + describeOrder(r) + "; not taken as its fill";
        LOG.warn("order {}: {}", r.clientOrderId(), why);
        finish(t, ExecutionReport.notFilled(r, ExecutionStatus.REJECTED, TradeReturnCode.REJECT, why, elapsed(t),
                m.lng("utc_ms", conn.utcNow())));
        return true;
    }

    private static String describe(int code, Msg m) {
        String c = m.node().path("comment").asText("");
        return TradeReturnCode.describe(code) + (c.isEmpty() ? "" : " (" + c + ")");
    }

    private void fill(Task t, Msg m) throws MalformedMessageException {
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
                m.lng("deal", 0), position, r.volume(), vol, r.requestedPrice(), price, slippage, elapsed(t), code,
                describe(code, m), m.lng("utc_ms", conn.utcNow()));
        if (t.recovered) {
            long deal = m.lng("deal", 0);
            if (deal > 0) {
                emittedDeals.add(deal); // the positions snapshot that follows brings its effect on the book
            }
        } else {
            applyReplyDeal(m, t);
        }
        applyAccount(m);
        double point = t.broker != null ? t.broker.point() : conn.catalog().spec(r.symbol()).point();
        if (t.state == State.UNKNOWN && !t.recovered) {
            // the caller already has UNKNOWN: the fill is reported as a late fill event
            emit(new TradeEvent(TradeEvent.Kind.LATE_FILL, r.symbol(), Math.max(1, position), Math.max(0, report.dealTicket()),
                    r.side(), vol, price, 0, r.clientOrderId(), report.epochMillis()), report.dealTicket());
        }
        synchronized (stats) {
            slippageSum += slippage / point;
            slippageMax = Math.max(slippageMax, slippage / point);
        }
        finish(t, report);
    }

    private void becomeUnknown(Task t, String why) {
        if (t.state == State.DONE || t.state == State.UNKNOWN) {
            return;
        }
        t.state = State.UNKNOWN;
        LOG.warn("order {} outcome unknown: {}; resolving by client order id", t.request.clientOrderId(), why);
        ExecutionReport r = ExecutionReport.notFilled(t.request, ExecutionStatus.UNKNOWN, TradeReturnCode.ARIA_UNKNOWN,
                why + "; resolving by reconciliation", elapsed(t), conn.utcNow());
        synchronized (stats) {
            unknown++;
        }
        outcomes.get(t.request.clientOrderId()).complete(r);
    }

    private void askStatus(Task t) {
        if (t.state == State.DONE || t.asking) {
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

    private void onStatus(Task t, Msg m) {
        if (t.state == State.DONE) {
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
                            describe(code, m) + " (resolved by order_status)", elapsed(t), m.lng("utc_ms", conn.utcNow())));
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
                            "the terminal never executed it (client order id fenced)", elapsed(t),
                            m.lng("utc_ms", conn.utcNow())));
                }
            }
        } catch (MalformedMessageException | IllegalArgumentException e) {
            conn.badMessage("order_status reply", e.getMessage());
            becomeUnknown(t, "malformed order_status reply");
        }
    }

    private void finish(Task t, ExecutionReport report) {
        boolean wasUnknown = t.state == State.UNKNOWN;
        t.state = State.DONE;
        synchronized (stats) {
            if (report.status().isFill()) {
                filled++;
            } else if (report.status() == ExecutionStatus.REJECTED) {
                rejected++;
            }
            if (!wasUnknown && report.status() != ExecutionStatus.ERROR) {
                latencies[latencyCount++ % LATENCY_WINDOW] = report.latencyNanos();
            }
        }
        LOG.debug("order {} {}: {} @ {} latency {} us, code {}", report.clientOrderId(), report.status(),
                report.filledVolume(), report.fillPrice(), report.latencyNanos() / 1000, report.returnCode());
        CompletableFuture<ExecutionReport> first = outcomes.get(t.request.clientOrderId());
        CompletableFuture<ExecutionReport> last = resolutions.get(t.request.clientOrderId());
        forgetOldOrders();
        // completing wakes blocked callers at once; dependents run on the callback thread (CallbackFuture)
        first.complete(report);
        if (t.recovered) {
            t.outcome = report;
            recoveredAwaitingBook.add(t);
        } else {
            last.complete(report);
        }
    }

    /** Keeps memory bounded in long runs: the oldest finished orders leave the idempotency tables. */
    private void forgetOldOrders() {
        if (tasks.size() <= MAX_REMEMBERED_ORDERS) {
            return;
        }
        java.util.Iterator<Map.Entry<String, Task>> it = tasks.entrySet().iterator();
        while (tasks.size() > MAX_REMEMBERED_ORDERS * 9 / 10 && it.hasNext()) {
            Map.Entry<String, Task> e = it.next();
            if (e.getValue().state == State.DONE) {
                it.remove();
                outcomes.remove(e.getKey());
                resolutions.remove(e.getKey());
                requests.remove(e.getKey());
            }
        }
    }

    private long elapsed(Task t) {
        return System.nanoTime() - t.start;
    }

    private void afterInFlightChange() {
        if (waitingQuiet && inFlight == 0) {
            proceed();
        }
    }

    // ------------------------------------------------------------------------------------ book (I/O thread)

    /** Applies the deal of an order reply (or a close_all result) to the book once. */
    private void applyReplyDeal(Msg m, Task t) throws MalformedMessageException {
        long deal = m.lng("deal", 0);
        long position = m.lng("position", 0);
        String symbol = t != null ? t.request.symbol() : conn.symbolOf(m.str("symbol", ""));
        Side side = t != null ? t.request.side() : parseSide(m.str("side"));
        double vol = m.num("volume");
        if (t != null && t.request.positionTicket() > 0 && position == 0) {
            position = t.request.positionTicket();
        }
        if (deal > 0) {
            emittedDeals.add(deal);
        }
        applyDeal(deal, position, symbol, side, vol, m.num("price"), -1,
                t == null ? 0 : t.request.stopLoss(), t == null ? 0 : t.request.takeProfit(),
                t == null ? "" : t.request.clientOrderId(), t == null ? m.lng("magic", magic) : magic, m.lng("utc_ms", 0));
    }

    private void applyDeal(long deal, long ticket, String symbol, Side side, double vol, double price,
            double positionVolumeAfter, double sl, double tp, String cid, long magic, long utc) {
        if (deal > 0 && !appliedDeals.add(deal)) {
            return;
        }
        OpenPosition p = book.get(ticket);
        boolean netting = conn.session().map(s -> s.accountMode() == io.aria.core.AccountMode.NETTING).orElse(false);
        if (p == null && netting) {
            p = book.values().stream().filter(b -> b.symbol.equals(symbol)).findFirst().orElse(null);
        }
        if (p == null) {
            if (ticket > 0 && (positionVolumeAfter < 0 || positionVolumeAfter > 0)) {
                OpenPosition n = new OpenPosition(ticket, symbol, side, positionVolumeAfter > 0 ? positionVolumeAfter : vol, price, utc);
                n.sl = sl;
                n.tp = tp;
                n.cid = cid;
                n.magic = magic;
                book.put(ticket, n);
            }
        } else if (positionVolumeAfter >= 0 && Math.abs(positionVolumeAfter - p.volume) < 1e-9
                && (side == p.side || positionVolumeAfter == 0)) {
            // a snapshot can already hold a deal whose event comes later: nothing left to apply
            if (positionVolumeAfter == 0) {
                book.remove(p.ticket);
            }
        } else {
            double signed = p.side.sign() * p.volume + side.sign() * vol;
            if (positionVolumeAfter >= 0) {
                signed = Math.signum(signed) * positionVolumeAfter;
            }
            if (Math.abs(signed) < 1e-9) {
                book.remove(p.ticket);
            } else if (Math.signum(signed) == p.side.sign()) {
                if (side == p.side) {
                    p.openPrice = (p.openPrice * p.volume + price * vol) / (p.volume + vol);
                }
                p.volume = Math.abs(signed);
            } else {
                p.side = p.side.opposite();
                p.volume = Math.abs(signed);
                p.openPrice = price;
            }
        }
        publish();
    }

    void onTradeMessage(Msg m, long seq, String session) {
        Deal d;
        double after;
        try {
            d = parseDeal(m);
            after = m.num("position_volume", -1);
        } catch (MalformedMessageException | IllegalArgumentException e) {
            conn.badMessage("trade event", e.getMessage());
            return;
        }
        applyAccount(m);
        long positionMagic = magicOf(d);
        Task own = "expert".equals(d.reason()) ? tasks.get(d.comment()) : null;
        if (own == null && "expert".equals(d.reason()) && isCloseAllComment(d.comment())) {
            if (!(session.equals(snapshotSession) && seq <= snapshotSeq)) {
                applyDeal(d.ticket(), d.position(), d.symbol(), d.side(), d.volume(), d.price(), after, 0, 0,
                        d.clientOrderId(), d.magic(), d.epochMillis());
            }
            emittedDeals.add(d.ticket());
            return;
        }
        boolean inSnapshot = session.equals(snapshotSession) && seq <= snapshotSeq;
        if (inSnapshot) {
            appliedDeals.add(d.ticket());
        } else {
            OpenPosition prior = book.get(d.position());
            applyDeal(d.ticket(), d.position(), d.symbol(), d.side(), d.volume(), d.price(), after,
                    own != null ? own.request.stopLoss() : prior != null ? prior.sl : 0,
                    own != null ? own.request.takeProfit() : prior != null ? prior.tp : 0,
                    d.clientOrderId(), d.magic(), d.epochMillis());
        }
        if (own != null) {
            emittedDeals.add(d.ticket());
            if (own.state == State.UNKNOWN) {
                askStatus(own);
            }
            return;
        }
        report(d, positionMagic);
    }

    /** The magic of the position a deal belongs to: the book's (before the deal changes it), else the deal's. */
    private long magicOf(Deal d) {
        OpenPosition p = book.get(d.position());
        return p != null ? p.magic : d.magic();
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
        Task t = tasks.get(d.clientOrderId());
        if (d.isEntry() && t != null && t.state == State.UNKNOWN) {
            askStatus(t);
            return;
        }
        if (kind == null || d.position() <= 0 || !(d.volume() > 0) || !(d.price() > 0)) {
            LOG.info("deal {} on {} ({} {}) changed the book without an event", d.ticket(), d.symbol(), d.entry(), d.reason());
            return;
        }
        emit(new TradeEvent(kind, d.symbol(), d.position(), d.ticket(), d.side(), d.volume(), d.price(), d.profit(),
                d.clientOrderId(), d.epochMillis()), d.ticket());
    }

    private void emit(TradeEvent e, long deal) {
        if (deal > 0) {
            emittedDeals.add(deal);
        }
        LOG.info("trade event {} {} position {} {} @ {}", e.kind(), e.symbol(), e.positionTicket(), e.volume(), e.price());
        TradeEventListener l = listener;
        conn.callback(() -> l.onTradeEvent(e));
    }

    /** Publishes the book and the account, marking positions at the latest quotes. */
    private void publish() {
        List<Position> out = new ArrayList<>(book.size());
        double unrealised = 0;
        for (OpenPosition b : book.values()) {
            Tick q = quotes.get(b.symbol);
            double mark = b.openPrice;
            if (q != null) {
                mark = b.side == Side.BUY ? q.bid() : q.ask();
                AssetSpec spec = conn.catalog().find(b.symbol).orElse(null);
                if (spec != null && converter != null) {
                    double p = FillModel.profit(spec, b.side, b.volume, b.openPrice, mark, converter);
                    if (Double.isFinite(p)) {
                        b.profit = p;
                    }
                }
            }
            unrealised += b.profit;
            if (b.magic != magic) {
                continue; // another client's: in the account's equity, not in this client's book
            }
            out.add(new Position(b.ticket, b.symbol, b.side, b.volume, b.openPrice, b.openUtc, b.sl, b.tp,
                    mark > 0 ? mark : b.openPrice, b.profit, b.cid, b.magic));
        }
        positions = List.copyOf(out);
        if (accountKnown) {
            double equity = balance + unrealised;
            account = new AccountSnapshot(currency, balance, equity, margin, equity - margin, leverage, conn.utcNow());
        }
    }

    /** Takes the account fields of a reply or event (balance, margin, ...) when it has them. I/O thread. */
    private void applyAccount(Msg m) {
        if (!m.has("balance")) {
            return;
        }
        try {
            balance = m.num("balance");
            margin = Math.max(0, m.num("margin", margin));
            if (m.has("currency")) {
                currency = m.str("currency");
                currencyKnown = true;
            }
            if (m.has("leverage")) {
                leverage = (int) Math.max(1, m.lng("leverage"));
            }
            accountKnown = true;
            publish();
            completeReady();
        } catch (MalformedMessageException | IllegalArgumentException e) {
            conn.badMessage("account fields", e.getMessage());
        }
    }

    /** A tick of a traded symbol, on the I/O thread: marks positions and feeds the currency converter. */
    void onQuote(Tick tick) {
        quotes.put(tick.symbol(), tick);
        lastTicks.put(tick.symbol(), tick);
        if (converter != null) {
            int i = conn.catalog().indexOf(tick.symbol());
            if (i >= 0) {
                converter.update(i, tick.bid(), tick.ask());
            }
        }
        for (OpenPosition b : book.values()) {
            if (b.symbol.equals(tick.symbol())) {
                publish();
                return;
            }
        }
    }

    /** @return the last tick the gateway has applied for a catalog symbol, or null (tests wait on it) */
    Tick lastTick(String symbol) {
        return lastTicks.get(symbol);
    }

    // ------------------------------------------------------------------------------------ reconciliation (I/O thread)

    private void reconcile(String why) {
        LOG.debug("reconciliation wanted: {}", why);
        if (reconciling) {
            reconcileAgain = true;
            return;
        }
        reconciling = true;
        askedUnknowns = false;
        proceed();
    }

    /** Runs the next step of reconciliation once no order or status request is in flight. */
    private void proceed() {
        if (!conn.isLinkUp()) {
            reconciling = false;
            waitingQuiet = false;
            return;
        }
        if (inFlight > 0) {
            waitingQuiet = true;
            return;
        }
        waitingQuiet = false;
        if (!askedUnknowns) {
            askedUnknowns = true;
            boolean any = false;
            for (Task t : new ArrayList<>(tasks.values())) {
                if (t.state == State.UNKNOWN) {
                    askStatus(t);
                    any = true;
                }
            }
            if (any) {
                waitingQuiet = inFlight > 0;
                if (waitingQuiet) {
                    return;
                }
            }
        }
        syncBook();
    }

    private void syncBook() {
        long from = syncedUtc > 0 ? syncedUtc - 60_000 : 0;
        ObjectNode deals = Wire.request("deals", "");
        deals.put("from_utc_ms", from);
        boolean wantDeals = from > 0;
        Runnable snapshot = () -> conn.request(Wire.request("positions", ""), conn.config().requestTimeout().toNanos(),
                new Mt5Connection.ReplyHandler() {
                    @Override
                    public void onReply(Msg m) {
                        onPositionsSnapshot(m);
                    }

                    @Override
                    public void onFailure(Mt5Connection.Failure failure) {
                        reconciled("positions got no reply (" + failure + ")");
                    }
                });
        if (!wantDeals) {
            snapshot.run();
            return;
        }
        conn.request(deals, conn.config().requestTimeout().toNanos(), new Mt5Connection.ReplyHandler() {
            @Override
            public void onReply(Msg m) {
                try {
                    for (Msg dm : m.objects("deals")) {
                        Deal d = parseDeal(dm);
                        if (!emittedDeals.contains(d.ticket()) && !("expert".equals(d.reason())
                                && (tasks.containsKey(d.comment()) || isCloseAllComment(d.comment())))) {
                            report(d, magicOf(d));
                        }
                    }
                } catch (MalformedMessageException | IllegalArgumentException e) {
                    conn.badMessage("deals reply", e.getMessage());
                }
                snapshot.run();
            }

            @Override
            public void onFailure(Mt5Connection.Failure failure) {
                reconciled("deals got no reply (" + failure + ")");
            }
        });
    }

    private void onPositionsSnapshot(Msg m) {
        try {
            List<Position> list = parsePositions(m.objects("positions"));
            book.clear();
            for (Position p : list) {
                OpenPosition b = new OpenPosition(p.ticket(), p.symbol(), p.side(), p.volume(), p.openPrice(), p.openEpochMillis());
                b.sl = p.stopLoss();
                b.tp = p.takeProfit();
                b.cid = p.clientOrderId();
                b.magic = p.magic();
                b.profit = p.profit();
                book.put(b.ticket, b);
            }
            snapshotSeq = m.lng("pub_seq", 0);
            syncedUtc = m.lng("utc_ms", conn.utcNow());
            snapshotSession = conn.session().map(Mt5Session::session).orElse("");
            publish();
            refreshAccount();
            booksSynced = true;
            for (Task t : recoveredAwaitingBook) {
                CompletableFuture<ExecutionReport> f = resolutions.get(t.request.clientOrderId());
                if (f != null) {
                    f.complete(t.outcome);
                }
            }
            recoveredAwaitingBook.clear();
            completeReady();
            retryUnresolvedRecoveries();
            reconciled("positions " + list.size());
        } catch (MalformedMessageException | IllegalArgumentException e) {
            conn.badMessage("positions reply", e.getMessage());
            reconciled("malformed positions reply");
        }
    }

    /** An earlier process's order whose status request got no answer is asked again a second later. */
    private void retryUnresolvedRecoveries() {
        for (Task t : tasks.values()) {
            if (t.recovered && t.state == State.UNKNOWN && !t.asking) {
                conn.loop().schedule(TimeUnit.SECONDS.toNanos(1), () -> {
                    if (conn.isLinkUp()) {
                        reconcile("orders of an earlier process still unresolved");
                    }
                });
                return;
            }
        }
    }

    private void reconciled(String how) {
        LOG.debug("reconciled: {}", how);
        reconciling = false;
        if (reconcileAgain && conn.isLinkUp()) {
            reconcileAgain = false;
            reconcile("again");
            return;
        }
        while (!waiting.isEmpty()) {
            Task t = waiting.poll();
            if (!conn.isLinkUp()) {
                finish(t, ExecutionReport.notFilled(t.request, ExecutionStatus.ERROR, TradeReturnCode.CONNECTION,
                        "connection lost before the order was sent; nothing was sent", elapsed(t), conn.utcNow()));
            } else if (check(t) == null) {
                send(t);
            }
        }
    }

    private void refreshAccount() {
        conn.request(Wire.request("account", ""), conn.config().requestTimeout().toNanos(), new Mt5Connection.ReplyHandler() {
            @Override
            public void onReply(Msg m) {
                applyAccount(m);
            }

            @Override
            public void onFailure(Mt5Connection.Failure failure) {
                // the next refresh tries again
            }
        });
    }

    void onHelloAccount(Msg m) {
        applyAccount(m);
    }

    // ------------------------------------------------------------------------------------ parsing

    private AccountSnapshot parseAccount(Msg m) throws MalformedMessageException {
        double equity = m.num("equity");
        double margin = m.num("margin", 0);
        return new AccountSnapshot(m.str("currency"), m.num("balance"), equity, margin, m.num("free_margin", equity - margin),
                (int) Math.max(1, m.lng("leverage", 1)), m.lng("utc_ms", conn.utcNow()));
    }

    private List<Position> parsePositions(List<Msg> list) throws MalformedMessageException {
        List<Position> out = new ArrayList<>();
        for (Msg p : list) {
            double open = p.num("price_open");
            double cur = p.num("price_current", open);
            out.add(new Position(p.lng("ticket"), conn.symbolOf(p.str("symbol")), parseSide(p.str("side")),
                    p.num("volume"), open, p.lng("utc_ms", 0), p.num("sl", 0), p.num("tp", 0), cur > 0 ? cur : open,
                    p.num("profit", 0) + p.num("swap", 0), p.str("comment", ""), p.lng("magic", 0)));
        }
        return out;
    }

    private Deal parseDeal(Msg d) throws MalformedMessageException {
        String comment = d.str("comment", "");
        return new Deal(d.lng("deal", d.lng("ticket", 0)), d.lng("order", 0), d.lng("position", 0),
                conn.symbolOf(d.str("symbol")), parseSide(d.str("side")), d.str("entry"), d.str("reason", "other"),
                d.num("volume"), d.num("price"), d.num("profit", 0), d.num("commission", 0), d.num("swap", 0),
                d.lng("magic", 0), comment, d.str("client_order_id", comment), d.lng("utc_ms", 0));
    }

    private static Side parseSide(String s) throws MalformedMessageException {
        return switch (s) {
            case "buy" -> Side.BUY;
            case "sell" -> Side.SELL;
            default -> throw new MalformedMessageException("side must be buy or sell, was '" + Wire.abbreviate(s) + "'");
        };
    }

    private static Set<Long> boundedSet() {
        return java.util.Collections.newSetFromMap(new LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                return size() > MAX_REMEMBERED_DEALS;
            }
        });
    }

    // ------------------------------------------------------------------------------------ internal types

    private enum State {
        NEW, SENT, UNKNOWN, DONE
    }

    private static final class Task {
        final OrderRequest request;
        final long start;
        BrokerSymbol broker;
        double price;
        int attempt;
        int unclearCode;
        int statusAsks;
        boolean asking;
        /** An order of an earlier process, resolved after a restart. */
        boolean recovered;
        ExecutionReport outcome;
        State state = State.NEW;

        Task(OrderRequest request, long start) {
            this.request = request;
            this.start = start;
            this.price = request.requestedPrice();
        }
    }

}
