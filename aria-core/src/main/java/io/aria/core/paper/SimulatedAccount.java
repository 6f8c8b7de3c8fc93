package io.aria.core.paper;

import io.aria.core.AccountMode;
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
import io.aria.core.TradeReturnCode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated trading account, as an MT5 trade server keeps it: the one implementation of
 * positions, margin, SL/TP, stop-out, netting and hedging, deals and client order ids behind
 * both {@link PaperBroker} and aria-mt5's simulated terminal. Build a custom simulated gateway
 * on it the same way: feed it quotes, submit orders, turn its {@link Deal}s into events.
 *
 * <ul>
 *   <li><b>Orders</b> fill or are refused by the {@link FillModel} against the symbol's latest
 *       quote; trading hours are checked at that quote's time (the market's time). Tickets of
 *       orders, deals and positions come from one increasing sequence; a position's ticket and
 *       identifier are the ticket of the order that opened it.</li>
 *   <li><b>{@link AccountMode#NETTING}</b>: one position per symbol. A same-side order adds (volume-
 *       weighted entry; its non-zero SL and TP replace the position's); an opposite one reduces,
 *       closes or reverses it. A reversal is one {@link Deal.Entry#INOUT} deal: the identifier
 *       stays, the ticket becomes the reversing order's, as MT5 documents for
 *       {@code POSITION_TICKET}. <b>{@link AccountMode#HEDGING}</b>: each fill opens its own position
 *       unless {@link OrderRequest#positionTicket()} names one to reduce or close (then the order must
 *       be of the opposite side and at most its volume).</li>
 *   <li><b>Stops</b>, on {@link #settle}: a long closes when bid &lt;= SL or bid &gt;= TP, a short when
 *       ask &gt;= SL or ask &lt;= TP, at the market price (a gap fills beyond the stop).</li>
 *   <li><b>Stop-out</b>, after the stops: while the margin level (equity / margin &times; 100) is at
 *       or below {@link Builder#stopOutLevelPercent} (default 50%; MT5's {@code ACCOUNT_MARGIN_SO_SO}
 *       in percent mode: the stop-out happens when the level <em>reaches</em> it), the most losing
 *       position is closed at the market, one at a time, until the level is above it.</li>
 *   <li><b>Money</b>: profit converted into the account currency at the latest quotes; a
 *       position's margin is fixed when it opens (notional at the fill price in the account currency
 *       / leverage) and shrinks pro rata when it is reduced; commission per lot on every deal, in
 *       and out, from the balance. So equity = balance + the positions' profit and free margin =
 *       equity - margin, always.</li>
 *   <li><b>Client order ids</b> (PROTOCOL.md section 9): a known id with the same {@link OrderKey}
 *       is a {@link Submission.Duplicate} (a filled one never trades again; a refused one too,
 *       unless {@link Builder#retryRefused} lets the same order try again, as a trade server does);
 *       with another key it is a {@link Submission.Conflict}: nothing trades and the id stays the
 *       first order's. The last {@link Builder#rememberedIds} ids are kept.</li>
 * </ul>
 *
 * <p>Not thread-safe: one owner serialises every call (the paper broker under its lock, the
 * simulated terminal on its I/O thread). The {@link DealListener} runs inside the call that made
 * the deal, after the account applied it, so it may read the account. A quote that triggers
 * nothing allocates nothing.
 */
public final class SimulatedAccount {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedAccount.class);
    static final double EPS = 1e-9;

    /** Hears every deal the account makes, on the caller's thread, after the account applied it. */
    @FunctionalInterface
    public interface DealListener {
        /** @param deal the deal just made */
        void onDeal(Deal deal);
    }

    private final AssetCatalog catalog;
    private final String currency;
    private final int leverage;
    private final AccountMode mode;
    private final FillModel fillModel;
    private final double commissionPerLot;
    private final double stopOutLevelPercent;
    private final boolean retryRefused;
    private final int historyLimit;
    private final CurrencyConverter converter;
    private final Tick[] lastTicks;
    private final List<Book> open = new ArrayList<>();
    /**
     * Quotes taken since every open position was last marked (consecutive quotes of one symbol
     * count once) and the latest one's index: a settle after exactly one quote re-marks only the
     * positions that quote can move (its symbol's, and those whose quote currency converts through
     * it); every other change of the book marks everything.
     */
    private int quotedSinceMark;
    private int lastQuoted = -1;
    private final ArrayDeque<Deal> history = new ArrayDeque<>();
    private final Map<String, OrderRecord> ids;
    private DealListener listener = d -> { };
    private double balance;
    private long nextTicket;

    /** A position as the account books it. */
    private static final class Book {
        long ticket;
        final long identifier;
        final int symbolIndex;
        final AssetSpec spec;
        Side side;
        long openMillis;
        String clientOrderId;
        long magic;
        double volume;
        double openPrice;
        double stopLoss;
        double takeProfit;
        double margin;
        double currentPrice;
        double profit;

        Book(long ticket, long identifier, int symbolIndex, AssetSpec spec) {
            this.ticket = ticket;
            this.identifier = identifier;
            this.symbolIndex = symbolIndex;
            this.spec = spec;
        }

        void open(Side side, double volume, double price, long millis, OrderRequest r, double margin) {
            this.side = side;
            this.volume = volume;
            this.openPrice = price;
            this.currentPrice = price;
            this.profit = 0;
            this.openMillis = millis;
            this.stopLoss = r.stopLoss();
            this.takeProfit = r.takeProfit();
            this.clientOrderId = r.clientOrderId();
            this.magic = r.magic();
            this.margin = margin;
        }
    }

    private SimulatedAccount(Builder b) {
        this.catalog = b.catalog;
        this.currency = b.accountCurrency;
        this.leverage = b.leverage;
        this.mode = b.mode;
        this.fillModel = b.fillModel;
        this.commissionPerLot = b.commissionPerLot;
        this.stopOutLevelPercent = b.stopOutLevelPercent;
        this.retryRefused = b.retryRefused;
        this.historyLimit = b.historyLimit;
        this.balance = b.startingBalance;
        this.nextTicket = b.firstTicket;
        this.converter = new CurrencyConverter(catalog, currency);
        this.lastTicks = new Tick[catalog.size()];
        int remembered = b.rememberedIds;
        this.ids = new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, OrderRecord> e) {
                return size() > remembered;
            }
        };
    }

    /** @return a builder: 21-asset catalog, 100,000 USD, 1:100, netting, ideal fills, stop-out at 50% */
    public static Builder builder() {
        return new Builder();
    }

    /** @param listener hears every deal (fills and broker-side closes); replaces the previous one */
    public void setDealListener(DealListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    // ------------------------------------------------------------------ market

    /**
     * Takes a quote: the next order on its symbol executes against it and positions are marked at
     * it. Stops and stop-out wait for {@link #settle}, so a caller can fill orders in between.
     *
     * @param tick a quote
     * @return the symbol's catalog index, or -1 when the tick is ignored (unknown symbol,
     *     unusable prices)
     */
    public int quote(Tick tick) {
        int i = tick == null ? -1 : catalog.indexOf(tick.symbol());
        if (i < 0 || tick.checkValues() != null) {
            return -1;
        }
        lastTicks[i] = tick;
        converter.update(i, tick.bid(), tick.ask());
        if (quotedSinceMark == 0 || lastQuoted != i) {
            quotedSinceMark++;
        }
        lastQuoted = i;
        return i;
    }

    /**
     * Marks every position, closes the symbol's positions whose SL or TP the quote reached, then
     * applies the stop-out.
     *
     * @param symbolIndex the catalog index {@link #quote} returned (any other value: only the
     *                    stop-out is checked)
     * @param epochMillis time of the closing deals
     */
    public void settle(int symbolIndex, long epochMillis) {
        if (open.isEmpty()) {
            return;
        }
        if (quotedSinceMark == 1) {
            markQuoted(lastQuoted);
        } else {
            markAll();
        }
        Tick tick = symbolIndex < 0 || symbolIndex >= lastTicks.length ? null : lastTicks[symbolIndex];
        if (tick != null) {
            for (int k = open.size() - 1; k >= 0; k--) {
                Book p = open.get(k);
                if (p.symbolIndex == symbolIndex) {
                    Deal.Reason why = triggered(p, tick);
                    if (why != null) {
                        closeByBroker(p, why, epochMillis);
                    }
                }
            }
        }
        stopOut(epochMillis);
    }

    /**
     * {@link #quote} then {@link #settle} at the tick's time.
     *
     * @param tick a quote
     */
    public void onTick(Tick tick) {
        int i = quote(tick);
        if (i >= 0) {
            settle(i, tick.epochMillis());
        }
    }

    private static Deal.Reason triggered(Book p, Tick t) {
        if (p.side == Side.BUY) {
            if (p.stopLoss > 0 && t.bid() <= p.stopLoss) {
                return Deal.Reason.STOP_LOSS;
            }
            return p.takeProfit > 0 && t.bid() >= p.takeProfit ? Deal.Reason.TAKE_PROFIT : null;
        }
        if (p.stopLoss > 0 && t.ask() >= p.stopLoss) {
            return Deal.Reason.STOP_LOSS;
        }
        return p.takeProfit > 0 && t.ask() <= p.takeProfit ? Deal.Reason.TAKE_PROFIT : null;
    }

    private void stopOut(long epochMillis) {
        while (!open.isEmpty()) {
            double margin = 0;
            double equity = balance; // margin() and equity() in one pass (this runs on every tick with positions)
            for (int k = 0; k < open.size(); k++) {
                Book b = open.get(k);
                margin += b.margin;
                equity += b.profit;
            }
            if (margin <= 0 || equity / margin * 100 > stopOutLevelPercent) {
                return;
            }
            Book worst = open.get(0);
            for (int k = 1; k < open.size(); k++) {
                if (open.get(k).profit < worst.profit) {
                    worst = open.get(k);
                }
            }
            LOG.info("stop-out: margin level {}% at or below {}%, closing position {} ({} {} lots, profit {})",
                    Math.round(equity() / margin * 100), stopOutLevelPercent, worst.ticket, worst.spec.symbol(),
                    worst.volume, worst.profit);
            closeByBroker(worst, Deal.Reason.STOP_OUT, epochMillis);
        }
    }

    // ------------------------------------------------------------------ orders

    /**
     * What the id table says of a request, without trading: a duplicate, a conflict, or
     * {@code null} when the request is to be executed.
     *
     * @param request the request
     * @param key     what makes it one order
     * @param epochMillis time of a conflict's report
     * @return the answer from the table, {@code null} when there is none
     */
    public Submission check(OrderRequest request, OrderKey key, long epochMillis) {
        OrderRecord first = ids.get(request.clientOrderId());
        if (first == null) {
            return null;
        }
        if (!first.key().sameOrder(key)) {
            return new Submission.Conflict(first, conflictReport(request, key, first, epochMillis));
        }
        return first.filled() || !retryRefused ? new Submission.Duplicate(first) : null;
    }

    /**
     * The report of a conflict: REJECTED, never another order's fill.
     *
     * @param request     the refused request
     * @param key         its key
     * @param first       the order its id belongs to
     * @param epochMillis time of the report
     * @return REJECTED with the first order's refusal code when it was refused, else {@code REJECT}
     */
    public static ExecutionReport conflictReport(OrderRequest request, OrderKey key, OrderRecord first,
            long epochMillis) {
        boolean refused = !first.filled();
        String why = "client order id " + request.clientOrderId() + " conflicts: it is already used for "
                + first.key().describe() + (refused ? " (refused: " + first.report().message() + ")" : "")
                + ", this order is " + key.describe() + "; not sent";
        return ExecutionReport.notFilled(request, ExecutionStatus.REJECTED,
                refused ? first.report().returnCode() : TradeReturnCode.REJECT, why, 0, epochMillis);
    }

    /**
     * Submits an order (its key from {@link OrderKey#of}).
     *
     * @param request     the order
     * @param epochMillis time of the report and the deal
     * @param latencyNanos latency to report
     * @return what happened; never {@code null}
     */
    public Submission submit(OrderRequest request, long epochMillis, long latencyNanos) {
        return submit(request, OrderKey.of(request), epochMillis, latencyNanos);
    }

    /**
     * Submits a request: answered from the id table ({@link #check}) or executed and remembered.
     *
     * @param request      the order (a close: the opposite side and the position's ticket)
     * @param key          what makes it one order
     * @param epochMillis  time of the report and the deal
     * @param latencyNanos latency to report
     * @return what happened; never {@code null}
     */
    public Submission submit(OrderRequest request, OrderKey key, long epochMillis, long latencyNanos) {
        Submission known = check(request, key, epochMillis);
        if (known != null) {
            return known;
        }
        Submission.Executed done = execute(request, epochMillis, latencyNanos);
        ids.put(request.clientOrderId(), new OrderRecord(key, done.report(), done.deal()));
        return done;
    }

    /**
     * Records a request refused before it reached the account (a fault, a trade mode, a deadline),
     * so that its id stays bound to it like any refusal.
     *
     * @param request     the request
     * @param key         what makes it one order
     * @param returnCode  the refusal's MT5 code
     * @param message     why
     * @param epochMillis time of the report
     * @return the REJECTED report
     */
    public ExecutionReport refuse(OrderRequest request, OrderKey key, int returnCode, String message,
            long epochMillis) {
        ExecutionReport r = ExecutionReport.notFilled(request, ExecutionStatus.REJECTED, returnCode, message, 0,
                epochMillis);
        ids.put(request.clientOrderId(), new OrderRecord(key, r, null));
        return r;
    }

    /**
     * @param clientOrderId an id
     * @return what the account remembers of it, {@code null} when nothing
     */
    public OrderRecord order(String clientOrderId) {
        return ids.get(clientOrderId);
    }

    private Submission.Executed execute(OrderRequest request, long now, long latencyNanos) {
        int index = catalog.indexOf(request.symbol());
        AssetSpec spec = index < 0 ? null : catalog.spec(index);
        Tick tick = index < 0 ? null : lastTicks[index];
        Book target = null;
        if (request.positionTicket() > 0) {
            target = find(request.positionTicket());
            if (target == null || target.symbolIndex != index) {
                return refused(request, TradeReturnCode.POSITION_CLOSED, "position " + request.positionTicket()
                        + " of " + request.symbol() + " is not open", now, latencyNanos);
            }
            if (target.side == request.side()) {
                return refused(request, TradeReturnCode.INVALID, "an order closing " + target.side + " position "
                        + target.ticket + " must be " + target.side.opposite() + ", was " + request.side(), now,
                        latencyNanos);
            }
            if (request.volume() > target.volume + EPS) {
                return refused(request, TradeReturnCode.INVALID_VOLUME, "volume closing position " + target.ticket
                        + " must be at most " + target.volume + ", was " + request.volume(), now, latencyNanos);
            }
        } else if (mode == AccountMode.NETTING && index >= 0) {
            target = nettingPosition(index);
        }
        boolean reduces = target != null && target.side != request.side();
        markAll();
        double equity = equity();
        FillModel.Account account = new FillModel.Account(balance, equity, equity - margin(), leverage, converter);
        FillModel.Outcome outcome = fillModel.execute(request, tick, spec, account, reduces ? target.volume : 0,
                tick == null ? now : tick.epochMillis());
        if (outcome instanceof FillModel.Rejected rejected) {
            return refused(request, rejected.returnCode(), rejected.message(), now, latencyNanos);
        }
        FillModel.Filled fill = (FillModel.Filled) outcome;
        Deal deal = book(request, index, spec, target, fill, now);
        ExecutionStatus status = fill.partial() ? ExecutionStatus.PARTIALLY_FILLED : ExecutionStatus.FILLED;
        ExecutionReport report = new ExecutionReport(request.clientOrderId(), request.symbol(), request.side(), status,
                deal.orderTicket(), deal.ticket(), deal.positionTicket(), request.volume(), fill.volume(),
                request.requestedPrice(), fill.price(), fill.slippage(), latencyNanos, fill.returnCode(),
                TradeReturnCode.describe(fill.returnCode()), now);
        return new Submission.Executed(report, deal);
    }

    private static Submission.Executed refused(OrderRequest request, int code, String message, long now,
            long latencyNanos) {
        return new Submission.Executed(ExecutionReport.notFilled(request, ExecutionStatus.REJECTED, code, message,
                latencyNanos, now), null);
    }

    /** Books a fill against the position it meets (or a new one) and records its deal. */
    private Deal book(OrderRequest r, int index, AssetSpec spec, Book target, FillModel.Filled fill, long now) {
        long order = nextTicket++;
        long dealTicket = nextTicket++;
        double volume = fill.volume();
        double price = fill.price();
        double commission = commissionPerLot * volume;
        balance -= commission;
        Deal.Entry entry = Deal.Entry.IN;
        double profit = 0;
        Book p;
        String openedBy = r.clientOrderId();
        if (target == null) {
            p = new Book(order, order, index, spec);
            p.open(r.side(), volume, price, now, r, fill.margin());
            open.add(p);
        } else if (target.side == r.side()) {
            p = target;
            double total = lots(p.volume + volume);
            // the volume-weighted average, not rounded to the digits, so profit stays exact
            p.openPrice = (p.openPrice * p.volume + price * volume) / total;
            p.volume = total;
            p.margin += fill.margin();
            p.stopLoss = r.stopLoss() > 0 ? r.stopLoss() : p.stopLoss;
            p.takeProfit = r.takeProfit() > 0 ? r.takeProfit() : p.takeProfit;
        } else {
            p = target;
            openedBy = p.clientOrderId;
            double closing = Math.min(volume, p.volume);
            profit = realise(p, closing, price);
            double rest = lots(volume - closing);
            entry = Deal.Entry.OUT;
            if (rest > 0) {
                // MT5 netting reversal: one in/out deal, the identifier stays, the ticket is the order's
                entry = Deal.Entry.INOUT;
                p.ticket = order;
                p.open(r.side(), rest, price, now, r, fill.margin());
                open.add(p);
            }
        }
        markAll();
        Deal d = new Deal(dealTicket, order, p.ticket, p.identifier, spec.symbol(), r.side(), entry, Deal.Reason.ORDER,
                volume, price, profit, commission, r.magic(), r.comment(), openedBy, open.contains(p) ? p.volume : 0,
                now);
        remember(d);
        return d;
    }

    // ------------------------------------------------------------------ broker-side changes

    /**
     * Closes a whole position at the market on the broker's side (by hand in the terminal, or a
     * forced stop-out) and tells the {@link DealListener}.
     *
     * @param ticket      the position's ticket or identifier
     * @param reason      {@link Deal.Reason#CLIENT} or {@link Deal.Reason#STOP_OUT} (or a stop's reason)
     * @param epochMillis time of the deal
     * @return the deal
     * @throws IllegalArgumentException when no such position is open, or the reason is {@code ORDER}
     */
    public Deal closePosition(long ticket, Deal.Reason reason, long epochMillis) {
        Objects.requireNonNull(reason, "reason");
        if (reason == Deal.Reason.ORDER) {
            throw new IllegalArgumentException("reason must be a broker-side one, was ORDER");
        }
        Book p = find(ticket);
        if (p == null) {
            throw new IllegalArgumentException("no open position with ticket " + ticket);
        }
        markAll();
        return closeByBroker(p, reason, epochMillis);
    }

    private Deal closeByBroker(Book p, Deal.Reason reason, long epochMillis) {
        double price = p.currentPrice;
        double lots = p.volume;
        double commission = commissionPerLot * lots;
        balance -= commission;
        double profit = realise(p, lots, price);
        String comment = switch (reason) {
            case STOP_LOSS -> "[sl " + p.stopLoss + "]";
            case TAKE_PROFIT -> "[tp " + p.takeProfit + "]";
            case STOP_OUT -> "[so " + p.openPrice + "]";
            default -> "";
        };
        long order = nextTicket++;
        Deal d = new Deal(nextTicket++, order, p.ticket, p.identifier, p.spec.symbol(), p.side.opposite(),
                Deal.Entry.OUT, reason, lots, price, profit, commission, p.magic, comment, p.clientOrderId, 0,
                epochMillis);
        markAll();
        remember(d);
        return d;
    }

    private void remember(Deal d) {
        history.addLast(d);
        if (history.size() > historyLimit) {
            history.removeFirst();
        }
        try {
            listener.onDeal(d);
        } catch (RuntimeException e) {
            LOG.warn("deal listener failed on deal {}: {}", d.ticket(), e.toString());
        }
    }

    /**
     * Changes an open position's stops; they trigger from the next {@link #settle}.
     *
     * @param ticket     the position's ticket or identifier
     * @param stopLoss   new stop-loss, 0 for none
     * @param takeProfit new take-profit, 0 for none
     * @return {@code POSITION_CLOSED} when it is not open; {@code INVALID_STOPS} when a stop is
     *     negative, not finite, on the wrong side of the market or inside the stops level (a long's
     *     measured from the bid, a short's from the ask, as for orders); else {@code DONE}
     */
    public int modify(long ticket, double stopLoss, double takeProfit) {
        Book p = find(ticket);
        if (p == null) {
            return TradeReturnCode.POSITION_CLOSED;
        }
        if (!(stopLoss >= 0 && Double.isFinite(stopLoss)) || !(takeProfit >= 0 && Double.isFinite(takeProfit))) {
            return TradeReturnCode.INVALID_STOPS;
        }
        Tick t = lastTicks[p.symbolIndex];
        double bid = t == null ? p.currentPrice : t.bid();
        double ask = t == null ? p.currentPrice : t.ask();
        if (FillModel.checkStops(p.side, stopLoss, takeProfit, bid, ask, p.spec) != null) {
            return TradeReturnCode.INVALID_STOPS;
        }
        p.stopLoss = stopLoss;
        p.takeProfit = takeProfit;
        return TradeReturnCode.DONE;
    }

    // ------------------------------------------------------------------ money

    /** Books the profit of closing {@code lots} of a position and shrinks or removes it. */
    private double realise(Book p, double lots, double price) {
        double profit = finiteOrZero(FillModel.profit(p.spec, p.side, lots, p.openPrice, price, converter), p);
        balance += profit;
        double remaining = lots(p.volume - lots);
        if (remaining <= 0) {
            open.remove(p);
            p.volume = 0;
            p.margin = 0;
            p.profit = 0;
        } else {
            p.margin *= remaining / p.volume;
            p.volume = remaining;
        }
        return profit;
    }

    /** Marks every position at its symbol's latest price (bid for longs, ask for shorts). */
    private void markAll() {
        for (int k = 0; k < open.size(); k++) {
            mark(open.get(k));
        }
        quotedSinceMark = 0;
    }

    /**
     * Marks the positions the one quote since the last mark can have moved: the ones on that
     * symbol and the ones whose quote currency's rate goes through that pair. Every other
     * position's price, rate and volume are what they were at its last mark, so marking it again
     * would write the same values.
     */
    private void markQuoted(int quoted) {
        for (int k = 0; k < open.size(); k++) {
            Book p = open.get(k);
            if (p.symbolIndex == quoted || converter.quoteRateUses(p.symbolIndex, quoted)) {
                mark(p);
            }
        }
        quotedSinceMark = 0;
    }

    private void mark(Book p) {
        Tick t = lastTicks[p.symbolIndex];
        if (t != null) {
            p.currentPrice = p.side == Side.BUY ? t.bid() : t.ask();
            // FillModel.profit's value (profit in the quote currency times its rate), the rate by index
            p.profit = finiteOrZero(p.spec.profit(p.side, p.volume, p.openPrice, p.currentPrice)
                    * converter.quoteRate(p.symbolIndex), p);
        }
    }

    private static double finiteOrZero(double v, Book p) {
        if (Double.isFinite(v)) {
            return v;
        }
        LOG.debug("no rate to convert {} profit of position {} yet; counted as 0", p.spec.quoteCurrency(), p.ticket);
        return 0;
    }

    /** @return realised balance in the account currency */
    public double balance() {
        return balance;
    }

    /** @return balance plus the open positions' profit, marked at the latest quotes */
    public double equity() {
        double e = balance;
        for (int k = 0; k < open.size(); k++) {
            e += open.get(k).profit;
        }
        return e;
    }

    /** @return margin in use: the sum of the open positions' margins */
    public double margin() {
        double m = 0;
        for (int k = 0; k < open.size(); k++) {
            m += open.get(k).margin;
        }
        return m;
    }

    /**
     * @param epochMillis time of the snapshot
     * @return balance, equity, margin and free margin now
     */
    public AccountSnapshot snapshot(long epochMillis) {
        double equity = equity();
        double margin = margin();
        return new AccountSnapshot(currency, balance, equity, margin, equity - margin, leverage, epochMillis);
    }

    /** @return the open positions, marked at the latest quotes, oldest first */
    public List<Position> positions() {
        List<Position> list = new ArrayList<>(open.size());
        for (Book p : open) {
            list.add(toPosition(p));
        }
        return List.copyOf(list);
    }

    /**
     * @param ticket a position's ticket or identifier
     * @return the open position, {@code null} when it is not open
     */
    public Position position(long ticket) {
        Book p = find(ticket);
        return p == null ? null : toPosition(p);
    }

    private static Position toPosition(Book p) {
        return new Position(p.ticket, p.spec.symbol(), p.side, p.volume, p.openPrice, p.openMillis, p.stopLoss,
                p.takeProfit, p.currentPrice, p.profit, p.clientOrderId, p.magic);
    }

    /**
     * @param ticket a position's ticket or identifier
     * @return the open position's identifier (its ticket until a netting reversal), 0 when not open
     */
    public long positionId(long ticket) {
        Book p = find(ticket);
        return p == null ? 0 : p.identifier;
    }

    /** @return whether any position is open */
    public boolean hasPositions() {
        return !open.isEmpty();
    }

    /** @return the recent deals, oldest first (at most {@link Builder#historyLimit}) */
    public List<Deal> deals() {
        return List.copyOf(history);
    }

    /**
     * @param symbol catalog symbol
     * @return its latest quote, {@code null} when none
     */
    public Tick lastTick(String symbol) {
        int i = catalog.indexOf(symbol);
        return i < 0 ? null : lastTicks[i];
    }

    /** @return the converter of quote currencies into the account currency, at the latest quotes */
    public CurrencyConverter converter() {
        return converter;
    }

    /** @return netting or hedging */
    public AccountMode mode() {
        return mode;
    }

    /** @return the account currency */
    public String currency() {
        return currency;
    }

    /** @return 1:leverage */
    public int leverage() {
        return leverage;
    }

    /** @return the margin level (percent) at or below which positions are stopped out */
    public double stopOutLevelPercent() {
        return stopOutLevelPercent;
    }

    /** @return the next order's latency from the fill model, in simulated milliseconds */
    public long nextLatencyMillis() {
        return fillModel.nextLatencyMillis();
    }

    private Book find(long ticket) {
        for (int k = 0; k < open.size(); k++) {
            Book p = open.get(k);
            if (p.ticket == ticket || p.identifier == ticket) {
                return p;
            }
        }
        return null;
    }

    private Book nettingPosition(int symbolIndex) {
        for (int k = 0; k < open.size(); k++) {
            if (open.get(k).symbolIndex == symbolIndex) {
                return open.get(k);
            }
        }
        return null;
    }

    static double lots(double v) {
        double r = Math.rint(v * 1e8) / 1e8;
        return r <= EPS ? 0 : r;
    }

    /** Builds a {@link SimulatedAccount}; {@link #build()} checks every option. */
    public static final class Builder {
        private AssetCatalog catalog = AssetCatalog.defaults();
        private String accountCurrency = "USD";
        private double startingBalance = 100_000;
        private int leverage = 100;
        private AccountMode mode = AccountMode.NETTING;
        private FillModel fillModel;
        private double commissionPerLot;
        private double stopOutLevelPercent = 50;
        private boolean retryRefused;
        private int rememberedIds = 100_000;
        private int historyLimit = 100_000;
        private long firstTicket = 1;

        private Builder() {
        }

        /** @param v the tradable assets and their specs; default {@link AssetCatalog#defaults()} @return this */
        public Builder catalog(AssetCatalog v) {
            catalog = Objects.requireNonNull(v, "catalog");
            return this;
        }

        /** @param v account currency; default USD @return this */
        public Builder accountCurrency(String v) {
            accountCurrency = v;
            return this;
        }

        /** @param v starting balance, &gt; 0; default 100,000 @return this */
        public Builder startingBalance(double v) {
            startingBalance = v;
            return this;
        }

        /** @param v leverage (1:v), &gt;= 1; default 100 @return this */
        public Builder leverage(int v) {
            leverage = v;
            return this;
        }

        /** @param v netting (default) or hedging @return this */
        public Builder mode(AccountMode v) {
            mode = Objects.requireNonNull(v, "mode");
            return this;
        }

        /** @param v the execution rules; default {@link FillModel#ideal()}; owned by the account from now on @return this */
        public Builder fillModel(FillModel v) {
            fillModel = Objects.requireNonNull(v, "fillModel");
            return this;
        }

        /** @param v commission per lot and deal (in and out), &gt;= 0; default 0 @return this */
        public Builder commissionPerLot(double v) {
            commissionPerLot = v;
            return this;
        }

        /** @param v margin level in percent at or below which positions are stopped out, in [0, 1000]; default 50 @return this */
        public Builder stopOutLevelPercent(double v) {
            stopOutLevelPercent = v;
            return this;
        }

        /**
         * @param v true: a refused id is free again for the same order (a trade server, PROTOCOL.md 9
         *          step 3); false (default): the refusal is the id's outcome for good (the
         *          {@link io.aria.core.spi.OrderGateway} contract)
         * @return this
         */
        public Builder retryRefused(boolean v) {
            retryRefused = v;
            return this;
        }

        /** @param v how many client order ids are remembered, &gt;= 1; default 100,000 @return this */
        public Builder rememberedIds(int v) {
            rememberedIds = v;
            return this;
        }

        /** @param v how many deals {@link SimulatedAccount#deals()} keeps, &gt;= 1; default 100,000 @return this */
        public Builder historyLimit(int v) {
            historyLimit = v;
            return this;
        }

        /** @param v the first ticket handed out, &gt;= 1; default 1 @return this */
        public Builder firstTicket(long v) {
            firstTicket = v;
            return this;
        }

        /**
         * @return the account
         * @throws IllegalArgumentException naming the first invalid option and its value
         */
        public SimulatedAccount build() {
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
            if (rememberedIds < 1 || historyLimit < 1 || firstTicket < 1) {
                throw new IllegalArgumentException("rememberedIds, historyLimit and firstTicket must be >= 1, were "
                        + rememberedIds + ", " + historyLimit + ", " + firstTicket);
            }
            if (fillModel == null) {
                fillModel = FillModel.ideal();
            }
            return new SimulatedAccount(this);
        }
    }
}
