package io.aria.core;

import io.aria.core.internal.Engine;
import io.aria.core.internal.EventLoop;
import io.aria.core.internal.EventQueue;
import io.aria.core.internal.OrderIds;
import io.aria.core.internal.PipelineLifecycle;
import io.aria.core.internal.PipelineClock;
import io.aria.core.spi.AuditSink;
import io.aria.core.spi.EnsembleModel;
import io.aria.core.spi.OrderGateway;
import io.aria.core.spi.PipelineListener;
import io.aria.core.spi.PositionSizer;
import io.aria.core.spi.RiskGuard;
import io.aria.core.spi.TickSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The trading pipeline: ticks from {@link TickSource}s are validated, turned into decisions by the
 * {@link EnsembleModel}, sized by the {@link PositionSizer}, checked by the {@link RiskGuard}s and
 * the kill switch, sent through the {@link OrderGateway}, and recorded by the {@link AuditSink}.
 *
 * <p><b>Threading.</b> One event-loop thread owns all state: ticks, execution reports, broker
 * events and control commands are applied there in arrival order, so models, sizers and guards
 * need no locks. The control methods ({@link #setSymbolEnabled}, {@link #closePosition},
 * {@link #flattenAll}, {@link #emergencyStop}, {@link #modifyPosition}, {@link #engageKillSwitch},
 * {@link #snapshot}) are thread-safe; they are applied on the loop.
 * Readers get immutable {@link PipelineSnapshot}s.
 *
 * <p><b>Two ways to run.</b> {@link #start()} runs the loop on its own thread, fed by the sources.
 * Without {@code start()}, {@link #step(Tick)} drives the same engine on the caller's thread, one
 * tick at a time: deterministic backtests, tests and benchmarks.
 *
 * <p><b>Guarantees.</b>
 * <ul>
 *   <li>The kill switch, when engaged, lets no exposure-increasing order out, whatever the guards
 *       say. Whether an order reduces exposure is decided by the engine from the real position
 *       (a reducing order names an open opposite position and is no larger than it), never from a
 *       plug-in's {@link OrderIntent#reducing()} flag: a claimed reduction with nothing to reduce
 *       is refused ({@code CLAIMED_REDUCING_INCREASES}), one larger than the position is split into
 *       a close and an entry that is checked like any other. Guards see the engine's classification.</li>
 *   <li>Every order's {@code order_submitted} record is written ahead
 *       ({@link AuditSink#recordAhead}) before the gateway sees the order. When the audit cannot
 *       write, the order is not sent and the kill switch engages with a reason starting
 *       {@code AUDIT_FAILED: }; as no order can then be written ahead, none is sent at all, not
 *       even a closing one, until the audit writes again and the switch is released.</li>
 *   <li>Every order-sending operation goes through the loop and the audit: signals,
 *       {@link #closePosition}, {@link #flattenAll}, {@link #emergencyStop} (verdicts
 *       {@code CONTROL_CLOSE}, {@code CONTROL_FLATTEN}, {@code EMERGENCY_STOP}, intents of origin
 *       {@link OrderIntent.Origin#CONTROL}, each action also a {@code control} record) and
 *       {@link #modifyPosition} (written ahead as a {@code MODIFY_POSITION} control record).</li>
 *   <li>No order is sent before the gateway has reported the real account
 *       ({@link OrderGateway#ready()}); currency and leverage come from it.</li>
 *   <li>Every closing deal is a {@code trade_closed} audit record and a
 *       {@link PipelineListener#onTradeClosed(ClosedTrade)} call, with the entry decision's attribution.</li>
 *   <li>Blocked intents are written once per symbol, reason code and episode, then counted
 *       ({@code order_blocked_summary}); the counters count every one.</li>
 *   <li>A bad tick never reaches a model; it is counted with its reason. An exception from a
 *       plug-in is logged and counted; from a sizer or guard it means "no trade".</li>
 *   <li>After a crash, the next pipeline on the same {@link io.aria.core.audit.JsonlAuditSink}
 *       folder resolves, before its first tick, every order the dead process submitted without an
 *       outcome and writes its {@code order_completed} (see {@link Builder#recoveryTimeout}), then
 *       adopts the gateway's positions.</li>
 * </ul>
 */
public final class TradingPipeline implements AutoCloseable {

    private final AssetCatalog catalog;
    private final OrderGateway gateway;
    private final KillSwitch killSwitch;
    private final Engine engine;
    private final EventLoop loop;
    private final PipelineLifecycle lifecycle;

    private TradingPipeline(Builder b) {
        this.catalog = b.catalog;
        List<TickSource> sources = List.copyOf(b.sources);
        this.gateway = b.gateway;
        PipelineClock engineClock = new PipelineClock(b.clock);
        this.killSwitch = new KillSwitch(engineClock);
        EventQueue queue = new EventQueue(b.backpressure, b.tickQueueCapacity, catalog.size(), catalog::indexOf);
        Set<String> enabled = PipelineLifecycle.enabledSymbols(b.enabledSymbols, sources, catalog);
        RiskGuard[] guards = b.guards.toArray(new RiskGuard[0]);
        PipelineListener[] listeners = b.listeners.toArray(new PipelineListener[0]);
        String runTag = OrderIds.newInstanceTag(b.clientOrderIdPrefix); // random, not the clock: unique across processes
        this.engine = new Engine(new Engine.Config(catalog, b.ensemble, b.sizer, guards, gateway, b.audit, listeners,
                killSwitch, enabled, b.clientOrderIdPrefix, b.magic, b.maxDeviationPoints, b.decisionLogSampleEvery,
                b.clock), queue, runTag);
        engineClock.follow(engine);
        this.loop = new EventLoop(queue, killSwitch, engine, sources.size());
        this.lifecycle = new PipelineLifecycle(new PipelineLifecycle.Parts(catalog, sources, gateway, b.audit, queue,
                engine, loop, b.closeComponents, b.readyTimeout, b.recoveryTimeout, b.clock, enabled.size()));
        // on the loop thread (a simulated broker reacting to a tick) the book must be true before
        // the same tick reaches the model; from any other thread the event is queued
        gateway.setTradeEventListener(loop::onTradeEvent);
    }


    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Waits until the gateway has reported the account ({@link OrderGateway#ready()}, at most
     * the builder's {@code readyTimeout}), then starts the event loop on its own thread, then the
     * tick sources.
     *
     * @throws IllegalStateException when already started, stepped or closed, or when the gateway
     *     did not report its account in time (nothing was started and no order sent)
     */
    public void start() {
        lifecycle.start();
    }

    /**
     * Drives the pipeline on the calling thread: applies every report, event and command that
     * arrived, processes one tick, and applies what that produced. Only for a pipeline that was not {@linkplain #start() started}; the
     * first thread to call it becomes the pipeline's loop thread and must make every later call.
     *
     * @param tick the tick
     * @throws IllegalStateException when the pipeline was started or closed, or when called from
     *                               another thread than the first call
     */
    public void step(Tick tick) {
        Objects.requireNonNull(tick, "tick");
        lifecycle.checkDriver();
        loop.step(tick);
    }

    /**
     * For a stepped pipeline: applies reports, events and commands that arrived without a tick
     * (completions of an asynchronous gateway, control calls).
     */
    public void drain() {
        lifecycle.checkDriver();
        loop.drain();
    }

    /**
     * Waits until every finite source has delivered its last tick, the loop has processed them,
     * and no order waits for its outcome.
     *
     * @param timeout longest wait
     * @return whether that state was reached in time
     * @throws InterruptedException when interrupted
     */
    public boolean awaitQuiescent(Duration timeout) throws InterruptedException {
        return lifecycle.awaitQuiescent(timeout);
    }

    /**
     * Stops the sources, lets in-flight orders report (up to five seconds), stops the loop, and
     * closes the gateway and the audit sink (unless built with {@code closeComponents(false)}).
     * Idempotent.
     */
    @Override
    public void close() {
        lifecycle.close();
    }

    // ------------------------------------------------------------------ control

    /** @return the kill switch (thread-safe) */
    public KillSwitch killSwitch() {
        return killSwitch;
    }

    /**
     * Engages the kill switch: from now on no exposure-increasing order leaves the pipeline.
     *
     * @param by     who
     * @param reason why
     * @return whether this call engaged it (false when it already was)
     */
    public boolean engageKillSwitch(String by, String reason) {
        return killSwitch.engage(by, reason);
    }

    /**
     * Releases the kill switch: a deliberate call.
     *
     * @param by who
     * @return whether this call released it
     */
    public boolean releaseKillSwitch(String by) {
        return killSwitch.release(by);
    }

    /**
     * Enables or disables new trades on a symbol; open positions are kept and still marked.
     *
     * @param symbol  catalog symbol
     * @param enabled the new state
     * @param by      who
     * @return completes with false when the symbol is unknown
     */
    public CompletableFuture<Boolean> setSymbolEnabled(String symbol, boolean enabled, String by) {
        Objects.requireNonNull(symbol, "symbol");
        return command(() -> engine.setEnabled(symbol, enabled, by));
    }

    /**
     * Closes one open position with a closing order that goes through the loop and the audit
     * (written ahead, verdict {@code CONTROL_CLOSE}, intent origin CONTROL); it passes the kill
     * switch, as it reduces. Its closed trade has exit reason MANUAL.
     *
     * @param ticket the position's ticket
     * @param by     who (for the audit)
     * @param reason why (for the audit)
     * @return completes once the closing order has its report (immediately, with a note, when the
     *     position is not open)
     */
    public CompletableFuture<ControlResult> closePosition(long ticket, String by, String reason) {
        checkControl(by, reason);
        if (ticket <= 0) {
            throw new IllegalArgumentException("ticket must be > 0, was " + ticket);
        }
        return command(() -> engine.closePosition(ticket, by, reason)).thenCompose(f -> f);
    }

    /**
     * Sends closing orders for every open position through the loop and the audit (verdict
     * {@code CONTROL_FLATTEN}); they pass even with the kill switch engaged. Every symbol's target
     * turns flat; a later decision may open again.
     *
     * @param by     who
     * @param reason why
     * @return completes once every closing order has its report: what was closed, at what price
     */
    public CompletableFuture<ControlResult> flattenAll(String by, String reason) {
        checkControl(by, reason);
        return command(() -> engine.flattenAll(by, reason, false)).thenCompose(f -> f);
    }

    /**
     * The seed's emergency stop: engages the kill switch at once (on the calling thread), then
     * closes every position through the loop and the audit (verdict {@code EMERGENCY_STOP}, exit
     * reason EMERGENCY_STOP).
     *
     * @param by     who
     * @param reason why
     * @return completes once every closing order has its report
     */
    public CompletableFuture<ControlResult> emergencyStop(String by, String reason) {
        checkControl(by, reason);
        killSwitch.engage(by, "emergency stop: " + reason);
        return command(() -> engine.flattenAll(by, reason, true)).thenCompose(f -> f);
    }

    /**
     * Changes an open position's stop-loss and take-profit through the loop: the change is
     * written ahead to the audit ({@code control} record {@code MODIFY_POSITION}), then sent with
     * {@link OrderGateway#modify}; the answer is recorded as {@code MODIFY_POSITION_DONE}.
     *
     * @param ticket     the position's ticket, &gt; 0
     * @param stopLoss   new stop-loss price, 0 for none, finite and &gt;= 0
     * @param takeProfit new take-profit price, 0 for none, finite and &gt;= 0
     * @param by         who
     * @param reason     why
     * @return completes with the broker's answer
     * @throws IllegalArgumentException naming the bad argument and its value
     */
    public CompletableFuture<ModifyResult> modifyPosition(long ticket, double stopLoss, double takeProfit, String by,
            String reason) {
        checkControl(by, reason);
        if (ticket <= 0) {
            throw new IllegalArgumentException("ticket must be > 0, was " + ticket);
        }
        if (!(stopLoss >= 0) || !Double.isFinite(stopLoss)) {
            throw new IllegalArgumentException("stopLoss must be finite and >= 0, was " + stopLoss);
        }
        if (!(takeProfit >= 0) || !Double.isFinite(takeProfit)) {
            throw new IllegalArgumentException("takeProfit must be finite and >= 0, was " + takeProfit);
        }
        return command(() -> engine.modifyPosition(ticket, stopLoss, takeProfit, by, reason)).thenCompose(f -> f);
    }

    /**
     * Writes a {@code control} audit record for an action taken outside the pipeline's own
     * commands (an operator connecting the gateway, releasing the kill switch with a reason, a
     * quick start), in order with the pipeline's other records: it is written on the loop.
     *
     * @param action what was done, for example {@code CONNECT}; not blank
     * @param by     who (for example {@code api:127.0.0.1})
     * @param detail what and why
     * @return completes once the record was handed to the audit sink
     * @throws IllegalArgumentException when the action is blank
     */
    public CompletableFuture<Void> recordControl(String action, String by, String detail) {
        Values.text(action, "action");
        checkControl(by, detail);
        return command(() -> {
            engine.auditControl(action, by, detail); // an audit failure is logged and counted there
            return null;
        });
    }

    private static void checkControl(String by, String reason) {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(reason, "reason");
    }

    private <T> CompletableFuture<T> command(Supplier<T> action) {
        return lifecycle.command(action);
    }

    /**
     * A consistent snapshot, taken on the event loop. On a stepped pipeline call it from the
     * stepping thread (it is then taken directly); on a running one from any thread.
     *
     * @return the snapshot
     * @throws IllegalStateException when the loop does not answer within five seconds, when the
     *     wait is interrupted (the interrupt flag is then set again), or when taking the snapshot
     *     failed on the loop: each says which, the last with the loop's exception as its cause
     */
    public PipelineSnapshot snapshot() {
        try {
            return lifecycle.onLoop(() -> engine.snapshot(lifecycle.status()), Duration.ofSeconds(5));
        } catch (TimeoutException e) {
            throw new IllegalStateException("pipeline event loop did not answer within 5 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the pipeline event loop's snapshot");
        }
    }

    /** @return the lifecycle state */
    public PipelineStatus status() {
        return lifecycle.status();
    }

    /** @return the catalog the pipeline trades */
    public AssetCatalog catalog() {
        return catalog;
    }

    /** @return the gateway */
    public OrderGateway gateway() {
        return gateway;
    }

    // ------------------------------------------------------------------ builder

    /**
     * Assembles a pipeline. Required: an ensemble, a sizer and a gateway. Defaults: the embedded
     * 21-asset catalog, no tick source (use {@link #step}), no guard but the kill switch, no audit,
     * blocking back-pressure, the system UTC clock.
     */
    public static final class Builder {
        private AssetCatalog catalog = AssetCatalog.defaults();
        private final List<TickSource> sources = new ArrayList<>();
        private EnsembleModel ensemble;
        private PositionSizer sizer;
        private final List<RiskGuard> guards = new ArrayList<>();
        private OrderGateway gateway;
        private AuditSink audit = AuditSink.noop();
        private final List<PipelineListener> listeners = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private Set<String> enabledSymbols;
        private TickBackpressure backpressure = TickBackpressure.BLOCK;
        private int tickQueueCapacity = 16_384;
        private String clientOrderIdPrefix = "ARIA";
        private long magic = 20_240_101L;
        private int maxDeviationPoints = 20;
        private int decisionLogSampleEvery = 100;
        private boolean closeComponents = true;
        private Duration readyTimeout = Duration.ofSeconds(30);
        private Duration recoveryTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /**
         * @param v the assets (default {@link AssetCatalog#defaults()})
         * @return this
         */
        public Builder catalog(AssetCatalog v) {
            catalog = Objects.requireNonNull(v, "catalog");
            return this;
        }

        /**
         * @param v a tick source; may be called several times
         * @return this
         */
        public Builder tickSource(TickSource v) {
            sources.add(Objects.requireNonNull(v, "tickSource"));
            return this;
        }

        /**
         * @param v the decision model
         * @return this
         */
        public Builder ensemble(EnsembleModel v) {
            ensemble = Objects.requireNonNull(v, "ensemble");
            return this;
        }

        /**
         * @param v the sizer
         * @return this
         */
        public Builder sizer(PositionSizer v) {
            sizer = Objects.requireNonNull(v, "sizer");
            return this;
        }

        /**
         * @param v a guard; may be called several times: guards run in order, the first
         *          rejection decides, resizes take the smallest volume
         * @return this
         */
        public Builder riskGuard(RiskGuard v) {
            guards.add(Objects.requireNonNull(v, "riskGuard"));
            return this;
        }

        /**
         * @param v the broker
         * @return this
         */
        public Builder gateway(OrderGateway v) {
            gateway = Objects.requireNonNull(v, "gateway");
            return this;
        }

        /**
         * @param v the audit trail (default: none)
         * @return this
         */
        public Builder auditSink(AuditSink v) {
            audit = Objects.requireNonNull(v, "auditSink");
            return this;
        }

        /**
         * @param v an observer; may be called several times
         * @return this
         */
        public Builder listener(PipelineListener v) {
            listeners.add(Objects.requireNonNull(v, "listener"));
            return this;
        }

        /**
         * @param v wall clock, used before the first tick (default system UTC)
         * @return this
         */
        public Builder clock(Clock v) {
            clock = Objects.requireNonNull(v, "clock");
            return this;
        }

        /**
         * @param v symbols open for trading at start (default: the sources' symbols, or the whole catalog)
         * @return this
         */
        public Builder enabledSymbols(Set<String> v) {
            enabledSymbols = Set.copyOf(Objects.requireNonNull(v, "enabledSymbols"));
            return this;
        }

        /**
         * @param v what to do when ticks arrive faster than the loop takes them (default BLOCK)
         * @return this
         */
        public Builder backpressure(TickBackpressure v) {
            backpressure = Objects.requireNonNull(v, "backpressure");
            return this;
        }

        /**
         * @param v tick queue capacity in BLOCK mode, &gt;= 16 (default 16,384)
         * @return this
         */
        public Builder tickQueueCapacity(int v) {
            if (v < 16) {
                throw new IllegalArgumentException("tickQueueCapacity must be >= 16, was " + v);
            }
            tickQueueCapacity = v;
            return this;
        }

        /**
         * @param v prefix of client order ids, 1 to 8 letters or digits (default ARIA)
         * @return this
         */
        public Builder clientOrderIdPrefix(String v) {
            if (v == null || !v.matches("[A-Za-z0-9]{1,8}")) {
                throw new IllegalArgumentException("clientOrderIdPrefix must be 1 to 8 letters or digits, was '" + v + "'");
            }
            clientOrderIdPrefix = v;
            return this;
        }

        /**
         * @param v expert id written on every order, &gt;= 0
         * @return this
         */
        public Builder magic(long v) {
            if (v < 0) {
                throw new IllegalArgumentException("magic must be >= 0, was " + v);
            }
            magic = v;
            return this;
        }

        /**
         * @param v largest acceptable slippage in points, &gt;= 0 (default 20)
         * @return this
         */
        public Builder maxDeviationPoints(int v) {
            if (v < 0) {
                throw new IllegalArgumentException("maxDeviationPoints must be >= 0, was " + v);
            }
            maxDeviationPoints = v;
            return this;
        }

        /**
         * Decisions that change a symbol's direction are always logged; of the others, every
         * {@code v}-th per symbol is (0 logs none of them).
         *
         * @param v sampling interval, &gt;= 0 (default 100)
         * @return this
         */
        public Builder decisionLogSampleEvery(int v) {
            if (v < 0) {
                throw new IllegalArgumentException("decisionLogSampleEvery must be >= 0, was " + v);
            }
            decisionLogSampleEvery = v;
            return this;
        }

        /**
         * @param v whether {@link TradingPipeline#close()} also closes the gateway and the audit sink (default true)
         * @return this
         */
        public Builder closeComponents(boolean v) {
            closeComponents = v;
            return this;
        }

        /**
         * @param v how long {@link TradingPipeline#start()} waits for the gateway to report its
         *          account ({@link OrderGateway#ready()}), &gt; 0 (default 30 s)
         * @return this
         */
        public Builder readyTimeout(Duration v) {
            Objects.requireNonNull(v, "readyTimeout");
            if (v.isNegative() || v.isZero()) {
                throw new IllegalArgumentException("readyTimeout must be > 0, was " + v);
            }
            readyTimeout = v;
            return this;
        }

        /**
         * How long the start waits for the gateway to resolve orders a crashed earlier process left
         * without an outcome (with a {@link io.aria.core.audit.JsonlAuditSink}, whose folder is read);
         * orders not resolved by then are recorded UNKNOWN.
         *
         * @param v the longest wait, &gt; 0 (default 30 s)
         * @return this
         */
        public Builder recoveryTimeout(Duration v) {
            Objects.requireNonNull(v, "recoveryTimeout");
            if (v.isNegative() || v.isZero()) {
                throw new IllegalArgumentException("recoveryTimeout must be > 0, was " + v);
            }
            recoveryTimeout = v;
            return this;
        }

        /**
         * @return the pipeline
         * @throws IllegalStateException when the ensemble, sizer or gateway is missing
         * @throws IllegalArgumentException when an enabled symbol is not in the catalog
         */
        public TradingPipeline build() {
            if (ensemble == null) {
                throw new IllegalStateException("ensemble is required");
            }
            if (sizer == null) {
                throw new IllegalStateException("sizer is required");
            }
            if (gateway == null) {
                throw new IllegalStateException("gateway is required");
            }
            return new TradingPipeline(this);
        }
    }
}
