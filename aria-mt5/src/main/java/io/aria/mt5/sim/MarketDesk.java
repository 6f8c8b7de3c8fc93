package io.aria.mt5.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aria.core.AssetSpec;
import io.aria.core.Tick;
import io.aria.core.source.SyntheticTickSource;
import io.aria.mt5.internal.MalformedMessageException;
import io.aria.mt5.internal.Msg;
import io.aria.mt5.internal.Wire;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated terminal's answers about the session, the account and the market (PROTOCOL.md
 * sections 4, 5.2 to 5.4 and 5.12): {@code hello}, {@code account}, {@code symbols},
 * {@code subscribe}/{@code unsubscribe} and {@code bars}. The account's figures come from core's
 * {@link io.aria.core.paper.SimulatedAccount}. Runs on the terminal's I/O thread only.
 */
final class MarketDesk {

    private final SimulatedMt5Terminal t;

    MarketDesk(SimulatedMt5Terminal terminal) {
        this.t = terminal;
    }

    ObjectNode hello(Msg m) throws MalformedMessageException {
        long protocol = m.lng("protocol");
        if (protocol != Wire.PROTOCOL_VERSION) {
            ObjectNode r = t.errorReply(m.id(), "version", "this terminal speaks protocol " + Wire.PROTOCOL_VERSION
                    + ", not " + protocol);
            r.put("type", "hello_reply");
            return r;
        }
        ObjectNode r = t.reply(m, true);
        r.put("protocol", Wire.PROTOCOL_VERSION);
        r.put("terminal", "SimulatedMt5Terminal/1.0");
        r.put("session", t.session());
        r.put("heartbeat_ms", t.cfg.heartbeat.toMillis());
        r.put("pub_seq", t.seq);
        r.put("login", t.cfg.login);
        r.put("server", "ARIA-Simulated");
        r.put("company", "ARIA");
        r.put("name", "simulated");
        r.put("margin_mode", Wire.marginMode(t.cfg.mode));
        r.put("expert_allowed", true);
        r.put("terminal_connected", true);
        r.put("terminal_trade_allowed", true);
        r.put("server_offset_s", t.cfg.serverOffsetSeconds);
        return account(r);
    }

    ObjectNode account(ObjectNode r) {
        double equity = t.account.equity();
        double margin = t.account.margin();
        r.put("login", t.cfg.login);
        r.put("server", "ARIA-Simulated");
        r.put("currency", t.cfg.currency);
        r.put("leverage", t.cfg.leverage);
        r.put("margin_mode", Wire.marginMode(t.cfg.mode));
        r.put("balance", t.account.balance());
        r.put("equity", equity);
        r.put("margin", margin);
        r.put("free_margin", equity - margin);
        r.put("margin_level", margin == 0 ? 0 : equity / margin * 100);
        r.put("margin_so_so", t.account.stopOutLevelPercent());
        r.put("profit", equity - t.account.balance());
        r.put("trade_allowed", true);
        r.put("terminal_connected", true);
        return r;
    }

    /**
     * The names from the cursor's offset on (the request's list, else every symbol), until the
     * page budget is used (PROTOCOL.md 5.2): then {@code more} and {@code next} = the offset of
     * the first name left.
     */
    ObjectNode symbolsReply(Msg m) throws MalformedMessageException {
        List<String> names = new ArrayList<>(m.strings("symbols"));
        if (names.isEmpty()) {
            names.addAll(t.symbols.keySet());
        }
        String cursor = m.str("cursor", "");
        int start = 0;
        if (!cursor.isEmpty()) {
            try {
                start = Integer.parseInt(cursor);
            } catch (NumberFormatException e) {
                start = -1;
            }
            if (start < 0 || start > names.size() || !Integer.toString(start).equals(cursor)) {
                throw new MalformedMessageException("cursor must be the next of an earlier symbols_reply (an offset 0.."
                        + names.size() + "), was '" + io.aria.mt5.internal.Wire.abbreviate(cursor) + "'");
            }
        }
        ObjectNode r = t.reply(m, true);
        ArrayNode arr = r.putArray("symbols");
        ArrayNode unknown = r.putArray("unknown");
        int used = 0;
        int i = start;
        for (; i < names.size(); i++) {
            SimulatedMt5Terminal.Sym s = t.symbols.get(names.get(i));
            ObjectNode o = s == null ? null : spec(s);
            int bytes = (o == null ? io.aria.mt5.internal.Wire.encode(quoted(names.get(i))).length - 8
                    : io.aria.mt5.internal.Wire.encode(o).length) + 1;
            if (i > start && used + bytes > t.cfg.pageBytes) {
                break;
            }
            used += bytes;
            if (o == null) {
                unknown.add(names.get(i));
            } else {
                arr.add(o);
            }
        }
        r.put("more", i < names.size());
        if (i < names.size()) {
            r.put("next", Integer.toString(i));
        }
        return r;
    }

    /** {"n":"<name>"}: its encoded length minus 8 is the bytes of the quoted name alone. */
    private static ObjectNode quoted(String name) {
        ObjectNode o = io.aria.mt5.internal.Wire.object();
        o.put("n", name);
        return o;
    }

    private ObjectNode spec(SimulatedMt5Terminal.Sym s) {
        AssetSpec a = s.spec;
        ObjectNode o = io.aria.mt5.internal.Wire.object();
        o.put("name", s.name);
        o.put("description", a.description());
        o.put("base_currency", a.baseCurrency());
        o.put("profit_currency", a.quoteCurrency());
        o.put("margin_currency", a.baseCurrency());
        o.put("digits", a.digits());
        o.put("point", a.point());
        o.put("tick_size", a.point());
        o.put("tick_value", a.point() * a.contractSize() * t.account.converter().rate(a.quoteCurrency()));
        o.put("contract_size", a.contractSize());
        o.put("volume_min", a.volumeMin());
        o.put("volume_max", a.volumeMax());
        o.put("volume_step", a.volumeStep());
        o.put("stops_level", a.stopsLevelPoints());
        o.put("freeze_level", 0);
        o.put("filling_modes", 3);
        o.put("trade_mode", t.cfg.tradeModes.getOrDefault(a.symbol(), 4));
        o.put("spread", (int) Math.round((s.ask - s.bid) / a.point()));
        o.put("bid", s.bid);
        o.put("ask", s.ask);
        ArrayNode sessions = o.putArray("sessions");
        for (int d = 1; d <= 5; d++) {
            ObjectNode sess = sessions.addObject();
            sess.put("day", d);
            sess.put("from_s", 0);
            sess.put("to_s", 86_400);
        }
        return o;
    }

    ObjectNode subscribe(Msg m, boolean add) throws MalformedMessageException {
        List<String> names = m.strings("symbols");
        ObjectNode r = t.reply(m, true);
        ArrayNode done = r.putArray("symbols");
        ArrayNode unknown = r.putArray("unknown");
        if (!add && names.isEmpty()) {
            t.subscribed.forEach(done::add);
            t.subscribed.clear();
            return r;
        }
        for (String n : names) {
            if (!t.symbols.containsKey(n)) {
                unknown.add(n);
            } else if (add) {
                t.subscribed.add(n);
                done.add(n);
            } else if (t.subscribed.remove(n)) {
                done.add(n);
            }
        }
        return r;
    }

    ObjectNode bars(Msg m) throws MalformedMessageException {
        SimulatedMt5Terminal.Sym s = t.symbols.get(m.str("symbol"));
        if (s == null) {
            ObjectNode e = t.errorReply(m.id(), "unknown_symbol", "symbol '" + m.str("symbol") + "' is not offered");
            e.put("type", "bars_reply");
            return e;
        }
        String tf = m.str("timeframe");
        long seconds = seconds(tf);
        long count = m.lng("count");
        if (count < 1 || count > 5000) {
            throw new MalformedMessageException("count must be in [1, 5000], was " + count);
        }
        ObjectNode r = t.reply(m, true);
        r.put("symbol", s.name);
        r.put("timeframe", tf);
        ArrayNode arr = r.putArray("bars");
        long step = seconds * 1000;
        long now = t.cfg.clock.millis();
        // PROTOCOL.md 5.12: bars whose open time is at or before to_utc_ms; the forming bar is the last when it is now
        long to = Math.min(now, m.lng("to_utc_ms", now));
        if (to < 0) {
            throw new MalformedMessageException("to_utc_ms must be >= 0, was " + to);
        }
        long last = to / step * step;
        long first = last - (count - 1) * step;
        AssetSpec a = s.spec;
        int perBar = 8;
        SyntheticTickSource history = SyntheticTickSource.builder().catalog(t.cfg.catalog).symbols(a.symbol())
                .seed(t.cfg.seed ^ s.name.hashCode()).startTime(java.time.Instant.ofEpochMilli(first))
                .tickInterval(Duration.ofMillis(Math.max(1, step / perBar))).openHoursOnly(false)
                .startPrice(a.symbol(), (s.bid + s.ask) / 2).build();
        for (long i = 0; i < count; i++) {
            bar(arr.addObject(), history, a, perBar, first + i * step);
        }
        return r;
    }

    private static long seconds(String tf) throws MalformedMessageException {
        return switch (tf) {
            case "M1" -> 60;
            case "M5" -> 300;
            case "M15" -> 900;
            case "M30" -> 1800;
            case "H1" -> 3600;
            case "H4" -> 14_400;
            case "D1" -> 86_400;
            case "W1" -> 604_800;
            case "MN1" -> 2_592_000;
            default -> throw new MalformedMessageException("timeframe must be one of M1..MN1, was '" + tf + "'");
        };
    }

    /** One bar of {@code perBar} synthetic ticks starting at {@code barTime}. */
    private void bar(ObjectNode b, SyntheticTickSource history, AssetSpec a, int perBar, long barTime) {
        double open = 0;
        double high = 0;
        double low = 0;
        double close = 0;
        double spread = 0;
        for (int k = 0; k < perBar; k++) {
            Tick tick = history.next();
            double bid = tick.bid();
            if (k == 0) {
                open = bid;
                high = bid;
                low = bid;
            }
            high = Math.max(high, bid);
            low = Math.min(low, bid);
            close = bid;
            spread += (tick.ask() - tick.bid()) / perBar;
        }
        b.put("time_msc", barTime + t.cfg.serverOffsetSeconds * 1000);
        b.put("utc_ms", barTime);
        b.put("open", a.normalizePrice(open));
        b.put("high", a.normalizePrice(high));
        b.put("low", a.normalizePrice(low));
        b.put("close", a.normalizePrice(close));
        b.put("tick_volume", perBar);
        b.put("spread", (int) Math.round(spread / a.point()));
        b.put("real_volume", 0);
    }
}
