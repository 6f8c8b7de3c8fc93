package io.aria.mt5;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aria.core.AssetCatalog;
import io.aria.core.AssetSpec;
import io.aria.core.ensemble.Bar;
import io.aria.mt5.internal.Bars;
import io.aria.mt5.internal.IoLoop;
import io.aria.mt5.internal.MalformedMessageException;
import io.aria.mt5.internal.Msg;
import io.aria.mt5.internal.Wire;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * One link to one MT5 terminal (the {@code AriaBridge} Expert Advisor or a
 * {@link io.aria.mt5.sim.SimulatedMt5Terminal}) that follows aria-mt5's PROTOCOL.md: a DEALER for
 * commands, a SUB for ticks and trade events, both owned by a single I/O thread. It performs the
 * handshake, heartbeats, detects a dead link and reconnects with back-off, and serves one
 * {@link Mt5Gateway} and one {@link Mt5TickSource}.
 *
 * <p>Thread-safety: every public method may be called from any thread. Listeners and order
 * futures are called on the connection's callback thread, never on its I/O thread.
 */
public final class Mt5Connection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Mt5Connection.class);
    private static final long HELLO_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final String CLIENT_NAME = "aria-java/0.1.0";

    private final Mt5Config config;
    private final ZContext context;
    private final IoLoop loop;
    private final ExecutorService callbacks;
    private final List<ConnectionStateListener> stateListeners = new CopyOnWriteArrayList<>();
    private final List<LinkListener> linkListeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Mt5Session> firstConnect = new CompletableFuture<>();
    private final Mt5Gateway gateway;
    private final Mt5TickSource tickSource;
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong lateReplies = new AtomicLong();
    private final AtomicLong sequenceGaps = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private volatile ConnectionState state = ConnectionState.NEW;
    private volatile Mt5Session session;
    private volatile AssetCatalog catalog;
    private volatile boolean connectRequested;
    /** Whether a terminal has ever answered the hello (tells "nothing there" from "no events"). */
    private volatile boolean helloAnswered;

    // I/O thread only
    private ZMQ.Socket dealer;
    private ZMQ.Socket sub;
    private final Map<String, Pending> pending = new HashMap<>();
    private long nextId = 1;
    private long lastDealerNanos;
    private long lastPubNanos;
    private long backoffNanos;
    private String pubSession = "";
    private long lastSeq;
    private IoLoop.Timer heartbeat;
    private IoLoop.Timer reconnectTimer;
    private boolean subscribed;
    private boolean verifying;
    private boolean pubSeen;
    private volatile Map<String, String> brokerToCatalog = Map.of();
    /** When the terminal was last heard on either socket (System.nanoTime), 0 before it ever was. */
    private volatile long lastHeardNanos;
    /** The terminal's UTC clock minus this host's, learnt from hello and ping replies (PROTOCOL.md 5.5, {@code expires_utc_ms}). */
    private volatile long terminalClockOffsetMs;

    private Mt5Connection(Mt5Config config) {
        this.config = config;
        this.catalog = config.catalog();
        this.context = new ZContext(1);
        this.context.setLinger(0);
        this.loop = new IoLoop("aria-mt5-io", context);
        this.callbacks = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "aria-mt5-callbacks");
            t.setDaemon(true);
            return t;
        });
        this.backoffNanos = config.reconnectMin().toNanos();
        this.gateway = new Mt5Gateway(this);
        this.tickSource = new Mt5TickSource(this);
        loop.onStop(this::closeSockets);
        loop.start();
    }

    /**
     * Creates a connection; nothing is sent until {@link #connect()}.
     *
     * @param config where and how
     * @return the connection
     */
    public static Mt5Connection open(Mt5Config config) {
        java.util.Objects.requireNonNull(config, "config");
        if (config.curve().isEmpty()) {
            for (String e : List.of(config.commandEndpoint(), config.eventEndpoint())) {
                if (!io.aria.mt5.internal.Endpoints.isLoopback(e)) {
                    LOG.warn("{} is not a loopback endpoint and CURVE is off: orders and account data cross the network"
                            + " unencrypted (set the ARIA_MT5_CURVE_* variables, PROTOCOL.md section 13)", e);
                }
            }
        }
        return new Mt5Connection(config);
    }

    /**
     * Starts connecting (idempotent). The connection keeps reconnecting after losses until
     * {@link #close()}.
     *
     * @return completes with the first handshake's session, or exceptionally when the terminal
     *     speaks another protocol version or the connection is closed first
     */
    public CompletableFuture<Mt5Session> connect() {
        if (!connectRequested) {
            synchronized (this) {
                if (!connectRequested) {
                    connectRequested = true;
                    loop.execute(this::openSockets);
                }
            }
        }
        return firstConnect.copy();
    }

    /**
     * Connects and waits for the first handshake.
     *
     * @param timeout longest wait, more than zero
     * @return the first handshake's session
     * @throws Mt5ConnectException  when no terminal answered the hello within {@code timeout}, the
     *     terminal answered but no event arrived on the event endpoint, or it refused the protocol;
     *     the message is one line naming the endpoint (the connection keeps trying until closed)
     * @throws InterruptedException when interrupted while waiting
     */
    public Mt5Session connect(java.time.Duration timeout) throws InterruptedException {
        java.util.Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be > 0, was " + timeout);
        }
        try {
            return connect().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            String within = seconds(timeout);
            if (!helloAnswered) {
                throw new Mt5ConnectException("no terminal answered hello at " + config.commandEndpoint() + " within "
                        + within + ": is the EA attached and DLL imports allowed?", e);
            }
            throw new Mt5ConnectException("the terminal at " + config.commandEndpoint() + " answered hello but no event "
                    + "arrived from " + config.eventEndpoint() + " within " + within
                    + ": is the event endpoint right (the EA's PUB port)?", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new Mt5ConnectException("the terminal at " + config.commandEndpoint() + " refused the connection: "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    private static String seconds(java.time.Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /** @return the configuration */
    public Mt5Config config() {
        return config;
    }

    /** @return the current state */
    public ConnectionState state() {
        return state;
    }

    /** @return the latest handshake, empty before the first */
    public Optional<Mt5Session> session() {
        return Optional.ofNullable(session);
    }

    /** @return the catalog with the broker's specs in place of the defaults (after the first handshake) */
    public AssetCatalog catalog() {
        return catalog;
    }

    /** @param listener hears every state change, on the callback thread */
    public void addStateListener(ConnectionStateListener listener) {
        stateListeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    /** @return the order gateway over this connection (one per connection) */
    public Mt5Gateway gateway() {
        return gateway;
    }

    /** @return the tick source over this connection (one per connection) */
    public Mt5TickSource tickSource() {
        return tickSource;
    }

    /** @return malformed messages received and skipped so far */
    public long malformedCount() {
        return malformed.get();
    }

    /** @return replies that arrived after their request had timed out */
    public long lateReplyCount() {
        return lateReplies.get();
    }

    /** @return gaps seen in the event stream's sequence numbers */
    public long sequenceGapCount() {
        return sequenceGaps.get();
    }

    /** @return exceptions that escaped a handler on the I/O thread (0 unless there is a bug) */
    long ioFailures() {
        return loop.failures();
    }

    /**
     * @return milliseconds since the terminal was last heard (a reply, a heartbeat or an event),
     *     or -1 before it ever was
     */
    public long heartbeatAgeMillis() {
        long t = lastHeardNanos;
        return t == 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t);
    }

    /** @return how many times the link was lost and re-established */
    public long reconnectCount() {
        return reconnects.get();
    }

    /** Closes the sockets, the threads and the gateway; pending orders become UNKNOWN. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        loop.execute(() -> {
            failAll(Failure.CLOSED);
            setState(ConnectionState.CLOSED, "closed by the application");
        });
        loop.close();
        tickSource.stopDelivery();
        callbacks.shutdown();
        try {
            callbacks.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        context.close();
        firstConnect.completeExceptionally(new IllegalStateException("connection closed"));
        gateway.onConnectionEnded("the connection was closed");
        state = ConnectionState.CLOSED;
    }

    // ---------------------------------------------------------------- package API for gateway and tick source

    IoLoop loop() {
        return loop;
    }

    /** Runs dependents of order futures: the callback thread, or the caller once it is shut down. */
    java.util.concurrent.Executor callbackExecutor() {
        return r -> {
            try {
                callbacks.execute(r);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                r.run();
            }
        };
    }

    void callback(Runnable r) {
        try {
            callbacks.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.warn("a listener threw; ignored", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("callback after close dropped");
        }
    }

    void addLinkListener(LinkListener l) {
        linkListeners.add(l);
    }

    /** @return the catalog symbol of a broker name, or null when it maps to no traded symbol */
    String catalogSymbol(String brokerName) {
        return brokerToCatalog.get(brokerName);
    }

    /** @return the catalog symbol of a broker name, else the broker's name itself */
    String symbolOf(String brokerName) {
        String c = brokerToCatalog.get(brokerName);
        return c != null ? c : config.catalog().resolve(brokerName).orElse(brokerName);
    }

    /** @return the broker's name of a catalog symbol, else the catalog name itself */
    String brokerName(String catalogSymbol) {
        Mt5Session s = session;
        BrokerSymbol b = s == null ? null : s.symbols().get(catalogSymbol);
        return b == null ? catalogSymbol : b.brokerName();
    }

    /** Parses a reply on the I/O thread. */
    interface Parser<T> {
        T parse(Msg reply) throws MalformedMessageException;
    }

    /**
     * Sends a query from any thread; the parser runs on the I/O thread, the future completes on
     * the callback thread.
     */
    <T> CompletableFuture<T> query(ObjectNode body, Parser<T> parser) {
        CompletableFuture<T> f = new CompletableFuture<>();
        String type = body.path("type").asText();
        loop.execute(() -> {
            if (state != ConnectionState.CONNECTED) {
                callback(() -> f.completeExceptionally(new IllegalStateException(type + " not sent: the connection is "
                        + state)));
                return;
            }
            queryNow(body, type, parser, f);
        });
        return f;
    }

    private <T> void queryNow(ObjectNode body, String type, Parser<T> parser, CompletableFuture<T> f) {
        request(body, config.requestTimeout().toNanos(), new ReplyHandler() {
            @Override
            public void onReply(Msg m) {
                try {
                    if (!m.bool("ok", false)) {
                        String why = type + " refused: " + m.str("error", "") + " " + m.str("message", "");
                        callback(() -> f.completeExceptionally(new IllegalStateException(why)));
                        return;
                    }
                    T v = parser.parse(m);
                    callback(() -> f.complete(v));
                } catch (MalformedMessageException | RuntimeException e) {
                    badMessage(type + " reply", e.getMessage());
                    callback(() -> f.completeExceptionally(new IllegalStateException("malformed " + type + " reply: "
                            + e.getMessage())));
                }
            }

            @Override
            public void onFailure(Failure failure) {
                callback(() -> f.completeExceptionally(new IllegalStateException(type + " got no reply: " + failure)));
            }
        });
    }

    /**
     * Fetches history bars (PROTOCOL.md 5.12) as aria-core's {@link Bar}, ready for
     * {@code EnsembleModel.warmUp}: the symbol is the catalog name, the end is the start plus the
     * timeframe, volume and ticks are MT5's tick volume (the wire's {@code spread} and
     * {@code real_volume} are not kept).
     *
     * @param symbol    catalog symbol
     * @param timeframe {@code M1}, {@code M5}, {@code M15}, {@code M30}, {@code H1}, {@code H4}, {@code D1}, {@code W1} or {@code MN1}
     * @param count     bars, 1..5000
     * @return the bars, oldest first; fails with a message naming the field and the value for a bad
     *     argument or a bar that cannot be (high below low, a price &lt;= 0, ...)
     */
    public CompletableFuture<List<Bar>> bars(String symbol, String timeframe, int count) {
        if (count < 1 || count > 5000) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("count must be in [1, 5000], was " + count));
        }
        try {
            Bars.checkTimeframe(timeframe);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        ObjectNode q = Wire.request("bars", "");
        q.put("symbol", brokerName(symbol));
        q.put("timeframe", timeframe);
        q.put("count", count);
        return query(q, r -> {
            List<Bar> out = new ArrayList<>();
            for (Msg b : r.objects("bars")) {
                out.add(Bars.decode(b, symbol, timeframe));
            }
            return out;
        });
    }

    long utcNow() {
        return config.clock().millis();
    }

    /**
     * @return now on the terminal's UTC clock (this host's clock plus the offset learnt from the
     *     last hello or ping reply): the clock {@code expires_utc_ms} is written on (PROTOCOL.md 5.5)
     */
    long terminalUtcNow() {
        return utcNow() + terminalClockOffsetMs;
    }

    /** The reply's {@code utc_ms} against the midpoint of the round trip: the terminal's clock minus this host's. */
    private void learnClockOffset(long sentUtc, Msg reply) throws MalformedMessageException {
        long terminalUtc = reply.lng("utc_ms", 0);
        if (terminalUtc <= 0) {
            return;
        }
        long offset = terminalUtc - (sentUtc + utcNow()) / 2;
        long previous = terminalClockOffsetMs;
        terminalClockOffsetMs = offset;
        if (Math.abs(offset - previous) > 1000) {
            LOG.info("the terminal's clock is {} ms {} this host's; order deadlines are sent on the terminal's clock",
                    Math.abs(offset), offset >= 0 ? "ahead of" : "behind");
        }
    }

    /**
     * Sends a request; the handler is called on the I/O thread exactly once. I/O thread only.
     *
     * @return the request id
     */
    String request(ObjectNode body, long timeoutNanos, ReplyHandler handler) {
        String id = Long.toString(nextId++);
        body.put("id", id);
        if (dealer == null) {
            handler.onFailure(Failure.DISCONNECTED);
            return id;
        }
        Pending p = new Pending(id, handler);
        pending.put(id, p);
        p.timer = loop.schedule(timeoutNanos, () -> {
            if (pending.remove(id) != null) {
                handler.onFailure(Failure.TIMEOUT);
            }
        });
        if (!dealer.send(Wire.encode(body), ZMQ.DONTWAIT)) {
            pending.remove(id);
            p.timer.cancel();
            handler.onFailure(Failure.DISCONNECTED);
        }
        return id;
    }

    boolean isLinkUp() {
        return state == ConnectionState.CONNECTED;
    }

    // ---------------------------------------------------------------- I/O thread

    private void openSockets() {
        if (state == ConnectionState.CLOSED) {
            return;
        }
        reconnectTimer = null;
        dealer = context.createSocket(SocketType.DEALER);
        sub = context.createSocket(SocketType.SUB);
        for (ZMQ.Socket s : List.of(dealer, sub)) {
            s.setLinger(0);
            s.setReconnectIVL(100);
            s.setRcvHWM(100_000);
            config.curve().ifPresent(k -> {
                s.setCurveServerKey(ZMQ.Curve.z85Decode(k.serverPublicKey()));
                s.setCurvePublicKey(ZMQ.Curve.z85Decode(k.publicKey()));
                s.setCurveSecretKey(ZMQ.Curve.z85Decode(k.secretKey()));
            });
        }
        sub.subscribe(new byte[0]);
        dealer.connect(config.commandEndpoint());
        sub.connect(config.eventEndpoint());
        loop.register(dealer, this::readDealer);
        loop.register(sub, this::readSub);
        lastSeq = 0;
        pubSession = "";
        setState(ConnectionState.CONNECTING, "connecting to " + config.commandEndpoint());
        sendHello();
    }

    private void sendHello() {
        ObjectNode hello = Wire.request("hello", "");
        hello.put("protocol", Wire.PROTOCOL_VERSION);
        hello.put("client", CLIENT_NAME);
        hello.put("heartbeat_ms", config.heartbeatInterval().toMillis());
        long sentUtc = utcNow();
        request(hello, HELLO_TIMEOUT_NANOS, new ReplyHandler() {
            @Override
            public void onReply(Msg reply) {
                onHelloReply(reply, sentUtc);
            }

            @Override
            public void onFailure(Failure failure) {
                linkLost("no reply to hello (" + failure + ")");
            }
        });
    }

    private void onHelloReply(Msg r, long sentUtc) {
        helloAnswered = true;
        try {
            if (!r.bool("ok", false)) {
                String error = r.str("error", "");
                if ("version".equals(error)) {
                    LOG.error("terminal refuses protocol {}: {}", Wire.PROTOCOL_VERSION, r.str("message", ""));
                    closeSockets();
                    setState(ConnectionState.CLOSED, "protocol version refused");
                    firstConnect.completeExceptionally(new IllegalStateException(
                            "terminal does not speak protocol " + Wire.PROTOCOL_VERSION + ": " + r.str("message", "")));
                    gateway.onConnectionEnded("the terminal does not speak protocol " + Wire.PROTOCOL_VERSION);
                    return;
                }
                linkLost("hello refused: " + error + " " + r.str("message", ""));
                return;
            }
            long protocol = r.lng("protocol");
            if (protocol != Wire.PROTOCOL_VERSION) {
                LOG.error("terminal speaks protocol {}, this client {}", protocol, Wire.PROTOCOL_VERSION);
                closeSockets();
                setState(ConnectionState.CLOSED, "protocol " + protocol + " not supported");
                firstConnect.completeExceptionally(new IllegalStateException("terminal speaks protocol " + protocol));
                gateway.onConnectionEnded("the terminal speaks protocol " + protocol + ", not " + Wire.PROTOCOL_VERSION);
                return;
            }
            Mt5Session hello = new Mt5Session((int) protocol, r.str("terminal", ""), r.str("session"),
                    r.lng("login", 0), r.str("server", ""), r.str("currency"), (int) Math.max(1, r.lng("leverage", 1)),
                    Wire.accountMode(r.str("margin_mode")), r.bool("trade_allowed", true),
                    r.bool("expert_allowed", true), r.bool("terminal_connected", true),
                    r.bool("terminal_trade_allowed", true), r.lng("server_offset_s", 0), Map.of());
            learnClockOffset(sentUtc, r);
            gateway.onHelloAccount(r);
            requestSymbols(hello, List.of(), new LinkedHashMap<>(), true);
        } catch (MalformedMessageException | IllegalArgumentException e) {
            malformed.incrementAndGet();
            LOG.warn("malformed hello reply: {}", e.getMessage());
            linkLost("malformed hello reply");
        }
    }

    private void requestSymbols(Mt5Session hello, List<String> names, Map<String, BrokerSymbol> found, boolean first) {
        ObjectNode q = Wire.request("symbols", "");
        ArrayNode arr = q.putArray("symbols");
        names.forEach(arr::add);
        request(q, config.requestTimeout().toNanos(), new ReplyHandler() {
            @Override
            public void onReply(Msg reply) {
                onSymbolsReply(hello, reply, found, first);
            }

            @Override
            public void onFailure(Failure failure) {
                linkLost("no reply to symbols (" + failure + ")");
            }
        });
    }

    private void onSymbolsReply(Mt5Session hello, Msg r, Map<String, BrokerSymbol> found, boolean first) {
        try {
            if (!r.bool("ok", false)) {
                linkLost("symbols refused: " + r.str("error", "") + " " + r.str("message", ""));
                return;
            }
            for (Msg s : r.objects("symbols")) {
                String name = s.str("name");
                Optional<String> cat = config.catalog().resolve(name);
                if (cat.isEmpty() || !config.symbols().contains(cat.get())) {
                    continue;
                }
                BrokerSymbol prior = found.get(cat.get());
                if (prior != null && !prior.brokerName().equals(cat.get())) {
                    // two broker names for one catalog symbol: the exact name wins, else the first
                    if (!name.equals(cat.get())) {
                        continue;
                    }
                }
                try {
                    found.put(cat.get(), parseSymbol(name, cat.get(), s));
                } catch (IllegalArgumentException e) {
                    malformed.incrementAndGet();
                    LOG.warn("broker spec of {} skipped: {}", name, e.getMessage());
                }
            }
        } catch (MalformedMessageException e) {
            malformed.incrementAndGet();
            LOG.warn("malformed symbols reply: {}", e.getMessage());
        }
        List<String> missing = new ArrayList<>();
        for (String s : config.symbols()) {
            if (!found.containsKey(s)) {
                missing.add(s);
            }
        }
        if (first && !missing.isEmpty()) {
            List<String> ask = new ArrayList<>(missing);
            config.catalog().aliases().forEach((broker, cat) -> {
                if (missing.contains(cat)) {
                    ask.add(broker);
                }
            });
            requestSymbols(hello, ask, found, false);
            return;
        }
        if (!missing.isEmpty()) {
            LOG.warn("the broker offers no symbol for {}; they will not trade", missing);
        }
        Map<String, String> b2c = new HashMap<>();
        AssetCatalog cat = config.catalog();
        for (BrokerSymbol b : found.values()) {
            b2c.put(b.brokerName(), b.catalogSymbol());
            AssetSpec base = cat.spec(b.catalogSymbol());
            try {
                cat = cat.withSpec(b.applyTo(base));
            } catch (IllegalArgumentException e) {
                LOG.warn("broker spec of {} does not fit the catalog; keeping the default: {}", b.brokerName(), e.getMessage());
            }
        }
        brokerToCatalog = Map.copyOf(b2c);
        catalog = cat;
        Mt5Session previous = session;
        Mt5Session s = new Mt5Session(hello.protocol(), hello.terminal(), hello.session(), hello.login(), hello.server(),
                hello.currency(), hello.leverage(), hello.accountMode(), hello.tradeAllowed(), hello.expertAllowed(),
                hello.terminalConnected(), hello.terminalTradeAllowed(), hello.serverOffsetSeconds(), found);
        session = s;
        boolean newSession = previous == null || !previous.session().equals(s.session());
        lastDealerNanos = System.nanoTime();
        lastHeardNanos = lastDealerNanos;
        lastPubNanos = lastDealerNanos;
        backoffNanos = config.reconnectMin().toNanos();
        LOG.info("connected to {} (account {} on {}, {} {}, {} symbols{})", s.terminal(), s.login(), s.server(),
                s.currency(), s.accountMode(), found.size(), config.curve().isPresent() ? ", CURVE" : "");
        setState(ConnectionState.CONNECTED, newSession ? "handshake done, session " + s.session() : "handshake done");
        startHeartbeat();
        for (LinkListener l : linkListeners) {
            l.onConnected(s, newSession);
        }
        subscribe(s);
    }

    /** The first connect completes once subscribed and the event stream has delivered something: ticks then flow. */
    private void maybeCompleteFirstConnect() {
        Mt5Session s = session;
        if (subscribed && pubSeen && s != null && !firstConnect.isDone()) {
            callback(() -> firstConnect.complete(s));
        }
    }

    /** Subscribes to every traded symbol: the tick source streams them and the gateway marks positions with them. */
    private void subscribe(Mt5Session session) {
        ObjectNode q = Wire.request("subscribe", "");
        ArrayNode arr = q.putArray("symbols");
        for (String sym : config.symbols()) {
            session.symbol(sym).ifPresent(b -> arr.add(b.brokerName()));
        }
        request(q, config.requestTimeout().toNanos(), new ReplyHandler() {
            @Override
            public void onReply(Msg reply) {
                subscribed = true;
                maybeCompleteFirstConnect();
                try {
                    List<String> unknown = reply.strings("unknown");
                    if (!unknown.isEmpty()) {
                        LOG.warn("the terminal does not know {}; no ticks for them", unknown);
                    }
                } catch (MalformedMessageException e) {
                    badMessage("subscribe reply", e.getMessage());
                }
            }

            @Override
            public void onFailure(Failure failure) {
                LOG.warn("subscribe got no reply ({}); it is sent again after the next handshake", failure);
            }
        });
    }

    private static BrokerSymbol parseSymbol(String name, String catalogSymbol, Msg s) throws MalformedMessageException {
        List<BrokerSymbol.TradeSession> sessions = new ArrayList<>();
        for (Msg t : s.objects("sessions")) {
            sessions.add(new BrokerSymbol.TradeSession((int) t.lng("day"), (int) t.lng("from_s"), (int) t.lng("to_s")));
        }
        double point = s.num("point");
        return new BrokerSymbol(name, catalogSymbol, (int) s.lng("digits"), point, s.num("tick_size", point),
                s.num("tick_value", 0), s.num("contract_size"), s.num("volume_min"), s.num("volume_max"),
                s.num("volume_step"), (int) s.lng("stops_level", 0), (int) s.lng("freeze_level", 0),
                (int) s.lng("filling_modes", 0), (int) s.lng("trade_mode", BrokerSymbol.TRADE_MODE_FULL), sessions);
    }

    private void startHeartbeat() {
        if (heartbeat != null) {
            heartbeat.cancel();
        }
        long interval = config.heartbeatInterval().toNanos();
        heartbeat = loop.schedule(interval, this::beat);
    }

    private void beat() {
        heartbeat = null;
        if (state != ConnectionState.CONNECTED) {
            return;
        }
        long interval = config.heartbeatInterval().toNanos();
        long now = System.nanoTime();
        if (now - lastDealerNanos > 3 * interval) {
            linkLost("no reply from the terminal for " + TimeUnit.NANOSECONDS.toMillis(now - lastDealerNanos) + " ms");
            return;
        }
        if (now - lastPubNanos > 3 * interval) {
            linkLost("no event from the terminal for " + TimeUnit.NANOSECONDS.toMillis(now - lastPubNanos) + " ms");
            return;
        }
        sendPing();
        for (LinkListener l : linkListeners) {
            l.onHeartbeat();
        }
        heartbeat = loop.schedule(interval, this::beat);
    }

    private void verifySession() {
        if (state == ConnectionState.CONNECTED && !verifying) {
            verifying = true;
            sendPing();
        }
    }

    private void sendPing() {
        long interval = config.heartbeatInterval().toNanos();
        ObjectNode ping = Wire.request("ping", "");
        long sentUtc = utcNow();
        ping.put("utc_ms", sentUtc);
        request(ping, 3 * interval, new ReplyHandler() {
            @Override
            public void onReply(Msg reply) {
                verifying = false;
                try {
                    learnClockOffset(sentUtc, reply);
                    String s = reply.str("session", "");
                    Mt5Session current = session;
                    if (!s.isEmpty() && current != null && !s.equals(current.session())) {
                        rehandshake("terminal restarted (session " + s + ")");
                    }
                } catch (MalformedMessageException e) {
                    malformed.incrementAndGet();
                    LOG.warn("malformed ping reply: {}", e.getMessage());
                }
            }

            @Override
            public void onFailure(Failure failure) {
                verifying = false; // liveness is judged by beat() from the time of the last message
            }
        });
    }

    private void rehandshake(String reason) {
        if (state != ConnectionState.CONNECTED) {
            return;
        }
        LOG.info("re-handshaking: {}", reason);
        setState(ConnectionState.CONNECTING, reason);
        for (LinkListener l : linkListeners) {
            l.onDisconnected(reason);
        }
        lastSeq = 0;
        pubSession = "";
        sendHello();
    }

    private void linkLost(String reason) {
        if (state == ConnectionState.CLOSED || closed.get()) { // closing fails what is pending: not a lost link
            return;
        }
        boolean wasConnected = state == ConnectionState.CONNECTED;
        if (session != null) {
            LOG.warn("link to the terminal lost: {}; reconnecting in {} ms", reason, TimeUnit.NANOSECONDS.toMillis(backoffNanos));
        } else {
            // never connected yet: not a lost link; connect(timeout) says so in one line when it gives up
            LOG.debug("no handshake with {} yet: {}; trying again in {} ms", config.commandEndpoint(), reason,
                    TimeUnit.NANOSECONDS.toMillis(backoffNanos));
        }
        closeSockets();
        failAll(Failure.DISCONNECTED);
        if (heartbeat != null) {
            heartbeat.cancel();
            heartbeat = null;
        }
        if (wasConnected) {
            reconnects.incrementAndGet();
        }
        setState(ConnectionState.RECONNECTING, reason);
        for (LinkListener l : linkListeners) {
            l.onDisconnected(reason);
        }
        long jitter = ThreadLocalRandom.current().nextLong(Math.max(1, backoffNanos / 5));
        reconnectTimer = loop.schedule(backoffNanos + jitter, this::openSockets);
        backoffNanos = Math.min(backoffNanos * 2, config.reconnectMax().toNanos());
    }

    private void failAll(Failure f) {
        List<Pending> all = new ArrayList<>(pending.values());
        pending.clear();
        for (Pending p : all) {
            if (p.timer != null) {
                p.timer.cancel();
            }
            try {
                p.handler.onFailure(f);
            } catch (RuntimeException e) {
                LOG.error("failure handler threw", e);
            }
        }
    }

    private void closeSockets() {
        if (dealer != null) {
            loop.unregister(dealer);
            dealer.close();
            dealer = null;
        }
        if (sub != null) {
            loop.unregister(sub);
            sub.close();
            sub = null;
        }
    }

    private void readDealer(ZMQ.Socket s) {
        for (int i = 0; i < 1000 && s == dealer; i++) {
            byte[] frame = s.recv(ZMQ.DONTWAIT);
            if (frame == null) {
                return;
            }
            lastDealerNanos = System.nanoTime();
            lastHeardNanos = lastDealerNanos;
            if (s.hasReceiveMore()) {
                while (s.hasReceiveMore()) {
                    s.recv(ZMQ.DONTWAIT);
                }
                badMessage("reply", "a multi-frame message where one frame is expected");
                continue;
            }
            Msg m;
            try {
                m = Wire.decode(frame);
            } catch (MalformedMessageException e) {
                badMessage("reply", e.getMessage());
                continue;
            }
            Pending p = pending.remove(m.id());
            if (p == null) {
                if ("error_reply".equals(m.type())) {
                    badMessage("request", "the terminal could not parse a request: " + m);
                } else {
                    lateReplies.incrementAndGet();
                    LOG.debug("reply to an unknown or timed-out request dropped: {}", m);
                }
                continue;
            }
            p.timer.cancel();
            p.handler.onReply(m);
        }
    }

    private void readSub(ZMQ.Socket s) {
        for (int i = 0; i < 1000 && s == sub; i++) {
            byte[] frame = s.recv(ZMQ.DONTWAIT);
            if (frame == null) {
                return;
            }
            lastPubNanos = System.nanoTime();
            lastHeardNanos = lastPubNanos;
            if (!pubSeen) {
                pubSeen = true;
                maybeCompleteFirstConnect();
            }
            if (s.hasReceiveMore()) {
                while (s.hasReceiveMore()) {
                    s.recv(ZMQ.DONTWAIT);
                }
                badMessage("event", "a multi-frame message where one frame is expected");
                continue;
            }
            try {
                Msg m = Wire.decode(frame);
                long seq = m.lng("seq");
                String sess = m.str("session");
                if (!sess.equals(pubSession)) {
                    boolean changed = !pubSession.isEmpty();
                    pubSession = sess;
                    lastSeq = seq;
                    Mt5Session current = session;
                    if (changed || (current != null && !sess.equals(current.session()))) {
                        // the command channel is the authority: a ping's reply names the terminal's session
                        verifySession();
                    }
                } else {
                    if (seq != lastSeq + 1 && seq > lastSeq) {
                        sequenceGaps.incrementAndGet();
                        LOG.warn("event sequence gap: {} after {}", seq, lastSeq);
                        lastSeq = seq;
                        for (LinkListener l : linkListeners) {
                            l.onGap();
                        }
                    } else if (seq <= lastSeq) {
                        LOG.debug("event {} repeated or out of order after {}", seq, lastSeq);
                    }
                    lastSeq = Math.max(lastSeq, seq);
                }
                switch (m.type()) {
                    case "tick" -> tickSource.onTickMessage(m);
                    case "trade" -> gateway.onTradeMessage(m, seq, sess);
                    default -> { }
                }
            } catch (MalformedMessageException e) {
                badMessage("event", e.getMessage());
            }
        }
    }

    void badMessage(String what, String detail) {
        long n = malformed.incrementAndGet();
        if (n <= 20 || n % 1000 == 0) {
            LOG.warn("malformed {} skipped ({} so far): {}", what, n, detail);
        }
    }

    private void setState(ConnectionState next, String reason) {
        ConnectionState prev = state;
        if (prev == next) {
            return;
        }
        state = next;
        LOG.debug("connection {} -> {}: {}", prev, next, reason);
        for (ConnectionStateListener l : stateListeners) {
            callback(() -> l.onStateChange(prev, next, reason));
        }
    }

    // ---------------------------------------------------------------- internal types

    /** Why a request got no reply. */
    enum Failure {
        TIMEOUT, DISCONNECTED, CLOSED
    }

    /** Receives one request's outcome on the I/O thread. */
    interface ReplyHandler {
        void onReply(Msg reply);

        void onFailure(Failure failure);
    }

    /** Hears link events on the I/O thread. */
    interface LinkListener {
        void onConnected(Mt5Session session, boolean newSession);

        void onDisconnected(String reason);

        default void onGap() {
        }

        default void onHeartbeat() {
        }
    }

    private static final class Pending {
        final String id;
        final ReplyHandler handler;
        IoLoop.Timer timer;

        Pending(String id, ReplyHandler handler) {
            this.id = id;
            this.handler = handler;
        }
    }
}
