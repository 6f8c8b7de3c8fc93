package io.aria.core.internal;

import io.aria.core.AccountSnapshot;
import io.aria.core.AssetCatalog;
import io.aria.core.AssetSpec;
import io.aria.core.CurrencyConverter;
import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.KillSwitch;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision path's state and logic. Not safe for use from multiple threads: only the event
 * loop (or the caller of {@code TradingPipeline.step}) calls it. Completions from the gateway
 * arrive through {@link #events}, a queue the owner drains on the same thread.
 */
public final class Engine implements PortfolioView {

    private static final Logger log = LoggerFactory.getLogger(Engine.class);
    private static final long DAY_MILLIS = 86_400_000L;

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
    private final CurrencyConverter converter;
    private final Consumer<Decision> decisionSink = this::onDecision;
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
    private final double[] unrealised;
    private final int[] inFlight;
    private final int[] unresolved;
    private final Direction[] target;
    private final long[] sampleCounter;
    private final Decision[] entryDecision;
    private final Decision[] pendingEntry;

    private final Map<String, Pending> pending = new HashMap<>();
    private final Map<String, Pending> unresolvedIntents = new HashMap<>();
    private List<Position> positions = List.of();
    private final String accountCurrency;
    private final int leverage;
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
    private long ordersSent;
    private long ordersFilled;
    private long ordersPartiallyFilled;
    private long ordersRejected;
    private long ordersErrored;
    private long ordersUnknown;
    private long tradeEvents;
    private long componentErrors;

    /** An order handed to the gateway and not yet reported. */
    private record Pending(OrderIntent intent, OrderRequest request, int symbolIndex) {
    }

    /**
     * @param config the parts
     * @param events queue for completions and control commands, drained by the owner on this thread
     * @param runTag a short tag that makes client order ids unique across runs
     */
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
        unrealised = new double[n];
        inFlight = new int[n];
        unresolved = new int[n];
        target = new Direction[n];
        sampleCounter = new long[n];
        entryDecision = new Decision[n];
        pendingEntry = new Decision[n];
        AccountSnapshot acc = gateway.account();
        this.accountCurrency = acc.currency();
        this.leverage = acc.leverage();
        this.balance = acc.balance();
        this.margin = acc.margin();
        this.startOfDayEquity = acc.equity();
        this.converter = new CurrencyConverter(catalog, accountCurrency);
        for (int i = 0; i < n; i++) {
            target[i] = Direction.FLAT;
            AssetSpec s = catalog.spec(i);
            quoteIsAccount[i] = s.quoteCurrency().equals(accountCurrency);
            quoteRate[i] = quoteIsAccount[i] ? 1.0 : Double.NaN;
            enabled[i] = config.enabledSymbols().contains(s.symbol());
        }
        killSwitch.addListener(state -> events.offer(new EventQueue.Command(() -> auditControl(
                state.engaged() ? "KILL_SWITCH_ENGAGED" : "KILL_SWITCH_RELEASED", state.by(), state.reason()))));
        syncBook();
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
        long day = Math.floorDiv(nowMillis, DAY_MILLIS);
        if (day != currentDay) {
            currentDay = day;
            startOfDayEquity = equity();
        }
        markSymbol(i);
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
            try {
                ensemble.onTick(t, decisionSink);
            } catch (RuntimeException e) {
                componentError("ensemble " + ensemble.name(), e);
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
            exit(i, d, "exit: decision " + d.direction());
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
        process(i, intent.get(), 0);
    }

    private void exit(int i, Decision d, String note) {
        for (Position p : positions) {
            if (!p.symbol().equals(catalog.spec(i).symbol())) {
                continue;
            }
            Side side = p.side().opposite();
            double price = side == Side.BUY ? ask[i] : bid[i];
            if (!(price > 0)) {
                price = p.currentPrice();
            }
            OrderIntent intent = new OrderIntent(p.symbol(), side, p.volume(), price, 0, 0, true, d, note);
            process(i, intent, p.ticket());
        }
    }

    private void process(int i, OrderIntent intent, long positionTicket) {
        intents++;
        Verdict verdict;
        if (!intent.reducing() && killSwitch.isEngaged()) {
            KillSwitch.State s = killSwitch.state();
            verdict = Verdict.reject("KILL_SWITCH", "kill switch engaged by " + s.by() + ": " + s.reason());
            blockedByKillSwitch++;
        } else {
            verdict = check(intent);
        }
        if (verdict instanceof Verdict.Rejected) {
            ordersBlocked++;
            record(new AuditRecord.OrderBlocked(now(), intent, verdict));
            return;
        }
        if (verdict instanceof Verdict.Resized rs) {
            intent = intent.withVolume(rs.volume());
        }
        String id = nextClientOrderId();
        OrderRequest request = new OrderRequest(id, intent.symbol(), intent.side(), intent.volume(),
                intent.referencePrice(), intent.stopLoss(), intent.takeProfit(), maxDeviationPoints, magic, id,
                positionTicket);
        // write ahead: the audit trail knows of the order before the gateway does
        record(new AuditRecord.OrderSubmitted(now(), request, intent, verdict));
        pending.put(id, new Pending(intent, request, i));
        inFlight[i]++;
        ordersSent++;
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
        double realised = 0;
        boolean closed = false;
        if (r.status().isFill() && p.intent().reducing()) {
            realised = realisedOnClose(i, p.request().side(), r.filledVolume(), r.fillPrice());
        }
        double netBefore = longVol[i] - shortVol[i];
        syncBook();
        double netAfter = longVol[i] - shortVol[i];
        if (r.status().isFill()) {
            if (!p.intent().reducing() && Math.abs(netBefore) < 1e-12) {
                entryDecision[i] = p.intent().decision();
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
        if (closed) {
            tradeClosed(i, realised);
        }
        reopen(i);
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
        syncBook();
        reopen(i);
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
        if (i >= 0 && e.kind() != TradeEvent.Kind.LATE_FILL && Math.abs(netBefore) > 1e-12
                && Math.abs(longVol[i] - shortVol[i]) < 1e-12) {
            tradeClosed(i, e.profit());
        }
    }

    private void tradeClosed(int i, double profit) {
        Decision entry = entryDecision[i];
        entryDecision[i] = null;
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

    private double realisedOnClose(int i, Side closingSide, double volume, double price) {
        AssetSpec s = catalog.spec(i);
        double rate = quoteRate(i);
        double pnl;
        if (closingSide == Side.SELL) {
            pnl = (price - longAvg[i]) * Math.min(volume, longVol[i]) * s.contractSize();
        } else {
            pnl = (shortAvg[i] - price) * Math.min(volume, shortVol[i]) * s.contractSize();
        }
        double v = pnl * rate;
        return Double.isFinite(v) ? v : 0;
    }

    /** Re-reads the gateway's book: the broker is the truth for positions, balance and margin. */
    private void syncBook() {
        List<Position> ps = gateway.positions();
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
        positions = List.copyOf(ps);
        AccountSnapshot acc = gateway.account();
        balance = acc.balance();
        margin = acc.margin();
        for (int i = 0; i < n; i++) {
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
     * Sends closing orders for every open position.
     *
     * @param by     who
     * @param reason why
     * @return how many closing orders were sent
     */
    public int flattenAll(String by, String reason) {
        auditControl("FLATTEN_ALL", by, reason);
        long before = ordersSent;
        Set<Integer> symbols = new HashSet<>();
        for (Position p : positions) {
            int i = catalog.indexOf(p.symbol());
            if (i >= 0) {
                symbols.add(i);
            }
        }
        for (int i : symbols) {
            pendingEntry[i] = null;
            target[i] = Direction.FLAT;
            Decision d = new Decision(catalog.spec(i).symbol(), now(), Direction.FLAT, 0, 0, Regime.RANGE,
                    List.of(), Map.of());
            exit(i, d, "flatten: " + reason);
        }
        return (int) (ordersSent - before);
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
                componentErrors);
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
