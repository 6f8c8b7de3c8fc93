package io.aria.core.paper;

import io.aria.core.AssetSpec;
import io.aria.core.CurrencyConverter;
import io.aria.core.OrderRequest;
import io.aria.core.Side;
import io.aria.core.Tick;
import io.aria.core.TradeReturnCode;
import java.time.Instant;
import java.util.Objects;

/**
 * The broker side of a market order: decides, as an MT5 trade server would, whether an order is
 * rejected (and with which {@link TradeReturnCode}) or filled, at which price and for how many
 * lots. It knows nothing of threads, gateways or positions, so a paper broker and a simulated MT5
 * terminal share it.
 *
 * <p>{@link #execute} checks, in MT5's order:
 * <ol>
 *   <li>{@link TradeReturnCode#PRICE_OFF}: unknown symbol (no spec), no quote, an unusable quote
 *       (non-finite, non-positive or crossed prices, another symbol's tick), or no rate yet to
 *       convert the symbol's quote currency into the account currency;</li>
 *   <li>{@link TradeReturnCode#MARKET_CLOSED}: {@code epochMillis} is outside the spec's
 *       {@link io.aria.core.TradingHours};</li>
 *   <li>{@link TradeReturnCode#INVALID_VOLUME}: volume not in [volumeMin, volumeMax] or not a
 *       multiple of volumeStep;</li>
 *   <li>{@link TradeReturnCode#INVALID_STOPS}: stop-loss or take-profit on the wrong side of the
 *       market or closer than the stops level. As MT5 does, a buy's stops are measured from the
 *       bid ({@code bid - SL >= level}, {@code TP - bid >= level}) and a sell's from the ask
 *       ({@code SL - ask >= level}, {@code ask - TP >= level});</li>
 *   <li>{@link TradeReturnCode#NO_MONEY}: the margin of the volume that opens exposure exceeds the
 *       free margin. Margin = lots &times; contract size &times; price &times; rate(quote currency to
 *       account currency) / leverage;</li>
 *   <li>{@link TradeReturnCode#REQUOTE}, only with instant execution: the market price differs from
 *       the requested price by more than {@code maxDeviationPoints} points.</li>
 * </ol>
 * A valid order fills at the ask (buy) or the bid (sell) plus the {@link SlippageModel}'s
 * slippage, normalised to the symbol's digits, for the volume the {@link PartialFillModel} grants.
 * The {@link LatencyModel} says how long the broker should wait (in simulated time) before calling
 * {@link #execute}; the fill model itself does not wait.
 *
 * <p>Not safe for use from multiple threads: the seeded models keep random generators. Give each
 * simulated broker or terminal its own instance.
 */
public final class FillModel {

    private static final double EPS = 1e-9;

    private final SlippageModel slippage;
    private final PartialFillModel partialFill;
    private final LatencyModel latency;
    private final boolean instantExecution;

    private FillModel(Builder b) {
        this.slippage = b.slippage;
        this.partialFill = b.partialFill;
        this.latency = b.latency;
        this.instantExecution = b.instantExecution;
    }

    /** @return a builder: no slippage, full fills, no latency, market execution */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a model with no slippage, full fills, no latency and market execution */
    public static FillModel ideal() {
        return builder().build();
    }

    /**
     * The account as the fill model needs it. {@code converter} must already know the latest
     * prices (the caller updates it from its ticks).
     *
     * @param balance    realised balance in the account currency
     * @param equity     balance plus unrealised profit
     * @param freeMargin equity minus margin in use
     * @param leverage   account leverage (1:leverage), &gt;= 1
     * @param converter  turns quote-currency amounts into the account currency
     */
    public record Account(double balance, double equity, double freeMargin, int leverage,
            CurrencyConverter converter) {
        public Account {
            if (leverage < 1) {
                throw new IllegalArgumentException("leverage must be >= 1, was " + leverage);
            }
            Objects.requireNonNull(converter, "converter");
        }
    }

    /** What {@link #execute} decided: {@link Rejected} or {@link Filled}. */
    public sealed interface Outcome permits Rejected, Filled {
        /** @return the MT5 return code: {@code DONE}, {@code DONE_PARTIAL} or the rejection's */
        int returnCode();
    }

    /**
     * The order is refused; nothing traded.
     *
     * @param returnCode MT5 return code, for example {@link TradeReturnCode#INVALID_VOLUME}
     * @param message    why, naming the offending field and value
     */
    public record Rejected(int returnCode, String message) implements Outcome {
        public Rejected {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The order traded.
     *
     * @param price       fill price, normalised to the symbol's digits
     * @param volume      lots traded, in (0, requested]
     * @param slippage    adverse difference from the requested price (price - requested for buys,
     *                    requested - price for sells); positive is worse for the client
     * @param marketPrice the quote the order met before slippage (ask for buys, bid for sells)
     * @param margin      margin the fill's new exposure takes, in the account currency, &gt;= 0
     * @param partial     whether less than the requested volume traded
     */
    public record Filled(double price, double volume, double slippage, double marketPrice, double margin,
            boolean partial) implements Outcome {
        @Override
        public int returnCode() {
            return partial ? TradeReturnCode.DONE_PARTIAL : TradeReturnCode.DONE;
        }
    }

    /**
     * Decides the outcome of a market order that opens or adds exposure.
     *
     * @param request     the order
     * @param tick        the current quote of the order's symbol, {@code null} when none
     * @param spec        the symbol's specification, {@code null} when the symbol is unknown
     * @param account     the account before the order
     * @param epochMillis the trade server's time of execution (checked against trading hours)
     * @return a rejection or a fill; never {@code null}
     */
    public Outcome execute(OrderRequest request, Tick tick, AssetSpec spec, Account account, long epochMillis) {
        return execute(request, tick, spec, account, 0, epochMillis);
    }

    /**
     * Decides the outcome of a market order.
     *
     * @param request       the order
     * @param tick          the current quote of the order's symbol, {@code null} when none
     * @param spec          the symbol's specification, {@code null} when the symbol is unknown
     * @param account       the account before the order
     * @param offsetVolume  lots of an opposite position this order reduces or closes (netting: the
     *                      opposite position's volume; hedging: the named position's); they need no
     *                      new margin
     * @param epochMillis   the trade server's time of execution (checked against trading hours)
     * @return a rejection or a fill; never {@code null}
     */
    public Outcome execute(OrderRequest request, Tick tick, AssetSpec spec, Account account, double offsetVolume,
            long epochMillis) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(account, "account");
        Outcome problem = check(request, tick, spec, account, offsetVolume, epochMillis);
        if (problem != null) {
            return problem;
        }
        Side side = request.side();
        double market = tick.priceFor(side);
        double slip = slippage.slippage(side, tick, spec);
        double price = spec.normalizePrice(market + side.sign() * (Double.isFinite(slip) ? slip : 0.0));
        if (!(price > 0)) {
            price = market;
        }
        double volume = partialFill.fill(request.volume(), spec);
        if (!(volume > 0) || volume > request.volume() + EPS || !spec.isValidVolume(volume)) {
            volume = request.volume();
        }
        boolean partial = volume < request.volume() - EPS;
        double adverse = side.sign() * (price - request.requestedPrice());
        double opening = Math.max(0, volume - offsetVolume);
        double margin = opening > 0 ? margin(spec, opening, price, account.leverage(), account.converter()) : 0;
        return new Filled(price, volume, adverse, market, margin, partial);
    }

    /**
     * Runs only the checks of {@link #execute} (no slippage or partial fill is drawn).
     *
     * @param request      the order
     * @param tick         the current quote, {@code null} when none
     * @param spec         the symbol's specification, {@code null} when unknown
     * @param account      the account before the order
     * @param offsetVolume lots of an opposite position the order reduces
     * @param epochMillis  the trade server's time
     * @return the first rejection in MT5's order, or {@code null} when the order may fill
     */
    public Rejected check(OrderRequest request, Tick tick, AssetSpec spec, Account account, double offsetVolume,
            long epochMillis) {
        if (spec == null) {
            return new Rejected(TradeReturnCode.PRICE_OFF, "symbol " + request.symbol() + " is not known");
        }
        if (tick == null || !tick.symbol().equals(request.symbol()) || tick.checkValues() != null) {
            return new Rejected(TradeReturnCode.PRICE_OFF, "no quote for " + request.symbol()
                    + (tick == null ? "" : " (last tick " + tick + ")"));
        }
        double rate = account.converter().rate(spec.quoteCurrency());
        if (!(rate > 0) || !Double.isFinite(rate)) {
            return new Rejected(TradeReturnCode.PRICE_OFF, "no rate yet to convert " + spec.quoteCurrency() + " into "
                    + account.converter().accountCurrency() + " for " + request.symbol());
        }
        if (!spec.tradingHours().isOpen(Instant.ofEpochMilli(epochMillis))) {
            return new Rejected(TradeReturnCode.MARKET_CLOSED, "market of " + request.symbol() + " is closed at "
                    + Instant.ofEpochMilli(epochMillis));
        }
        if (!spec.isValidVolume(request.volume())) {
            return new Rejected(TradeReturnCode.INVALID_VOLUME, "volume must be in [" + spec.volumeMin() + ", "
                    + spec.volumeMax() + "] in steps of " + spec.volumeStep() + ", was " + request.volume());
        }
        String stops = checkStops(request, tick, spec);
        if (stops != null) {
            return new Rejected(TradeReturnCode.INVALID_STOPS, stops);
        }
        double opening = Math.max(0, request.volume() - Math.max(0, offsetVolume));
        if (opening > 0) {
            double price = tick.priceFor(request.side());
            double need = margin(spec, opening, price, account.leverage(), account.converter());
            if (need > account.freeMargin() + EPS) {
                return new Rejected(TradeReturnCode.NO_MONEY, "margin " + round2(need) + " "
                        + account.converter().accountCurrency() + " exceeds free margin " + round2(account.freeMargin()));
            }
        }
        if (instantExecution) {
            double moved = Math.abs(tick.priceFor(request.side()) - request.requestedPrice());
            if (moved > request.maxDeviationPoints() * spec.point() + spec.point() * 1e-6) {
                return new Rejected(TradeReturnCode.REQUOTE, "price moved to " + tick.priceFor(request.side())
                        + " from requested " + request.requestedPrice() + ", more than " + request.maxDeviationPoints()
                        + " points");
            }
        }
        return null;
    }

    private static String checkStops(OrderRequest r, Tick tick, AssetSpec spec) {
        return checkStops(r.side(), r.stopLoss(), r.takeProfit(), tick.bid(), tick.ask(), spec);
    }

    /**
     * The stops rule of MT5, for orders and for changes of an open position's stops alike.
     *
     * @param side       the position's (or the order's) side
     * @param stopLoss   stop-loss, 0 for none
     * @param takeProfit take-profit, 0 for none
     * @param bid        current bid: a long's stops are measured from it
     * @param ask        current ask: a short's stops are measured from it
     * @param spec       the symbol (its stops level; at least one point)
     * @return why the stops are refused, {@code null} when they are valid
     */
    static String checkStops(Side side, double stopLoss, double takeProfit, double bid, double ask, AssetSpec spec) {
        // at least one point away even when the stops level is 0; the tolerance absorbs rounding
        double level = Math.max(spec.minStopDistance(), spec.point()) - spec.point() * 1e-6;
        boolean buy = side == Side.BUY;
        // MT5 measures a buy's stops from the bid (where it will close) and a sell's from the ask
        double ref = buy ? bid : ask;
        int sign = side.sign();
        if (stopLoss > 0 && sign * (ref - stopLoss) < level) {
            return stopsMessage("stopLoss", stopLoss, side, buy ? "below the bid " : "above the ask ", ref, spec);
        }
        if (takeProfit > 0 && sign * (takeProfit - ref) < level) {
            return stopsMessage("takeProfit", takeProfit, side, buy ? "above the bid " : "below the ask ", ref, spec);
        }
        return null;
    }

    private static String stopsMessage(String field, double value, Side side, String where, double ref,
            AssetSpec spec) {
        return field + " " + value + " of a " + side.name().toLowerCase(java.util.Locale.ROOT) + " must be at least "
                + Math.max(1, spec.stopsLevelPoints()) + " points " + where + ref;
    }

    /**
     * The margin MT5's simple CFD/forex formula asks for.
     *
     * @param spec      the symbol
     * @param lots      volume
     * @param price     price in the quote currency
     * @param leverage  account leverage, &gt;= 1
     * @param converter converts the quote currency into the account currency
     * @return lots &times; contract size &times; price &times; rate / leverage, in the account
     *     currency (NaN when no rate is known yet)
     */
    public static double margin(AssetSpec spec, double lots, double price, int leverage, CurrencyConverter converter) {
        return converter.toAccount(spec.notional(lots, price), spec.quoteCurrency()) / leverage;
    }

    /**
     * Profit of closing {@code lots} of a position.
     *
     * @param spec       the symbol
     * @param side       side of the position (BUY for a long)
     * @param lots       volume closed
     * @param openPrice  entry price
     * @param closePrice exit price (bid for a long, ask for a short)
     * @param converter  converts the quote currency into the account currency
     * @return profit in the account currency (NaN when no rate is known yet)
     */
    public static double profit(AssetSpec spec, Side side, double lots, double openPrice, double closePrice,
            CurrencyConverter converter) {
        return converter.toAccount(spec.profit(side, lots, openPrice, closePrice), spec.quoteCurrency());
    }

    /** @return the latency of the next order in simulated milliseconds, from the latency model */
    public long nextLatencyMillis() {
        return Math.max(0, latency.nextMillis());
    }

    /** @return the latency model in a few words ({@link LatencyModel#describe()}) */
    public String describeLatency() {
        return latency.describe();
    }

    /** @return whether orders are requoted when the price moved beyond their deviation */
    public boolean instantExecution() {
        return instantExecution;
    }

    private static double round2(double v) {
        return Math.rint(v * 100) / 100;
    }

    /** Builds a {@link FillModel}; every option has a default. */
    public static final class Builder {
        private SlippageModel slippage = SlippageModel.none();
        private PartialFillModel partialFill = PartialFillModel.none();
        private LatencyModel latency = LatencyModel.none();
        private boolean instantExecution;

        private Builder() {
        }

        /**
         * @param model slippage model; default {@link SlippageModel#none()}
         * @return this builder
         */
        public Builder slippage(SlippageModel model) {
            this.slippage = Objects.requireNonNull(model, "slippage");
            return this;
        }

        /**
         * @param model partial-fill model; default {@link PartialFillModel#none()}
         * @return this builder
         */
        public Builder partialFill(PartialFillModel model) {
            this.partialFill = Objects.requireNonNull(model, "partialFill");
            return this;
        }

        /**
         * @param model latency model; default {@link LatencyModel#none()}
         * @return this builder
         */
        public Builder latency(LatencyModel model) {
            this.latency = Objects.requireNonNull(model, "latency");
            return this;
        }

        /**
         * @param enabled true for MT5 "instant execution" (requote beyond the order's deviation);
         *                default false ("market execution": fill at whatever the market is)
         * @return this builder
         */
        public Builder instantExecution(boolean enabled) {
            this.instantExecution = enabled;
            return this;
        }

        /** @return the fill model */
        public FillModel build() {
            return new FillModel(this);
        }
    }
}
