package io.aria.core.testing;

import io.aria.core.AccountSnapshot;
import io.aria.core.AssetCatalog;
import io.aria.core.AssetSpec;
import io.aria.core.CurrencyConverter;
import io.aria.core.KillSwitch;
import io.aria.core.Position;
import io.aria.core.Side;
import io.aria.core.Tick;
import io.aria.core.source.SyntheticTickSource;
import io.aria.core.spi.PortfolioView;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An in-memory {@link PortfolioView} for guard and sizer tests: settable time, equity, net
 * positions and quotes, with a real {@link KillSwitch} and {@link CurrencyConverter}. Like the
 * engine's view, its primitive accessors allocate nothing, and neither do {@link #tick} and
 * {@link #nowMillis(long)}, so an allocation test of a guard measures the guard, not the
 * fixture. ({@link #lastTick} and {@link #account} allocate a new value after a change, as the
 * engine's do on every call.) Positions open at the last mid and are not re-marked.
 *
 * <p>Threading: one thread, like the event loop it stands in for.
 */
public final class TestPortfolioView implements PortfolioView {

    /** Wednesday 2024-01-03 12:00 UTC: every default market is open. */
    public static final long DEFAULT_NOW = Instant.parse("2024-01-03T12:00:00Z").toEpochMilli();

    private final AssetCatalog catalog;
    private final CurrencyConverter converter;
    private final KillSwitch killSwitch;
    private final double[] net;
    private final double[] openPrice;
    private final Tick[] ticks;
    @SuppressWarnings("unchecked")
    private final Optional<Tick>[] lastTicks;
    private long now = DEFAULT_NOW;
    private double balance = 100_000;
    private double equity = 100_000;
    private double startOfDayEquity = 100_000;
    private List<Position> positions = List.of();
    private AccountSnapshot account;
    private boolean accountStale = true;

    /** @param catalog the assets; no symbol is quoted yet */
    @SuppressWarnings("unchecked")
    public TestPortfolioView(AssetCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.converter = new CurrencyConverter(catalog, "USD");
        this.killSwitch = new KillSwitch(new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now);
            }
        });
        this.net = new double[catalog.size()];
        this.openPrice = new double[catalog.size()];
        this.ticks = new Tick[catalog.size()];
        this.lastTicks = new Optional[catalog.size()];
    }

    /**
     * @param catalog the assets
     * @return a view quoting every symbol at its default start price (see
     *     {@link SyntheticTickSource#defaultStartPrice}; 100 for other symbols) with its typical spread
     */
    public static TestPortfolioView withDefaultPrices(AssetCatalog catalog) {
        TestPortfolioView p = new TestPortfolioView(catalog);
        for (AssetSpec s : catalog.specs()) {
            double mid = SyntheticTickSource.defaultStartPrice(s.symbol());
            p.quote(s.symbol(), Double.isNaN(mid) ? 100 : mid);
        }
        return p;
    }

    /**
     * Quotes a symbol at a mid with its typical spread, at the current time.
     *
     * @param symbol catalog symbol
     * @param mid    mid price
     * @return this
     */
    public TestPortfolioView quote(String symbol, double mid) {
        double half = catalog.spec(symbol).typicalSpread() / 2;
        return tick(new Tick(symbol, now, mid - half, mid + half, 0));
    }

    /**
     * Takes a tick as the symbol's last one (and as a conversion rate).
     *
     * @param t a valid tick of a catalog symbol
     * @return this
     */
    public TestPortfolioView tick(Tick t) {
        int i = index(t.symbol());
        ticks[i] = t;
        converter.update(i, t.bid(), t.ask());
        return this;
    }

    /** @param t pipeline time, epoch millis; @return this */
    public TestPortfolioView nowMillis(long t) {
        now = t;
        accountStale = true;
        return this;
    }

    /** @param v equity (balance moves with it); @return this */
    public TestPortfolioView equity(double v) {
        equity = v;
        balance = v;
        accountStale = true;
        return this;
    }

    /** @param v start-of-day equity; @return this */
    public TestPortfolioView startOfDayEquity(double v) {
        startOfDayEquity = v;
        return this;
    }

    /**
     * @param symbol     catalog symbol
     * @param signedLots net lots, positive long, negative short, 0 flat; opened at the last mid
     * @return this
     */
    public TestPortfolioView position(String symbol, double signedLots) {
        int i = index(symbol);
        net[i] = signedLots;
        openPrice[i] = ticks[i] == null ? 1.0 : ticks[i].mid();
        rebuildPositions();
        return this;
    }

    private int index(String symbol) {
        int i = catalog.indexOf(symbol);
        if (i < 0) {
            throw new IllegalArgumentException("symbol " + symbol + " is not in the catalog");
        }
        return i;
    }

    private void rebuildPositions() {
        List<Position> out = new ArrayList<>();
        for (int i = 0; i < net.length; i++) {
            if (net[i] != 0) {
                out.add(new Position(i + 1, catalog.spec(i).symbol(), net[i] > 0 ? Side.BUY : Side.SELL,
                        Math.abs(net[i]), openPrice[i], now, 0, 0, openPrice[i], 0, "kit-" + (i + 1), 0));
            }
        }
        positions = List.copyOf(out);
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
        return balance;
    }

    @Override
    public double startOfDayEquity() {
        return startOfDayEquity;
    }

    @Override
    public AccountSnapshot account() {
        if (accountStale) {
            account = new AccountSnapshot("USD", balance, equity, 0, equity, 100, now);
            accountStale = false;
        }
        return account;
    }

    @Override
    public List<Position> positions() {
        return positions;
    }

    @Override
    public double netVolume(String symbol) {
        int i = catalog.indexOf(symbol);
        return i < 0 ? 0 : net[i];
    }

    @Override
    public Optional<Tick> lastTick(String symbol) {
        int i = catalog.indexOf(symbol);
        if (i < 0 || ticks[i] == null) {
            return Optional.empty();
        }
        Optional<Tick> cached = lastTicks[i];
        if (cached == null || cached.get() != ticks[i]) {
            cached = Optional.of(ticks[i]);
            lastTicks[i] = cached;
        }
        return cached;
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
