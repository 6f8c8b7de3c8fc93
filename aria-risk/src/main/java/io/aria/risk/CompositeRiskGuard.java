package io.aria.risk;

import io.aria.core.ExecutionReport;
import io.aria.core.EngageOnlyKillSwitch;
import io.aria.core.KillSwitch;
import io.aria.core.OrderIntent;
import io.aria.core.Tick;
import io.aria.core.TradeEvent;
import io.aria.core.Verdict;
import io.aria.core.spi.PortfolioView;
import io.aria.core.spi.RiskGuard;
import io.aria.core.spi.TickListener;
import io.aria.risk.internal.Book;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies rules in a fixed, documented order and says which rule decided.
 *
 * <ol>
 *   <li>An order that does not increase exposure (flagged reducing, or making the net position
 *       smaller) is approved at once with code {@code REDUCING}: nothing blocks an exit.</li>
 *   <li>While the kill switch is engaged every other order is rejected with {@code KILL_SWITCH}
 *       (defence in depth: the engine blocks them too).</li>
 *   <li>The rules, in list order. A rejection stops there with that rule's code. A resize carries
 *       the smaller order on to the next rule. The final verdict is an approval ({@code OK}), or
 *       a resize with the code of the last rule that cut the volume and every cut's message.</li>
 * </ol>
 *
 * <p>{@link RiskLayer} builds the default list: daily loss, error rate, sessions and spread,
 * exposure limits, correlation limits, order rate. A rule that throws rejects the order with
 * {@code GUARD_ERROR} (fail closed). Ticks, executions and trade events go to every rule and
 * to the tick listeners given (state a rule reads but does not own; an {@link AtrTracker} is fed
 * by the sizer that holds it, so do not list it here too); one that throws does not keep
 * the event from the others (a broken rule must not blind the kill switch triggers), and the
 * first exception is rethrown once all have seen the event, for the engine to log and count.
 *
 * <p>Threading: event-loop thread only. {@link #onTick} allocates nothing beyond what the rules
 * and listeners do (the default ones allocate nothing per tick).
 */
public final class CompositeRiskGuard implements RiskGuard {

    private static final Logger LOG = LoggerFactory.getLogger(CompositeRiskGuard.class);

    private final RiskGuard[] rules;
    private final TickListener[] tickListeners;

    /**
     * @param rules         the rules, in the order they apply
     * @param tickListeners told of every tick before the rules (may be empty)
     */
    public CompositeRiskGuard(List<? extends RiskGuard> rules, List<? extends TickListener> tickListeners) {
        this.rules = List.copyOf(Objects.requireNonNull(rules, "rules")).toArray(new RiskGuard[0]);
        this.tickListeners = List.copyOf(Objects.requireNonNull(tickListeners, "tickListeners"))
                .toArray(new TickListener[0]);
    }

    /** @return the rules, in order */
    public List<RiskGuard> rules() {
        return List.of(rules);
    }

    @Override
    public Verdict check(OrderIntent intent, PortfolioView portfolio) {
        if (!Book.increasesExposure(intent, portfolio)) {
            return Verdict.approve(RiskCodes.REDUCING, "orders that reduce or close a position are never blocked");
        }
        EngageOnlyKillSwitch ks = portfolio.killSwitch();
        if (ks.isEngaged()) {
            KillSwitch.State st = ks.state();
            return Verdict.reject(RiskCodes.KILL_SWITCH, "kill switch engaged by " + st.by() + ": " + st.reason());
        }
        OrderIntent current = intent;
        String resizeCode = null;
        StringBuilder messages = null;
        for (RiskGuard rule : rules) {
            Verdict v;
            try {
                v = Objects.requireNonNull(rule.check(current, portfolio), "verdict");
            } catch (RuntimeException e) {
                LOG.warn("risk rule {} failed on {}; order rejected", rule.name(), current, e);
                return Verdict.reject(RiskCodes.GUARD_ERROR, "rule " + rule.name() + " failed: " + e);
            }
            if (v instanceof Verdict.Rejected) {
                return v;
            }
            if (v instanceof Verdict.Resized r && r.volume() < current.volume()) {
                current = current.withVolume(r.volume());
                resizeCode = r.code();
                messages = messages == null ? new StringBuilder() : messages.append("; ");
                messages.append(r.code()).append(": ").append(r.message());
            }
        }
        if (resizeCode == null) {
            return Verdict.approve();
        }
        return Verdict.resize(current.volume(), resizeCode, messages.toString());
    }

    @Override
    public void onTick(Tick tick, PortfolioView portfolio) {
        RuntimeException failure = null;
        for (TickListener l : tickListeners) {
            try {
                l.onTick(tick);
            } catch (RuntimeException e) {
                failure = first(failure, e);
            }
        }
        for (RiskGuard r : rules) {
            try {
                r.onTick(tick, portfolio);
            } catch (RuntimeException e) {
                failure = first(failure, e);
            }
        }
        rethrow(failure);
    }

    @Override
    public void onExecution(ExecutionReport report, PortfolioView portfolio) {
        RuntimeException failure = null;
        for (RiskGuard r : rules) {
            try {
                r.onExecution(report, portfolio);
            } catch (RuntimeException e) {
                failure = first(failure, e);
            }
        }
        rethrow(failure);
    }

    @Override
    public void onTradeEvent(TradeEvent event, PortfolioView portfolio) {
        RuntimeException failure = null;
        for (RiskGuard r : rules) {
            try {
                r.onTradeEvent(event, portfolio);
            } catch (RuntimeException e) {
                failure = first(failure, e);
            }
        }
        rethrow(failure);
    }

    private static RuntimeException first(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        if (first != next) {
            first.addSuppressed(next);
        }
        return first;
    }

    private static void rethrow(RuntimeException failure) {
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String name() {
        return "risk";
    }
}
