package io.aria.risk;

import io.aria.core.AccountSnapshot;
import io.aria.core.AssetCatalog;
import io.aria.core.AssetSpec;
import io.aria.core.CurrencyConverter;
import io.aria.core.KillSwitch;
import io.aria.core.OrderIntent;
import io.aria.core.Position;
import io.aria.core.Side;
import io.aria.core.Tick;
import io.aria.core.spi.PortfolioView;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An in-memory {@link PortfolioView} with settable equity, net positions, last ticks and time. */
final class TestPortfolio implements PortfolioView {

    private final AssetCatalog catalog;
    private final CurrencyConverter converter;
    private final Map<String, Tick> ticks = new HashMap<>();
    private final Map<String, Double> net = new LinkedHashMap<>();
    private final KillSwitch killSwitch;
    private long now;
    private double equity = 100_000;
    private double startOfDayEquity = 100_000;

    TestPortfolio(AssetCatalog catalog) {
        this.catalog = catalog;
        this.converter = new CurrencyConverter(catalog, "USD");
        this.killSwitch = new KillSwitch(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        this.now = Instant.parse("2026-11-24T12:00:00Z").toEpochMilli(); // a Tuesday, every market open
    }

    /** A portfolio over the default catalog with a tick for every symbol at its typical spread. */
    static TestPortfolio withDefaultPrices() {
        TestPortfolio p = new TestPortfolio(AssetCatalog.defaults());
        Map<String, Double> mids = Map.ofEntries(Map.entry("EURUSD", 1.1), Map.entry("GBPUSD", 1.3),
                Map.entry("USDJPY", 150.0), Map.entry("USDCHF", 0.9), Map.entry("AUDUSD", 0.65),
                Map.entry("NZDUSD", 0.6), Map.entry("EURGBP", 0.85), Map.entry("EURJPY", 165.0),
                Map.entry("XAUUSD", 2000.0), Map.entry("XAGUSD", 25.0), Map.entry("USOIL", 75.0),
                Map.entry("UKOIL", 80.0), Map.entry("US30", 40000.0), Map.entry("SPX500", 5000.0),
                Map.entry("NAS100", 18000.0), Map.entry("GER40", 18000.0), Map.entry("UK100", 8000.0),
                Map.entry("BTCUSD", 60000.0), Map.entry("ETHUSD", 3000.0), Map.entry("ADAUSD", 0.5),
                Map.entry("DOTUSD", 7.0));
        for (AssetSpec s : p.catalog.specs()) {
            p.quote(s.symbol(), mids.get(s.symbol()));
        }
        return p;
    }

    /** Quotes a symbol at a mid with its typical spread. */
    TestPortfolio quote(String symbol, double mid) {
        double half = catalog.spec(symbol).typicalSpread() / 2;
        return tick(symbol, mid - half, mid + half);
    }

    TestPortfolio tick(String symbol, double bid, double ask) {
        Tick t = new Tick(symbol, now, bid, ask, 0);
        ticks.put(symbol, t);
        converter.update(t);
        return this;
    }

    TestPortfolio equity(double v) {
        this.equity = v;
        return this;
    }

    TestPortfolio startOfDayEquity(double v) {
        this.startOfDayEquity = v;
        return this;
    }

    TestPortfolio now(Instant t) {
        this.now = t.toEpochMilli();
        return this;
    }

    TestPortfolio nowMillis(long t) {
        this.now = t;
        return this;
    }

    TestPortfolio position(String symbol, double signedLots) {
        if (signedLots == 0) {
            net.remove(symbol);
        } else {
            net.put(symbol, signedLots);
        }
        return this;
    }

    /** Fills an order at the current price: the position changes and equity pays the spread. */
    void fill(OrderIntent intent, double volume) {
        AssetSpec spec = catalog.spec(intent.symbol());
        Tick t = ticks.get(intent.symbol());
        double spread = t == null ? 0 : t.spread();
        equity -= volume * spec.contractSize() * spread * toAccountCurrency(1, spec.quoteCurrency());
        position(intent.symbol(), netVolume(intent.symbol()) + intent.side().sign() * volume);
    }

    @Override
    public AssetCatalog catalog() {
        return catalog;
    }

    @Override
    public long nowMillis() {
        return now;
    }

    @Override
    public String accountCurrency() {
        return "USD";
    }

    @Override
    public double equity() {
        return equity;
    }

    @Override
    public double balance() {
        return equity;
    }

    @Override
    public double startOfDayEquity() {
        return startOfDayEquity;
    }

    @Override
    public AccountSnapshot account() {
        return new AccountSnapshot("USD", equity, equity, 0, equity, 100, now);
    }

    @Override
    public List<Position> positions() {
        List<Position> out = new ArrayList<>();
        long ticket = 1;
        for (Map.Entry<String, Double> e : net.entrySet()) {
            Tick t = ticks.get(e.getKey());
            double price = t == null ? 1.0 : t.mid();
            out.add(new Position(ticket++, e.getKey(), e.getValue() > 0 ? Side.BUY : Side.SELL, Math.abs(e.getValue()),
                    price, now, 0, 0, price, 0, "", 0));
        }
        return out;
    }

    @Override
    public double netVolume(String symbol) {
        return net.getOrDefault(symbol, 0.0);
    }

    @Override
    public Optional<Tick> lastTick(String symbol) {
        return Optional.ofNullable(ticks.get(symbol));
    }

    @Override
    public double toAccountCurrency(double amount, String currency) {
        return converter.toAccount(amount, currency);
    }

    /**
     * The switch itself, not the engage-only view the engine hands out: a test can release it, and
     * a compatibility kit can see a guard that downcasts the view to release it.
     *
     * @return the kill switch
     */
    @Override
    public KillSwitch killSwitch() {
        return killSwitch;
    }
}
