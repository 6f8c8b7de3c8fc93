package io.aria.mt5;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aria.core.AssetCatalog;
import io.aria.core.ensemble.Bar;
import io.aria.mt5.internal.Bars;
import io.aria.mt5.internal.IoLoop;
import io.aria.mt5.internal.MalformedMessageException;
import io.aria.mt5.internal.Msg;
import io.aria.mt5.internal.Wire;
import java.util.ArrayList;
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
 * <p>Threads: the I/O thread ({@code aria-mt5-io}) owns both sockets and all order logic; a
 * callback thread ({@code aria-mt5-callbacks}) runs listeners and the dependents of order futures;
 * the tick source's delivery thread ({@code aria-mt5-ticks}) calls the tick listener. How the I/O
 * and delivery threads wait for work is {@link Mt5Config#ioWaitStrategy()}: blocking by default,
 * yielding or busy-spin for users who give them cores. {@link #close()} ends all three.
 *
 * <p>Thread-safety: every public method may be called from any thread. Listeners and order
 * futures are called on the connection's callback thread, never on its I/O thread.
 */
public final class Mt5Connection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Mt5Connection.class);

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
    private final AtomicLong sequenceGaps = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private volatile ConnectionState state = ConnectionState.NEW;
    private volatile Mt5Session session;
    private volatile AssetCatalog catalog;
    private volatile boolean connectRequested;
    /** Whether a terminal has ever answered the hello (tells "nothing there" from "no events"). */
    private volatile boolean helloAnswered;

    // I/O thread only; the parts: Handshake (hello, symbols, catalog), Requests (ids, pending, timeouts),
    // Heartbeats (liveness, terminal restarts), EventSequence (gaps in the event stream)
    private final Requests requests;
    private final Handshake handshake;
    private final Heartbeats heartbeats;
    private final EventSequence sequence = new EventSequence();
    private ZMQ.Socket dealer;
    private ZMQ.Socket sub;
    private long backoffNanos;
    private IoLoop.Timer reconnectTimer;
    private boolean subscribed;
    private boolean pubSeen;
    private volatile Map<String, String> brokerToCatalog = Map.of();
    /** When the terminal was last heard on either socket (System.nanoTime), 0 before it ever was. */
    private volatile long lastHeardNanos;

    private Mt5Connection(Mt5Config config) {
        this.config = config;
        this.catalog = config.catalog();
        this.context = new ZContext(1);
        this.context.setLinger(0);
        this.loop = new IoLoop("aria-mt5-io", context, config.ioWaitStrategy());
        this.callbacks = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "aria-mt5-callbacks");
            t.setDaemon(true);
            return t;
        });
        this.backoffNanos = config.reconnectMin().toNanos();
        this.requests = new Requests(loop);
        this.handshake = new Handshake(this, malformed);
        this.heartbeats = new Heartbeats(this, loop, malformed);
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
        return requests.lateCount();
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
            requests.failAll(Failure.CLOSED);
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

    /**
     * @return the configured symbols the broker offers, in the configured order, as the last
     *     handshake found them (empty before the first); a symbol the broker lacks is dropped with
     *     one warning and the others trade
     */
    public List<String> tradedSymbols() {
        Mt5Session s = session;
        if (s == null) {
            return List.of();
        }
        return config.symbols().stream().filter(s.symbols()::containsKey).toList();
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

    /** Parses the pages of a paged reply on the I/O thread. */
    interface PagesParser<T> {
        T parse(List<Msg> pages) throws MalformedMessageException;
    }

    /**
     * {@link #query} for a reply that may come in pages (PROTOCOL.md 2): the parser sees every
     * page, all {@code ok:true}; a refused page fails the query.
     */
    <T> CompletableFuture<T> queryPages(ObjectNode body, PagesParser<T> parser) {
        CompletableFuture<T> f = new CompletableFuture<>();
        String type = body.path("type").asText();
        loop.execute(() -> {
            if (state != ConnectionState.CONNECTED) {
                callback(() -> f.completeExceptionally(new IllegalStateException(type + " not sent: the connection is "
                        + state)));
                return;
            }
            Pages.fetch(this, body, config.requestTimeout().toNanos(), new Pages.Handler() {
                @Override
                public void onPages(List<Msg> pages) {
                    answer(type, pages.get(pages.size() - 1), () -> parser.parse(pages), f);
                }

                @Override
                public void onFailure(Failure failure) {
                    noAnswer(type, failure, f);
                }
            });
        });
        return f;
    }

    private <T> void queryNow(ObjectNode body, String type, Parser<T> parser, CompletableFuture<T> f) {
        request(body, config.requestTimeout().toNanos(), new ReplyHandler() {
            @Override
            public void onReply(Msg m) {
                answer(type, m, () -> parser.parse(m), f);
            }

            @Override
            public void onFailure(Failure failure) {
                noAnswer(type, failure, f);
            }
        });
    }

    /** Reads a query's result out of its reply (or its last page). */
    private interface Reading<T> {
        T read() throws MalformedMessageException;
    }

    /** Completes a query: refused (ok:false), read, or malformed (counted and logged once). */
    private <T> void answer(String type, Msg reply, Reading<T> reading, CompletableFuture<T> f) {
        try {
            if (!reply.bool("ok", false)) {
                String why = type + " refused: " + reply.str("error", "") + " " + reply.str("message", "");
                callback(() -> f.completeExceptionally(new IllegalStateException(why)));
                return;
            }
            T v = reading.read();
            callback(() -> f.complete(v));
        } catch (MalformedMessageException | RuntimeException e) {
            badMessage(type + " reply", e.getMessage());
            callback(() -> f.completeExceptionally(new IllegalStateException("malformed " + type + " reply: "
                    + e.getMessage())));
        }
    }

    private <T> void noAnswer(String type, Failure failure, CompletableFuture<T> f) {
        callback(() -> f.completeExceptionally(new IllegalStateException(type + " got no reply: " + failure)));
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
        Mt5Session known = session;
        if (known != null && config.symbols().contains(symbol) && !known.symbols().containsKey(symbol)) {
            // the handshake found no broker name for it (warned then): asking would only be refused
            return CompletableFuture.failedFuture(new IllegalArgumentException("bars: the broker offers no symbol for "
                    + symbol + "; traded are " + tradedSymbols()));
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

    /** The terminal's UTC clock minus this host's, learnt from hello and ping replies (PROTOCOL.md 5.5, {@code expires_utc_ms}). */
    private volatile long terminalClockOffsetMs;

    /**
     * @return now on the terminal's UTC clock (this host's clock plus the offset learnt from the
     *     last hello or ping reply): the clock {@code expires_utc_ms} is written on (PROTOCOL.md 5.5)
     */
    long terminalUtcNow() {
        return utcNow() + terminalClockOffsetMs;
    }

    /**
     * Learns the terminal's clock from a hello or ping reply: its {@code utc_ms} against the midpoint
     * of the round trip. I/O thread.
     *
     * @param sentUtc this host's UTC time when the request left
     * @param reply   the reply
     */
    void learnClockOffset(long sentUtc, Msg reply) throws MalformedMessageException {
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
        return requests.send(dealer, body, timeoutNanos, handler);
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
        sequence.reset();
        setState(ConnectionState.CONNECTING, "connecting to " + config.commandEndpoint());
        handshake.start();
    }

    void helloAnswered() {
        helloAnswered = true;
    }

    /** The terminal speaks another protocol: the connection closes, and says why to whoever waits for it. */
    void protocolRefused(String stateReason, String connectError, String gatewayWhy) {
        closeSockets();
        setState(ConnectionState.CLOSED, stateReason);
        firstConnect.completeExceptionally(new IllegalStateException(connectError));
        gateway.onConnectionEnded(gatewayWhy);
    }

    /** The handshake is done: the broker's symbols and catalog are in place, the link is up. */
    void handshakeDone(Handshake.Result h) {
        brokerToCatalog = h.brokerToCatalog();
        catalog = h.catalog();
        Mt5Session previous = session;
        Mt5Session s = h.session();
        session = s;
        boolean newSession = previous == null || !previous.session().equals(s.session());
        long now = System.nanoTime();
        lastHeardNanos = now;
        backoffNanos = config.reconnectMin().toNanos();
        LOG.info("connected to {} (account {} on {}, {} {}, {} symbols{})", s.terminal(), s.login(), s.server(),
                s.currency(), s.accountMode(), s.symbols().size(), config.curve().isPresent() ? ", CURVE" : "");
        setState(ConnectionState.CONNECTED, newSession ? "handshake done, session " + s.session() : "handshake done");
        heartbeats.start(now);
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

    /** Every heartbeat: the link listeners hear it. */
    void heartbeat() {
        for (LinkListener l : linkListeners) {
            l.onHeartbeat();
        }
    }

    /** The terminal restarted under a live link: handshake again on the same sockets. */
    void rehandshake(String reason) {
        if (state != ConnectionState.CONNECTED) {
            return;
        }
        LOG.info("re-handshaking: {}", reason);
        setState(ConnectionState.CONNECTING, reason);
        for (LinkListener l : linkListeners) {
            l.onDisconnected(reason);
        }
        sequence.reset();
        handshake.start();
    }

    /** The link is lost: sockets closed, pending requests failed, a reconnect scheduled with back-off. */
    void linkLost(String reason) {
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
        requests.failAll(Failure.DISCONNECTED);
        heartbeats.stop();
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
            long now = System.nanoTime();
            heartbeats.heardDealer(now);
            lastHeardNanos = now;
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
            if (!requests.onReply(m) && "error_reply".equals(m.type())) {
                badMessage("request", "the terminal could not parse a request: " + m);
            }
        }
    }

    private void readSub(ZMQ.Socket s) {
        for (int i = 0; i < 1000 && s == sub; i++) {
            byte[] frame = s.recv(ZMQ.DONTWAIT);
            if (frame == null) {
                return;
            }
            long now = System.nanoTime();
            heartbeats.heardPub(now);
            lastHeardNanos = now;
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
                switch (sequence.onEvent(seq, sess, session)) {
                    // the command channel is the authority: a ping's reply names the terminal's session
                    case CHECK_SESSION -> heartbeats.verifySession();
                    case GAP -> {
                        sequenceGaps.incrementAndGet();
                        for (LinkListener l : linkListeners) {
                            l.onGap();
                        }
                    }
                    case IN_ORDER -> { }
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

}
