package io.aria.core.paper;

import io.aria.core.AccountMode;
import io.aria.core.AccountSnapshot;
import io.aria.core.AssetCatalog;
import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.OrderRequest;
import io.aria.core.Position;
import io.aria.core.Tick;
import io.aria.core.TradeEvent;
import io.aria.core.TradeReturnCode;
import io.aria.core.spi.OrderGateway;
import io.aria.core.spi.TradeEventListener;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated broker: an {@link OrderGateway} over one {@link SimulatedAccount}, which holds every
 * trading rule (fills through the {@link FillModel}, netting and hedging, SL/TP at the market
 * price, stop-out of the most losing position at or below the level, commission in and out,
 * margin fixed at the fill, idempotent client order ids with the conflict rule, monotonic
 * tickets). The broker adds what a gateway needs around it:
 *
 * <ul>
 *   <li><b>Fills.</b> Without latency an order fills (or is rejected) against the symbol's current
 *       tick inside {@link #submit}, and the returned stage is already complete. With latency
 *       {@code L} it fills against the first tick of its symbol whose time is at or after the
 *       submit time + {@code L}; the times are simulated (tick) times, so runs repeat. A resend
 *       while the order waits gets the same stage; another order under that id is a conflict.</li>
 *   <li><b>Time.</b> "Now" is the builder's {@link Clock}; by default it is the time of the latest
 *       tick the broker has seen, which keeps replays deterministic.</li>
 *   <li><b>Events.</b> SL/TP hits and stop-outs go to the {@link TradeEventListener}.</li>
 *   <li><b>Ids.</b> Submitting a client order id again with the same symbol, side, volume and
 *       position returns the first outcome and never trades again, a refusal included; with other
 *       contents it is REJECTED as a conflict (the broker remembers the last 10,000 ids).</li>
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

    private final AssetCatalog catalog;
    private final Clock clock;
    private final SimulatedAccount account;

    // guarded by this
    private long lastTickMillis = Long.MIN_VALUE;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final List<TradeEvent> outbox = new ArrayList<>();
    private final List<Runnable> completions = new ArrayList<>();
    private boolean closed;

    private volatile TradeEventListener listener = e -> { };
    private volatile boolean dirty = true;
    private volatile List<Position> positionsView = List.of();
    private volatile AccountSnapshot accountView;

    /** An order waiting for its simulated latency to pass. */
    private record Pending(OrderRequest request, OrderKey key, int symbolIndex, long submitMillis, long dueMillis,
            CompletableFuture<ExecutionReport> future) {
    }

    private PaperBroker(Builder b) {
        this.catalog = b.catalog;
        this.fillModel = b.fillModel;
        this.clock = b.clock;
        this.account = SimulatedAccount.builder().catalog(b.catalog).accountCurrency(b.accountCurrency)
                .startingBalance(b.startingBalance).leverage(b.leverage).mode(b.mode).fillModel(b.fillModel)
                .commissionPerLot(b.commissionPerLot).stopOutLevelPercent(b.stopOutLevelPercent)
                .rememberedIds(10_000).historyLimit(10_000).build();
        this.account.setDealListener(this::onDeal);
    }

    private final FillModel fillModel;

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
            long now = now();
            try {
                future = accept(request, now);
            } catch (RuntimeException e) {
                LOG.warn("paper order {} failed: {}", request.clientOrderId(), e.toString());
                future = CompletableFuture.completedFuture(ExecutionReport.notFilled(request, ExecutionStatus.ERROR,
                        TradeReturnCode.ERROR, "paper broker error: " + e, 0, now));
            }
        }
        deliver();
        return future.copy();
    }

    private CompletableFuture<ExecutionReport> accept(OrderRequest request, long now) {
        OrderKey key = OrderKey.of(request);
        for (Pending p : pending) {
            if (p.request().clientOrderId().equals(request.clientOrderId())) {
                if (p.key().sameOrder(key)) {
                    return p.future();
                }
                return CompletableFuture.completedFuture(ExecutionReport.notFilled(request, ExecutionStatus.REJECTED,
                        TradeReturnCode.REJECT, "client order id " + request.clientOrderId() + " conflicts: it is"
                        + " already used for " + p.key().describe() + " (pending), this order is " + key.describe()
                        + "; not sent", 0, now));
            }
        }
        Submission known = account.check(request, key, now);
        if (known != null) {
            return CompletableFuture.completedFuture(known.report());
        }
        if (closed) {
            return CompletableFuture.completedFuture(ExecutionReport.notFilled(request, ExecutionStatus.ERROR,
                    TradeReturnCode.CONNECTION, "paper broker is closed", 0, now));
        }
        int index = catalog.indexOf(request.symbol());
        long latency = index < 0 ? 0 : account.nextLatencyMillis();
        if (latency <= 0) {
            return CompletableFuture.completedFuture(account.submit(request, key, now, 0).report());
        }
        CompletableFuture<ExecutionReport> f = new CompletableFuture<>();
        pending.add(new Pending(request, key, index, now, now + latency, f));
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
        boolean handOver;
        synchronized (this) {
            if (closed) {
                return;
            }
            int i = account.quote(tick);
            if (i < 0) {
                return;
            }
            lastTickMillis = Math.max(lastTickMillis, tick.epochMillis());
            if (!pending.isEmpty()) {
                fillDue(i, tick);
            }
            if (account.hasPositions()) {
                account.settle(i, tick.epochMillis());
                dirty = true;
            }
            // Only a lock holder queues events and completions, and each one hands over what it
            // queued after it unlocks: a quiet tick that finds nothing queued takes no second lock.
            handOver = !outbox.isEmpty() || !completions.isEmpty();
        }
        if (handOver) {
            deliver();
        }
    }

    /**
     * Changes an open position's stops. Answers {@code POSITION_CLOSED} when the position is not
     * open, {@code INVALID_STOPS} when a stop is not finite, negative, on the wrong side of the
     * price or inside the stops level (a long's measured from the bid, a short's from the ask),
     * else {@code DONE}; the new stops trigger from the next tick.
     */
    @Override
    public CompletionStage<Integer> modify(long positionTicket, double stopLoss, double takeProfit) {
        int code;
        synchronized (this) {
            code = closed ? TradeReturnCode.POSITION_CLOSED : account.modify(positionTicket, stopLoss, takeProfit);
            if (code == TradeReturnCode.DONE) {
                dirty = true;
            }
        }
        return CompletableFuture.completedFuture(code);
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

    /** @return netting or hedging */
    public AccountMode mode() {
        return account.mode();
    }

    // ------------------------------------------------------------------ under the lock

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
                r = account.submit(p.request(), p.key(), tick.epochMillis(),
                        (tick.epochMillis() - p.submitMillis()) * 1_000_000L).report();
            } catch (RuntimeException e) {
                LOG.warn("paper order {} failed: {}", p.request().clientOrderId(), e.toString());
                r = ExecutionReport.notFilled(p.request(), ExecutionStatus.ERROR, TradeReturnCode.ERROR,
                        "paper broker error: " + e, 0, tick.epochMillis());
            }
            ExecutionReport report = r;
            completions.add(() -> p.future().complete(report));
        }
        dirty = true;
    }

    /** Broker-side closes become trade events; fills are reported by their submit's stage. */
    private void onDeal(Deal d) {
        dirty = true;
        TradeEvent.Kind kind = switch (d.reason()) {
            case ORDER -> null;
            case STOP_LOSS -> TradeEvent.Kind.STOP_LOSS;
            case TAKE_PROFIT -> TradeEvent.Kind.TAKE_PROFIT;
            case STOP_OUT -> TradeEvent.Kind.STOP_OUT;
            case CLIENT -> TradeEvent.Kind.CLOSED_EXTERNALLY;
        };
        if (kind != null) {
            outbox.add(new TradeEvent(kind, d.symbol(), d.positionTicket(), d.ticket(), d.side(), d.volume(), d.price(),
                    d.profit(), d.clientOrderId(), d.epochMillis()));
        }
    }

    // ------------------------------------------------------------------ publishing

    private synchronized void publish() {
        if (!dirty) {
            return;
        }
        positionsView = account.positions();
        accountView = account.snapshot(now());
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
        private AccountMode mode = AccountMode.NETTING;
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
         * @param mode {@link AccountMode#NETTING} (a position per symbol, the default) or
         *             {@link AccountMode#HEDGING} (a position per fill)
         * @return this builder
         */
        public Builder mode(AccountMode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
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
            // the options are the simulated account's: its builder checks them, with the same messages
            if (fillModel == null) {
                fillModel = FillModel.ideal();
            }
            return new PaperBroker(this);
        }
    }
}
