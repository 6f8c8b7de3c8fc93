package io.aria.core.internal;

import io.aria.core.AccountSnapshot;
import io.aria.core.AssetCatalog;
import io.aria.core.ClosedTrade;
import io.aria.core.ControlResult;
import io.aria.core.ExecutionReport;
import io.aria.core.KillSwitch;
import io.aria.core.ModifyResult;
import io.aria.core.PipelineCounters;
import io.aria.core.PipelineSnapshot;
import io.aria.core.PipelineStatus;
import io.aria.core.Tick;
import io.aria.core.TickRejectReason;
import io.aria.core.TradeEvent;
import io.aria.core.audit.AuditRecord;
import io.aria.core.spi.AuditSink;
import io.aria.core.spi.EnsembleModel;
import io.aria.core.spi.OrderGateway;
import io.aria.core.spi.PipelineListener;
import io.aria.core.spi.PositionSizer;
import io.aria.core.spi.RiskGuard;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop thread's dispatcher: it validates each tick and hands every event to the part that
 * owns its state, in a fixed order. The parts (all in this package, see docs/ARCHITECTURE.md):
 * <ul>
 *   <li>{@link Portfolio}: quotes, positions, account, marks, equity, MAE/MFE; the
 *       {@code PortfolioView} sizers and guards read;</li>
 *   <li>{@link DecisionPath}: ensemble, decision log, sizer, each symbol's target and waiting entry;</li>
 *   <li>{@link OrderTracker}: reducing classification, the kill-switch gate, write-ahead, ids,
 *       blocked-intent episodes, in-flight and UNKNOWN orders;</li>
 *   <li>{@link TradeLedger}: realised profit per trade, closed trades, attribution;</li>
 *   <li>{@link ControlActions}: the operator's actions;</li>
 *   <li>{@link PlugIns}: guarded calls into guards, listeners and the audit; {@link Counters}.</li>
 * </ul>
 * Not safe for use from multiple threads: only the event loop (or the caller of
 * {@code TradingPipeline.step}) calls it, except {@link #publishedTime}. Completions from the
 * gateway arrive through the {@link EventQueue}, which the owner drains on the same thread.
 */
public final class Engine {

    private static final Logger log = LoggerFactory.getLogger(Engine.class);

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
            Clock clock) {
    }

    private final AssetCatalog catalog;
    private final OrderGateway gateway;
    private final KillSwitch killSwitch;
    private final EventQueue events;
    private final Counters counters = new Counters();
    private final PlugIns plugIns;
    private final Portfolio portfolio;
    private final OrderTracker orders;
    private final TradeLedger ledger;
    private final DecisionPath decisions;
    private final ControlActions control;
    private long lastEquitySecond = Long.MIN_VALUE;

    /**
     * @param config the parts
     * @param events queue for completions and control commands, drained by the owner on this thread
     * @param runTag a short tag that makes client order ids unique across runs
     */
    public Engine(Config config, EventQueue events, String runTag) {
        this.catalog = config.catalog();
        this.gateway = config.gateway();
        this.killSwitch = config.killSwitch();
        this.events = events;
        AuditSink audit = config.audit();
        this.plugIns = new PlugIns(config.ensemble(), config.guards(), gateway, audit, config.listeners(), counters);
        this.portfolio = new Portfolio(catalog, gateway, killSwitch, config.clock());
        this.orders = new OrderTracker(new OrderTracker.Parts(catalog, portfolio, plugIns, counters, killSwitch, gateway,
                audit, events), config.clientOrderIdPrefix(), runTag, config.magic(), config.maxDeviationPoints());
        this.ledger = new TradeLedger(portfolio, plugIns, catalog.size());
        this.decisions = new DecisionPath(config.ensemble(), config.sizer(), portfolio, orders, plugIns, counters,
                config.decisionLogSampleEvery(), config.enabledSymbols());
        this.control = new ControlActions(portfolio, orders, decisions, plugIns, gateway, audit, events);
        awaitAccount();
        killSwitch.addListener(state -> events.offer(new EventQueue.Command(() -> {
            control.audit(state.engaged() ? "KILL_SWITCH_ENGAGED" : "KILL_SWITCH_RELEASED", state.by(), state.reason());
            orders.endAllEpisodes();
        })));
        try {
            audit.onFailure(e -> killSwitch.engage("audit", OrderTracker.AUDIT_FAILED + ": " + e.getMessage()));
            audit.failure().ifPresent(e -> killSwitch.engage("audit", OrderTracker.AUDIT_FAILED + ": " + e.getMessage()));
        } catch (RuntimeException e) {
            plugIns.error("audit.onFailure", e);
        }
        portfolio.sync();
    }

    /** Takes the account at once when the gateway has it, else when it reports it (on the loop). */
    private void awaitAccount() {
        CompletionStage<AccountSnapshot> ready;
        try {
            ready = gateway.ready();
        } catch (RuntimeException e) {
            plugIns.error("gateway.ready", e);
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
    }

    /**
     * The gateway reported the real account (at once for paper, after the handshake for a live
     * gateway): currency, leverage and balance come from it, and orders may go from now on.
     */
    private void onAccountReady(AccountSnapshot acc, boolean late) {
        portfolio.accountReady(acc);
        if (late) {
            log.info("gateway {} reported its account: {} 1:{}, balance {}", gateway.name(), acc.currency(),
                    acc.leverage(), acc.balance());
        }
        control.audit("ACCOUNT_READY", gateway.name(), acc.currency() + " 1:" + acc.leverage() + ", balance "
                + acc.balance());
    }

    /** @return whether the gateway has reported the account (orders are refused until then) */
    public boolean accountReady() {
        return portfolio.isAccountReady();
    }

    // ------------------------------------------------------------------ ticks

    /**
     * Processes one tick: validation, quote and time, the timed halt, the day's start, marks,
     * gateway and guards, equity, then the decision path. Allocation-free when no decision results
     * and the plug-ins do not allocate.
     *
     * @param t the tick
     */
    public void onTick(Tick t) {
        int i = accept(t);
        if (i < 0) {
            return;
        }
        portfolio.quote(i, t);
        if (killSwitch.state().timed()) {
            killSwitch.releaseIfExpired(portfolio.lastTickMillis()); // a daily-loss halt lifts at its time, here
        }
        if (portfolio.rollDay() && orders.anyEpisode()) {
            orders.endAllEpisodes(); // each day's file says how many intents were blocked that day
        }
        portfolio.mark(i);
        plugIns.tick(t, portfolio);
        decisions.sizerTick(t);
        plugIns.listenerTick(t);
        long nowMillis = portfolio.lastTickMillis();
        long second = nowMillis / 1000;
        if (second != lastEquitySecond && plugIns.hasListeners()) {
            lastEquitySecond = second;
            plugIns.equity(portfolio.equity(), nowMillis);
        }
        if (decisions.enabled(i)) {
            decisions.decide(t);
        }
    }

    /**
     * Tick validation: known symbol, finite positive prices, ask &gt;= bid, time not going back.
     *
     * @return the symbol's catalog index, or -1 when the tick was rejected (counted and logged)
     */
    private int accept(Tick t) {
        counters.ticksIn++;
        int i = catalog.indexOf(t.symbol());
        TickRejectReason r = i < 0 ? TickRejectReason.UNKNOWN_SYMBOL : t.checkValues();
        if (r == null && portfolio.goesBackwards(i, t.epochMillis())) {
            r = TickRejectReason.TIME_BACKWARDS;
        }
        if (r != null) {
            long c = counters.rejected(r);
            if (c <= 10 || c % 10_000 == 0) {
                log.warn("tick rejected ({}, {} so far): {}", r, c, t);
            }
            return -1;
        }
        counters.ticksAccepted++;
        return i;
    }

    // ------------------------------------------------------------------ completions

    /** @param r an order's outcome, applied on the loop thread */
    public void onReport(ExecutionReport r) {
        SentOrder p = orders.completed(r);
        if (p != null) {
            settle(p, r, true);
        }
    }

    /**
     * Applies how an order reported UNKNOWN was resolved: the book is re-read from the gateway
     * and the symbol reopens for entries.
     *
     * @param r the resolution
     */
    public void onResolution(ExecutionReport r) {
        SentOrder p = orders.resolved(r);
        if (p != null) {
            settle(p, r, false);
        }
    }

    /**
     * After an order's outcome: the trade it closed (valued before the re-read), the re-read of the
     * book, the trade's start or end, the closed-trade record, and the symbol's waiting entry. The
     * guards, listeners and control action hear of the first report only (a resolution follows an
     * UNKNOWN they already saw).
     */
    private void settle(SentOrder p, ExecutionReport r, boolean firstReport) {
        int i = p.symbolIndex();
        ClosedTrade closedTrade = ledger.closedBy(p, r);
        double netBefore = portfolio.net(i);
        portfolio.sync();
        boolean closed = ledger.filled(p, r, netBefore, portfolio.net(i));
        if (firstReport) {
            plugIns.execution(r, p.intent(), portfolio);
        }
        if (closedTrade != null) {
            ledger.emit(i, closedTrade);
        }
        ControlTracker tracker = p.purpose().tracker();
        if (firstReport && tracker != null) {
            tracker.reported(r, closedTrade);
        }
        if (closed) {
            ledger.over(i);
        }
        decisions.reopen(i);
    }

    /** @param e a broker-side position change, applied on the loop thread */
    public void onTradeEvent(TradeEvent e) {
        counters.tradeEvents++;
        long at = portfolio.lastTickMillis();
        plugIns.record(new AuditRecord.TradeEventRecorded(at == 0 ? e.epochMillis() : at, e));
        int i = catalog.indexOf(e.symbol());
        double netBefore = i < 0 ? 0 : portfolio.net(i);
        ClosedTrade closedTrade = ledger.closedBy(i, e);
        portfolio.sync();
        plugIns.tradeEvent(e, portfolio);
        if (closedTrade != null) {
            ledger.emit(i, closedTrade);
        }
        ledger.afterEvent(i, e, closedTrade, netBefore);
    }

    /**
     * Re-reads the gateway's positions and account now: at start, after recovery, so positions an
     * earlier process opened are in the book before the first decision. Loop thread only.
     */
    public void resyncBook() {
        portfolio.sync();
    }

    /** Ends every symbol's blocked-intent episodes (kill switch change, new day, close). */
    public void endAllEpisodes() {
        orders.endAllEpisodes();
    }

    // ------------------------------------------------------------------ control

    /**
     * Writes a {@code control} record of an action taken outside the pipeline (a connect, a quick
     * start), with its origin.
     *
     * @param action what was done
     * @param by     who, with the origin (for example {@code api:127.0.0.1})
     * @param detail the numbers
     */
    public void auditControl(String action, String by, String detail) {
        control.audit(action, by, detail);
    }

    /**
     * @param symbol catalog symbol
     * @param on     enable or disable new trades
     * @param by     who
     * @return whether the symbol is known
     */
    public boolean setEnabled(String symbol, boolean on, String by) {
        return control.setEnabled(symbol, on, by);
    }

    /**
     * Closes one open position through the audit (write-ahead {@code order_submitted} with
     * verdict {@code CONTROL_CLOSE}); the closing order passes the kill switch (it reduces).
     *
     * @return completes when the closing order has its report
     */
    public CompletableFuture<ControlResult> closePosition(long ticket, String by, String reason) {
        return control.closePosition(ticket, by, reason);
    }

    /**
     * Sends closing orders for every open position, each written ahead with verdict
     * {@code CONTROL_FLATTEN} (or {@code EMERGENCY_STOP}), and sets every symbol's target flat.
     *
     * @param emergency whether this is the emergency stop (the kill switch is then already engaged)
     * @return completes when every closing order has its report
     */
    public CompletableFuture<ControlResult> flattenAll(String by, String reason, boolean emergency) {
        return control.flattenAll(by, reason, emergency);
    }

    /**
     * Changes an open position's stops: written ahead ({@code MODIFY_POSITION}), sent through
     * {@link OrderGateway#modify}, its outcome recorded as {@code MODIFY_POSITION_DONE}.
     *
     * @return completes with the broker's answer
     */
    public CompletableFuture<ModifyResult> modifyPosition(long ticket, double stopLoss, double takeProfit, String by,
            String reason) {
        return control.modifyPosition(ticket, stopLoss, takeProfit, by, reason);
    }

    // ------------------------------------------------------------------ snapshots

    /**
     * @param status the pipeline's status
     * @return a consistent snapshot, built on the loop thread
     */
    public PipelineSnapshot snapshot(PipelineStatus status) {
        Set<String> on = new HashSet<>();
        for (int i = 0; i < catalog.size(); i++) {
            if (decisions.enabled(i)) {
                on.add(catalog.spec(i).symbol());
            }
        }
        return new PipelineSnapshot(status, portfolio.now(), portfolio.account(), portfolio.markedPositions(), on,
                killSwitch.state(), counters());
    }

    /** @return the counters, consistent with each other */
    public PipelineCounters counters() {
        return counters.snapshot(events.conflated(), orders.inFlight());
    }

    /** @return whether no order is waiting for its outcome */
    public boolean idle() {
        return orders.idle();
    }

    /** @return the pipeline's time as last published by the loop; safe to read from any thread */
    public long publishedTime() {
        return portfolio.publishedTime();
    }
}
