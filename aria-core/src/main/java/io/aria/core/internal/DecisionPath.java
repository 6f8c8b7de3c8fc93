package io.aria.core.internal;

import io.aria.core.AssetCatalog;
import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.OrderIntent;
import io.aria.core.Tick;
import io.aria.core.audit.AuditRecord;
import io.aria.core.spi.EnsembleModel;
import io.aria.core.spi.PositionSizer;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * From a tick to an intent: asks the ensemble, logs its decisions (direction changes always,
 * others sampled), tells the listeners, and moves each symbol toward its decision's direction: an
 * entry through the sizer, an exit as closes of the open positions, a flip as an exit then the
 * entry once the exit is reported. While a symbol has an order in flight or an UNKNOWN one
 * unresolved, its next entry waits ({@link #reopen}). Owns each symbol's trading switch (enabled),
 * target direction and waiting entry. Not safe for use from multiple threads: the loop thread only.
 */
final class DecisionPath {

    private final AssetCatalog catalog;
    private final EnsembleModel ensemble;
    private final PositionSizer sizer;
    private final Portfolio portfolio;
    private final OrderTracker orders;
    private final PlugIns plugIns;
    private final Counters counters;
    private final int decisionLogSampleEvery;
    /** Holds what the ensemble emits during one onTick; acted on only once the call returned normally. */
    private final Consumer<Decision> decisionSink = this::hold;
    private Decision[] held = new Decision[2];
    private int heldCount;
    private final boolean[] enabled;
    private final Direction[] target;
    private final long[] sampleCounter;
    private final Decision[] pendingEntry;

    DecisionPath(EnsembleModel ensemble, PositionSizer sizer, Portfolio portfolio, OrderTracker orders,
            PlugIns plugIns, Counters counters, int decisionLogSampleEvery, java.util.Set<String> enabledSymbols) {
        this.catalog = portfolio.catalog();
        this.ensemble = ensemble;
        this.sizer = sizer;
        this.portfolio = portfolio;
        this.orders = orders;
        this.plugIns = plugIns;
        this.counters = counters;
        this.decisionLogSampleEvery = decisionLogSampleEvery;
        int n = catalog.size();
        enabled = new boolean[n];
        target = new Direction[n];
        sampleCounter = new long[n];
        pendingEntry = new Decision[n];
        Arrays.fill(target, Direction.FLAT);
        for (int i = 0; i < n; i++) {
            enabled[i] = enabledSymbols.contains(catalog.spec(i).symbol());
        }
    }

    /**
     * Feeds the sizer every valid tick, after the guards and before the ensemble, so a sizer learns
     * its own market state (volatility for its stops) whatever guards are wired, and sees a tick
     * before it sizes a decision made from it. An exception is counted; the tick goes on.
     */
    void sizerTick(Tick t) {
        try {
            sizer.onTick(t, portfolio);
        } catch (RuntimeException e) {
            plugIns.error("sizer.onTick", e);
        }
    }

    /** @return whether new trades are open on the symbol */
    boolean enabled(int i) {
        return enabled[i];
    }

    /** @return whether the switch changed */
    boolean setEnabled(int i, boolean on) {
        if (enabled[i] == on) {
            return false;
        }
        enabled[i] = on;
        return true;
    }

    /** A control action flattens the symbol: no waiting entry, target flat (a later decision may open again). */
    void flatten(int i) {
        pendingEntry[i] = null;
        target[i] = Direction.FLAT;
    }

    /**
     * Asks the ensemble, then acts on what it emitted. An exception means "no decision", also for
     * a decision emitted before the throw: a model that failed half-way is not traded on.
     */
    void decide(Tick t) {
        heldCount = 0;
        boolean ok = true;
        try {
            ensemble.onTick(t, decisionSink);
        } catch (RuntimeException e) {
            ok = false;
            plugIns.error("ensemble " + ensemble.name(), e);
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
            held = Arrays.copyOf(held, 2 * held.length);
        }
        held[heldCount++] = d;
    }

    private void onDecision(Decision d) {
        counters.decisions++;
        int i = catalog.indexOf(d.symbol());
        if (i < 0) {
            plugIns.error("ensemble", new IllegalArgumentException("decision for unknown symbol " + d.symbol()));
            return;
        }
        boolean changed = d.direction() != target[i];
        target[i] = d.direction();
        if (changed || (decisionLogSampleEvery > 0 && ++sampleCounter[i] % decisionLogSampleEvery == 0)) {
            counters.decisionsLogged++;
            plugIns.record(new AuditRecord.DecisionLogged(d.epochMillis(), d, changed));
        }
        plugIns.decision(d);
        act(i, d);
    }

    /** Moves the symbol's book toward the decision's direction. */
    private void act(int i, Decision d) {
        if (!enabled[i] && d.direction() != Direction.FLAT) {
            return;
        }
        if (orders.busy(i)) {
            if (d.direction() != Direction.FLAT) {
                pendingEntry[i] = d;
            }
            return;
        }
        double net = portfolio.net(i);
        int have = net > 1e-12 ? 1 : net < -1e-12 ? -1 : 0;
        int want = d.direction().sign();
        if (have == want) {
            return;
        }
        if (have != 0) {
            orders.closeSymbol(i, d, "exit: decision " + d.direction(), OrderPurpose.SIGNAL_EXIT);
            if (want != 0) {
                pendingEntry[i] = d;
            }
            return;
        }
        enter(d);
    }

    private void enter(Decision d) {
        Optional<OrderIntent> intent;
        try {
            intent = sizer.size(d, portfolio);
        } catch (RuntimeException e) {
            plugIns.error("sizer", e);
            return;
        }
        if (intent == null || intent.isEmpty()) {
            counters.noTrade++;
            return;
        }
        OrderIntent in = intent.get();
        int j = catalog.indexOf(in.symbol());
        if (j < 0) {
            plugIns.error("sizer", new IllegalArgumentException("intent for unknown symbol " + in.symbol()));
            return;
        }
        orders.classifyAndSend(j, in, 0, OrderPurpose.ENTRY);
    }

    /** After an order's outcome: a waiting entry goes once the symbol is free, if it is still the target. */
    void reopen(int i) {
        Decision next = pendingEntry[i];
        if (next != null && !orders.busy(i)) {
            pendingEntry[i] = null;
            if (target[i] == next.direction()) {
                act(i, next);
            }
        }
    }
}
