package io.aria.core;

import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The pipeline's kill switch. While engaged, no order that increases exposure leaves the
 * pipeline, whatever any guard says; orders that reduce or close positions still go.
 *
 * <p>Thread-safe: any thread may engage it (a guard on the event loop, the control API, an
 * operator) and it takes effect for the next order. Only a deliberate {@link #release(String)}
 * disengages it, except a halt engaged with {@link #engageUntil} (the daily-loss halt), which the
 * pipeline lifts once its time passes {@code untilEpochMillis}. Listeners are told of every change
 * on the thread that made it.
 */
public final class KillSwitch implements EngageOnlyKillSwitch {

    /**
     * The switch's state.
     *
     * @param engaged     whether it is engaged
     * @param reason      why it was engaged or released
     * @param by          who or what changed it (a guard's code, "api", "operator")
     * @param epochMillis when it changed, 0 before any change
     * @param untilEpochMillis for a timed halt, the pipeline time at which it lifts by itself; 0
     *     when only a deliberate release ends it
     */
    public record State(boolean engaged, String reason, String by, long epochMillis, long untilEpochMillis) {
        public State {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(by, "by");
            if (untilEpochMillis < 0) {
                throw new IllegalArgumentException("untilEpochMillis must not be negative: " + untilEpochMillis);
            }
        }

        /**
         * A state that only a deliberate release ends.
         *
         * @param engaged     whether it is engaged
         * @param reason      why
         * @param by          who
         * @param epochMillis when
         */
        public State(boolean engaged, String reason, String by, long epochMillis) {
            this(engaged, reason, by, epochMillis, 0);
        }

        /** @return whether this is a timed halt that lifts by itself */
        public boolean timed() {
            return engaged && untilEpochMillis > 0;
        }
    }

    private final AtomicReference<State> state = new AtomicReference<>(new State(false, "never engaged", "", 0));
    private final CopyOnWriteArrayList<Consumer<State>> listeners = new CopyOnWriteArrayList<>();
    private final java.time.Clock clock;
    private final EngageOnlyKillSwitch engageOnly = new EngageOnly(this);

    /** @param clock source of the change times */
    public KillSwitch(java.time.Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The view the pipeline hands to plug-ins: it engages and reads this switch and cannot be cast
     * back to a {@code KillSwitch}, so a plug-in cannot reach {@link #release}. One instance per
     * switch: asking for it does not allocate.
     *
     * @return an engage-only view of this switch
     */
    public EngageOnlyKillSwitch engageOnly() {
        return engageOnly;
    }

    @Override
    public boolean isEngaged() {
        return state.get().engaged();
    }

    @Override
    public State state() {
        return state.get();
    }

    /**
     * Engages the switch. Engaging an engaged switch keeps the first reason and returns false.
     *
     * @param by     who engages it
     * @param reason why, with the numbers
     * @return whether this call engaged it
     */
    @Override
    public boolean engage(String by, String reason) {
        return engage(new State(true, Objects.requireNonNull(reason, "reason"), Objects.requireNonNull(by, "by"),
                clock.millis(), 0));
    }

    /**
     * Engages the switch until a point in pipeline time (for example the daily-loss halt until the
     * next trading day). The pipeline lifts it through {@link #releaseIfExpired} once its time
     * reaches {@code untilEpochMillis}. A timed halt never shortens or replaces a deliberate one:
     * engaging an engaged switch keeps the first state and returns false.
     *
     * @param by               who engages it
     * @param reason           why, with the numbers
     * @param untilEpochMillis when it lifts, &gt; 0
     * @return whether this call engaged it
     */
    @Override
    public boolean engageUntil(String by, String reason, long untilEpochMillis) {
        if (untilEpochMillis <= 0) {
            throw new IllegalArgumentException("untilEpochMillis must be positive: " + untilEpochMillis);
        }
        return engage(new State(true, Objects.requireNonNull(reason, "reason"), Objects.requireNonNull(by, "by"),
                clock.millis(), untilEpochMillis));
    }

    /**
     * Lifts a timed halt whose time has come. A switch engaged without a time is left alone.
     *
     * @param nowEpochMillis the pipeline's time
     * @return whether this call released it
     */
    public boolean releaseIfExpired(long nowEpochMillis) {
        while (true) {
            State cur = state.get();
            if (!cur.timed() || nowEpochMillis < cur.untilEpochMillis()) {
                return false;
            }
            State next = new State(false, "timed halt ended (" + cur.reason() + ")", cur.by(), clock.millis(), 0);
            if (state.compareAndSet(cur, next)) {
                notifyListeners(next);
                return true;
            }
        }
    }

    private boolean engage(State next) {
        while (true) {
            State cur = state.get();
            if (cur.engaged()) {
                return false;
            }
            if (state.compareAndSet(cur, next)) {
                notifyListeners(next);
                return true;
            }
        }
    }

    /**
     * Releases the switch: a deliberate call, never made by a guard.
     *
     * @param by who releases it
     * @return whether this call released it
     */
    public boolean release(String by) {
        State next = new State(false, "released", Objects.requireNonNull(by, "by"), clock.millis());
        while (true) {
            State cur = state.get();
            if (!cur.engaged()) {
                return false;
            }
            if (state.compareAndSet(cur, next)) {
                notifyListeners(next);
                return true;
            }
        }
    }

    /** @param listener told of every change */
    public void addListener(Consumer<State> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private void notifyListeners(State s) {
        for (Consumer<State> l : listeners) {
            try {
                l.accept(s);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(KillSwitch.class).warn("kill switch listener failed", e);
            }
        }
    }

    /** Delegates to the switch; holds no reference a plug-in could use to release it. */
    private static final class EngageOnly implements EngageOnlyKillSwitch {
        private final KillSwitch target;

        EngageOnly(KillSwitch target) {
            this.target = target;
        }

        @Override
        public boolean isEngaged() {
            return target.isEngaged();
        }

        @Override
        public State state() {
            return target.state();
        }

        @Override
        public boolean engage(String by, String reason) {
            return target.engage(by, reason);
        }

        @Override
        public boolean engageUntil(String by, String reason, long untilEpochMillis) {
            return target.engageUntil(by, reason, untilEpochMillis);
        }

        @Override
        public String toString() {
            return "engage-only " + target.state();
        }
    }
}
