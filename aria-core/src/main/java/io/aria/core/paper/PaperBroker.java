package io.aria.core.paper;

import io.aria.core.AccountSnapshot;
import io.aria.core.AssetCatalog;
import io.aria.core.AssetSpec;
import io.aria.core.CurrencyConverter;
import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.OrderRequest;
import io.aria.core.Position;
import io.aria.core.Side;
import io.aria.core.Tick;
import io.aria.core.TradeEvent;
import io.aria.core.TradeReturnCode;
import io.aria.core.spi.OrderGateway;
import io.aria.core.spi.TradeEventListener;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated broker: fills market orders against the ticks it is shown, with the rules of a
 * {@link FillModel}, and keeps balance, equity, margin and positions marked to market.
 *
 * <ul>
 *   <li><b>Fills.</b> Without latency an order fills (or is rejected) against the symbol's current
 *       tick inside {@link #submit}, and the returned stage is already complete. With latency
 *       {@code L} it fills against the first tick of its symbol whose time is at or after the
 *       submit time + {@code L}; the times are simulated (tick) times, so runs repeat.</li>
 *   <li><b>Time.</b> "Now" is the builder's {@link Clock}; by default it is the time of the latest
 *       tick the broker has seen, which keeps replays deterministic.</li>
 *   <li><b>Accounts.</b> Netting: one position per symbol, an opposite order reduces, closes or
 *       reverses it. Hedging: each fill opens its own position unless
 *       {@link OrderRequest#positionTicket()} names the position to reduce or close.</li>
 *   <li><b>Stops.</b> On each tick, a long closes when bid &lt;= SL or bid &gt;= TP, a short when
 *       ask &gt;= SL or ask &lt;= TP, at the market price (a gap fills beyond the stop). When
 *       equity / margin &times; 100 falls to the stop-out level, the most losing position is closed
 *       until the level is restored. Each close goes to the {@link TradeEventListener}.</li>
 *   <li><b>Money.</b> Profit is converted into the account currency with a
 *       {@link CurrencyConverter} the broker updates from its own ticks. A position's margin is
 *       fixed when it opens (notional at the fill price in the account currency / leverage).
 *       Commission per lot is charged on every deal, in and out, from the balance.</li>
 *   <li><b>Ids.</b> Submitting a client order id again returns the first outcome and never trades
 *       again (the broker remembers the last 10,000 ids). Order, deal and position tickets
 *       increase monotonically; a position's ticket is the ticket of the order that opened it.</li>
 * </ul>
 *
 * <p>Threads: {@link #onTick} and {@link #submit} are meant for the pipeline's event loop; they
 * are serialised by a lock, so other threads may call them too. Trade events and delayed
 * completions are delivered on the thread that called {@link #onTick}, outside the lock.
 * {@link #positions()} and {@link #account()} may be called from any thread and return immutable
 * snapshots, rebuilt only when something changed since the last read.
 */
public final class PaperBroker implements OrderGateway {

    private static final Logger LOG = LoggerFactory.getLogger(PaperBroker.class);
    private static final double EPS = 1e-9;
    private static final int REMEMBERED_IDS = 10_000;

    private final AssetCatalog catalog;
    private final String currency;
    private final int leverage;
    private final boolean hedging;
    private final FillModel fillModel;
    private final double commissionPerLot;
    private final double stopOutLevelPercent;
    private final Clock clock;
    private final CurrencyConverter converter;

    // guarded by this
    private final Tick[] lastTicks;
    private long lastTickMillis = Long.MIN_VALUE;
    private double balance;
    private final List<Book> open = new ArrayList<>();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final Map<String, CompletableFuture<ExecutionReport>> outcomes =
            new LinkedHashMap<>(256, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<ExecutionReport>> e) {
                    return size() > REMEMBERED_IDS;
                }
            };
    private final List<TradeEvent> outbox = new ArrayList<>();
    private final List<Runnable> completions = new ArrayList<>();
    private long nextTicket = 1;
    private long nextDeal = 1;
    private boolean closed;

    private volatile TradeEventListener listener = e -> { };
    private volatile boolean dirty = true;
    private volatile List<Position> positionsView = List.of();
    private volatile AccountSnapshot accountView;

    /** A position as the broker books it. */
    private static final class Book {
        final long ticket;
        final int symbolIndex;
        final AssetSpec spec;
        final Side side;
        final long openMillis;
        final String clientOrderId;
        final long magic;
        double volume;
        double openPrice;
        double stopLoss;
        double takeProfit;
        double margin;
        double currentPrice;
        double profit;

        Book(long ticket, int symbolIndex, AssetSpec spec, Side side, double volume, double openPrice, long openMillis,
                double stopLoss, double takeProfit, double margin, String clientOrderId, long magic) {
            this.ticket = ticket;
            this.symbolIndex = symbolIndex;
            this.spec = spec;
            this.side = side;
            this.volume = volume;
            this.openPrice = openPrice;
            this.openMillis = openMillis;
            this.stopLoss = stopLoss;
            this.takeProfit = takeProfit;
            this.margin = margin;
            this.clientOrderId = clientOrderId;
            this.magic = magic;
            this.currentPrice = openPrice;
        }

        Position toPosition() {
            return new Position(ticket, spec.symbol(), side, volume, openPrice, openMillis, stopLoss, takeProfit,
                    currentPrice, profit, clientOrderId, magic);
        }
    }

    /** An order waiting for its simulated latency to pass. */
    private record Pending(OrderRequest request, int symbolIndex, long submitMillis, long dueMillis,
            CompletableFuture<ExecutionReport> future) {
    }

    private PaperBroker(Builder b) {
        this.catalog = b.catalog;
        this.currency = b.accountCurrency;
        this.leverage = b.leverage;
        this.hedging = b.hedging;
        this.fillModel = b.fillModel;
        this.commissionPerLot = b.commissionPerLot;
        this.stopOutLevelPercent = b.stopOutLevelPercent;
        this.clock = b.clock;
        this.converter = new CurrencyConverter(catalog, currency);
        this.lastTicks = new Tick[catalog.size()];
        this.balance = b.startingBalance;
    }

    /** @return a builder with the defaults: 21-asset catalog, 100,000 USD, 1:100, netting */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ OrderGateway

    /**
     * Fills, rejects or queues the order; never throws. A {@code null} request gives a failed
     * stage (there is no id to report on).
     */
    @Override
    public CompletionStage<ExecutionReport> submit(OrderRequest request) {
        if (request == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("request must not be null"));
        }
        CompletableFuture<ExecutionReport> future;
        synchronized (this) {
            CompletableFuture<ExecutionReport> first = outcomes.get(request.clientOrderId());
            if (first != null) {
                return first.copy();
            }
            long now = now();
            try {
                future = accept(request, now);
            } catch (RuntimeException e) {
                LOG.warn("paper order {} failed: {}", request.clientOrderId(), e.toString());
                future = CompletableFuture.completedFuture(ExecutionReport.notFilled(request, ExecutionStatus.ERROR,
                        TradeReturnCode.ERROR, "paper broker error: " + e, 0, now));
            }
            outcomes.put(request.clientOrderId(), future);
        }
        deliver();
        return future.copy();
    }

    private CompletableFuture<ExecutionReport> accept(OrderRequest request, long now) {
        if (closed) {
            return CompletableFuture.completedFuture(ExecutionReport.notFilled(request, ExecutionStatus.ERROR,
                    TradeReturnCode.CONNECTION, "paper broker is closed", 0, now));
        }
        int index = catalog.indexOf(request.symbol());
        long latency = index < 0 ? 0 : fillModel.nextLatencyMillis();
        if (latency == 0) {
            return CompletableFuture.completedFuture(execute(request, now, 0));
        }
        CompletableFuture<ExecutionReport> f = new CompletableFuture<>();
        pending.add(new Pending(request, index, now, now + latency, f));
        return f;
    }

    /**
     * Marks positions to market, fills orders whose latency has passed, and applies SL/TP and
     * stop-out. Ticks of unknown symbols and ticks with unusable prices are ignored.
     */
    @Override
    public void onTick(Tick tick) {
        if (tick == null) {
            return;
        }
        synchronized (this) {
            int i = catalog.indexOf(tick.symbol());
            if (closed || i < 0 || tick.checkValues() != null) {
                return;
            }
            lastTicks[i] = tick;
            converter.update(i, tick.bid(), tick.ask());
            lastTickMillis = Math.max(lastTickMillis, tick.epochMillis());
            if (!pending.isEmpty()) {
                fillDue(i, tick);
            }
            if (!open.isEmpty()) {
                markAll();
                triggerStops(i, tick);
                stopOut(tick.epochMillis());
                dirty = true;
            }
        }
        deliver();
    }

    /**
     * Changes an open position's stops. Answers {@code POSITION_CLOSED} when the position is not
     * open, {@code INVALID_STOPS} when a stop is not finite, negative, or on the wrong side of the
     * price the position is marked at (a long's stop-loss below the bid and take-profit above it,
     * a short's the other way round), else {@code DONE}; the new stops trigger from the next tick.
     */
    @Override
    public CompletionStage<Integer> modify(long positionTicket, double stopLoss, double takeProfit) {
        int code;
        synchronized (this) {
            Book p = closed ? null : find(positionTicket);
            if (p == null) {
                code = TradeReturnCode.POSITION_CLOSED;
            } else if (!validStop(stopLoss) || !validStop(takeProfit)) {
                code = TradeReturnCode.INVALID_STOPS;
            } else {
                Tick t = lastTicks[p.symbolIndex];
                double mark = t == null ? p.currentPrice : p.side == Side.BUY ? t.bid() : t.ask();
                boolean wrongSide = p.side == Side.BUY
                        ? (stopLoss > 0 && stopLoss >= mark) || (takeProfit > 0 && takeProfit <= mark)
                        : (stopLoss > 0 && stopLoss <= mark) || (takeProfit > 0 && takeProfit >= mark);
                if (wrongSide) {
                    code = TradeReturnCode.INVALID_STOPS;
                } else {
                    p.stopLoss = stopLoss;
                    p.takeProfit = takeProfit;
                    dirty = true;
                    code = TradeReturnCode.DONE;
                }
            }
        }
        return CompletableFuture.completedFuture(code);
    }

    private static boolean validStop(double v) {
        return v >= 0 && Double.isFinite(v);
    }

    @Override
    public void setTradeEventListener(TradeEventListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public List<Position> positions() {
        if (dirty) {
            publish();
        }
        return positionsView;
    }

    @Override
    public AccountSnapshot account() {
        if (dirty) {
            publish();
        }
        return accountView;
    }

    @Override
    public String name() {
        return "paper";
    }

    /**
     * @return how this broker's execution latency comes about, for reports that must not print
     *     a simulated delay as a measurement: {@code "paper broker, latency " +}
     *     {@link LatencyModel#describe()}, for example {@code "paper broker, latency none (instant
     *     fills)"}; pass it to {@code HedgeFundAnalytics.Builder.executionModel}
     */
    public String executionModel() {
        return "paper broker, latency " + fillModel.describeLatency();
    }

    /** Cancels orders still waiting for their latency (REJECTED, {@code CANCEL}); idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            long now = now();
            for (Pending p : pending) {
                ExecutionReport r = ExecutionReport.notFilled(p.request(), ExecutionStatus.REJECTED,
                        TradeReturnCode.CANCEL, "paper broker closed before the order's latency passed",
                        Math.max(0, now - p.submitMillis()) * 1_000_000L, now);
                completions.add(() -> p.future().complete(r));
            }
            pending.clear();
        }
        deliver();
    }

    /** @return whether this broker keeps one position per order (hedging) rather than one per symbol */
    public boolean hedging() {
        return hedging;
    }

    // ------------------------------------------------------------------ execution (under the lock)

    private long now() {
        if (clock != null) {
            return clock.millis();
        }
        return lastTickMillis == Long.MIN_VALUE ? 0 : lastTickMillis;
    }

    private void fillDue(int symbolIndex, Tick tick) {
        for (Iterator<Pending> it = pending.iterator(); it.hasNext();) {
            Pending p = it.next();
            if (p.symbolIndex() != symbolIndex || tick.epochMillis() < p.dueMillis()) {
                continue;
            }
            it.remove();
            ExecutionReport r;
            try {
                markAll();
                r = execute(p.request(), tick.epochMillis(), (tick.epochMillis() - p.submitMillis()) * 1_000_000L);
            } catch (RuntimeException e) {
                LOG.warn("paper order {} failed: {}", p.request().clientOrderId(), e.toString());
                r = ExecutionReport.notFilled(p.request(), ExecutionStatus.ERROR, TradeReturnCode.ERROR,
                        "paper broker error: " + e, 0, tick.epochMillis());
            }
            ExecutionReport report = r;
            completions.add(() -> p.future().complete(report));
        }
    }

    private ExecutionReport execute(OrderRequest request, long now, long latencyNanos) {
        int index = catalog.indexOf(request.symbol());
        AssetSpec spec = index < 0 ? null : catalog.spec(index);
        Tick tick = index < 0 ? null : lastTicks[index];
        Book target = null;
        if (request.positionTicket() > 0) {
            target = find(request.positionTicket());
            if (target == null || target.symbolIndex != index) {
                return reject(request, TradeReturnCode.POSITION_CLOSED, "position " + request.positionTicket()
                        + " of " + request.symbol() + " is not open", latencyNanos, now);
            }
            if (target.side == request.side()) {
                return reject(request, TradeReturnCode.INVALID, "an order closing " + target.side + " position "
                        + target.ticket + " must be " + target.side.opposite() + ", was " + request.side(),
                        latencyNanos, now);
            }
            if (request.volume() > target.volume + EPS) {
                return reject(request, TradeReturnCode.INVALID_VOLUME, "volume closing position " + target.ticket
                        + " must be at most " + target.volume + ", was " + request.volume(), latencyNanos, now);
            }
        } else if (!hedging && index >= 0) {
            target = nettingPosition(index);
        }
        double offset = target != null && target.side != request.side() ? target.volume : 0;
        markAll();
        double equity = equity();
        FillModel.Account account = new FillModel.Account(balance, equity, equity - margin(), leverage, converter);
        FillModel.Outcome outcome = fillModel.execute(request, tick, spec, account, offset, now);
        if (outcome instanceof FillModel.Rejected rejected) {
            return reject(request, rejected.returnCode(), rejected.message(), latencyNanos, now);
        }
        FillModel.Filled fill = (FillModel.Filled) outcome;
        long orderTicket = nextTicket++;
        long dealTicket = nextDeal++;
        double volume = fill.volume();
        balance -= commissionPerLot * volume;
        long positionTicket;
        if (target != null && target.side != request.side()) {
            double closing = Math.min(volume, target.volume);
            realise(target, closing, fill.price());
            double rest = lots(volume - closing);
            if (rest > 0) {
                open.add(new Book(orderTicket, index, spec, request.side(), rest, fill.price(), now,
                        request.stopLoss(), request.takeProfit(), fill.margin(), request.clientOrderId(),
                        request.magic()));
                positionTicket = orderTicket;
            } else {
                positionTicket = target.ticket;
            }
        } else if (target != null) {
            double total = lots(target.volume + volume);
            // the volume-weighted average, not rounded to the digits, so profit stays exact
            target.openPrice = (target.openPrice * target.volume + fill.price() * volume) / total;
            target.volume = total;
            target.margin += fill.margin();
            if (request.stopLoss() > 0) {
                target.stopLoss = request.stopLoss();
            }
            if (request.takeProfit() > 0) {
                target.takeProfit = request.takeProfit();
            }
            positionTicket = target.ticket;
        } else {
            open.add(new Book(orderTicket, index, spec, request.side(), volume, fill.price(), now,
                    request.stopLoss(), request.takeProfit(), fill.margin(), request.clientOrderId(), request.magic()));
            positionTicket = orderTicket;
        }
        markAll();
        dirty = true;
        ExecutionStatus status = fill.partial() ? ExecutionStatus.PARTIALLY_FILLED : ExecutionStatus.FILLED;
        return new ExecutionReport(request.clientOrderId(), request.symbol(), request.side(), status, orderTicket,
                dealTicket, positionTicket, request.volume(), volume, request.requestedPrice(), fill.price(),
                fill.slippage(), latencyNanos, fill.returnCode(), TradeReturnCode.describe(fill.returnCode()), now);
    }

    private static ExecutionReport reject(OrderRequest request, int code, String message, long latencyNanos,
            long now) {
        return ExecutionReport.notFilled(request, ExecutionStatus.REJECTED, code, message, latencyNanos, now);
    }

    /** Books the profit of closing {@code lots} of a position and shrinks or removes it. */
    private double realise(Book p, double lots, double price) {
        double profit = finiteOrZero(FillModel.profit(p.spec, p.side, lots, p.openPrice, price, converter), p);
        balance += profit;
        double remaining = lots(p.volume - lots);
        if (remaining <= 0) {
            open.remove(p);
        } else {
            p.margin *= remaining / p.volume;
            p.volume = remaining;
        }
        dirty = true;
        return profit;
    }

    /** Closes a whole position at the market on the broker's side and queues its trade event. */
    private void closeByBroker(Book p, TradeEvent.Kind kind, long epochMillis) {
        double price = p.currentPrice;
        double lots = p.volume;
        balance -= commissionPerLot * lots;
        double profit = realise(p, lots, price);
        outbox.add(new TradeEvent(kind, p.spec.symbol(), p.ticket, nextDeal++, p.side.opposite(), lots, price, profit,
                p.clientOrderId, epochMillis));
    }

    private void triggerStops(int symbolIndex, Tick tick) {
        for (int k = open.size() - 1; k >= 0; k--) {
            Book p = open.get(k);
            if (p.symbolIndex != symbolIndex) {
                continue;
            }
            TradeEvent.Kind kind = null;
            if (p.side == Side.BUY) {
                if (p.stopLoss > 0 && tick.bid() <= p.stopLoss) {
                    kind = TradeEvent.Kind.STOP_LOSS;
                } else if (p.takeProfit > 0 && tick.bid() >= p.takeProfit) {
                    kind = TradeEvent.Kind.TAKE_PROFIT;
                }
            } else {
                if (p.stopLoss > 0 && tick.ask() >= p.stopLoss) {
                    kind = TradeEvent.Kind.STOP_LOSS;
                } else if (p.takeProfit > 0 && tick.ask() <= p.takeProfit) {
                    kind = TradeEvent.Kind.TAKE_PROFIT;
                }
            }
            if (kind != null) {
                closeByBroker(p, kind, tick.epochMillis());
            }
        }
        markAll();
    }

    private void stopOut(long epochMillis) {
        while (!open.isEmpty()) {
            double margin = margin();
            if (margin <= 0 || equity() / margin * 100 > stopOutLevelPercent) {
                return;
            }
            Book worst = open.get(0);
            for (Book p : open) {
                if (p.profit < worst.profit) {
                    worst = p;
                }
            }
            LOG.info("stop-out: margin level {}% at or below {}%, closing position {} ({} {} lots, profit {})",
                    Math.round(equity() / margin * 100), stopOutLevelPercent, worst.ticket, worst.spec.symbol(),
                    worst.volume, worst.profit);
            closeByBroker(worst, TradeEvent.Kind.STOP_OUT, epochMillis);
            markAll();
        }
    }

    /** Marks every position at its symbol's latest price (bid for longs, ask for shorts). */
    private void markAll() {
        for (int k = 0; k < open.size(); k++) {
            Book p = open.get(k);
            Tick t = lastTicks[p.symbolIndex];
            if (t == null) {
                continue;
            }
            p.currentPrice = p.side == Side.BUY ? t.bid() : t.ask();
            p.profit = finiteOrZero(FillModel.profit(p.spec, p.side, p.volume, p.openPrice, p.currentPrice, converter), p);
        }
    }

    private static double finiteOrZero(double v, Book p) {
        if (Double.isFinite(v)) {
            return v;
        }
        LOG.debug("no rate to convert {} profit of position {} yet; counted as 0", p.spec.quoteCurrency(), p.ticket);
        return 0;
    }

    private double equity() {
        double e = balance;
        for (int k = 0; k < open.size(); k++) {
            e += open.get(k).profit;
        }
        return e;
    }

    private double margin() {
        double m = 0;
        for (int k = 0; k < open.size(); k++) {
            m += open.get(k).margin;
        }
        return m;
    }

    private Book find(long ticket) {
        for (Book p : open) {
            if (p.ticket == ticket) {
                return p;
            }
        }
        return null;
    }

    private Book nettingPosition(int symbolIndex) {
        for (Book p : open) {
            if (p.symbolIndex == symbolIndex) {
                return p;
            }
        }
        return null;
    }

    private static double lots(double v) {
        double r = Math.rint(v * 1e8) / 1e8;
        return r <= EPS ? 0 : r;
    }

    // ------------------------------------------------------------------ publishing

    private synchronized void publish() {
        if (!dirty) {
            return;
        }
        List<Position> list = new ArrayList<>(open.size());
        for (Book p : open) {
            list.add(p.toPosition());
        }
        double equity = equity();
        double margin = margin();
        positionsView = List.copyOf(list);
        accountView = new AccountSnapshot(currency, balance, equity, margin, equity - margin, leverage, now());
        dirty = false;
    }

    /** Hands queued trade events and completions over, outside the lock, in the order they happened. */
    private void deliver() {
        List<TradeEvent> events;
        List<Runnable> done;
        synchronized (this) {
            if (outbox.isEmpty() && completions.isEmpty()) {
                return;
            }
            events = new ArrayList<>(outbox);
            done = new ArrayList<>(completions);
            outbox.clear();
            completions.clear();
        }
        TradeEventListener l = listener;
        for (TradeEvent e : events) {
            try {
                l.onTradeEvent(e);
            } catch (RuntimeException ex) {
                LOG.warn("trade event listener failed on {}: {}", e, ex.toString());
            }
        }
        for (Runnable r : done) {
            r.run();
        }
    }

    // ------------------------------------------------------------------ builder

    /** Builds a {@link PaperBroker}; {@link #build()} checks every option. */
    public static final class Builder {
        private AssetCatalog catalog = AssetCatalog.defaults();
        private String accountCurrency = "USD";
        private double startingBalance = 100_000;
        private int leverage = 100;
        private boolean hedging;
        private FillModel fillModel;
        private double commissionPerLot;
        private double stopOutLevelPercent = 50;
        private Clock clock;

        private Builder() {
        }

        /**
         * @param catalog the tradable assets; default {@link AssetCatalog#defaults()}
         * @return this builder
         */
        public Builder catalog(AssetCatalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        /**
         * @param currency account currency; default USD
         * @return this builder
         */
        public Builder accountCurrency(String currency) {
            this.accountCurrency = currency;
            return this;
        }

        /**
         * @param balance starting balance in the account currency; default 100,000
         * @return this builder
         */
        public Builder startingBalance(double balance) {
            this.startingBalance = balance;
            return this;
        }

        /**
         * @param leverage account leverage (1:leverage); default 100
         * @return this builder
         */
        public Builder leverage(int leverage) {
            this.leverage = leverage;
            return this;
        }

        /**
         * @param hedging true for a hedging account (a position per fill), false for netting (a
         *                position per symbol, the default)
         * @return this builder
         */
        public Builder hedging(boolean hedging) {
            this.hedging = hedging;
            return this;
        }

        /**
         * @param model the execution rules; default {@link FillModel#ideal()}. The broker owns it
         *              from now on: do not share it with another broker.
         * @return this builder
         */
        public Builder fillModel(FillModel model) {
            this.fillModel = Objects.requireNonNull(model, "fillModel");
            return this;
        }

        /**
         * @param commission commission per lot and deal (charged on the way in and out), in the
         *                   account currency; default 0
         * @return this builder
         */
        public Builder commissionPerLot(double commission) {
            this.commissionPerLot = commission;
            return this;
        }

        /**
         * @param percent margin level (equity / margin &times; 100) at or below which positions
         *                are closed; default 50
         * @return this builder
         */
        public Builder stopOutLevelPercent(double percent) {
            this.stopOutLevelPercent = percent;
            return this;
        }

        /**
         * @param clock source of "now" for submits and reports; default: the time of the latest
         *              tick the broker has seen
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @return the broker
         * @throws IllegalArgumentException naming the first invalid option and its value
         */
        public PaperBroker build() {
            if (accountCurrency == null || accountCurrency.isBlank()) {
                throw new IllegalArgumentException("accountCurrency must not be blank, was "
                        + (accountCurrency == null ? "null" : "'" + accountCurrency + "'"));
            }
            if (!(startingBalance > 0) || !Double.isFinite(startingBalance)) {
                throw new IllegalArgumentException("startingBalance must be finite and > 0, was " + startingBalance);
            }
            if (leverage < 1) {
                throw new IllegalArgumentException("leverage must be >= 1, was " + leverage);
            }
            if (!(commissionPerLot >= 0) || !Double.isFinite(commissionPerLot)) {
                throw new IllegalArgumentException("commissionPerLot must be finite and >= 0, was " + commissionPerLot);
            }
            if (!(stopOutLevelPercent >= 0 && stopOutLevelPercent <= 1000)) {
                throw new IllegalArgumentException("stopOutLevelPercent must be in [0, 1000], was "
                        + stopOutLevelPercent);
            }
            if (fillModel == null) {
                fillModel = FillModel.ideal();
            }
            return new PaperBroker(this);
        }
    }
}
