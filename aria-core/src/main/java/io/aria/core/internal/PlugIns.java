package io.aria.core.internal;

import io.aria.core.ClosedTrade;
import io.aria.core.Decision;
import io.aria.core.ExecutionReport;
import io.aria.core.OrderIntent;
import io.aria.core.Tick;
import io.aria.core.TradeEvent;
import io.aria.core.Verdict;
import io.aria.core.audit.AuditRecord;
import io.aria.core.spi.AuditSink;
import io.aria.core.spi.EnsembleModel;
import io.aria.core.spi.OrderGateway;
import io.aria.core.spi.PipelineListener;
import io.aria.core.spi.PortfolioView;
import io.aria.core.spi.RiskGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every call from the engine into a plug-in whose failure must not stop the pipeline: the fan-out
 * to guards and listeners, the audit's plain records, and the guard chain. An exception from an
 * observer (listener, audit, a guard's {@code on...} hook) is logged and counted as a component
 * error; one from a guard's {@code check} is a rejection ({@link #check}: fail closed). Not safe
 * for use from multiple threads: the loop thread only.
 */
final class PlugIns {

    private static final Logger log = LoggerFactory.getLogger(PlugIns.class);

    private final EnsembleModel ensemble;
    private final RiskGuard[] guards;
    private final OrderGateway gateway;
    private final AuditSink audit;
    private final PipelineListener[] listeners;
    private final Counters counters;

    PlugIns(EnsembleModel ensemble, RiskGuard[] guards, OrderGateway gateway, AuditSink audit,
            PipelineListener[] listeners, Counters counters) {
        this.ensemble = ensemble;
        this.guards = guards.clone();
        this.gateway = gateway;
        this.audit = audit;
        this.listeners = listeners.clone();
        this.counters = counters;
    }

    /** Logs (the first 20, then every 1000th) and counts a plug-in's failure. */
    void error(String where, RuntimeException e) {
        long c = ++counters.componentErrors;
        if (c <= 20 || c % 1000 == 0) {
            log.warn("{} failed ({} component errors so far)", where, c, e);
        }
    }

    /** Writes a record that is not written ahead (decisions, completions, control actions...). */
    void record(AuditRecord r) {
        try {
            audit.record(r);
        } catch (RuntimeException e) {
            error("audit", e);
        }
    }

    /** @return whether any listener is registered (the equity callback is skipped when none is) */
    boolean hasListeners() {
        return listeners.length > 0;
    }

    /** The tick goes to the gateway (a paper broker fills on it), then to each guard. */
    void tick(Tick t, PortfolioView view) {
        try {
            gateway.onTick(t);
        } catch (RuntimeException e) {
            error("gateway.onTick", e);
        }
        for (RiskGuard g : guards) {
            try {
                g.onTick(t, view);
            } catch (RuntimeException e) {
                error("guard " + g.name() + ".onTick", e);
            }
        }
    }

    /** Tells the listeners of a blocked intent (every one, though the audit writes one an episode). */
    void blocked(io.aria.core.OrderIntent intent, io.aria.core.Verdict verdict, long epochMillis) {
        for (PipelineListener l : listeners) {
            try {
                l.onBlocked(intent, verdict, epochMillis);
            } catch (RuntimeException e) {
                error("listener.onBlocked", e);
            }
        }
    }

    /** Tells the listeners of a valid tick (analytics marks cross-currency exposure from quotes). */
    void listenerTick(Tick t) {
        for (PipelineListener l : listeners) {
            try {
                l.onTick(t);
            } catch (RuntimeException e) {
                error("listener.onTick", e);
            }
        }
    }

    void equity(double equity, long nowMillis) {
        for (PipelineListener l : listeners) {
            try {
                l.onEquity(equity, nowMillis);
            } catch (RuntimeException e) {
                error("listener.onEquity", e);
            }
        }
    }

    void decision(Decision d) {
        for (PipelineListener l : listeners) {
            try {
                l.onDecision(d);
            } catch (RuntimeException e) {
                error("listener.onDecision", e);
            }
        }
    }

    /** An order's report goes to each guard, then to each listener. */
    void execution(ExecutionReport r, OrderIntent intent, PortfolioView view) {
        for (RiskGuard g : guards) {
            try {
                g.onExecution(r, view);
            } catch (RuntimeException e) {
                error("guard " + g.name() + ".onExecution", e);
            }
        }
        for (PipelineListener l : listeners) {
            try {
                l.onExecution(r, intent);
            } catch (RuntimeException e) {
                error("listener.onExecution", e);
            }
        }
    }

    /** A broker-side event goes to each guard, then to each listener. */
    void tradeEvent(TradeEvent e, PortfolioView view) {
        for (RiskGuard g : guards) {
            try {
                g.onTradeEvent(e, view);
            } catch (RuntimeException ex) {
                error("guard " + g.name() + ".onTradeEvent", ex);
            }
        }
        for (PipelineListener l : listeners) {
            try {
                l.onTradeEvent(e);
            } catch (RuntimeException ex) {
                error("listener.onTradeEvent", ex);
            }
        }
    }

    /** A closing deal: its {@code trade_closed} record, then each listener. */
    void closedTrade(ClosedTrade t, long nowMillis) {
        record(new AuditRecord.TradeClosed(nowMillis, t));
        for (PipelineListener l : listeners) {
            try {
                l.onTradeClosed(t);
            } catch (RuntimeException e) {
                error("listener.onTradeClosed", e);
            }
        }
    }

    /** The symbol's trade is over: the ensemble learns its profit, then the listeners' older callback. */
    void tradeOver(Decision entry, double profit, long nowMillis) {
        try {
            ensemble.onTradeClosed(entry, profit);
        } catch (RuntimeException e) {
            error("ensemble.onTradeClosed", e);
        }
        for (PipelineListener l : listeners) {
            try {
                l.onTradeClosed(entry.symbol(), entry, profit, nowMillis);
            } catch (RuntimeException e) {
                error("listener.onTradeClosed", e);
            }
        }
    }

    /**
     * The guard chain: guards run in order, the first rejection decides, a resize passes the
     * smaller volume on, a resize up is refused ({@code GUARD_RESIZE_UP}); an exception or a null
     * verdict rejects ({@code GUARD_ERROR}).
     *
     * @return the verdict; approve when there is no guard
     */
    Verdict check(OrderIntent intent, PortfolioView view) {
        Verdict result = Verdict.approve();
        double volume = intent.volume();
        for (RiskGuard g : guards) {
            Verdict v;
            try {
                v = g.check(volume == intent.volume() ? intent : intent.withVolume(volume), view);
            } catch (RuntimeException e) {
                error("guard " + g.name(), e);
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
}
