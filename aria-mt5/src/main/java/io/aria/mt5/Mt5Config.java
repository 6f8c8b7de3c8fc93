package io.aria.mt5;

import io.aria.core.AssetCatalog;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How an {@link Mt5Connection} reaches a terminal. Immutable; build with {@link #builder()}.
 * {@link #toString()} never shows CURVE keys.
 *
 * @param commandEndpoint   the terminal's ROUTER, for example {@code tcp://127.0.0.1:15555}
 * @param eventEndpoint     the terminal's PUB, for example {@code tcp://127.0.0.1:15556}
 * @param catalog           catalog whose specs the broker's override and whose names broker symbols map to
 * @param symbols           catalog symbols to trade and stream
 * @param heartbeatInterval ping interval; the link is dead after three silent intervals
 * @param requestTimeout    timeout of queries
 * @param orderTimeout      timeout of orders, after which the outcome is UNKNOWN
 * @param reconnectMin      first back-off after a loss
 * @param reconnectMax      largest back-off
 * @param maxPriceRetries   resends with a fresh price after a requote or price change
 * @param curve             CURVE keys, empty for plain TCP
 * @param clock             wall clock for UTC times
 * @param magic             this client's expert id (MT5 magic number), &gt; 0: every order carries it,
 *                          and the gateway's book holds only the positions that carry it (see
 *                          {@link Mt5Gateway}: several clients share an account by using different
 *                          magics); default {@value #DEFAULT_MAGIC}, the same as
 *                          {@code TradingPipeline.Builder.magic}'s default
 * @param ioWaitStrategy    how the connection's I/O thread and tick delivery thread wait for work
 *                          ({@link IoWaitStrategy}): {@link IoWaitStrategy#BLOCKING} by default;
 *                          {@link IoWaitStrategy#YIELDING} or {@link IoWaitStrategy#BUSY_SPIN} trade
 *                          CPU for the latency of each hand-off (for users who give them cores)
 * @param ticksOnIoThread   whether the tick listener is called on the I/O thread itself rather than
 *                          on the tick source's delivery thread: one thread hop less from a tick to
 *                          the order it causes, for a listener that returns at once (it holds up the
 *                          connection while it runs); default false
 */
public record Mt5Config(
        String commandEndpoint,
        String eventEndpoint,
        AssetCatalog catalog,
        List<String> symbols,
        Duration heartbeatInterval,
        Duration requestTimeout,
        Duration orderTimeout,
        Duration reconnectMin,
        Duration reconnectMax,
        int maxPriceRetries,
        Optional<CurveKeys> curve,
        Clock clock,
        long magic,
        IoWaitStrategy ioWaitStrategy,
        boolean ticksOnIoThread) {

    /** Default command endpoint (PROTOCOL.md section 1). */
    public static final String DEFAULT_COMMAND_ENDPOINT = "tcp://127.0.0.1:15555";
    /** Default event endpoint (PROTOCOL.md section 1). */
    public static final String DEFAULT_EVENT_ENDPOINT = "tcp://127.0.0.1:15556";
    /** Environment variable overriding the command endpoint in {@link Builder#fromEnvironment()}. */
    public static final String ENV_COMMAND_ENDPOINT = "ARIA_MT5_COMMAND_ENDPOINT";
    /** Environment variable overriding the event endpoint in {@link Builder#fromEnvironment()}. */
    public static final String ENV_EVENT_ENDPOINT = "ARIA_MT5_EVENT_ENDPOINT";
    /**
     * Default magic: the same as a {@code TradingPipeline}'s default, so a pipeline and a gateway
     * built with defaults agree. Give each client on a shared account its own.
     */
    public static final long DEFAULT_MAGIC = 20_240_101L;
    /** Environment variable setting the I/O wait strategy in {@link Builder#fromEnvironment()} ({@link IoWaitStrategy#parse}). */
    public static final String ENV_IO_WAIT = "ARIA_MT5_IO_WAIT";

    public Mt5Config {
        endpoint(commandEndpoint, "commandEndpoint");
        endpoint(eventEndpoint, "eventEndpoint");
        Objects.requireNonNull(catalog, "catalog");
        symbols = List.copyOf(Objects.requireNonNull(symbols, "symbols"));
        for (String s : symbols) {
            if (catalog.indexOf(s) < 0) {
                throw new IllegalArgumentException("symbols: " + s + " is not in the catalog");
            }
        }
        positive(heartbeatInterval, "heartbeatInterval");
        positive(requestTimeout, "requestTimeout");
        positive(orderTimeout, "orderTimeout");
        positive(reconnectMin, "reconnectMin");
        positive(reconnectMax, "reconnectMax");
        if (reconnectMax.compareTo(reconnectMin) < 0) {
            throw new IllegalArgumentException("reconnectMax must be >= reconnectMin (" + reconnectMin + "), was " + reconnectMax);
        }
        if (maxPriceRetries < 0 || maxPriceRetries > 10) {
            throw new IllegalArgumentException("maxPriceRetries must be in [0, 10], was " + maxPriceRetries);
        }
        Objects.requireNonNull(curve, "curve");
        Objects.requireNonNull(clock, "clock");
        if (magic <= 0) {
            // 0 is what manual trades carry: a client with magic 0 would take them for its own
            throw new IllegalArgumentException("magic must be > 0 (0 marks manual trades), was " + magic);
        }
        if (ioWaitStrategy == null) {
            throw new IllegalArgumentException("ioWaitStrategy must be one of blocking, yielding, busy-spin, was null");
        }
    }

    private static void endpoint(String e, String field) {
        if (e == null || !(e.startsWith("tcp://") || e.startsWith("ipc://") || e.startsWith("inproc://"))) {
            throw new IllegalArgumentException(field + " must be a ZeroMQ endpoint like tcp://127.0.0.1:15555, was "
                    + (e == null ? "null" : "'" + e + "'"));
        }
    }

    private static void positive(Duration d, String field) {
        Objects.requireNonNull(d, field);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(field + " must be > 0, was " + d);
        }
    }

    /** @return a builder with the defaults: loopback endpoints, the default catalog, all its symbols */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return "Mt5Config[commandEndpoint=" + commandEndpoint + ", eventEndpoint=" + eventEndpoint + ", symbols="
                + symbols + ", heartbeatInterval=" + heartbeatInterval + ", requestTimeout=" + requestTimeout
                + ", orderTimeout=" + orderTimeout + ", reconnect=" + reconnectMin + ".." + reconnectMax
                + ", maxPriceRetries=" + maxPriceRetries + ", magic=" + magic + ", ioWaitStrategy=" + ioWaitStrategy
                + (ticksOnIoThread ? ", ticksOnIoThread" : "")
                + ", curve=" + (curve.isPresent() ? "on (keys redacted)" : "off") + "]";
    }

    /** Builds an {@link Mt5Config}. Not thread-safe. */
    public static final class Builder {
        private String commandEndpoint = DEFAULT_COMMAND_ENDPOINT;
        private String eventEndpoint = DEFAULT_EVENT_ENDPOINT;
        private AssetCatalog catalog = AssetCatalog.defaults();
        private List<String> symbols;
        private Map<String, String> symbolMap = Map.of();
        private Duration heartbeatInterval = Duration.ofSeconds(1);
        private Duration requestTimeout = Duration.ofSeconds(5);
        private Duration orderTimeout = Duration.ofSeconds(5);
        private Duration reconnectMin = Duration.ofMillis(100);
        private Duration reconnectMax = Duration.ofSeconds(5);
        private int maxPriceRetries = 3;
        private CurveKeys curve;
        private Clock clock = Clock.systemUTC();
        private long magic = DEFAULT_MAGIC;
        private IoWaitStrategy ioWaitStrategy = IoWaitStrategy.BLOCKING;
        private boolean ticksOnIoThread;

        private Builder() {
        }

        /** @param v the terminal's ROUTER endpoint @return this */
        public Builder commandEndpoint(String v) { commandEndpoint = v; return this; }
        /** @param v the terminal's PUB endpoint @return this */
        public Builder eventEndpoint(String v) { eventEndpoint = v; return this; }
        /** @param v the catalog @return this */
        public Builder catalog(AssetCatalog v) { catalog = v; return this; }
        /** @param v catalog symbols to trade (default: every catalog symbol) @return this */
        public Builder symbols(List<String> v) { symbols = v; return this; }
        /** @param v ping interval @return this */
        public Builder heartbeatInterval(Duration v) { heartbeatInterval = v; return this; }
        /** @param v query timeout @return this */
        public Builder requestTimeout(Duration v) { requestTimeout = v; return this; }
        /** @param v order timeout @return this */
        public Builder orderTimeout(Duration v) { orderTimeout = v; return this; }
        /** @param min first back-off @param max largest back-off @return this */
        public Builder reconnectBackoff(Duration min, Duration max) { reconnectMin = min; reconnectMax = max; return this; }
        /** @param v resends after a requote @return this */
        public Builder maxPriceRetries(int v) { maxPriceRetries = v; return this; }
        /** @param v CURVE keys, null for none @return this */
        public Builder curve(CurveKeys v) { curve = v; return this; }
        /** @param v wall clock @return this */
        public Builder clock(Clock v) { clock = v; return this; }
        /**
         * @param v this client's magic, &gt; 0 (default {@value Mt5Config#DEFAULT_MAGIC}); must equal
         *     the pipeline's ({@code TradingPipeline.Builder.magic}), else the gateway refuses its orders
         * @return this
         */
        public Builder magic(long v) { magic = v; return this; }

        /**
         * How the connection's I/O thread and tick delivery thread wait for work (see
         * {@link IoWaitStrategy}). {@link IoWaitStrategy#BLOCKING} (the default) costs no CPU while
         * idle; {@link IoWaitStrategy#YIELDING} and {@link IoWaitStrategy#BUSY_SPIN} keep both
         * threads polling, so a hand-off between them wakes nobody: for a machine where they have
         * cores of their own. docs/bench/bridge.md has the figures of each.
         *
         * @param v the strategy, not null
         * @return this
         */
        public Builder ioWaitStrategy(IoWaitStrategy v) { ioWaitStrategy = v; return this; }

        /**
         * Calls the tick listener on the connection's I/O thread, as soon as a tick is read, instead
         * of handing it to the tick source's delivery thread: one thread hop (and, blocking, one
         * wake-up) less between a tick and the order it causes. Only for a listener that returns at
         * once, such as one that puts the tick on its own queue: while it runs, the connection reads
         * nothing, sends nothing and misses heartbeats; a listener that blocks longer than three
         * heartbeat intervals makes the link look dead. Default false (a delivery thread and a
         * bounded queue, so a slow listener only drops ticks).
         *
         * @param v whether to call the listener on the I/O thread
         * @return this
         */
        public Builder ticksOnIoThread(boolean v) { ticksOnIoThread = v; return this; }

        /**
         * Names catalog symbols the broker calls something else ({@code US30=DJ30}), for brokers
         * whose names the catalog's suffix and prefix rules ({@code EURUSD.m}, {@code #US30},
         * {@code US30.cash}, {@code eurusd}) do not find. A mapped name wins over any other
         * name the broker offers for that symbol.
         *
         * @param v catalog symbol to broker name; replaces an earlier map
         * @return this
         */
        public Builder symbolMap(Map<String, String> v) {
            symbolMap = new java.util.LinkedHashMap<>(Objects.requireNonNull(v, "symbolMap"));
            return this;
        }

        /**
         * Takes endpoints, CURVE keys and the I/O wait strategy from the environment when set
         * ({@value #ENV_COMMAND_ENDPOINT}, {@value #ENV_EVENT_ENDPOINT}, {@link CurveKeys#fromEnvironment()},
         * {@value #ENV_IO_WAIT}: {@code blocking}, {@code yielding} or {@code busy-spin}).
         *
         * @return this
         * @throws IllegalArgumentException when the CURVE variables are incomplete or the wait strategy is none of the three
         */
        public Builder fromEnvironment() {
            return fromEnvironment(System.getenv());
        }

        /**
         * @param env environment variables
         * @return this
         * @throws IllegalArgumentException when the CURVE variables are incomplete or
         *     {@value #ENV_IO_WAIT} is none of {@code blocking}, {@code yielding}, {@code busy-spin}
         */
        public Builder fromEnvironment(Map<String, String> env) {
            if (env.get(ENV_COMMAND_ENDPOINT) != null) {
                commandEndpoint = env.get(ENV_COMMAND_ENDPOINT);
            }
            if (env.get(ENV_EVENT_ENDPOINT) != null) {
                eventEndpoint = env.get(ENV_EVENT_ENDPOINT);
            }
            CurveKeys.fromEnvironment(env).ifPresent(k -> curve = k);
            if (env.get(ENV_IO_WAIT) != null) {
                try {
                    ioWaitStrategy = IoWaitStrategy.parse(env.get(ENV_IO_WAIT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(ENV_IO_WAIT + ": " + e.getMessage());
                }
            }
            return this;
        }

        /**
         * @return the config
         * @throws IllegalArgumentException naming the first invalid option and its value
         */
        public Mt5Config build() {
            AssetCatalog catalog = this.catalog;
            for (Map.Entry<String, String> e : symbolMap.entrySet()) {
                String cat = e.getKey();
                String broker = e.getValue();
                if (cat == null || !catalog.symbols().contains(cat)) {
                    throw new IllegalArgumentException("symbolMap: " + cat + " is not a catalog symbol (in " + cat + "="
                            + broker + ")");
                }
                if (broker == null || broker.isBlank() || !broker.strip().equals(broker)) {
                    throw new IllegalArgumentException("symbolMap: the broker name of " + cat
                            + " must be non-blank without surrounding spaces, was '" + broker + "'");
                }
                catalog = catalog.withAlias(broker, cat);
            }
            return new Mt5Config(commandEndpoint, eventEndpoint, catalog, symbols == null ? catalog.symbols() : symbols,
                    heartbeatInterval, requestTimeout, orderTimeout, reconnectMin, reconnectMax, maxPriceRetries,
                    Optional.ofNullable(curve), clock, magic, ioWaitStrategy, ticksOnIoThread);
        }
    }
}
