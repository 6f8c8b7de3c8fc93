package io.aria.mt5.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aria.core.AccountMode;
import io.aria.core.AssetCatalog;
import io.aria.core.AssetSpec;
import io.aria.core.OrderRequest;
import io.aria.core.Position;
import io.aria.core.Side;
import io.aria.core.Tick;
import io.aria.core.paper.Deal;
import io.aria.core.paper.FillModel;
import io.aria.core.paper.SimulatedAccount;
import io.aria.core.source.SyntheticTickSource;
import io.aria.mt5.internal.IoLoop;
import io.aria.mt5.internal.Msg;
import io.aria.mt5.internal.Wire;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * A MetaTrader 5 terminal in a box: it speaks aria-mt5's PROTOCOL.md over real ZeroMQ sockets
 * (a ROUTER for commands and a PUB for events, bound to loopback), trades core's
 * {@link SimulatedAccount} (netting or hedging, the same account the paper broker keeps: its SL/TP,
 * stop-out at or below the level, fills through the {@link FillModel}, client order ids) at its
 * synthetic quotes, and injects the faults a real link suffers ({@link #faults()}, {@link #restart()},
 * {@link #disconnect(Duration)}). Point an {@link io.aria.mt5.Mt5Connection} at
 * {@link #commandEndpoint()} and {@link #eventEndpoint()} to test strategies without MT5.
 *
 * <pre>{@code
 * try (SimulatedMt5Terminal terminal = SimulatedMt5Terminal.builder().brokerSuffix(".m").start()) {
 *     Mt5Config config = Mt5Config.builder().commandEndpoint(terminal.commandEndpoint())
 *             .eventEndpoint(terminal.eventEndpoint()).build();
 *     ...
 * }
 * }</pre>
 *
 * <p>Thread-safety: every public method may be called from any thread; the terminal's state
 * lives on its own I/O thread.
 */
public final class SimulatedMt5Terminal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedMt5Terminal.class);

    final Builder cfg;
    private final ZContext context;
    private final IoLoop loop;
    final Faults faults = new Faults();
    private volatile String commandEndpoint;
    private volatile String eventEndpoint;
    private volatile String session;

    // I/O thread only
    final Map<String, Sym> symbols = new LinkedHashMap<>();
    final Set<String> subscribed = new HashSet<>();
    /** The trade server: positions, margin, stops, stop-out, deals and the history of client order ids. */
    final SimulatedAccount account;
    /** The Expert Advisor's trade requests over the account. */
    private final OrderDesk desk;
    /** The session, account and market questions. */
    private final MarketDesk marketDesk;
    /** Reads each request and hands it to the desk that answers it. */
    private final RequestRouter requests;
    private SyntheticTickSource market;
    private ZMQ.Socket router;
    private ZMQ.Socket pub;
    long seq;
    private boolean holdingEvents;
    private final List<Held> heldEvents = new ArrayList<>();
    private int sessionCounter;
    private long externalOrders;
    private final OrderJournal journal;

    private SimulatedMt5Terminal(Builder b) {
        this.cfg = b;
        this.context = new ZContext(1);
        this.context.setLinger(0);
        this.loop = new IoLoop("aria-mt5-sim", context);
        AssetCatalog catalog = b.catalog;
        for (Map.Entry<String, Integer> level : b.stopsLevel.entrySet()) {
            catalog = catalog.withSpec(catalog.spec(level.getKey()).toBuilder().stopsLevelPoints(level.getValue()).build());
        }
        this.account = SimulatedAccount.builder().catalog(catalog).accountCurrency(b.currency).startingBalance(b.balance)
                .leverage(b.leverage).mode(b.mode).fillModel(b.fillModel).stopOutLevelPercent(b.stopOutLevelPercent)
                .retryRefused(true).firstTicket(1000).build();
        this.desk = new OrderDesk(this);
        this.marketDesk = new MarketDesk(this);
        BookDesk book = new BookDesk(this);
        this.requests = new RequestRouter(this, loop, desk, marketDesk, book);
        this.account.setDealListener(book::onDeal);
        for (String s : b.symbols) {
            AssetSpec spec = catalog.spec(s);
            Sym sym = new Sym(b.brokerNames.getOrDefault(s, s + b.brokerSuffix), spec);
            double mid = startMid(spec);
            sym.bid = spec.normalizePrice(mid - spec.typicalSpread() / 2);
            sym.ask = spec.normalizePrice(sym.bid + spec.typicalSpread());
            sym.quoteUtc = b.clock.millis();
            symbols.put(sym.name, sym);
            account.quote(new Tick(s, sym.quoteUtc, sym.bid, sym.ask, 0));
        }
        this.journal = new OrderJournal(b.journal, b.clock);
        loop.onStop(this::closeSockets);
    }

    private static double startMid(AssetSpec spec) {
        double p = SyntheticTickSource.defaultStartPrice(spec.symbol());
        return Double.isFinite(p) && p > 0 ? p : 100.0;
    }

    /** @return a builder with the defaults: the 21 catalog symbols, hedging, 10,000 USD at 1:100 */
    public static Builder builder() {
        return new Builder();
    }

    private SimulatedMt5Terminal startUp() {
        loop.start();
        call(() -> {
            newSession();
            bind(cfg.commandEndpoint, cfg.eventEndpoint);
            scheduleHeartbeat();
            if (!cfg.tickInterval.isZero()) {
                // the market moves with aria-core's synthetic source, pulled one step per interval
                market = SyntheticTickSource.builder().catalog(cfg.catalog).symbols(cfg.symbols).seed(cfg.seed)
                        .startTime(cfg.clock.instant()).tickInterval(cfg.tickInterval).openHoursOnly(false).build();
                scheduleTicks();
            }
            return null;
        });
        LOG.info("simulated MT5 terminal on {} / {} ({}, {} symbols{})", commandEndpoint, eventEndpoint,
                Wire.marginMode(cfg.mode), symbols.size(), cfg.curveSecretKey != null ? ", CURVE" : "");
        return this;
    }

    /** @return the bound ROUTER endpoint, for example {@code tcp://127.0.0.1:40123} */
    public String commandEndpoint() {
        return commandEndpoint;
    }

    /** @return the bound PUB endpoint */
    public String eventEndpoint() {
        return eventEndpoint;
    }

    /** @return the current session id (changes on {@link #restart()}) */
    public String session() {
        return session;
    }

    /** @return the fault injection switches */
    public Faults faults() {
        return faults;
    }

    /**
     * @param clientOrderId an id
     * @return how many times an order with that id was executed (0 or 1 unless something is wrong)
     */
    public int executions(String clientOrderId) {
        AtomicInteger n = desk.executions.get(clientOrderId);
        return n == null ? 0 : n.get();
    }

    /**
     * @param clientOrderId an id
     * @return how many {@code order}/{@code close} requests with that id reached the terminal
     */
    public int attempts(String clientOrderId) {
        AtomicInteger n = desk.attempts.get(clientOrderId);
        return n == null ? 0 : n.get();
    }

    /** @return the highest execution count of any client order id (1 when nothing was duplicated) */
    public int maxExecutionsPerClientOrderId() {
        return desk.executions.values().stream().mapToInt(AtomicInteger::get).max().orElse(0);
    }

    /** @return {@code order}/{@code close} requests refused because their id was known with other contents */
    public long conflictsSeen() {
        return desk.conflictsSeen.get();
    }

    /** @return requests received (including malformed ones) */
    public long requestsSeen() {
        return requests.requestsSeen.get();
    }

    /** @return malformed requests received */
    public long malformedSeen() {
        return requests.malformedSeen.get();
    }

    /**
     * @return open positions with catalog symbols, as the terminal holds them; a position's ticket is
     *     its identifier, as on the wire (PROTOCOL.md 5.9)
     */
    public List<Position> positions() {
        return call(() -> {
            List<Position> out = new ArrayList<>();
            for (Position p : account.positions()) {
                out.add(wireTicket(p));
            }
            return out;
        });
    }

    private Position wireTicket(Position p) {
        long id = account.positionId(p.ticket());
        return id == p.ticket() ? p : new Position(id, p.symbol(), p.side(), p.volume(), p.openPrice(),
                p.openEpochMillis(), p.stopLoss(), p.takeProfit(), p.currentPrice(), p.profit(), p.clientOrderId(),
                p.magic());
    }

    /** @return the account balance */
    public double balance() {
        return call(account::balance);
    }

    /**
     * Sets a quote and publishes it (if subscribed); stops and stop-outs trigger from it.
     *
     * @param catalogSymbol catalog symbol
     * @param bid           bid
     * @param ask           ask, &gt;= bid
     */
    public void quote(String catalogSymbol, double bid, double ask) {
        quote(catalogSymbol, bid, ask, cfg.clock.millis());
    }

    /**
     * Sets a quote with its time (the trade server's market time for the symbol: trading hours
     * are checked against it) and publishes it (if subscribed); stops and stop-outs trigger from it.
     *
     * @param catalogSymbol catalog symbol
     * @param bid           bid
     * @param ask           ask, &gt;= bid
     * @param epochMillis   UTC time of the quote
     */
    public void quote(String catalogSymbol, double bid, double ask, long epochMillis) {
        if (!(bid > 0 && ask >= bid)) {
            throw new IllegalArgumentException("need 0 < bid <= ask, was " + bid + " / " + ask);
        }
        call(() -> {
            Sym s = symbols.get(brokerOf(catalogSymbol));
            if (s == null) {
                throw new IllegalArgumentException("symbol " + catalogSymbol + " is not simulated");
            }
            setQuote(s, bid, ask, epochMillis);
            return null;
        });
    }

    /**
     * @param catalogSymbol catalog symbol
     * @return {bid, ask}
     */
    public double[] quote(String catalogSymbol) {
        return call(() -> {
            Sym s = symbols.get(brokerOf(catalogSymbol));
            return new double[] {s.bid, s.ask};
        });
    }

    /**
     * A market order made on the account outside the bridge (another program or a trader; no
     * client order id the client knows), filled at the current quote: a way to give the account
     * a long history.
     *
     * @param catalogSymbol a quoted catalog symbol
     * @param side          side
     * @param volume        lots, a valid volume of the symbol
     * @param comment       the order's comment
     * @return the deal's ticket, 0 when the account refused it
     */
    public long tradeExternally(String catalogSymbol, Side side, double volume, String comment) {
        return call(() -> {
            Sym q = symbols.get(brokerOf(catalogSymbol));
            if (q == null) {
                throw new IllegalArgumentException("symbol " + catalogSymbol + " is not simulated");
            }
            String cid = "ext-" + (++externalOrders);
            OrderRequest r = new OrderRequest(cid, catalogSymbol, side, volume, side == Side.BUY ? q.ask : q.bid, 0, 0,
                    1_000_000, 0, comment, 0);
            io.aria.core.paper.Submission s = account.submit(r, cfg.clock.millis(), 0);
            return s.report().dealTicket();
        });
    }

    /**
     * Closes a position as a trader would by hand in the terminal (deal reason {@code client}).
     *
     * @param ticket position ticket
     */
    public void closeExternally(long ticket) {
        call(() -> account.closePosition(ticket, Deal.Reason.CLIENT, cfg.clock.millis()));
    }

    /**
     * Closes a position for lack of margin (deal reason {@code so}).
     *
     * @param ticket position ticket
     */
    public void stopOut(long ticket) {
        call(() -> account.closePosition(ticket, Deal.Reason.STOP_OUT, cfg.clock.millis()));
    }

    /**
     * Simulates an EA restart: sockets close, the client order id table and subscriptions are
     * forgotten, a new session starts and the sockets bind again on the same ports. Positions
     * and deal history stay (they live on the broker's server).
     */
    public void restart() {
        call(() -> {
            closeSockets();
            desk.forget();
            subscribed.clear();
            newSession();
            bindRetrying(commandEndpoint, eventEndpoint, System.nanoTime() + TimeUnit.SECONDS.toNanos(3));
            return null;
        });
        LOG.info("simulated terminal restarted, session {}", session);
    }

    /**
     * Drops off the network: closes the sockets and binds them again after {@code downtime}, with
     * the same session and state.
     *
     * @param downtime how long
     */
    public void disconnect(Duration downtime) {
        call(() -> {
            goDown(downtime);
            return null;
        });
    }

    /** @return whether both sockets are bound */
    public boolean isUp() {
        return call(() -> router != null && pub != null);
    }

    /** Stops the terminal and releases its sockets. Idempotent. */
    @Override
    public void close() {
        loop.close();
        context.close();
        journal.close();
    }

    // ============================================================================ I/O thread

    private <T> T call(Supplier<T> task) {
        if (loop.inLoop()) {
            return task.get();
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                f.complete(task.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("simulated terminal did not answer within 10 s", e);
        }
    }

    private void newSession() {
        session = "sim-" + cfg.clock.millis() + "-" + (++sessionCounter);
        seq = 0;
    }

    private void bind(String command, String event) {
        router = context.createSocket(SocketType.ROUTER);
        pub = context.createSocket(SocketType.PUB);
        try {
            for (ZMQ.Socket s : List.of(router, pub)) {
                s.setLinger(0);
                if (cfg.curveSecretKey != null) {
                    s.setCurveServer(true);
                    s.setCurveSecretKey(ZMQ.Curve.z85Decode(cfg.curveSecretKey));
                }
            }
            pub.setSndHWM(100_000);
            router.setRouterMandatory(false);
            router.bind(command);
            pub.bind(event);
        } catch (ZMQException | IllegalArgumentException e) {
            closeSockets();
            throw e;
        }
        commandEndpoint = router.getLastEndpoint();
        eventEndpoint = pub.getLastEndpoint();
        loop.register(router, requests::read);
    }

    private void bindRetrying(String command, String event, long deadline) {
        try {
            bind(command, event);
        } catch (ZMQException e) {
            if (System.nanoTime() - deadline > 0) {
                LOG.error("simulated terminal could not bind again: {}", e.toString());
                return;
            }
            loop.schedule(TimeUnit.MILLISECONDS.toNanos(20), () -> bindRetrying(command, event, deadline));
        }
    }

    void goDown(Duration downtime) {
        closeSockets();
        String c = commandEndpoint;
        String e = eventEndpoint;
        loop.schedule(downtime.toNanos(), () -> bindRetrying(c, e, System.nanoTime() + TimeUnit.SECONDS.toNanos(3)));
    }

    private void closeSockets() {
        if (router != null) {
            loop.unregister(router);
            router.close();
            router = null;
        }
        if (pub != null) {
            pub.close();
            pub = null;
        }
    }

    private void scheduleHeartbeat() {
        loop.schedule(cfg.heartbeat.toNanos(), () -> {
            publish(event("heartbeat"));
            scheduleHeartbeat();
        });
    }

    private void scheduleTicks() {
        loop.schedule(cfg.tickInterval.toNanos(), () -> {
            long now = cfg.clock.millis();
            for (int i = 0; i < symbols.size(); i++) {
                Tick t = market.next();
                if (t == null) {
                    break;
                }
                Sym s = symbols.get(brokerOf(t.symbol()));
                if (s != null) {
                    setQuote(s, t.bid(), t.ask(), now);
                }
            }
            scheduleTicks();
        });
    }

    private void setQuote(Sym s, double bid, double ask, long utc) {
        s.bid = bid;
        s.ask = ask;
        s.quoteUtc = utc;
        int index = account.quote(new Tick(s.spec.symbol(), utc, bid, ask, 0));
        if (subscribed.contains(s.name)) {
            ObjectNode t = event("tick");
            t.put("symbol", s.name);
            t.put("bid", bid);
            t.put("ask", ask);
            t.put("last", 0.0);
            t.put("volume", 0.0);
            t.put("time_msc", utc + cfg.serverOffsetSeconds * 1000);
            t.put("utc_ms", utc);
            publish(t);
        }
        account.settle(index, cfg.clock.millis());
    }

    // ---------------------------------------------------------------------------- requests

    boolean isRouter(ZMQ.Socket s) {
        return s == router;
    }

    boolean journaling() {
        return journal.on();
    }

    ObjectNode journalLine(String event, String cid) {
        return journal.line(event, cid);
    }

    void journal(ObjectNode line) {
        journal.write(line);
    }

    String brokerOf(String catalogSymbol) {
        String named = cfg.brokerNames.get(catalogSymbol);
        return named != null ? named : catalogSymbol + cfg.brokerSuffix;
    }

    // ---------------------------------------------------------------------------- sending

    ObjectNode reply(Msg m, boolean ok) {
        ObjectNode r = Wire.object();
        r.put("type", m.type() + "_reply");
        r.put("id", m.id());
        r.put("ok", ok);
        long utc = cfg.clock.millis();
        r.put("time_msc", utc + cfg.serverOffsetSeconds * 1000);
        r.put("utc_ms", utc);
        return r;
    }

    ObjectNode errorReply(String id, String error, String message) {
        ObjectNode r = Wire.object();
        r.put("type", "error_reply");
        r.put("id", id);
        r.put("ok", false);
        r.put("error", error);
        r.put("message", message);
        long utc = cfg.clock.millis();
        r.put("time_msc", utc + cfg.serverOffsetSeconds * 1000);
        r.put("utc_ms", utc);
        return r;
    }

    void send(byte[] identity, byte[] payload) {
        if (router == null) {
            return;
        }
        router.send(identity, ZMQ.SNDMORE | ZMQ.DONTWAIT);
        router.send(payload, ZMQ.DONTWAIT);
    }

    ObjectNode event(String type) {
        ObjectNode e = Wire.object();
        e.put("type", type);
        e.put("seq", 0);
        e.put("session", session);
        long utc = cfg.clock.millis();
        e.put("time_msc", utc + cfg.serverOffsetSeconds * 1000);
        e.put("utc_ms", utc);
        return e;
    }

    void publish(ObjectNode e) {
        e.put("seq", ++seq);
        e.put("session", session);
        if (holdingEvents) {
            heldEvents.add(new Held(e, false));
            return;
        }
        emit(e);
    }

    private void emit(ObjectNode e) {
        if (pub == null) {
            return;
        }
        for (byte[] junk : faults.takeMalformedEvents()) {
            pub.send(junk, ZMQ.DONTWAIT);
        }
        if (faults.takeDropEvent()) {
            return;
        }
        pub.send(Wire.encode(e), ZMQ.DONTWAIT);
    }

    void publishAgain(ObjectNode e) {
        if (holdingEvents) {
            heldEvents.add(new Held(e, true));
            return;
        }
        if (pub != null) {
            pub.send(Wire.encode(e), ZMQ.DONTWAIT);
        }
    }

    /** A request is being handled: the events it raises wait for its reply. */
    void holdEvents() {
        holdingEvents = true;
    }

    /** Publishes, in order, the events a request raised while its reply was being made. */
    void releaseEvents() {
        holdingEvents = false;
        for (Held h : heldEvents) {
            if (h.again()) {
                publishAgain(h.event());
            } else {
                emit(h.event());
            }
        }
        heldEvents.clear();
    }

    // ---------------------------------------------------------------------------- types

    /** An event raised while a request's reply was being made; {@code again}: a duplicate-event fault. */
    private record Held(ObjectNode event, boolean again) {
    }

    static final class Sym {
        final String name;
        final AssetSpec spec;
        double bid;
        double ask;
        long quoteUtc;

        Sym(String name, AssetSpec spec) {
            this.name = name;
            this.spec = spec;
        }
    }


    /** Builds and starts a {@link SimulatedMt5Terminal}. Not thread-safe. */
    public static final class Builder {
        /** Environment variable holding the simulated terminal's CURVE secret key (PROTOCOL.md section 13). */
        public static final String ENV_SERVER_SECRET_KEY = "ARIA_MT5_CURVE_SERVER_SECRET_KEY";
        AssetCatalog catalog = AssetCatalog.defaults();
        List<String> symbols;
        String brokerSuffix = "";
        final Map<String, String> brokerNames = new java.util.HashMap<>();
        AccountMode mode = AccountMode.HEDGING;
        double stopOutLevelPercent = 50;
        double balance = 10_000;
        String currency = "USD";
        int leverage = 100;
        long login = 5_000_001;
        String commandEndpoint = "tcp://127.0.0.1:*";
        String eventEndpoint = "tcp://127.0.0.1:*";
        Duration heartbeat = Duration.ofSeconds(1);
        Duration tickInterval = Duration.ofMillis(100);
        long seed = 42;
        long serverOffsetSeconds = 7200;
        String curveSecretKey;
        boolean allowNonLoopback;
        Clock clock = Clock.systemUTC();
        FillModel fillModel = FillModel.ideal();
        final Map<String, Integer> stopsLevel = new HashMap<>();
        final Map<String, Integer> tradeModes = new HashMap<>();
        java.nio.file.Path journal;
        java.util.function.Consumer<String> orderReceived = cid -> { };
        int pageBytes = Wire.MAX_FRAME_BYTES - 16_384;

        private Builder() {
        }

        /**
         * @param v the UTF-8 bytes the entries of one {@code deals} or {@code symbols} reply may
         *     take before the reply says {@code more} and gives a {@code next} cursor (PROTOCOL.md
         *     2, 5.2, 5.11), 1 .. 1 MiB - 16 KiB (the default); small values page short lists, for
         *     tests of clients that follow cursors
         * @return this
         */
        public Builder replyPageBytes(int v) {
            if (v < 1 || v > Wire.MAX_FRAME_BYTES - 16_384) {
                throw new IllegalArgumentException("replyPageBytes must be 1.." + (Wire.MAX_FRAME_BYTES - 16_384) + ", was " + v);
            }
            pageBytes = v;
            return this;
        }

        /**
         * @param v a file the terminal appends one JSON line to for every {@code order}/{@code close}
         *     it receives ({@code "event":"received"}, with the client order id, its receive time
         *     {@code wall_ms}/{@code utc_ms}, symbol, side, volume) and for every one it executes
         *     ({@code "event":"executed"}, with deal, position, price); each line is written at once.
         *     The closes a {@code close_all} makes are not journaled.
         *     For tests that check clients against what the terminal really saw. Default none.
         * @return this
         */
        public Builder journal(java.nio.file.Path v) { journal = Objects.requireNonNull(v, "journal"); return this; }

        /**
         * @param v called on the terminal's I/O thread with the client order id of every {@code order}
         *     and {@code close} it receives, before handling it (tests: check a client's write-ahead
         *     log at the moment its order arrives, or kill the client between its send and the reply)
         * @return this
         */
        public Builder onOrderReceived(java.util.function.Consumer<String> v) {
            orderReceived = Objects.requireNonNull(v, "onOrderReceived");
            return this;
        }

        /** @param v catalog whose specs the simulated broker uses @return this */
        public Builder catalog(AssetCatalog v) { catalog = Objects.requireNonNull(v, "catalog"); return this; }
        /** @param v catalog symbols to offer (default all) @return this */
        public Builder symbols(List<String> v) { symbols = List.copyOf(v); return this; }
        /** @param v appended to catalog names to make broker names, for example {@code .m} @return this */
        public Builder brokerSuffix(String v) { brokerSuffix = Objects.requireNonNull(v, "brokerSuffix"); return this; }

        /**
         * Names one catalog symbol as a broker does that calls it something else (US30 as DJ30,
         * XAUUSD as GOLD#); the suffix does not apply to it.
         *
         * @param catalogSymbol the catalog's name
         * @param brokerName    the name this terminal offers it under
         * @return this
         */
        public Builder brokerName(String catalogSymbol, String brokerName) {
            brokerNames.put(Objects.requireNonNull(catalogSymbol, "catalogSymbol"), Objects.requireNonNull(brokerName, "brokerName"));
            return this;
        }
        /** @param v netting or hedging (default hedging) @return this */
        public Builder accountMode(AccountMode v) { mode = Objects.requireNonNull(v, "accountMode"); return this; }
        /**
         * @param v margin level in percent at or below which the trade server stops positions out
         *     (MT5's {@code ACCOUNT_MARGIN_SO_SO}); default 50
         * @return this
         */
        public Builder stopOutLevelPercent(double v) { stopOutLevelPercent = v; return this; }
        /** @param v starting balance @return this */
        public Builder balance(double v) { balance = v; return this; }
        /** @param v account currency @return this */
        public Builder currency(String v) { currency = v; return this; }
        /** @param v leverage @return this */
        public Builder leverage(int v) { leverage = v; return this; }
        /**
         * @param command ROUTER endpoint @param event PUB endpoint (default loopback, ephemeral ports);
         *     another interface also needs {@link #allowNonLoopback(boolean)}
         * @return this
         */
        public Builder endpoints(String command, String event) { commandEndpoint = command; eventEndpoint = event; return this; }
        /**
         * @param v whether {@link #endpoints} may bind an interface other than loopback (default false:
         *     {@link #start()} refuses, so the terminal is never reachable from the network by accident;
         *     combine with {@link #curveSecretKey(String)})
         * @return this
         */
        public Builder allowNonLoopback(boolean v) { allowNonLoopback = v; return this; }
        /**
         * Takes the terminal's CURVE secret key from {@value #ENV_SERVER_SECRET_KEY} when set.
         *
         * @param env environment variables
         * @return this
         */
        public Builder fromEnvironment(Map<String, String> env) {
            String k = env.get(ENV_SERVER_SECRET_KEY);
            if (k != null) {
                curveSecretKey = k;
            }
            return this;
        }
        /** @param v PUB heartbeat interval @return this */
        public Builder heartbeat(Duration v) { heartbeat = v; return this; }
        /** @param v interval of synthetic ticks, {@link Duration#ZERO} for none (then use {@link SimulatedMt5Terminal#quote}) @return this */
        public Builder tickInterval(Duration v) { tickInterval = v; return this; }
        /** @param v random seed @return this */
        public Builder seed(long v) { seed = v; return this; }
        /** @param v trade server time minus UTC @return this */
        public Builder serverOffsetSeconds(long v) { serverOffsetSeconds = v; return this; }
        /** @param v the terminal's CURVE secret key (Z85), null for plain TCP @return this */
        public Builder curveSecretKey(String v) { curveSecretKey = v; return this; }
        /** @param v wall clock @return this */
        public Builder clock(Clock v) { clock = Objects.requireNonNull(v, "clock"); return this; }
        /** @param v the broker's fill model (rejections, fill prices, slippage, partial fills); default ideal @return this */
        public Builder fillModel(FillModel v) { fillModel = Objects.requireNonNull(v, "fillModel"); return this; }
        /** @param symbol catalog symbol @param points broker stops level @return this */
        public Builder stopsLevel(String symbol, int points) { stopsLevel.put(symbol, points); return this; }
        /** @param symbol catalog symbol @param mode {@code SYMBOL_TRADE_MODE} 0..4 @return this */
        public Builder tradeMode(String symbol, int mode) { tradeModes.put(symbol, mode); return this; }

        /**
         * Binds the sockets and starts the terminal.
         *
         * @return the running terminal
         * @throws IllegalArgumentException for an invalid option
         * @throws org.zeromq.ZMQException when an endpoint cannot be bound
         */
        public SimulatedMt5Terminal start() {
            if (symbols == null) {
                symbols = catalog.symbols();
            }
            for (String s : symbols) {
                catalog.spec(s);
            }
            if (!(balance > 0)) {
                throw new IllegalArgumentException("balance must be > 0, was " + balance);
            }
            if (leverage < 1) {
                throw new IllegalArgumentException("leverage must be >= 1, was " + leverage);
            }
            if (heartbeat.isNegative() || heartbeat.isZero()) {
                throw new IllegalArgumentException("heartbeat must be > 0, was " + heartbeat);
            }
            if (tickInterval.isNegative()) {
                throw new IllegalArgumentException("tickInterval must be >= 0, was " + tickInterval);
            }
            for (String[] e : new String[][] {{"commandEndpoint", commandEndpoint}, {"eventEndpoint", eventEndpoint}}) {
                if (!allowNonLoopback && !io.aria.mt5.internal.Endpoints.isLoopback(e[1])) {
                    throw new IllegalArgumentException(e[0] + " " + e[1] + " is not a loopback endpoint; binding another"
                            + " interface needs allowNonLoopback(true) (and should use CURVE)");
                }
            }
            if (curveSecretKey != null) {
                io.aria.mt5.internal.Z85Keys.check(curveSecretKey, "curveSecretKey"); // names the problem, never the key
            }
            SimulatedMt5Terminal t = new SimulatedMt5Terminal(this);
            try {
                return t.startUp();
            } catch (RuntimeException e) {
                t.close();
                throw e;
            }
        }
    }
}
