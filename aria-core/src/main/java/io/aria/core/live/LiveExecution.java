package io.aria.core.live;

import io.aria.core.AccountSnapshot;
import io.aria.core.AssetClass;
import io.aria.core.ClosedTrade;
import io.aria.core.ControlResult;
import io.aria.core.ExecutionReport;
import io.aria.core.KillSwitch;
import io.aria.core.PipelineCounters;
import io.aria.core.PipelineStatus;
import io.aria.core.Position;
import io.aria.core.TradingPipeline;
import io.aria.core.audit.JsonlAuditSink;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The one facade an operator's program calls to run a live pipeline: connect the gateway, turn
 * symbols on and off, engage and release the kill switch, read status, positions, execution
 * statistics and live metrics, quick-start and emergency-stop. The seed's control API maps onto
 * it one to one.
 *
 * <pre>{@code
 * PaperFeed feed = PaperFeed.wrap(SyntheticTickSource.builder()...build());
 * LiveEvents events = LiveEvents.create(catalog);
 * TradingPipeline pipeline = TradingPipeline.builder().tickSource(feed).listener(events)...build();
 * LiveExecution live = LiveExecution.builder(pipeline).connection(feed).events(events).build();
 * live.quickStart("operator");
 * }</pre>
 *
 * <p><b>Threading.</b> Every method may be called from any thread; commands are applied on the
 * pipeline's event loop in arrival order. Use it over a {@linkplain TradingPipeline#start()
 * started} pipeline or one that {@link #quickStart} starts, never over one driven by
 * {@link TradingPipeline#step}. Reads share one snapshot of the pipeline for at most the
 * builder's {@code snapshotMaxAge}, so any number of readers costs the loop at most one snapshot
 * per period; a command refreshes it.
 *
 * <p><b>Audit.</b> Every command is a {@code control} audit record whose {@code by} is the
 * caller's origin (for example {@code api:127.0.0.1}); orders go through the pipeline's audited
 * paths, never around them.
 *
 * <p><b>Errors.</b> Bad arguments throw {@link IllegalArgumentException} naming the argument and
 * the value (an unknown symbol, a blank origin); a command the pipeline could not carry out in
 * time throws {@link IllegalStateException} saying what.
 */
public interface LiveExecution {

    /** The seed's quick-start pairs. */
    List<String> MAJOR_PAIRS = List.of("EURUSD", "GBPUSD", "USDJPY", "USDCHF");

    /**
     * Opens the gateway's link (paper: starts feeding ticks; MT5: opens the bridge and waits for
     * the handshake).
     *
     * @param by the caller's origin, for the audit
     * @return the connection afterwards
     * @throws IllegalStateException when it could not connect in time or is closed for good
     */
    ConnectionStatus connect(String by);

    /**
     * Closes the gateway's link (paper: stops feeding; MT5: closes the bridge, for good).
     *
     * @param by the caller's origin
     * @return the connection afterwards
     */
    ConnectionStatus disconnect(String by);

    /**
     * Enables or disables new trades on a symbol. On a running pipeline it returns once applied;
     * before the start the change waits in the pipeline's queue and is applied before its first tick.
     *
     * @param symbol  a catalog symbol
     * @param enabled whether new trades may open on it
     * @param by      the caller's origin
     * @return the symbol's state
     * @throws IllegalArgumentException when the symbol is not in the catalog
     */
    SymbolState setSymbolEnabled(String symbol, boolean enabled, String by);

    /**
     * @param by     the caller's origin
     * @param reason why
     * @return whether this call engaged it, and the state
     */
    KillSwitchResult engageKillSwitch(String by, String reason);

    /**
     * @param by     the caller's origin
     * @param reason why (in the audit)
     * @return whether this call released it, and the state
     */
    KillSwitchResult releaseKillSwitch(String by, String reason);

    /** @return the pipeline, kill switch, connection, account, counters and enabled symbols */
    Status status();

    /** @return open positions, marked to market */
    List<Position> positions();

    /** @return orders by outcome, blocks by rule, latency and slippage percentiles, return codes */
    ExecutionSummary executionStatistics();

    /** @return every catalog symbol by asset class, with whether it is enabled */
    SupportedSymbols supportedSymbols();

    /**
     * The seed's quick start: connect, enable {@link #MAJOR_PAIRS} (those in the catalog), start
     * the pipeline if it is not running.
     *
     * @param by the caller's origin
     * @return what was done
     */
    QuickStartResult quickStart(String by);

    /**
     * Engages the kill switch, drops the engine's queued entries, closes every position through
     * the pipeline's audited path and disables every symbol.
     *
     * @param by     the caller's origin
     * @param reason why
     * @return what was closed at what price, and what was disabled
     */
    EmergencyStopResult emergencyStop(String by, String reason);

    /** @return equity, P&amp;L, drawdown, exposure by class, decisions and orders per minute */
    Metrics liveMetrics();

    /**
     * @return the pipeline's snapshot that readers share now (at most the builder's
     *     {@code snapshotMaxAge} old), for reports that need one (risk analytics, metrics)
     */
    io.aria.core.PipelineSnapshot snapshot();

    /** @return the pipeline */
    TradingPipeline pipeline();

    /** @return the gateway's link */
    GatewayConnection connection();

    /** @return the events, also fed with every control action */
    LiveEvents events();

    /** @return the audit sink's figures, when built with one */
    java.util.Optional<JsonlAuditSink.Stats> auditStats();

    // ------------------------------------------------------------------ results

    /**
     * @param gateway            the link's name
     * @param state              its state
     * @param heartbeatAgeMillis milliseconds since the peer was last heard, -1 without heartbeats
     */
    record ConnectionStatus(String gateway, GatewayConnection.State state, long heartbeatAgeMillis) {
        public ConnectionStatus {
            Objects.requireNonNull(gateway, "gateway");
            Objects.requireNonNull(state, "state");
        }
    }

    /**
     * @param symbol     symbol
     * @param assetClass its class
     * @param enabled    whether new trades may open
     * @param changed    whether this call changed it
     */
    record SymbolState(String symbol, AssetClass assetClass, boolean enabled, boolean changed) {
        public SymbolState {
            Objects.requireNonNull(symbol, "symbol");
            Objects.requireNonNull(assetClass, "assetClass");
        }
    }

    /**
     * @param changed whether this call changed the switch
     * @param state   its state afterwards
     */
    record KillSwitchResult(boolean changed, KillSwitch.State state) {
        public KillSwitchResult {
            Objects.requireNonNull(state, "state");
        }
    }

    /**
     * @param pipeline       lifecycle state
     * @param epochMillis    the pipeline's time
     * @param killSwitch     the kill switch
     * @param connection     the gateway's link
     * @param account        the account marked to market
     * @param counters       the pipeline's counters
     * @param enabledSymbols symbols open for new trades, sorted
     * @param openPositions  open positions
     */
    record Status(PipelineStatus pipeline, long epochMillis, KillSwitch.State killSwitch, ConnectionStatus connection,
            AccountSnapshot account, PipelineCounters counters, List<String> enabledSymbols, int openPositions) {
        public Status {
            Objects.requireNonNull(pipeline, "pipeline");
            Objects.requireNonNull(killSwitch, "killSwitch");
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(counters, "counters");
            enabledSymbols = List.copyOf(Objects.requireNonNull(enabledSymbols, "enabledSymbols"));
            if (openPositions < 0) {
                throw new IllegalArgumentException("openPositions must be >= 0, was " + openPositions);
            }
        }
    }

    /**
     * Percentiles (nearest rank) of recent values; all 0 without values.
     *
     * @param count values recorded in all
     * @param p50   median
     * @param p90   90th percentile
     * @param p99   99th percentile
     * @param max   largest kept
     */
    record Distribution(long count, double p50, double p90, double p99, double max) {
        public Distribution {
            if (count < 0) {
                throw new IllegalArgumentException("count must be >= 0, was " + count);
            }
            if (!(p50 <= p90 && p90 <= p99 && p99 <= max)) {
                throw new IllegalArgumentException("percentiles must not decrease: p50 " + p50 + ", p90 " + p90
                        + ", p99 " + p99 + ", max " + max);
            }
        }
    }

    /**
     * @param code        MT5 return code
     * @param description what it means
     * @param count       reports with it
     */
    record ReturnCodeCount(int code, String description, long count) {
        public ReturnCodeCount {
            Objects.requireNonNull(description, "description");
        }
    }

    /**
     * @param sent            orders handed to the gateway
     * @param filled          filled in full
     * @param partiallyFilled filled in part
     * @param rejected        rejected by the broker or gateway
     * @param errored         failed in the gateway
     * @param unknown         outcome unknown
     * @param inFlight        waiting for their outcome
     * @param blocked         intents stopped by guards or the kill switch
     * @param blockedByCode   of those, per rule
     * @param latencyMillis   order latency of the recent orders, in milliseconds
     * @param slippagePoints  slippage of the recent fills, in points (positive is worse)
     * @param returnCodes     every report by return code, most frequent first
     */
    record ExecutionSummary(long sent, long filled, long partiallyFilled, long rejected, long errored, long unknown,
            long inFlight, long blocked, Map<String, Long> blockedByCode, Distribution latencyMillis,
            Distribution slippagePoints, List<ReturnCodeCount> returnCodes) {
        public ExecutionSummary {
            blockedByCode = Map.copyOf(Objects.requireNonNull(blockedByCode, "blockedByCode"));
            Objects.requireNonNull(latencyMillis, "latencyMillis");
            Objects.requireNonNull(slippagePoints, "slippagePoints");
            returnCodes = List.copyOf(Objects.requireNonNull(returnCodes, "returnCodes"));
        }
    }

    /**
     * @param symbol      symbol
     * @param description what it is
     * @param enabled     whether new trades may open
     */
    record SymbolInfo(String symbol, String description, boolean enabled) {
        public SymbolInfo {
            Objects.requireNonNull(symbol, "symbol");
            Objects.requireNonNull(description, "description");
        }
    }

    /**
     * @param byClass symbols per asset class, in catalog order
     * @param total   symbols in all
     */
    record SupportedSymbols(Map<AssetClass, List<SymbolInfo>> byClass, int total) {
        public SupportedSymbols {
            byClass = Map.copyOf(Objects.requireNonNull(byClass, "byClass"));
        }
    }

    /**
     * @param connection the link afterwards
     * @param enabled    the symbols enabled
     * @param pipeline   the pipeline's state afterwards
     * @param notes      what was not done and why
     */
    record QuickStartResult(ConnectionStatus connection, List<String> enabled, PipelineStatus pipeline,
            List<String> notes) {
        public QuickStartResult {
            Objects.requireNonNull(connection, "connection");
            enabled = List.copyOf(Objects.requireNonNull(enabled, "enabled"));
            Objects.requireNonNull(pipeline, "pipeline");
            notes = List.copyOf(Objects.requireNonNull(notes, "notes"));
        }
    }

    /**
     * @param killSwitch      the kill switch afterwards (engaged)
     * @param ordersInFlight  market orders that were waiting for their outcome (they cannot be
     *                        recalled; their fills are closed by the flatten when they arrive in time)
     * @param reports         the closing orders' outcomes
     * @param closed          what was closed, at what price
     * @param disabledSymbols the symbols this call disabled
     * @param notes           what was not done and why
     */
    record EmergencyStopResult(KillSwitch.State killSwitch, long ordersInFlight, List<ExecutionReport> reports,
            List<ClosedTrade> closed, List<String> disabledSymbols, List<String> notes) {
        public EmergencyStopResult {
            Objects.requireNonNull(killSwitch, "killSwitch");
            reports = List.copyOf(Objects.requireNonNull(reports, "reports"));
            closed = List.copyOf(Objects.requireNonNull(closed, "closed"));
            disabledSymbols = List.copyOf(Objects.requireNonNull(disabledSymbols, "disabledSymbols"));
            notes = List.copyOf(Objects.requireNonNull(notes, "notes"));
        }

        static EmergencyStopResult of(KillSwitch.State ks, long inFlight, ControlResult r, List<String> disabled,
                List<String> notes) {
            List<String> all = new java.util.ArrayList<>(r.notes());
            all.addAll(notes);
            return new EmergencyStopResult(ks, inFlight, r.reports(), r.closedTrades(), disabled, all);
        }
    }

    /**
     * @param epochMillis        the pipeline's time
     * @param currency           account currency
     * @param equity             equity now
     * @param balance            balance now
     * @param pnlToday           equity now minus equity at the start of the pipeline's day
     * @param pnlTotal           equity now minus the first equity seen
     * @param peakEquity         highest equity seen
     * @param drawdown           peak minus equity now, &gt;= 0
     * @param drawdownShare      drawdown / peak, in [0, 1]
     * @param exposureByClass    gross notional per asset class in the account currency
     * @param decisionsPerMinute decisions over the last minute of wall time
     * @param ordersPerMinute    orders sent over the last minute of wall time
     * @param openPositions      open positions
     */
    record Metrics(long epochMillis, String currency, double equity, double balance, double pnlToday, double pnlTotal,
            double peakEquity, double drawdown, double drawdownShare, Map<AssetClass, Double> exposureByClass,
            double decisionsPerMinute, double ordersPerMinute, int openPositions) {
        public Metrics {
            Objects.requireNonNull(currency, "currency");
            exposureByClass = Map.copyOf(Objects.requireNonNull(exposureByClass, "exposureByClass"));
            if (!(drawdown >= 0)) {
                throw new IllegalArgumentException("drawdown must be >= 0, was " + drawdown);
            }
        }
    }

    // ------------------------------------------------------------------ building

    /**
     * @param pipeline the pipeline to control
     * @return a builder
     */
    static Builder builder(TradingPipeline pipeline) {
        return new Builder(pipeline);
    }

    /** Assembles a {@link LiveExecution}; {@link #build()} checks every option. */
    final class Builder {
        final TradingPipeline pipeline;
        GatewayConnection connection;
        LiveEvents events;
        JsonlAuditSink audit;
        Duration commandTimeout = Duration.ofSeconds(10);
        Duration connectTimeout = Duration.ofSeconds(30);
        Duration snapshotMaxAge = Duration.ofMillis(200);
        Clock clock = Clock.systemUTC();

        private Builder(TradingPipeline pipeline) {
            this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        }

        /**
         * @param v the gateway's link (default: one that is always connected and cannot be closed)
         * @return this
         */
        public Builder connection(GatewayConnection v) {
            connection = Objects.requireNonNull(v, "connection");
            return this;
        }

        /**
         * @param v the pipeline's {@link LiveEvents} listener (default: a new one, which then sees
         *          no orders: give the one registered with the pipeline)
         * @return this
         */
        public Builder events(LiveEvents v) {
            events = Objects.requireNonNull(v, "events");
            return this;
        }

        /**
         * @param v the pipeline's audit sink, for its figures
         * @return this
         */
        public Builder audit(JsonlAuditSink v) {
            audit = Objects.requireNonNull(v, "audit");
            return this;
        }

        /**
         * @param v longest wait for a command's outcome (a flatten's reports), &gt; 0 (default 10 s)
         * @return this
         */
        public Builder commandTimeout(Duration v) {
            commandTimeout = positive(v, "commandTimeout");
            return this;
        }

        /**
         * @param v longest wait for the link to connect, &gt; 0 (default 30 s)
         * @return this
         */
        public Builder connectTimeout(Duration v) {
            connectTimeout = positive(v, "connectTimeout");
            return this;
        }

        /**
         * @param v longest readers share one snapshot, &gt;= 0 (default 200 ms; 0 takes one per read)
         * @return this
         */
        public Builder snapshotMaxAge(Duration v) {
            Objects.requireNonNull(v, "snapshotMaxAge");
            if (v.isNegative()) {
                throw new IllegalArgumentException("snapshotMaxAge must be >= 0, was " + v);
            }
            snapshotMaxAge = v;
            return this;
        }

        /**
         * @param v wall clock, for rates per minute and connection events (default system UTC)
         * @return this
         */
        public Builder clock(Clock v) {
            clock = Objects.requireNonNull(v, "clock");
            return this;
        }

        private static Duration positive(Duration v, String field) {
            Objects.requireNonNull(v, field);
            if (v.isNegative() || v.isZero()) {
                throw new IllegalArgumentException(field + " must be > 0, was " + v);
            }
            return v;
        }

        /** @return the facade */
        public LiveExecution build() {
            return new LiveControl(this);
        }
    }

    /** @return the symbols of {@link #MAJOR_PAIRS} as a set */
    static Set<String> majorPairs() {
        return Set.copyOf(MAJOR_PAIRS);
    }
}
