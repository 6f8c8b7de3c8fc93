package io.aria.core.internal;

import io.aria.core.AccountSnapshot;
import io.aria.core.AssetCatalog;
import io.aria.core.AssetSpec;
import io.aria.core.ClosedTrade;
import io.aria.core.CurrencyConverter;
import io.aria.core.Decision;
import io.aria.core.EngageOnlyKillSwitch;
import io.aria.core.KillSwitch;
import io.aria.core.Position;
import io.aria.core.Side;
import io.aria.core.Tick;
import io.aria.core.spi.OrderGateway;
import io.aria.core.spi.PortfolioView;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The book as the engine sees it: the last quote of each symbol, the positions and account the
 * gateway reports (the broker is the truth, re-read by {@link #sync}), their marks (unrealised
 * profit, equity), the start-of-day equity, each open side's price extremes (MAE and MFE of the
 * trade it closes), and the pipeline's time. It is the {@link PortfolioView} sizers and guards
 * read. Per-symbol state lives in primitive arrays indexed by catalog index: marking a tick
 * allocates nothing.
 *
 * <p>Not safe for use from multiple threads: only the loop thread calls it, except
 * {@link #publishedTime}, which any thread may read.
 */
final class Portfolio implements PortfolioView {

    private static final long DAY_MILLIS = 86_400_000L;
    private static final double EPS = 1e-9;

    private final AssetCatalog catalog;
    private final OrderGateway gateway;
    private final KillSwitch killSwitch;
    private final Clock clock;
    private final AtomicLong publishedTime = new AtomicLong();
    private CurrencyConverter converter;

    private final int n;
    private final boolean[] hasTick;
    private final long[] lastTime;
    private final double[] bid;
    private final double[] ask;
    private final boolean[] quoteIsAccount;
    private final double[] longVol;
    private final double[] longAvg;
    private final double[] shortVol;
    private final double[] shortAvg;
    private final double[] prevLongVol;
    private final double[] prevShortVol;
    private final double[] unrealised;
    // price extremes since the long / short side of a symbol opened: MAE and MFE, no allocation per tick
    private final double[] longLow;
    private final double[] longHigh;
    private final double[] shortLow;
    private final double[] shortHigh;

    private List<Position> positions = List.of();
    /** Positions that left the book lately, by ticket, so a close reported after a re-read still finds its entry. */
    private final Map<Long, Position> recentlyClosed = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Position> e) {
            return size() > 1024;
        }
    };
    private String accountCurrency;
    private int leverage;
    private boolean accountReady;
    private double balance;
    private double margin;
    private double unrealisedTotal;
    private double startOfDayEquity;
    private long currentDay = Long.MIN_VALUE;
    private long nowMillis;

    Portfolio(AssetCatalog catalog, OrderGateway gateway, KillSwitch killSwitch, Clock clock) {
        this.catalog = catalog;
        this.gateway = gateway;
        this.killSwitch = killSwitch;
        this.clock = clock;
        this.n = catalog.size();
        hasTick = new boolean[n];
        lastTime = new long[n];
        bid = new double[n];
        ask = new double[n];
        quoteIsAccount = new boolean[n];
        longVol = new double[n];
        longAvg = new double[n];
        shortVol = new double[n];
        shortAvg = new double[n];
        prevLongVol = new double[n];
        prevShortVol = new double[n];
        unrealised = new double[n];
        longLow = new double[n];
        longHigh = new double[n];
        shortLow = new double[n];
        shortHigh = new double[n];
        // until the gateway reports the real account, a neutral placeholder only fills the view: no order goes
        setAccount(knownAccount());
    }

    // ------------------------------------------------------------------ account

    /**
     * @return the gateway's account, or an empty placeholder while a live gateway cannot report one
     *     yet (before its handshake it throws rather than invent an account): nothing is traded on it
     */
    private AccountSnapshot knownAccount() {
        try {
            return gateway.account();
        } catch (IllegalStateException e) {
            String currency = accountCurrency != null ? accountCurrency : "USD";
            return new AccountSnapshot(currency, balance, balance, margin, balance - margin, Math.max(1, leverage),
                    clock.millis());
        }
    }

    private void setAccount(AccountSnapshot acc) {
        this.accountCurrency = acc.currency();
        this.leverage = acc.leverage();
        this.balance = acc.balance();
        this.margin = acc.margin();
        this.startOfDayEquity = acc.equity();
        this.converter = new CurrencyConverter(catalog, accountCurrency);
        for (int i = 0; i < n; i++) {
            AssetSpec s = catalog.spec(i);
            quoteIsAccount[i] = s.quoteCurrency().equals(accountCurrency);
            if (hasTick[i]) {
                converter.update(i, bid[i], ask[i]);
            }
        }
    }

    /**
     * The gateway reported the real account: currency, leverage and balance come from it, the book
     * is re-read, and orders may go from now on.
     */
    void accountReady(AccountSnapshot acc) {
        setAccount(acc);
        accountReady = true;
        sync();
        if (hasAnyTick()) {
            startOfDayEquity = equity();
        }
    }

    /** @return whether the gateway has reported the account (orders are refused until then) */
    boolean isAccountReady() {
        return accountReady;
    }

    private boolean hasAnyTick() {
        for (int i = 0; i < n; i++) {
            if (hasTick[i]) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ ticks

    /** @return whether a tick at {@code epochMillis} would go back in the symbol's time */
    boolean goesBackwards(int i, long epochMillis) {
        return hasTick[i] && epochMillis < lastTime[i];
    }

    /** Takes an accepted tick's quote and moves the pipeline's time forward to it. */
    void quote(int i, Tick t) {
        long time = t.epochMillis();
        hasTick[i] = true;
        lastTime[i] = time;
        bid[i] = t.bid();
        ask[i] = t.ask();
        converter.update(i, t.bid(), t.ask());
        if (time > nowMillis) {
            nowMillis = time;
            publishedTime.lazySet(time);
        }
    }

    /**
     * @return whether the pipeline's time entered a new UTC day; the start-of-day equity is then
     *     the equity now (before the current tick's mark)
     */
    boolean rollDay() {
        long day = Math.floorDiv(nowMillis, DAY_MILLIS);
        if (day == currentDay) {
            return false;
        }
        currentDay = day;
        startOfDayEquity = equity();
        return true;
    }

    /** Marks the symbol at its quote and widens its open sides' price extremes (primitive, no allocation). */
    void mark(int i) {
        markSymbol(i);
        trackExcursion(i);
    }

    private void trackExcursion(int i) {
        if (longVol[i] > EPS) {
            double b = bid[i];
            if (!(b >= longLow[i])) {
                longLow[i] = b;
            }
            if (!(b <= longHigh[i])) {
                longHigh[i] = b;
            }
        }
        if (shortVol[i] > EPS) {
            double a = ask[i];
            if (!(a >= shortLow[i])) {
                shortLow[i] = a;
            }
            if (!(a <= shortHigh[i])) {
                shortHigh[i] = a;
            }
        }
    }

    private void markSymbol(int i) {
        double u = 0;
        if (longVol[i] != 0 || shortVol[i] != 0) { // a flat symbol's mark is 0 whatever its rate
            u = openProfit(i);
        }
        if (Double.isNaN(u)) {
            u = 0; // no conversion rate yet: count the position at zero until one arrives
        }
        unrealisedTotal += u - unrealised[i];
        unrealised[i] = u;
    }

    private double openProfit(int i) {
        double rate = rate(i);
        double u = 0;
        AssetSpec s = catalog.spec(i);
        if (longVol[i] != 0) {
            u += s.profit(Side.BUY, longVol[i], longAvg[i], bid[i]) * rate;
        }
        if (shortVol[i] != 0) {
            u += s.profit(Side.SELL, shortVol[i], shortAvg[i], ask[i]) * rate;
        }
        return u;
    }

    /** @return the rate from the symbol's quote currency to the account currency (NaN when unknown yet) */
    double rate(int i) {
        if (quoteIsAccount[i]) {
            return 1.0;
        }
        return converter.quoteRate(i);
    }

    /** @return the price an order of this side would get now (ask to buy, bid to sell), 0 before a quote */
    double priceFor(int i, Side side) {
        return side == Side.BUY ? ask[i] : bid[i];
    }

    /** @return the symbol's net volume in lots, long minus short */
    double net(int i) {
        return longVol[i] - shortVol[i];
    }

    // ------------------------------------------------------------------ positions

    /** Re-reads the gateway's book: the broker is the truth for positions, balance and margin. */
    void sync() {
        List<Position> ps = gateway.positions();
        System.arraycopy(longVol, 0, prevLongVol, 0, n);
        System.arraycopy(shortVol, 0, prevShortVol, 0, n);
        Arrays.fill(longVol, 0);
        Arrays.fill(longAvg, 0);
        Arrays.fill(shortVol, 0);
        Arrays.fill(shortAvg, 0);
        for (Position p : ps) {
            int i = catalog.indexOf(p.symbol());
            if (i < 0) {
                continue;
            }
            if (p.side() == Side.BUY) {
                longAvg[i] = (longAvg[i] * longVol[i] + p.openPrice() * p.volume()) / (longVol[i] + p.volume());
                longVol[i] += p.volume();
            } else {
                shortAvg[i] = (shortAvg[i] * shortVol[i] + p.openPrice() * p.volume()) / (shortVol[i] + p.volume());
                shortVol[i] += p.volume();
            }
        }
        List<Position> before = positions;
        positions = List.copyOf(ps);
        if (!before.isEmpty()) {
            for (Position p : before) {
                if (position(p.ticket()) == null) {
                    recentlyClosed.put(p.ticket(), p); // its closing deal may be reported after this re-read
                }
            }
        }
        AccountSnapshot acc = accountReady ? gateway.account() : knownAccount();
        balance = acc.balance();
        margin = acc.margin();
        for (int i = 0; i < n; i++) {
            startExcursions(i);
            if (hasTick[i]) {
                markSymbol(i);
            } else {
                unrealisedTotal -= unrealised[i];
                unrealised[i] = 0;
            }
        }
    }

    /** A side that opened with the last re-read starts its price extremes now. */
    private void startExcursions(int i) {
        if (prevLongVol[i] <= EPS && longVol[i] > EPS) {
            longLow[i] = Double.NaN;
            longHigh[i] = Double.NaN;
            if (hasTick[i]) {
                longLow[i] = Math.min(bid[i], longAvg[i]);
                longHigh[i] = Math.max(bid[i], longAvg[i]);
            }
        }
        if (prevShortVol[i] <= EPS && shortVol[i] > EPS) {
            shortLow[i] = Double.NaN;
            shortHigh[i] = Double.NaN;
            if (hasTick[i]) {
                shortLow[i] = Math.min(ask[i], shortAvg[i]);
                shortHigh[i] = Math.max(ask[i], shortAvg[i]);
            }
        }
    }

    /** @return the open position with this ticket, or null */
    Position position(long ticket) {
        for (Position p : positions) {
            if (p.ticket() == ticket) {
                return p;
            }
        }
        return null;
    }

    /** @return an open position, or one that left the book lately (its close may still be reported) */
    Position knownPosition(long ticket) {
        Position p = position(ticket);
        return p != null ? p : recentlyClosed.get(ticket);
    }

    /** @return profit of closing {@code lots} of a position at a price, in the account currency (0 when unknown) */
    double closeProfit(int i, Position pos, double lots, double price) {
        double v = catalog.spec(i).profit(pos.side(), lots, pos.openPrice(), price) * rate(i);
        return Double.isFinite(v) ? v : 0;
    }

    /**
     * The closed trade of a closing deal, with its MAE and MFE from the side's price extremes.
     *
     * @param entry the decision that opened the symbol's trade, or null
     */
    ClosedTrade closedTrade(int i, Position pos, double lots, double exitPrice, long exitMillis, double profit,
            ClosedTrade.ExitReason reason, String closingOrderId, Decision entry) {
        double open = pos.openPrice();
        boolean isLong = pos.side() == Side.BUY;
        double low = Math.min(nanTo(isLong ? longLow[i] : shortLow[i], exitPrice), exitPrice);
        double high = Math.max(nanTo(isLong ? longHigh[i] : shortHigh[i], exitPrice), exitPrice);
        double adverse = isLong ? open - low : high - open;
        double favourable = isLong ? high - open : open - low;
        AssetSpec spec = catalog.spec(i);
        double mae = spec.notional(lots, Math.max(0, adverse)) * rate(i);
        double mfe = spec.notional(lots, Math.max(0, favourable)) * rate(i);
        long entryMillis = pos.openEpochMillis();
        long exit = Math.max(exitMillis, entryMillis);
        return new ClosedTrade(pos.symbol(), pos.side(), pos.ticket(), lots, entryMillis, open, exit,
                exitPrice > 0 ? exitPrice : open, Double.isFinite(profit) ? profit : 0, exit - entryMillis,
                Double.isFinite(mae) ? mae : 0, Double.isFinite(mfe) ? mfe : 0, reason, lots < pos.volume() - EPS,
                closingOrderId, entry != null && entry.symbol().equals(pos.symbol()) ? entry : null);
    }

    private static double nanTo(double v, double fallback) {
        return Double.isNaN(v) ? fallback : v;
    }

    /** @return the open positions, each marked at its symbol's last quote (for a snapshot) */
    List<Position> markedPositions() {
        List<Position> marked = new ArrayList<>(positions.size());
        for (Position p : positions) {
            int i = catalog.indexOf(p.symbol());
            if (i < 0 || !hasTick[i]) {
                marked.add(p);
                continue;
            }
            double price = priceFor(i, p.side().opposite());
            double pnl = catalog.spec(i).profit(p.side(), p.volume(), p.openPrice(), price) * rate(i);
            marked.add(new Position(p.ticket(), p.symbol(), p.side(), p.volume(), p.openPrice(), p.openEpochMillis(),
                    p.stopLoss(), p.takeProfit(), price, Double.isFinite(pnl) ? pnl : 0, p.clientOrderId(),
                    p.magic()));
        }
        return marked;
    }

    // ------------------------------------------------------------------ time

    /** @return the last tick's time, or the clock's before the first tick */
    long now() {
        return nowMillis != 0 ? nowMillis : clock.millis();
    }

    /** @return the last tick's time, 0 before the first */
    long lastTickMillis() {
        return nowMillis;
    }

    /** @return the pipeline's time as last published by the loop; safe to read from any thread */
    long publishedTime() {
        long t = publishedTime.get();
        return t != 0 ? t : clock.millis();
    }

    // ------------------------------------------------------------------ PortfolioView

    @Override
    public AssetCatalog catalog() {
        return catalog;
    }

    @Override
    public long nowMillis() {
        return now();
    }

    @Override
    public String accountCurrency() {
        return accountCurrency;
    }

    @Override
    public double equity() {
        return balance + unrealisedTotal;
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
        double eq = equity();
        return new AccountSnapshot(accountCurrency, balance, eq, margin, eq - margin, leverage, now());
    }

    @Override
    public List<Position> positions() {
        return positions;
    }

    @Override
    public double netVolume(String symbol) {
        int i = catalog.indexOf(symbol);
        return i < 0 ? 0 : net(i);
    }

    @Override
    public Optional<Tick> lastTick(String symbol) {
        int i = catalog.indexOf(symbol);
        if (i < 0 || !hasTick[i]) {
            return Optional.empty();
        }
        return Optional.of(new Tick(symbol, lastTime[i], bid[i], ask[i], 0));
    }

    @Override
    public double toAccountCurrency(double amount, String currency) {
        return converter.toAccount(amount, currency);
    }

    @Override
    public EngageOnlyKillSwitch killSwitch() {
        return killSwitch.engageOnly(); // not the switch itself: a plug-in cannot downcast it to release
    }
}
