package io.aria.core.live;

import io.aria.core.AssetCatalog;
import io.aria.core.AssetClass;
import io.aria.core.AssetSpec;
import io.aria.core.ControlResult;
import io.aria.core.KillSwitch;
import io.aria.core.PipelineCounters;
import io.aria.core.PipelineSnapshot;
import io.aria.core.PipelineStatus;
import io.aria.core.Position;
import io.aria.core.TradingPipeline;
import io.aria.core.audit.JsonlAuditSink;
import io.aria.core.live.internal.RateWindow;
import io.aria.core.live.internal.SampleRing;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link LiveExecution} implementation. Thread-safe. */
final class LiveControl implements LiveExecution {

    private static final Logger log = LoggerFactory.getLogger(LiveControl.class);

    private final TradingPipeline pipeline;
    private final AssetCatalog catalog;
    private final GatewayConnection connection;
    private final LiveEvents events;
    private final JsonlAuditSink audit;
    private final Duration commandTimeout;
    private final Duration connectTimeout;
    private final long maxAgeNanos;
    private final Clock clock;
    private final Object snapshotLock = new Object();
    private final Object commandLock = new Object();
    private final RateWindow rates = new RateWindow(60_000);
    private volatile PipelineSnapshot cached;
    private volatile long cachedAtNanos;

    LiveControl(LiveExecution.Builder b) {
        this.pipeline = b.pipeline;
        this.catalog = pipeline.catalog();
        this.connection = b.connection != null ? b.connection : alwaysConnected(pipeline.gateway().name());
        this.events = b.events != null ? b.events : LiveEvents.create(catalog);
        this.audit = b.audit;
        this.commandTimeout = b.commandTimeout;
        this.connectTimeout = b.connectTimeout;
        this.maxAgeNanos = b.snapshotMaxAge.toNanos();
        this.clock = b.clock;
        pipeline.killSwitch().addListener(s -> events.publish(new LiveEvent.KillSwitchChanged(s)));
        connection.addListener((prev, cur, reason) -> events.publish(
                new LiveEvent.ConnectionChanged(prev, cur, reason, clock.millis())));
    }

    // ------------------------------------------------------------------ commands

    @Override
    public ConnectionStatus connect(String by) {
        origin(by);
        synchronized (commandLock) {
            GatewayConnection.State before = connection.state();
            String detail;
            try {
                connection.connect(connectTimeout);
                detail = connection.name() + ": " + before + " -> " + connection.state();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while connecting " + connection.name());
            } catch (IllegalStateException e) {
                control("CONNECT_FAILED", by, connection.name() + ": " + e.getMessage());
                throw e;
            }
            control("CONNECT", by, detail);
            return connectionStatus();
        }
    }

    @Override
    public ConnectionStatus disconnect(String by) {
        origin(by);
        synchronized (commandLock) {
            GatewayConnection.State before = connection.state();
            connection.disconnect();
            control("DISCONNECT", by, connection.name() + ": " + before + " -> " + connection.state());
            return connectionStatus();
        }
    }

    @Override
    public SymbolState setSymbolEnabled(String symbol, boolean enabled, String by) {
        origin(by);
        AssetSpec spec = spec(symbol);
        synchronized (commandLock) {
            boolean before = snapshot(true).enabledSymbols().contains(spec.symbol());
            CompletableFuture<Boolean> done = pipeline.setSymbolEnabled(spec.symbol(), enabled, by);
            if (pipeline.status() == PipelineStatus.RUNNING) {
                await(done, (enabled ? "enable " : "disable ") + spec.symbol());
            } // before the start the change waits in the queue and is applied before the first tick
            invalidate();
            events.publish(new LiveEvent.Control(enabled ? "SYMBOL_ENABLED" : "SYMBOL_DISABLED", by, spec.symbol(),
                    clock.millis()));
            return new SymbolState(spec.symbol(), spec.assetClass(), enabled, before != enabled);
        }
    }

    @Override
    public KillSwitchResult engageKillSwitch(String by, String reason) {
        origin(by);
        text(reason, "reason");
        boolean changed = pipeline.engageKillSwitch(by, reason);
        if (!changed) {
            control("KILL_SWITCH_ENGAGE", by, "already engaged by " + pipeline.killSwitch().state().by() + ": "
                    + reason);
        }
        invalidate();
        return new KillSwitchResult(changed, pipeline.killSwitch().state());
    }

    @Override
    public KillSwitchResult releaseKillSwitch(String by, String reason) {
        origin(by);
        text(reason, "reason");
        KillSwitch.State before = pipeline.killSwitch().state();
        boolean changed = pipeline.releaseKillSwitch(by);
        control("KILL_SWITCH_RELEASE", by, (changed ? "released (engaged by " + before.by() + ": " + before.reason()
                + ")" : "was not engaged") + ": " + reason);
        invalidate();
        return new KillSwitchResult(changed, pipeline.killSwitch().state());
    }

    @Override
    public QuickStartResult quickStart(String by) {
        origin(by);
        synchronized (commandLock) {
            List<String> notes = new ArrayList<>();
            control("QUICK_START", by, "connect, enable " + MAJOR_PAIRS + ", start");
            ConnectionStatus conn = connect(by);
            List<String> enabled = new ArrayList<>();
            List<CompletableFuture<Boolean>> pending = new ArrayList<>();
            for (String s : MAJOR_PAIRS) {
                if (catalog.indexOf(s) < 0) {
                    notes.add(s + " is not in the catalog");
                    continue;
                }
                pending.add(pipeline.setSymbolEnabled(s, true, by));
                enabled.add(s);
            }
            if (pipeline.status() == PipelineStatus.CREATED) {
                try {
                    pipeline.start();
                } catch (IllegalStateException e) {
                    notes.add("pipeline not started: " + e.getMessage());
                }
            }
            if (pipeline.status() == PipelineStatus.RUNNING) {
                for (CompletableFuture<Boolean> f : pending) {
                    await(f, "enable the major pairs");
                }
            } else {
                notes.add("symbols are enabled once the pipeline runs; it is " + pipeline.status());
            }
            invalidate();
            return new QuickStartResult(conn, enabled, pipeline.status(), notes);
        }
    }

    @Override
    public EmergencyStopResult emergencyStop(String by, String reason) {
        origin(by);
        text(reason, "reason");
        // the switch engages on this thread at once, before any lock: nothing new opens from here
        CompletableFuture<ControlResult> flatten = pipeline.emergencyStop(by, reason);
        synchronized (commandLock) {
            PipelineSnapshot s = snapshot(true);
            long inFlight = s.counters().ordersInFlight();
            List<String> disabled = new ArrayList<>();
            List<CompletableFuture<Boolean>> offs = new ArrayList<>();
            for (String sym : new TreeSet<>(s.enabledSymbols())) {
                offs.add(pipeline.setSymbolEnabled(sym, false, by));
                disabled.add(sym);
            }
            List<String> notes = new ArrayList<>();
            ControlResult r;
            try {
                if (pipeline.status() != PipelineStatus.RUNNING) {
                    throw new IllegalStateException("no position closed now: the pipeline is " + pipeline.status());
                }
                r = await(flatten, "close every position");
            } catch (IllegalStateException e) {
                notes.add(e.getMessage());
                r = new ControlResult("EMERGENCY_STOP", by, reason, List.of(), List.of(), List.of());
            }
            if (pipeline.status() == PipelineStatus.RUNNING) {
                for (CompletableFuture<Boolean> f : offs) {
                    await(f, "disable every symbol");
                }
            } else {
                notes.add("the pipeline is " + pipeline.status() + ": the closes and disables are applied when it runs");
            }
            if (inFlight > 0) {
                notes.add(inFlight + " market orders were in flight and cannot be recalled");
            }
            invalidate();
            events.publish(new LiveEvent.Control("EMERGENCY_STOP", by, reason, clock.millis()));
            return EmergencyStopResult.of(pipeline.killSwitch().state(), inFlight, r, disabled, notes);
        }
    }

    // ------------------------------------------------------------------ reads

    @Override
    public Status status() {
        PipelineSnapshot s = snapshot(false);
        return new Status(s.status(), s.epochMillis(), s.killSwitch(), connectionStatus(), s.account(), s.counters(),
                new ArrayList<>(new TreeSet<>(s.enabledSymbols())), s.positions().size());
    }

    @Override
    public List<Position> positions() {
        return snapshot(false).positions();
    }

    @Override
    public ExecutionSummary executionStatistics() {
        PipelineCounters c = snapshot(false).counters();
        LiveEvents.Recent r = events.recent();
        return new ExecutionSummary(c.ordersSent(), c.ordersFilled(), c.ordersPartiallyFilled(), c.ordersRejected(),
                c.ordersErrored(), c.ordersUnknown(), c.ordersInFlight(), c.ordersBlocked(), c.blockedByCode(),
                distribution(r.latencyMillis(), r.latencyMillis().length),
                distribution(r.slippagePoints(), r.slippagePoints().length), LiveEvents.codes(r.returnCodes()));
    }

    private static Distribution distribution(double[] sorted, long count) {
        if (sorted.length == 0) {
            return new Distribution(0, 0, 0, 0, 0);
        }
        return new Distribution(count, SampleRing.quantile(sorted, 0.5), SampleRing.quantile(sorted, 0.9),
                SampleRing.quantile(sorted, 0.99), sorted[sorted.length - 1]);
    }

    @Override
    public SupportedSymbols supportedSymbols() {
        java.util.Set<String> on = snapshot(false).enabledSymbols();
        Map<AssetClass, List<SymbolInfo>> m = new EnumMap<>(AssetClass.class);
        for (AssetClass c : AssetClass.values()) {
            List<SymbolInfo> list = new ArrayList<>();
            for (AssetSpec a : catalog.byClass(c)) {
                list.add(new SymbolInfo(a.symbol(), a.description(), on.contains(a.symbol())));
            }
            m.put(c, list);
        }
        return new SupportedSymbols(m, catalog.size());
    }

    @Override
    public Metrics liveMetrics() {
        PipelineSnapshot s = snapshot(false);
        double equity = s.account().equity();
        LiveEvents.Equity e = events.equity();
        double start = Double.isNaN(e.start()) ? equity : e.start();
        double dayStart = Double.isNaN(e.dayStart()) ? equity : e.dayStart();
        double peak = Double.isNaN(e.peak()) ? equity : Math.max(e.peak(), equity);
        double dd = Math.max(0, peak - equity);
        Map<AssetClass, Double> exposure = new EnumMap<>(AssetClass.class);
        for (AssetClass c : AssetClass.values()) {
            exposure.put(c, 0.0);
        }
        for (Position p : s.positions()) {
            Optional<AssetSpec> spec = catalog.find(p.symbol());
            if (spec.isEmpty()) {
                continue;
            }
            double notional = notional(spec.get(), p, s);
            exposure.merge(spec.get().assetClass(), notional, Double::sum);
        }
        RateWindow.Rates r = rates.rates();
        return new Metrics(s.epochMillis(), s.account().currency(), equity, s.account().balance(), equity - dayStart,
                equity - start, peak, dd, peak > 0 ? Math.min(1, dd / peak) : 0, exposure, r.decisionsPerMinute(),
                r.ordersPerMinute(), s.positions().size());
    }

    /** Gross notional in the account currency: the quote amount converted with the position's own or a held pair's price. */
    private double notional(AssetSpec spec, Position p, PipelineSnapshot s) {
        double quoteAmount = p.volume() * spec.contractSize() * p.currentPrice();
        String ccy = s.account().currency();
        if (spec.quoteCurrency().equals(ccy)) {
            return quoteAmount;
        }
        if (spec.baseCurrency().equals(ccy)) {
            return p.volume() * spec.contractSize();
        }
        for (Position q : s.positions()) {
            Optional<AssetSpec> o = catalog.find(q.symbol());
            if (o.isPresent() && o.get().baseCurrency().equals(spec.quoteCurrency()) && o.get().quoteCurrency().equals(ccy)) {
                return quoteAmount * q.currentPrice();
            }
            if (o.isPresent() && o.get().quoteCurrency().equals(spec.quoteCurrency()) && o.get().baseCurrency().equals(ccy)) {
                return quoteAmount / q.currentPrice();
            }
        }
        return quoteAmount; // no rate known: the quote amount, as an approximation
    }

    @Override
    public PipelineSnapshot snapshot() {
        return snapshot(false);
    }

    @Override
    public TradingPipeline pipeline() {
        return pipeline;
    }

    @Override
    public GatewayConnection connection() {
        return connection;
    }

    @Override
    public LiveEvents events() {
        return events;
    }

    @Override
    public Optional<JsonlAuditSink.Stats> auditStats() {
        return audit == null ? Optional.empty() : Optional.of(audit.stats());
    }

    // ------------------------------------------------------------------ helpers

    private ConnectionStatus connectionStatus() {
        return new ConnectionStatus(connection.name(), connection.state(), connection.heartbeatAgeMillis());
    }

    /**
     * @param fresh whether to take a new snapshot whatever the cached one's age
     * @return a snapshot at most {@code snapshotMaxAge} old; one caller takes it, the others wait and share it
     */
    private PipelineSnapshot snapshot(boolean fresh) {
        PipelineSnapshot s = cached;
        if (!fresh && s != null && System.nanoTime() - cachedAtNanos <= maxAgeNanos) {
            return s;
        }
        long asked = System.nanoTime();
        synchronized (snapshotLock) {
            s = cached;
            if (s != null && cachedAtNanos >= asked && (!fresh || cachedAtNanos >= asked)) {
                return s; // taken by another reader while this one waited
            }
            s = pipeline.snapshot();
            cached = s;
            cachedAtNanos = System.nanoTime();
            rates.add(clock.millis(), s.counters().decisions(), s.counters().ordersSent());
            return s;
        }
    }

    private void invalidate() {
        cachedAtNanos = Long.MIN_VALUE / 2;
    }

    private void control(String action, String by, String detail) {
        try {
            pipeline.recordControl(action, by, detail);
        } catch (RuntimeException e) {
            log.warn("control record {} could not be queued", action, e);
        }
        events.publish(new LiveEvent.Control(action, by, detail, clock.millis()));
    }

    private AssetSpec spec(String symbol) {
        if (symbol == null || symbol.isBlank()) {
            throw new IllegalArgumentException("symbol must not be blank, was " + (symbol == null ? "null" : "'" + symbol + "'"));
        }
        return catalog.find(symbol).orElseThrow(() -> new IllegalArgumentException(
                "symbol " + symbol + " is not in the catalog"));
    }

    private static void origin(String by) {
        text(by, "by");
    }

    private static void text(String v, String field) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank, was " + (v == null ? "null" : "'" + v + "'"));
        }
    }

    private <T> T await(CompletableFuture<T> f, String what) {
        try {
            return f.get(commandTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to " + what);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the pipeline did not " + what + " within " + commandTimeout
                    + " (it is " + pipeline.status() + ")");
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not " + what + ": " + e.getCause().getMessage());
        }
    }

    private static GatewayConnection alwaysConnected(String name) {
        return new GatewayConnection() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public State state() {
                return State.CONNECTED;
            }

            @Override
            public State connect(Duration timeout) {
                return State.CONNECTED;
            }

            @Override
            public void disconnect() {
                // a gateway without a link stays as it is
            }

            @Override
            public void addListener(Listener listener) {
                Objects.requireNonNull(listener, "listener");
            }
        };
    }
}
