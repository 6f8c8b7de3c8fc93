package io.aria.mt5;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aria.core.AssetCatalog;
import io.aria.core.AssetSpec;
import io.aria.mt5.internal.MalformedMessageException;
import io.aria.mt5.internal.Msg;
import io.aria.mt5.internal.Wire;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Mt5Connection}'s handshake (PROTOCOL.md 5.1, 5.2): {@code hello} (protocol version,
 * session, account), then {@code symbols} for every traded symbol (asked again by the broker's
 * aliases for those missing), and the catalog with the broker's specs in place of the defaults.
 * I/O thread.
 */
final class Handshake {

    private static final Logger LOG = LoggerFactory.getLogger(Mt5Connection.class);
    private static final long HELLO_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final String CLIENT_NAME = "aria-java/0.1.0";

    /** What the connection learns from a finished handshake. */
    record Result(Mt5Session session, AssetCatalog catalog, Map<String, String> brokerToCatalog) {
    }

    private final Mt5Connection conn;
    private final Mt5Config config;
    private final AtomicLong malformed;
    /** The catalog symbols last warned about as missing at the broker. */
    private List<String> warnedMissing = List.of();

    Handshake(Mt5Connection conn, AtomicLong malformed) {
        this.conn = conn;
        this.config = conn.config();
        this.malformed = malformed;
    }

    void start() {
        ObjectNode hello = Wire.request("hello", "");
        hello.put("protocol", Wire.PROTOCOL_VERSION);
        hello.put("client", CLIENT_NAME);
        hello.put("heartbeat_ms", config.heartbeatInterval().toMillis());
        long sentUtc = conn.utcNow();
        conn.request(hello, HELLO_TIMEOUT_NANOS, new Mt5Connection.ReplyHandler() {
            @Override
            public void onReply(Msg reply) {
                onHelloReply(reply, sentUtc);
            }

            @Override
            public void onFailure(Mt5Connection.Failure failure) {
                conn.linkLost("no reply to hello (" + failure + ")");
            }
        });
    }

    private void onHelloReply(Msg r, long sentUtc) {
        conn.helloAnswered();
        try {
            if (!r.bool("ok", false)) {
                String error = r.str("error", "");
                if ("version".equals(error)) {
                    LOG.error("terminal refuses protocol {}: {}", Wire.PROTOCOL_VERSION, r.str("message", ""));
                    conn.protocolRefused("protocol version refused", "terminal does not speak protocol "
                            + Wire.PROTOCOL_VERSION + ": " + r.str("message", ""),
                            "the terminal does not speak protocol " + Wire.PROTOCOL_VERSION);
                    return;
                }
                conn.linkLost("hello refused: " + error + " " + r.str("message", ""));
                return;
            }
            long protocol = r.lng("protocol");
            if (protocol != Wire.PROTOCOL_VERSION) {
                LOG.error("terminal speaks protocol {}, this client {}", protocol, Wire.PROTOCOL_VERSION);
                conn.protocolRefused("protocol " + protocol + " not supported", "terminal speaks protocol " + protocol,
                        "the terminal speaks protocol " + protocol + ", not " + Wire.PROTOCOL_VERSION);
                return;
            }
            Mt5Session hello = new Mt5Session((int) protocol, r.str("terminal", ""), r.str("session"),
                    r.lng("login", 0), r.str("server", ""), r.str("currency"), (int) Math.max(1, r.lng("leverage", 1)),
                    Wire.accountMode(r.str("margin_mode")), r.bool("trade_allowed", true),
                    r.bool("expert_allowed", true), r.bool("terminal_connected", true),
                    r.bool("terminal_trade_allowed", true), r.lng("server_offset_s", 0), Map.of());
            conn.learnClockOffset(sentUtc, r);
            conn.gateway().onHelloAccount(r);
            requestSymbols(hello, List.of(), new LinkedHashMap<>(), true);
        } catch (MalformedMessageException | IllegalArgumentException e) {
            malformed.incrementAndGet();
            LOG.warn("malformed hello reply: {}", e.getMessage());
            conn.linkLost("malformed hello reply");
        }
    }

    private void requestSymbols(Mt5Session hello, List<String> names, Map<String, BrokerSymbol> found, boolean first) {
        ObjectNode q = Wire.request("symbols", "");
        ArrayNode arr = q.putArray("symbols");
        names.forEach(arr::add);
        // a broker's long list comes in pages (PROTOCOL.md 5.2): every page's symbols count
        Pages.fetch(conn, q, config.requestTimeout().toNanos(), new Pages.Handler() {
            @Override
            public void onPages(List<Msg> pages) {
                onSymbolsReply(hello, pages, found, first);
            }

            @Override
            public void onFailure(Mt5Connection.Failure failure) {
                conn.linkLost("no reply to symbols (" + failure + ")");
            }
        });
    }

    private void onSymbolsReply(Mt5Session hello, List<Msg> pages, Map<String, BrokerSymbol> found, boolean first) {
        try {
            for (Msg r : pages) {
                if (!r.bool("ok", false)) {
                    conn.linkLost("symbols refused: " + r.str("error", "") + " " + r.str("message", ""));
                    return;
                }
                collect(r.objects("symbols"), found);
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
        if (!missing.isEmpty() && !missing.equals(warnedMissing)) {
            // once, not on every reconnect: the broker's list does not change while it stays the same
            LOG.warn("the broker offers no symbol for {} (looked for the name, broker suffixes and prefixes such as "
                    + ".m, .cash, -ECN, # and any case, and the symbol map); they will not trade, {} do. "
                    + "Name the broker's symbol with Mt5Config.Builder.symbolMap, e.g. US30=DJ30",
                    missing, found.keySet());
        }
        warnedMissing = List.copyOf(missing);
        conn.handshakeDone(result(hello, found));
    }

    /**
     * Keeps the broker specs of traded symbols; of two broker names for one catalog symbol, an
     * explicit alias (the symbol map) wins, then the exact name, else the first.
     */
    private void collect(List<Msg> symbols, Map<String, BrokerSymbol> found) throws MalformedMessageException {
        for (Msg s : symbols) {
            String name = s.str("name");
            Optional<String> cat = config.catalog().resolve(name);
            if (cat.isEmpty() || !config.symbols().contains(cat.get())) {
                continue;
            }
            BrokerSymbol prior = found.get(cat.get());
            if (prior != null && rank(name, cat.get()) <= rank(prior.brokerName(), cat.get())) {
                continue;
            }
            try {
                found.put(cat.get(), parseSymbol(name, cat.get(), s));
            } catch (IllegalArgumentException e) {
                malformed.incrementAndGet();
                LOG.warn("broker spec of {} skipped: {}", name, e.getMessage());
            }
        }
    }

    private int rank(String brokerName, String catalogSymbol) {
        if (catalogSymbol.equals(config.catalog().aliases().get(brokerName))) {
            return 2;
        }
        return brokerName.equals(catalogSymbol) ? 1 : 0;
    }

    private Result result(Mt5Session hello, Map<String, BrokerSymbol> found) {
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
        Mt5Session s = new Mt5Session(hello.protocol(), hello.terminal(), hello.session(), hello.login(), hello.server(),
                hello.currency(), hello.leverage(), hello.accountMode(), hello.tradeAllowed(), hello.expertAllowed(),
                hello.terminalConnected(), hello.terminalTradeAllowed(), hello.serverOffsetSeconds(), found);
        return new Result(s, cat, Map.copyOf(b2c));
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
}
