package io.aria.mt5;

import io.aria.core.AccountMode;
import io.aria.core.AccountSnapshot;
import io.aria.core.AssetSpec;
import io.aria.core.CurrencyConverter;
import io.aria.core.Position;
import io.aria.core.Side;
import io.aria.core.Tick;
import io.aria.core.paper.FillModel;
import io.aria.mt5.internal.MalformedMessageException;
import io.aria.mt5.internal.Msg;
import io.aria.mt5.internal.OpenPosition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link Mt5Gateway}'s book: every open position of the account it has seen (of every magic, so
 * the account's equity is right), the latest quotes that mark them, and the account figures.
 * Published as immutable {@link #positions()} (this client's magic only) and {@link #account()}
 * for any thread; everything else runs on the connection's I/O thread.
 */
final class GatewayBook {

    /** Deals remembered so that none is applied twice; older ones are forgotten. */
    static final int MAX_REMEMBERED_DEALS = 100_000;

    private final Mt5Connection conn;
    private final long magic;
    /** Called on the I/O thread each time account fields arrive (the gateway may become ready). */
    private final Runnable onAccount;
    private volatile List<Position> positions = List.of();
    private volatile AccountSnapshot account;
    private final ConcurrentHashMap<String, Tick> lastTicks = new ConcurrentHashMap<>();

    // I/O thread only
    private final Map<Long, OpenPosition> book = new LinkedHashMap<>();
    private final Set<Long> appliedDeals = boundedSet();
    private final Map<String, Tick> quotes = new HashMap<>();
    private CurrencyConverter converter;
    private String currency = "USD";
    private int leverage = 1;
    private double balance;
    private double margin;
    private boolean accountKnown;
    private boolean currencyKnown;

    GatewayBook(Mt5Connection conn, long magic, Runnable onAccount) {
        this.conn = conn;
        this.magic = magic;
        this.onAccount = onAccount;
    }

    /** @return a set of deal tickets that keeps the latest {@link #MAX_REMEMBERED_DEALS} */
    static Set<Long> boundedSet() {
        return java.util.Collections.newSetFromMap(new LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                return size() > MAX_REMEMBERED_DEALS;
            }
        });
    }

    List<Position> positions() {
        return positions;
    }

    /** @return the account as last published, or null before the terminal reported it */
    AccountSnapshot account() {
        return account;
    }

    boolean currencyKnown() {
        return currencyKnown;
    }

    OpenPosition get(long ticket) {
        return book.get(ticket);
    }

    Collection<OpenPosition> all() {
        return book.values();
    }

    Tick quote(String symbol) {
        return quotes.get(symbol);
    }

    /** @return the last tick applied for a catalog symbol, or null; any thread */
    Tick lastTick(String symbol) {
        return lastTicks.get(symbol);
    }

    boolean netting() {
        return conn.session().map(s -> s.accountMode() == AccountMode.NETTING).orElse(false);
    }

    /** The magic of the position a deal belongs to: the book's (before the deal changes it), else the deal's. */
    long magicOf(Deal d) {
        OpenPosition p = book.get(d.position());
        return p != null ? p.magic : d.magic();
    }

    /** A deal seen in a snapshot already: its event must not be applied again. */
    void markApplied(long deal) {
        appliedDeals.add(deal);
    }

    /** A (new) session's account currency: the converter is rebuilt and fed the quotes known so far. */
    void onSession(Mt5Session session) {
        if (converter == null || !session.currency().equals(converter.accountCurrency())) {
            converter = new CurrencyConverter(conn.catalog(), session.currency());
            for (Tick t : quotes.values()) {
                int i = conn.catalog().indexOf(t.symbol());
                if (i >= 0) {
                    converter.update(i, t.bid(), t.ask());
                }
            }
        }
    }

    /** A tick of a traded symbol: marks positions and feeds the currency converter. */
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

    /** Replaces the book with a positions snapshot (the terminal is the truth) and publishes it. */
    void replaceAll(List<Position> list) {
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
        publish();
    }

    /** A successful SL/TP change of a position in the book. */
    void modified(long ticket, double stopLoss, double takeProfit) {
        OpenPosition b = book.get(ticket);
        if (b != null) {
            b.sl = stopLoss;
            b.tp = takeProfit;
            publish();
        }
    }

    /**
     * Applies a deal to the book once (by deal ticket): opens, adds to, reduces, closes or flips a
     * position; {@code positionVolumeAfter} (from a trade event, -1 when unknown) wins over the sum.
     */
    void applyDeal(long deal, long ticket, String symbol, Side side, double vol, double price,
            double positionVolumeAfter, double sl, double tp, String cid, long magic, long utc) {
        if (deal > 0 && !appliedDeals.add(deal)) {
            return;
        }
        OpenPosition p = book.get(ticket);
        if (p == null && netting()) {
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
            change(p, side, vol, price, positionVolumeAfter);
        }
        publish();
    }

    private void change(OpenPosition p, Side side, double vol, double price, double positionVolumeAfter) {
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

    /** Publishes the book and the account, marking positions at the latest quotes. */
    void publish() {
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

    /** Takes the account fields of a reply or event (balance, margin, ...) when it has them. */
    void applyAccount(Msg m) {
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
            onAccount.run();
        } catch (MalformedMessageException | IllegalArgumentException e) {
            conn.badMessage("account fields", e.getMessage());
        }
    }
}
