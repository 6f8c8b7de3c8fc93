package io.aria.core.internal;

import io.aria.core.AccountSnapshot;
import io.aria.core.AssetCatalog;
import io.aria.core.AssetSpec;
import io.aria.core.ClosedTrade;
import io.aria.core.ControlResult;
import io.aria.core.CurrencyConverter;
import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.KillSwitch;
import io.aria.core.ModifyResult;
import io.aria.core.OrderIntent;
import io.aria.core.OrderRequest;
import io.aria.core.PipelineCounters;
import io.aria.core.PipelineSnapshot;
import io.aria.core.PipelineStatus;
import io.aria.core.Position;
import io.aria.core.Regime;
import io.aria.core.Side;
import io.aria.core.Tick;
import io.aria.core.TickRejectReason;
import io.aria.core.TradeEvent;
import io.aria.core.TradeReturnCode;
import io.aria.core.Verdict;
import io.aria.core.audit.AuditRecord;
import io.aria.core.spi.AuditSink;
import io.aria.core.spi.EnsembleModel;
import io.aria.core.spi.OrderGateway;
import io.aria.core.spi.PipelineListener;
import io.aria.core.spi.PortfolioView;
import io.aria.core.spi.PositionSizer;
import io.aria.core.spi.RiskGuard;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision path's state and logic. Not safe for use from multiple threads: only the event
 * loop (or the caller of {@code TradingPipeline.step}) calls it. Completions from the gateway
 * arrive through {@link #events}, a queue the owner drains on the same thread.
 *
 * <p><b>Exposure is the engine's call.</b> Whether an order reduces exposure is decided here from
 * the real book, never from {@link OrderIntent#reducing()}: an order reduces only when it names
 * ({@link OrderRequest#positionTicket()}) an open position of the same symbol on the other side
 * and is no larger than it. A plug-in's intent that claims to reduce is matched against the open
 * opposite positions of its symbol: the part that closes them goes as ticketed closes, the rest
 * (a flip) as a new entry that the kill switch and the guards check; a claim with nothing to
 * reduce is refused with {@code CLAIMED_REDUCING_INCREASES}. An order without a ticket is always
 * an entry. Guards, the kill switch and the audit see the engine's classification.
 *
 * <p><b>Write ahead, fail closed.</b> Every order's {@code order_submitted} record goes through
 * {@link AuditSink#recordAhead} before {@link OrderGateway#submit}. When it throws, the order is
 * not sent and the kill switch is engaged ({@code AUDIT_FAILED}); since no order can then be
 * written ahead, none is sent, reducing or not, until the audit writes again.
 */
public final class Engine implements PortfolioView {

    private static final Logger log = LoggerFactory.getLogger(Engine.class);
    private static final long DAY_MILLIS = 86_400_000L;
    private static final double EPS = 1e-9;

    /** Reason code of an intent that claims to reduce but has no open opposite position to reduce. */
    public static final String CLAIMED_REDUCING_INCREASES = "CLAIMED_REDUCING_INCREASES";
    /** Reason code of an order refused because the gateway has not reported the account yet. */
    public static final String ACCOUNT_NOT_READY = "ACCOUNT_NOT_READY";
    /** Reason code of an order not sent because its write-ahead record could not be written. */
    public static final String AUDIT_FAILED = "AUDIT_FAILED";
    /** Verdict code of a close asked for by {@code TradingPipeline.closePosition}. */
    public static final String CONTROL_CLOSE = "CONTROL_CLOSE";
    /** Verdict code of a close sent by {@code TradingPipeline.flattenAll}. */
    public static final String CONTROL_FLATTEN = "CONTROL_FLATTEN";
    /** Verdict code of a close sent by {@code TradingPipeline.emergencyStop}. */
    public static final String EMERGENCY_STOP = "EMERGENCY_STOP";

    /** Everything the engine is built from. */
    public record Config(
            AssetCatalog catalog,
            EnsembleModel ensemble,
            PositionSizer sizer,
            RiskGuard[] guards,
            OrderGateway gateway,
            AuditSink audit,
            PipelineListener[] listeners,
            KillSwitch killSwitch,
            Set<String> enabledSymbols,
            String clientOrderIdPrefix,
            long magic,
            int maxDeviationPoints,
            int decisionLogSampleEvery,
            java.time.Clock clock) {
    }

    private final AssetCatalog catalog;
    private final EnsembleModel ensemble;
    private final PositionSizer sizer;
    private final RiskGuard[] guards;
    private final OrderGateway gateway;
    private final AuditSink audit;
    private final PipelineListener[] listeners;
    private final KillSwitch killSwitch;
    private final String orderIdPrefix;
    private final long magic;
    private final int maxDeviationPoints;
    private final int decisionLogSampleEvery;
    private final EventQueue events;
    private CurrencyConverter converter;
    /** Holds what the ensemble emits during one onTick; acted on only once the call returned normally. */
    private final Consumer<Decision> decisionSink = this::hold;
    private Decision[] held = new Decision[2];
    private int heldCount;
    private final BlockedEpisodes.Summary summaryWriter = this::writeBlockedSummary;
    private final java.time.Clock clock;
    private final java.util.concurrent.atomic.AtomicLong publishedTime = new java.util.concurrent.atomic.AtomicLong();

    // per-symbol state, indexed by catalog index
    private final int n;
    private final boolean[] enabled;
    private final boolean[] hasTick;
    private final long[] lastTime;
    private final double[] bid;
    private final double[] ask;
    private final double[] quoteRate;
    private final boolean[] quoteIsAccount;
    private final double[] longVol;
    private final double[] longAvg;
    private final double[] shortVol;
    private final double[] shortAvg;
    private final double[] prevLongVol;
    private final double[] prevShortVol;
    private final double[] unrealised;
    private final int[] inFlight;
    private final int[] unresolved;
    private final Direction[] target;
    private final long[] sampleCounter;
    private final Decision[] entryDecision;
    private final Decision[] pendingEntry;
    /** Realised profit of the symbol's trade so far (partial closes add up until it is flat). */
    private final double[] tradeProfit;
    // price extremes since the long / short side of a symbol opened: MAE and MFE, no allocation per tick
    private final double[] longLow;
    private final double[] longHigh;
    private final double[] shortLow;
    private final double[] shortHigh;
    /** Blocked-intent episodes, see {@link #block}. */
    private final BlockedEpisodes episodes;

    private final Map<String, Pending> pending = new HashMap<>();
    private final Map<String, Pending> unresolvedIntents = new HashMap<>();
    private List<Position> positions = List.of();
    /** Positions that left the book lately, by ticket, so a close reported after a re-read still finds its entry. */
    private final Map<Long, Position> recentlyClosed = new java.util.LinkedHashMap<>(64, 0.75f, false) {
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
    private long lastEquitySecond = Long.MIN_VALUE;
    private long orderSeq;
    private final String runTag;

    // counters
    private long ticksIn;
    private long ticksAccepted;
    private final long[] rejectedByReason = new long[TickRejectReason.values().length];
    private long decisions;
    private long decisionsLogged;
    private long intents;
    private long noTrade;
    private long ordersBlocked;
    private long blockedByKillSwitch;
    /** Blocked intents per verdict code; a handful of codes, looked up only when an intent is blocked. */
    private final Map<String, long[]> blockedByCode = new HashMap<>();
    private long ordersSent;
    private long ordersFilled;
    private long ordersPartiallyFilled;
    private long ordersRejected;
    private long ordersErrored;
    private long ordersUnknown;
    private long tradeEvents;
    private long componentErrors;
    private long auditFailures;

    /**
     * What an order is for, beyond its intent: why a close closes (for the closed trade), and the
     * control action waiting for its reports, if any.
     */
    private record Purpose(String verdictCode, String by, String reason, ClosedTrade.ExitReason exitReason,
            ControlTracker tracker) {
        static final Purpose ENTRY = new Purpose(null, "", "", null, null);
        static final Purpose SIGNAL_EXIT = new Purpose(null, "", "", ClosedTrade.ExitReason.SIGNAL, null);

        boolean control() {
            return verdictCode != null;
        }
    }

    /** An order handed to the gateway and not yet reported. */
    private record Pending(OrderIntent intent, OrderRequest request, int symbolIndex, Purpose purpose,
            Position target) {
    }

    /**
     * @param config the parts
     * @param events queue for completions and control commands, drained by the owner on this thread
     * @param runTag a short tag that makes client order ids unique across runs
     */
    @SuppressWarnings("unchecked")
    public Engine(Config config, EventQueue events, String runTag) {
        this.catalog = config.catalog();
        this.ensemble = config.ensemble();
        this.sizer = config.sizer();
        this.guards = config.guards().clone();
        this.gateway = config.gateway();
        this.audit = config.audit();
        this.listeners = config.listeners().clone();
        this.killSwitch = config.killSwitch();
        this.orderIdPrefix = config.clientOrderIdPrefix();
        this.magic = config.magic();
        this.maxDeviationPoints = config.maxDeviationPoints();
        this.decisionLogSampleEvery = config.decisionLogSampleEvery();
        this.events = events;
        this.runTag = runTag;
        this.clock = config.clock();
        this.n = catalog.size();
        enabled = new boolean[n];
        hasTick = new boolean[n];
        lastTime = new long[n];
        bid = new double[n];
        ask = new double[n];
        quoteRate = new double[n];
        quoteIsAccount = new boolean[n];
        longVol = new double[n];
        longAvg = new double[n];
        shortVol = new double[n];
        shortAvg = new double[n];
        prevLongVol = new double[n];
        prevShortVol = new double[n];
        unrealised = new double[n];
        inFlight = new int[n];
        unresolved = new int[n];
        target = new Direction[n];
        sampleCounter = new long[n];
        entryDecision = new Decision[n];
        pendingEntry = new Decision[n];
        tradeProfit = new double[n];
        longLow = new double[n];
        longHigh = new double[n];
        shortLow = new double[n];
        shortHigh = new double[n];
        episodes = new BlockedEpisodes(n);
        for (int i = 0; i < n; i++) {
            target[i] = Direction.FLAT;
            enabled[i] = config.enabledSymbols().contains(catalog.spec(i).symbol());
        }
        // until the gateway reports the real account, a neutral placeholder only fills the view: no order goes
        setAccount(knownAccount());
        accountReady = false;
        CompletionStage<AccountSnapshot> ready;
        try {
            ready = gateway.ready();
        } catch (RuntimeException e) {
            componentError("gateway.ready", e);
            ready = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<AccountSnapshot> now = ready.toCompletableFuture();
        if (now.isDone() && !now.isCompletedExceptionally()) {
            onAccountReady(now.join(), false);
        } else {
            ready.whenComplete((acc, error) -> events.offer(new EventQueue.Command(() -> {
                if (acc != null) {
                    onAccountReady(acc, true);
                } else {
                    log.error("gateway {} failed before reporting its account; no order will be sent: {}",
                            gateway.name(), String.valueOf(error));
                }
            })));
        }
        killSwitch.addListener(state -> events.offer(new EventQueue.Command(() -> {
            auditControl(state.engaged() ? "KILL_SWITCH_ENGAGED" : "KILL_SWITCH_RELEASED", state.by(), state.reason());
            endAllEpisodes();
        })));
        try {
            audit.onFailure(e -> killSwitch.engage("audit", AUDIT_FAILED + ": " + e.getMessage()));
            audit.failure().ifPresent(e -> killSwitch.engage("audit", AUDIT_FAILED + ": " + e.getMessage()));
        } catch (RuntimeException e) {
            componentError("audit.onFailure", e);
        }
        syncBook();
    }

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
            quoteRate[i] = quoteIsAccount[i] ? 1.0 : Double.NaN;
            if (hasTick[i]) {
                converter.update(i, bid[i], ask[i]);
            }
        }
    }

    /**
     * The gateway reported the real account (at once for paper, after the handshake for a live
     * gateway): currency, leverage and balance come from it, and orders may go from now on.
     */
    private void onAccountReady(AccountSnapshot acc, boolean late) {
        setAccount(acc);
        accountReady = true;
        syncBook();
        if (hasAnyTick()) {
            startOfDayEquity = equity();
        }
        if (late) {
            log.info("gateway {} reported its account: {} 1:{}, balance {}", gateway.name(), acc.currency(),
                    acc.leverage(), acc.balance());
        }
        auditControl("ACCOUNT_READY", gateway.name(), acc.currency() + " 1:" + acc.leverage() + ", balance "
                + acc.balance());
    }

    private boolean hasAnyTick() {
        for (int i = 0; i < n; i++) {
            if (hasTick[i]) {
                return true;
            }
        }
        return false;
    }

    /** @return whether the gateway has reported the account (orders are refused until then) */
    public boolean accountReady() {
        return accountReady;
    }

    // ------------------------------------------------------------------ ticks

    /**
     * Processes one tick. Allocation-free when no decision results and the plug-ins do not allocate.
     *
     * @param t the tick
     */
    public void onTick(Tick t) {
        ticksIn++;
        int i = catalog.indexOf(t.symbol());
        if (i < 0) {
            reject(t, TickRejectReason.UNKNOWN_SYMBOL);
            return;
        }
        TickRejectReason r = t.checkValues();
        if (r != null) {
            reject(t, r);
            return;
        }
        long time = t.epochMillis();
        if (hasTick[i] && time < lastTime[i]) {
            reject(t, TickRejectReason.TIME_BACKWARDS);
            return;
        }
        ticksAccepted++;
        hasTick[i] = true;
        lastTime[i] = time;
        bid[i] = t.bid();
        ask[i] = t.ask();
        converter.update(i, t.bid(), t.ask());
        if (time > nowMillis) {
            nowMillis = time;
            publishedTime.lazySet(time);
        }
        if (killSwitch.state().timed()) {
            killSwitch.releaseIfExpired(nowMillis); // a daily-loss halt lifts at its time, here on the tick path
        }
        long day = Math.floorDiv(nowMillis, DAY_MILLIS);
        if (day != currentDay) {
            currentDay = day;
            startOfDayEquity = equity();
            if (episodes.any()) {
                endAllEpisodes(); // each day's file says how many intents were blocked that day
            }
        }
        markSymbol(i);
        trackExcursion(i);
        try {
            gateway.onTick(t);
        } catch (RuntimeException e) {
            componentError("gateway.onTick", e);
        }
        for (RiskGuard g : guards) {
            try {
                g.onTick(t, this);
            } catch (RuntimeException e) {
                componentError("guard " + g.name() + ".onTick", e);
            }
        }
        try {
            sizer.onTick(t, this);
        } catch (RuntimeException e) {
            componentError("sizer.onTick", e);
        }
        long second = nowMillis / 1000;
        if (second != lastEquitySecond && listeners.length > 0) {
            lastEquitySecond = second;
            double eq = equity();
            for (PipelineListener l : listeners) {
                try {
                    l.onEquity(eq, nowMillis);
                } catch (RuntimeException e) {
                    componentError("listener.onEquity", e);
                }
            }
        }
        if (enabled[i]) {
            decide(t);
        }
    }

    /**
     * Asks the ensemble, then acts on what it emitted. An exception means "no decision", also for
     * a decision emitted before the throw: a model that failed half-way is not traded on.
     */
    private void decide(Tick t) {
        heldCount = 0;
        boolean ok = true;
        try {
            ensemble.onTick(t, decisionSink);
        } catch (RuntimeException e) {
            ok = false;
            componentError("ensemble " + ensemble.name(), e);
        }
        int n = heldCount;
        heldCount = 0;
        for (int k = 0; k < n; k++) {
            Decision d = held[k];
            held[k] = null;
            if (ok) {
                onDecision(d);
            }
        }
    }

    private void hold(Decision d) {
        if (heldCount == held.length) {
            held = java.util.Arrays.copyOf(held, 2 * held.length);
        }
        held[heldCount++] = d;
    }

    /** Widens the price range seen since each open side of the symbol opened (primitive, no allocation). */
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

    private void reject(Tick t, TickRejectReason reason) {
        long c = ++rejectedByReason[reason.ordinal()];
        if (c <= 10 || c % 10_000 == 0) {
            log.warn("tick rejected ({}, {} so far): {}", reason, c, t);
        }
    }

    private void markSymbol(int i) {
        double rate = quoteRate(i);
        double u = 0;
        AssetSpec s = catalog.spec(i);
        if (longVol[i] != 0) {
            u += (bid[i] - longAvg[i]) * longVol[i] * s.contractSize() * rate;
        }
        if (shortVol[i] != 0) {
            u += (shortAvg[i] - ask[i]) * shortVol[i] * s.contractSize() * rate;
        }
        if (Double.isNaN(u)) {
            u = 0; // no conversion rate yet: count the position at zero until one arrives
        }
        unrealisedTotal += u - unrealised[i];
        unrealised[i] = u;
    }

    private double quoteRate(int i) {
        if (quoteIsAccount[i]) {
            return 1.0;
        }
        return converter.rate(catalog.spec(i).quoteCurrency());
    }

    // ------------------------------------------------------------------ decisions

    private void onDecision(Decision d) {
        decisions++;
        int i = catalog.indexOf(d.symbol());
        if (i < 0) {
            componentError("ensemble", new IllegalArgumentException("decision for unknown symbol " + d.symbol()));
            return;
        }
        boolean changed = d.direction() != target[i];
        target[i] = d.direction();
        if (changed || (decisionLogSampleEvery > 0 && ++sampleCounter[i] % decisionLogSampleEvery == 0)) {
            decisionsLogged++;
            record(new AuditRecord.DecisionLogged(d.epochMillis(), d, changed));
        }
        for (PipelineListener l : listeners) {
            try {
                l.onDecision(d);
            } catch (RuntimeException e) {
                componentError("listener.onDecision", e);
            }
        }
        act(i, d);
    }

    /** Moves the symbol's book toward the decision's direction. */
    private void act(int i, Decision d) {
        if (!enabled[i] && d.direction() != Direction.FLAT) {
            return;
        }
        if (inFlight[i] > 0 || unresolved[i] > 0) {
            if (d.direction() != Direction.FLAT) {
                pendingEntry[i] = d;
            }
            return;
        }
        double net = longVol[i] - shortVol[i];
        int have = net > 1e-12 ? 1 : net < -1e-12 ? -1 : 0;
        int want = d.direction().sign();
        if (have == want) {
            return;
        }
        if (have != 0) {
            exit(i, d, "exit: decision " + d.direction(), Purpose.SIGNAL_EXIT);
            if (want != 0) {
                pendingEntry[i] = d;
            }
            return;
        }
        enter(i, d);
    }

    private void enter(int i, Decision d) {
        Optional<OrderIntent> intent;
        try {
            intent = sizer.size(d, this);
        } catch (RuntimeException e) {
            componentError("sizer", e);
            return;
        }
        if (intent == null || intent.isEmpty()) {
            noTrade++;
            return;
        }
        OrderIntent in = intent.get();
        int j = catalog.indexOf(in.symbol());
        if (j < 0) {
            componentError("sizer", new IllegalArgumentException("intent for unknown symbol " + in.symbol()));
            return;
        }
        classifyAndProcess(j, in, 0, Purpose.ENTRY);
    }

    /** Sends a close for every open position of the symbol. */
    private void exit(int i, Decision d, String note, Purpose purpose) {
        OrderIntent.Origin origin = purpose.control() ? OrderIntent.Origin.CONTROL : OrderIntent.Origin.SIGNAL;
        for (Position p : positions) {
            if (p.symbol().equals(catalog.spec(i).symbol())) {
                close(i, p, d, note, origin, purpose);
            }
        }
    }

    private void close(int i, Position p, Decision d, String note, OrderIntent.Origin origin, Purpose purpose) {
        Side side = p.side().opposite();
        double price = side == Side.BUY ? ask[i] : bid[i];
        if (!(price > 0)) {
            price = p.currentPrice() > 0 ? p.currentPrice() : p.openPrice();
        }
        OrderIntent intent = new OrderIntent(p.symbol(), side, p.volume(), price, 0, 0, true, d, note, origin);
        classifyAndProcess(i, intent, p.ticket(), purpose);
    }

    /**
     * Decides from the real book whether an intent reduces, and sends each part for what it is:
     * ticketed closes of open opposite positions (reducing), and any rest as a checked entry.
     */
    private void classifyAndProcess(int i, OrderIntent intent, long positionTicket, Purpose purpose) {
        if (positionTicket > 0) {
            Position p = position(positionTicket);
            if (p == null || !p.symbol().equals(intent.symbol()) || p.side() != intent.side().opposite()) {
                intents++;
                block(i, intent.withReducing(false), Verdict.reject(CLAIMED_REDUCING_INCREASES, "position "
                        + positionTicket + " is not an open " + intent.side().opposite() + " position of "
                        + intent.symbol() + ": a " + intent.side() + " for it would not reduce"), purpose);
                return;
            }
            double closing = Math.min(intent.volume(), p.volume());
            process(i, closing >= intent.volume() - EPS ? intent.withReducing(true)
                    : intent.withVolume(closing).withReducing(true), positionTicket, purpose);
            flipRest(i, intent, intent.volume() - closing, purpose);
            return;
        }
        if (!intent.reducing()) {
            process(i, intent, 0, purpose);
            return;
        }
        // a plug-in claims this reduces: match it against the open opposite positions of its symbol
        double left = intent.volume();
        boolean any = false;
        for (Position p : positions) {
            if (left <= EPS) {
                break;
            }
            if (p.symbol().equals(intent.symbol()) && p.side() == intent.side().opposite()) {
                any = true;
                double closing = Math.min(left, p.volume());
                process(i, intent.withVolume(closing).withReducing(true), p.ticket(), purpose);
                left -= closing;
            }
        }
        if (!any) {
            intents++;
            block(i, intent.withReducing(false), Verdict.reject(CLAIMED_REDUCING_INCREASES, "the intent claims to reduce"
                    + " but " + intent.symbol() + " has no open " + intent.side().opposite() + " position: a "
                    + intent.side() + " of " + intent.volume() + " lots would increase exposure"), purpose);
            return;
        }
        flipRest(i, intent, left, purpose);
    }

    /** The part of a claimed reduction beyond the position: a new entry, checked like any other. */
    private void flipRest(int i, OrderIntent intent, double rest, Purpose purpose) {
        if (rest <= EPS || purpose.control()) {
            return;
        }
        double lots = catalog.spec(i).roundVolumeDown(rest);
        if (lots <= 0) {
            return;
        }
        process(i, intent.withVolume(lots).withReducing(false), 0, Purpose.ENTRY);
    }

    private Position position(long ticket) {
        for (Position p : positions) {
            if (p.ticket() == ticket) {
                return p;
            }
        }
        return null;
    }

    /** @return an open position, or one that left the book lately (its close may still be reported) */
    private Position knownPosition(long ticket) {
        Position p = position(ticket);
        return p != null ? p : recentlyClosed.get(ticket);
    }

    /**
     * Checks and sends one order whose {@code reducing} flag is the engine's own classification.
     */
    private void process(int i, OrderIntent intent, long positionTicket, Purpose purpose) {
        intents++;
        Verdict verdict;
        if (!accountReady) {
            verdict = Verdict.reject(ACCOUNT_NOT_READY, "gateway " + gateway.name() + " has not reported the account yet");
        } else if (!intent.reducing() && killSwitch.isEngaged()) {
            KillSwitch.State s = killSwitch.state();
            verdict = Verdict.reject("KILL_SWITCH", "kill switch engaged by " + s.by() + ": " + s.reason());
            blockedByKillSwitch++;
        } else if (purpose.control()) {
            verdict = Verdict.approve(purpose.verdictCode(), purpose.by() + ": " + purpose.reason());
        } else {
            verdict = check(intent);
        }
        if (verdict instanceof Verdict.Rejected) {
            block(i, intent, verdict, purpose);
            return;
        }
        if (verdict instanceof Verdict.Resized rs) {
            intent = intent.withVolume(rs.volume());
        }
        String id = nextClientOrderId();
        OrderRequest request = new OrderRequest(id, intent.symbol(), intent.side(), intent.volume(),
                intent.referencePrice(), intent.stopLoss(), intent.takeProfit(), maxDeviationPoints, magic, id,
                positionTicket);
        // write ahead: the record is in the audit file before the gateway sees the order
        try {
            audit.recordAhead(new AuditRecord.OrderSubmitted(now(), request, intent, verdict));
        } catch (RuntimeException e) {
            auditFailed(i, intent, request, e, purpose);
            return;
        }
        endEpisodes(i);
        pending.put(id, new Pending(intent, request, i, purpose, positionTicket > 0 ? knownPosition(positionTicket) : null));
        inFlight[i]++;
        ordersSent++;
        if (purpose.tracker() != null) {
            purpose.tracker().sent();
        }
        CompletionStage<ExecutionReport> stage;
        try {
            stage = gateway.submit(request);
        } catch (RuntimeException e) {
            componentError("gateway.submit", e);
            events.offer(new EventQueue.Report(ExecutionReport.notFilled(request, ExecutionStatus.ERROR, 0,
                    "gateway threw " + e, 0, now())));
            return;
        }
        long sentAt = now();
        stage.whenComplete((report, error) -> {
            ExecutionReport r = report;
            if (r == null) {
                r = ExecutionReport.notFilled(request, ExecutionStatus.ERROR, 0,
                        "gateway failed: " + (error == null ? "no report" : error.toString()), 0, sentAt);
            }
            events.offer(new EventQueue.Report(r));
        });
    }

    /** The write-ahead record could not be written: the order does not go, and the kill switch engages. */
    private void auditFailed(int i, OrderIntent intent, OrderRequest request, RuntimeException e, Purpose purpose) {
        long c = ++auditFailures;
        ordersBlocked++;
        String msg = String.valueOf(e.getMessage());
        killSwitch.engage("audit", AUDIT_FAILED + ": " + msg);
        if (c == 1 || c % 1000 == 0) {
            log.error("order {} {} {} {} lots not sent: its write-ahead audit record could not be written ({} so far): {}",
                    request.clientOrderId(), request.side(), request.symbol(), request.volume(), c, msg);
        }
        if (purpose.tracker() != null) {
            purpose.tracker().note("order " + request.clientOrderId() + " for " + request.symbol()
                    + " not sent: " + AUDIT_FAILED + ": " + msg);
        }
        ordersBlocked--; // block() counts it
        block(i, intent, Verdict.reject(AUDIT_FAILED, msg), Purpose.ENTRY);
    }

    /**
     * Counts a blocked intent and writes it once per episode: the first block of a symbol for a
     * reason code is written, repeats are counted until the episode ends (see {@link #endEpisodes}).
     */
    private void block(int i, OrderIntent intent, Verdict verdict, Purpose purpose) {
        ordersBlocked++;
        blockedByCode.computeIfAbsent(verdict.code(), c -> new long[1])[0]++;
        for (PipelineListener l : listeners) {
            try {
                l.onBlocked(intent, verdict, now());
            } catch (RuntimeException e) {
                componentError("listener.onBlocked", e);
            }
        }
        if (purpose.tracker() != null) {
            purpose.tracker().note(intent.symbol() + " " + intent.side() + " " + intent.volume() + " lots blocked: "
                    + verdict.code() + ": " + verdict.message());
        }
        long t = now();
        if (episodes.onBlock(i, verdict.code(), t)) {
            record(new AuditRecord.OrderBlocked(t, intent, verdict));
        }
    }

    private void writeBlockedSummary(int i, String code, long repeats, long first, long last) {
        record(new AuditRecord.OrderBlockedSummary(now(), catalog.spec(i).symbol(), code, repeats, first, last));
    }

    /** Ends the symbol's blocked-intent episodes, writing how many repeats each had. */
    private void endEpisodes(int i) {
        episodes.end(i, summaryWriter);
    }

    /** Ends every symbol's blocked-intent episodes (kill switch change, new day, close). */
    public void endAllEpisodes() {
        episodes.endAll(summaryWriter);
    }

    private Verdict check(OrderIntent intent) {
        Verdict result = Verdict.approve();
        double volume = intent.volume();
        for (RiskGuard g : guards) {
            Verdict v;
            try {
                v = g.check(volume == intent.volume() ? intent : intent.withVolume(volume), this);
            } catch (RuntimeException e) {
                componentError("guard " + g.name(), e);
                return Verdict.reject("GUARD_ERROR", "guard " + g.name() + " failed: " + e);
            }
            if (v == null) {
                return Verdict.reject("GUARD_ERROR", "guard " + g.name() + " returned no verdict");
            }
            if (v instanceof Verdict.Rejected) {
                return v;
            }
            if (v instanceof Verdict.Resized rs) {
                if (rs.volume() > volume + 1e-12) {
                    return Verdict.reject("GUARD_RESIZE_UP", "guard " + g.name() + " resized " + volume
                            + " lots up to " + rs.volume() + " (" + rs.code() + "); guards may only shrink orders");
                }
                volume = rs.volume();
                result = v;
            }
        }
        return result;
    }

    private String nextClientOrderId() {
        return OrderIds.format(orderIdPrefix, runTag, ++orderSeq);
    }

    // ------------------------------------------------------------------ completions

    /** @param r an order's outcome, applied on the loop thread */
    public void onReport(ExecutionReport r) {
        Pending p = pending.remove(r.clientOrderId());
        if (p == null) {
            log.warn("report for unknown or already reported order {}: {}", r.clientOrderId(), r.status());
            return;
        }
        int i = p.symbolIndex();
        inFlight[i]--;
        switch (r.status()) {
            case FILLED -> ordersFilled++;
            case PARTIALLY_FILLED -> ordersPartiallyFilled++;
            case REJECTED -> ordersRejected++;
            case ERROR -> ordersErrored++;
            case UNKNOWN -> ordersUnknown++;
            default -> throw new IllegalStateException("unexpected status " + r.status());
        }
        if (r.status() == ExecutionStatus.REJECTED || r.status() == ExecutionStatus.ERROR) {
            log.info("order {} {} {} {} lots: {} {} ({})", r.clientOrderId(), r.side(), r.symbol(), r.requestedVolume(),
                    r.status(), r.returnCode(), r.message());
        }
        record(new AuditRecord.OrderCompleted(now(), r, p.intent()));
        if (r.status() == ExecutionStatus.UNKNOWN) {
            awaitResolution(i, p, r);
        }
        ClosedTrade closedTrade = closedTradeOf(i, p, r);
        double netBefore = longVol[i] - shortVol[i];
        syncBook();
        double netAfter = longVol[i] - shortVol[i];
        boolean closed = false;
        if (r.status().isFill()) {
            if (!p.intent().reducing() && Math.abs(netBefore) < 1e-12) {
                entryDecision[i] = p.intent().decision();
                tradeProfit[i] = 0;
            }
            closed = p.intent().reducing() && Math.abs(netAfter) < 1e-12 && Math.abs(netBefore) > 1e-12;
        }
        for (RiskGuard g : guards) {
            try {
                g.onExecution(r, this);
            } catch (RuntimeException e) {
                componentError("guard " + g.name() + ".onExecution", e);
            }
        }
        for (PipelineListener l : listeners) {
            try {
                l.onExecution(r, p.intent());
            } catch (RuntimeException e) {
                componentError("listener.onExecution", e);
            }
        }
        if (closedTrade != null) {
            emitClosedTrade(i, closedTrade);
        }
        ControlTracker tracker = p.purpose().tracker();
        if (tracker != null) {
            tracker.reported(r, closedTrade);
        }
        if (closed) {
            tradeClosed(i);
        }
        reopen(i);
    }

    /** Profit of closing {@code lots} of a position at a price, in the account currency. */
    private double orderProfit(int i, Position pos, double lots, double price) {
        double v = (price - pos.openPrice()) * pos.side().sign() * lots * catalog.spec(i).contractSize() * quoteRate(i);
        return Double.isFinite(v) ? v : 0;
    }

    private ClosedTrade closedTrade(int i, Position pos, double lots, double exitPrice, long exitMillis, double profit,
            ClosedTrade.ExitReason reason, String closingOrderId) {
        double open = pos.openPrice();
        double low;
        double high;
        if (pos.side() == Side.BUY) {
            low = Math.min(nanTo(longLow[i], exitPrice), exitPrice);
            high = Math.max(nanTo(longHigh[i], exitPrice), exitPrice);
        } else {
            low = Math.min(nanTo(shortLow[i], exitPrice), exitPrice);
            high = Math.max(nanTo(shortHigh[i], exitPrice), exitPrice);
        }
        double adverse = pos.side() == Side.BUY ? open - low : high - open;
        double favourable = pos.side() == Side.BUY ? high - open : open - low;
        double perPrice = lots * catalog.spec(i).contractSize() * quoteRate(i);
        double mae = Math.max(0, adverse) * perPrice;
        double mfe = Math.max(0, favourable) * perPrice;
        long entry = pos.openEpochMillis();
        long exit = Math.max(exitMillis, entry);
        Decision d = entryDecision[i];
        return new ClosedTrade(pos.symbol(), pos.side(), pos.ticket(), lots, entry, open, exit,
                exitPrice > 0 ? exitPrice : open, Double.isFinite(profit) ? profit : 0, exit - entry,
                Double.isFinite(mae) ? mae : 0, Double.isFinite(mfe) ? mfe : 0, reason, lots < pos.volume() - EPS,
                closingOrderId, d != null && d.symbol().equals(pos.symbol()) ? d : null);
    }

    private static double nanTo(double v, double fallback) {
        return Double.isNaN(v) ? fallback : v;
    }

    private void emitClosedTrade(int i, ClosedTrade t) {
        tradeProfit[i] += t.profit();
        record(new AuditRecord.TradeClosed(now(), t));
        for (PipelineListener l : listeners) {
            try {
                l.onTradeClosed(t);
            } catch (RuntimeException e) {
                componentError("listener.onTradeClosed", e);
            }
        }
    }

    /** An UNKNOWN order may still trade: keep its symbol closed to entries until it is resolved. */
    private void awaitResolution(int i, Pending p, ExecutionReport unknown) {
        Optional<CompletionStage<ExecutionReport>> resolution;
        try {
            resolution = gateway.resolutionOf(unknown.clientOrderId());
        } catch (RuntimeException e) {
            componentError("gateway.resolutionOf", e);
            return;
        }
        if (resolution.isEmpty()) {
            return;
        }
        unresolved[i]++;
        unresolvedIntents.put(unknown.clientOrderId(), p);
        resolution.get().whenComplete((report, error) -> events.offer(new EventQueue.Resolution(report != null ? report
                : ExecutionReport.notFilled(p.request(), ExecutionStatus.UNKNOWN, 0,
                        "resolution failed: " + error, 0, unknown.epochMillis()))));
    }

    /**
     * Applies how an order reported UNKNOWN was resolved: the book is re-read from the gateway
     * and the symbol reopens for entries.
     *
     * @param r the resolution
     */
    public void onResolution(ExecutionReport r) {
        Pending p = unresolvedIntents.remove(r.clientOrderId());
        if (p == null) {
            log.warn("resolution for an order that was not awaiting one: {} {}", r.clientOrderId(), r.status());
            return;
        }
        int i = p.symbolIndex();
        unresolved[i]--;
        log.info("order {} resolved after an UNKNOWN outcome: {} {} lots", r.clientOrderId(), r.status(), r.filledVolume());
        record(new AuditRecord.OrderCompleted(now(), r, p.intent()));
        ClosedTrade closedTrade = closedTradeOf(i, p, r);
        double netBefore = longVol[i] - shortVol[i];
        syncBook();
        afterFill(i, p, r, netBefore, closedTrade);
        reopen(i);
    }

    /** @return the trade a filled closing order closed, or null */
    private ClosedTrade closedTradeOf(int i, Pending p, ExecutionReport r) {
        if (!r.status().isFill() || !p.intent().reducing() || p.target() == null) {
            return null;
        }
        Position pos = p.target();
        double lots = Math.min(r.filledVolume(), pos.volume());
        return closedTrade(i, pos, lots, r.fillPrice(), r.epochMillis() > 0 ? r.epochMillis() : now(),
                orderProfit(i, pos, lots, r.fillPrice()), p.purpose().exitReason() == null
                        ? ClosedTrade.ExitReason.SIGNAL : p.purpose().exitReason(), r.clientOrderId());
    }

    /** The entry's decision, the closed trade, and the end of the symbol's trade, after a fill and a re-read. */
    private void afterFill(int i, Pending p, ExecutionReport r, double netBefore, ClosedTrade closedTrade) {
        if (!r.status().isFill()) {
            return;
        }
        double netAfter = longVol[i] - shortVol[i];
        if (!p.intent().reducing() && Math.abs(netBefore) < 1e-12) {
            entryDecision[i] = p.intent().decision();
            tradeProfit[i] = 0;
        }
        if (closedTrade != null) {
            emitClosedTrade(i, closedTrade);
        }
        if (p.intent().reducing() && Math.abs(netAfter) < 1e-12 && Math.abs(netBefore) > 1e-12) {
            tradeClosed(i);
        }
    }

    private void reopen(int i) {
        Decision next = pendingEntry[i];
        if (next != null && inFlight[i] == 0 && unresolved[i] == 0) {
            pendingEntry[i] = null;
            if (target[i] == next.direction()) {
                act(i, next);
            }
        }
    }

    /** @param e a broker-side position change, applied on the loop thread */
    public void onTradeEvent(TradeEvent e) {
        tradeEvents++;
        record(new AuditRecord.TradeEventRecorded(nowMillis == 0 ? e.epochMillis() : nowMillis, e));
        int i = catalog.indexOf(e.symbol());
        double netBefore = i < 0 ? 0 : longVol[i] - shortVol[i];
        ClosedTrade closedTrade = null;
        if (i >= 0 && e.kind() != TradeEvent.Kind.LATE_FILL) {
            Position pos = knownPosition(e.positionTicket());
            if (pos != null && e.volume() > 0) {
                double lots = Math.min(e.volume(), pos.volume());
                closedTrade = closedTrade(i, pos, lots, e.price(), e.epochMillis() > 0 ? e.epochMillis() : now(),
                        e.profit(), exitReason(e.kind()), "");
            }
        }
        syncBook();
        for (RiskGuard g : guards) {
            try {
                g.onTradeEvent(e, this);
            } catch (RuntimeException ex) {
                componentError("guard " + g.name() + ".onTradeEvent", ex);
            }
        }
        for (PipelineListener l : listeners) {
            try {
                l.onTradeEvent(e);
            } catch (RuntimeException ex) {
                componentError("listener.onTradeEvent", ex);
            }
        }
        if (closedTrade != null) {
            emitClosedTrade(i, closedTrade);
        }
        if (i >= 0 && e.kind() != TradeEvent.Kind.LATE_FILL && Math.abs(netBefore) > 1e-12
                && Math.abs(longVol[i] - shortVol[i]) < 1e-12) {
            if (closedTrade == null) {
                tradeProfit[i] += e.profit();
            }
            tradeClosed(i);
        }
    }

    private static ClosedTrade.ExitReason exitReason(TradeEvent.Kind kind) {
        return switch (kind) {
            case STOP_LOSS -> ClosedTrade.ExitReason.STOP_LOSS;
            case TAKE_PROFIT -> ClosedTrade.ExitReason.TAKE_PROFIT;
            case STOP_OUT -> ClosedTrade.ExitReason.STOP_OUT;
            default -> ClosedTrade.ExitReason.EXTERNAL;
        };
    }

    /** The symbol's trade is over (flat again): the ensemble and the old listener callback learn its profit. */
    private void tradeClosed(int i) {
        Decision entry = entryDecision[i];
        double profit = tradeProfit[i];
        entryDecision[i] = null;
        tradeProfit[i] = 0;
        if (entry == null) {
            return;
        }
        try {
            ensemble.onTradeClosed(entry, profit);
        } catch (RuntimeException e) {
            componentError("ensemble.onTradeClosed", e);
        }
        for (PipelineListener l : listeners) {
            try {
                l.onTradeClosed(entry.symbol(), entry, profit, now());
            } catch (RuntimeException e) {
                componentError("listener.onTradeClosed", e);
            }
        }
    }

    /**
     * Re-reads the gateway's positions and account now: at start, after recovery, so positions an
     * earlier process opened are in the book before the first decision. Loop thread only.
     */
    public void resyncBook() {
        syncBook();
    }

    /** Re-reads the gateway's book: the broker is the truth for positions, balance and margin. */
    private void syncBook() {
        List<Position> ps = gateway.positions();
        System.arraycopy(longVol, 0, prevLongVol, 0, n);
        System.arraycopy(shortVol, 0, prevShortVol, 0, n);
        java.util.Arrays.fill(longVol, 0);
        java.util.Arrays.fill(longAvg, 0);
        java.util.Arrays.fill(shortVol, 0);
        java.util.Arrays.fill(shortAvg, 0);
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
            if (prevLongVol[i] <= EPS && longVol[i] > EPS) {
                longLow[i] = Double.NaN; // a new long side: its excursions start now
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
            if (hasTick[i]) {
                markSymbol(i);
            } else {
                unrealisedTotal -= unrealised[i];
                unrealised[i] = 0;
            }
        }
    }

    // ------------------------------------------------------------------ control

    /**
     * @param symbol  catalog symbol
     * @param on      enable or disable new trades
     * @param by      who
     * @return whether the symbol is known
     */
    public boolean setEnabled(String symbol, boolean on, String by) {
        int i = catalog.indexOf(symbol);
        if (i < 0) {
            return false;
        }
        if (enabled[i] != on) {
            enabled[i] = on;
            auditControl(on ? "SYMBOL_ENABLED" : "SYMBOL_DISABLED", by, symbol);
        }
        return true;
    }

    /**
     * Closes one open position through the audit (write-ahead {@code order_submitted} with
     * verdict {@code CONTROL_CLOSE}); the closing order passes the kill switch (it reduces).
     *
     * @param ticket the position's ticket
     * @param by     who
     * @param reason why
     * @return completes when the closing order has its report
     */
    public CompletableFuture<ControlResult> closePosition(long ticket, String by, String reason) {
        ControlTracker tracker = new ControlTracker("CLOSE_POSITION", by, reason);
        Position p = position(ticket);
        auditControl("CLOSE_POSITION", by, "position " + ticket + (p == null ? " (not open)" : " " + p.symbol() + " "
                + p.side() + " " + p.volume() + " lots") + ": " + reason);
        if (p == null) {
            tracker.note("position " + ticket + " is not open");
        } else {
            int i = catalog.indexOf(p.symbol());
            if (i < 0) {
                tracker.note("position " + ticket + " is of " + p.symbol() + ", which is not in the catalog");
            } else {
                close(i, p, controlDecision(i), "close by " + by + ": " + reason, OrderIntent.Origin.CONTROL,
                        new Purpose(CONTROL_CLOSE, by, reason, ClosedTrade.ExitReason.MANUAL, tracker));
            }
        }
        return tracker.seal();
    }

    /**
     * Sends closing orders for every open position, each written ahead with verdict
     * {@code CONTROL_FLATTEN} (or {@code EMERGENCY_STOP}), and sets every symbol's target flat.
     *
     * @param by        who
     * @param reason    why
     * @param emergency whether this is the emergency stop (the kill switch is then already engaged)
     * @return completes when every closing order has its report
     */
    public CompletableFuture<ControlResult> flattenAll(String by, String reason, boolean emergency) {
        String action = emergency ? "EMERGENCY_STOP" : "FLATTEN_ALL";
        ControlTracker tracker = new ControlTracker(action, by, reason);
        auditControl(action, by, positions.size() + " open positions: " + reason);
        Purpose purpose = new Purpose(emergency ? EMERGENCY_STOP : CONTROL_FLATTEN, by, reason,
                emergency ? ClosedTrade.ExitReason.EMERGENCY_STOP : ClosedTrade.ExitReason.MANUAL, tracker);
        Set<Integer> symbols = new LinkedHashSet<>();
        for (Position p : positions) {
            int i = catalog.indexOf(p.symbol());
            if (i >= 0) {
                symbols.add(i);
            } else {
                tracker.note("position " + p.ticket() + " is of " + p.symbol() + ", which is not in the catalog");
            }
        }
        for (int i : symbols) {
            pendingEntry[i] = null;
            target[i] = Direction.FLAT;
            exit(i, controlDecision(i), (emergency ? "emergency stop by " : "flatten by ") + by + ": " + reason,
                    purpose);
        }
        return tracker.seal();
    }

    /**
     * Changes an open position's stops: the change is written ahead to the audit ({@code control}
     * record {@code MODIFY_POSITION}), then sent through {@link OrderGateway#modify}; its outcome is
     * recorded as {@code MODIFY_POSITION_DONE}.
     *
     * @param ticket     the position
     * @param stopLoss   new stop-loss, 0 for none
     * @param takeProfit new take-profit, 0 for none
     * @param by         who
     * @param reason     why
     * @return completes with the broker's answer
     */
    public CompletableFuture<ModifyResult> modifyPosition(long ticket, double stopLoss, double takeProfit, String by,
            String reason) {
        CompletableFuture<ModifyResult> result = new CompletableFuture<>();
        Position p = position(ticket);
        if (p == null) {
            auditControl("MODIFY_POSITION", by, "position " + ticket + " (not open): " + reason);
            result.complete(new ModifyResult(ticket, stopLoss, takeProfit, TradeReturnCode.POSITION_CLOSED,
                    "position " + ticket + " is not open"));
            return result;
        }
        String detail = "position " + ticket + " " + p.symbol() + " " + p.side() + ": stopLoss " + p.stopLoss() + " -> "
                + stopLoss + ", takeProfit " + p.takeProfit() + " -> " + takeProfit + ": " + reason;
        try {
            audit.recordAhead(new AuditRecord.ControlAction(now(), "MODIFY_POSITION", by, detail));
        } catch (RuntimeException e) {
            String msg = String.valueOf(e.getMessage());
            auditFailures++;
            killSwitch.engage("audit", AUDIT_FAILED + ": " + msg);
            log.error("modify of position {} not sent: its write-ahead audit record could not be written: {}", ticket,
                    msg);
            result.complete(new ModifyResult(ticket, stopLoss, takeProfit, TradeReturnCode.ERROR,
                    "not sent: " + AUDIT_FAILED + ": " + msg));
            return result;
        }
        CompletionStage<Integer> stage;
        try {
            stage = gateway.modify(ticket, stopLoss, takeProfit);
        } catch (RuntimeException e) {
            componentError("gateway.modify", e);
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((code, error) -> events.offer(new EventQueue.Command(() -> {
            int rc = code != null ? code : TradeReturnCode.ERROR;
            String msg = code != null ? TradeReturnCode.describe(rc) : "gateway failed: " + error;
            auditControl("MODIFY_POSITION_DONE", by, "position " + ticket + ": " + rc + " " + msg);
            syncBook();
            result.complete(new ModifyResult(ticket, stopLoss, takeProfit, rc, msg));
        })));
        return result;
    }

    /** The decision a control close answers: flat, no votes (attribution stays with the entry). */
    private Decision controlDecision(int i) {
        return new Decision(catalog.spec(i).symbol(), now(), Direction.FLAT, 0, 0, Regime.RANGE, List.of(), Map.of());
    }

    private void auditControl(String action, String by, String detail) {
        record(new AuditRecord.ControlAction(now(), action, by, detail));
    }

    private void record(AuditRecord r) {
        try {
            audit.record(r);
        } catch (RuntimeException e) {
            componentError("audit", e);
        }
    }

    private void componentError(String where, RuntimeException e) {
        long c = ++componentErrors;
        if (c <= 20 || c % 1000 == 0) {
            log.warn("{} failed ({} component errors so far)", where, c, e);
        }
    }

    // ------------------------------------------------------------------ snapshots

    /**
     * @param status the pipeline's status
     * @return a consistent snapshot, built on the loop thread
     */
    public PipelineSnapshot snapshot(PipelineStatus status) {
        List<Position> marked = new ArrayList<>(positions.size());
        for (Position p : positions) {
            int i = catalog.indexOf(p.symbol());
            if (i < 0 || !hasTick[i]) {
                marked.add(p);
                continue;
            }
            double price = p.side() == Side.BUY ? bid[i] : ask[i];
            double pnl = (price - p.openPrice()) * p.side().sign() * p.volume() * catalog.spec(i).contractSize()
                    * quoteRate(i);
            marked.add(new Position(p.ticket(), p.symbol(), p.side(), p.volume(), p.openPrice(), p.openEpochMillis(),
                    p.stopLoss(), p.takeProfit(), price, Double.isFinite(pnl) ? pnl : 0, p.clientOrderId(),
                    p.magic()));
        }
        Set<String> on = new HashSet<>();
        for (int i = 0; i < n; i++) {
            if (enabled[i]) {
                on.add(catalog.spec(i).symbol());
            }
        }
        return new PipelineSnapshot(status, now(), account(), marked, on, killSwitch.state(), counters());
    }

    /** @return the counters, consistent with each other */
    public PipelineCounters counters() {
        Map<TickRejectReason, Long> byReason = new EnumMap<>(TickRejectReason.class);
        long rejected = 0;
        for (TickRejectReason r : TickRejectReason.values()) {
            byReason.put(r, rejectedByReason[r.ordinal()]);
            rejected += rejectedByReason[r.ordinal()];
        }
        return new PipelineCounters(ticksIn, ticksAccepted, rejected, byReason, events.conflated(), decisions,
                decisionsLogged, intents, noTrade, ordersBlocked, blockedByKillSwitch, ordersSent, ordersFilled,
                ordersPartiallyFilled, ordersRejected, ordersErrored, ordersUnknown, pending.size(), tradeEvents,
                componentErrors, auditFailures, blockedCounts());
    }

    private Map<String, Long> blockedCounts() {
        Map<String, Long> m = new HashMap<>(blockedByCode.size() * 2);
        for (Map.Entry<String, long[]> e : blockedByCode.entrySet()) {
            m.put(e.getKey(), e.getValue()[0]);
        }
        return m;
    }

    /** @return whether no order is waiting for its outcome */
    public boolean idle() {
        return pending.isEmpty();
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

    /** @return the last tick's time, or the clock's before the first tick */
    private long now() {
        return nowMillis != 0 ? nowMillis : clock.millis();
    }

    /** @return the pipeline's time as last published by the loop; safe to read from any thread */
    public long publishedTime() {
        long t = publishedTime.get();
        return t != 0 ? t : clock.millis();
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
        return i < 0 ? 0 : longVol[i] - shortVol[i];
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
    public KillSwitch killSwitch() {
        return killSwitch;
    }
}
