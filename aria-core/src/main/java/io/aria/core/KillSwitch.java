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
 * disengages it. Listeners are told of every change on the thread that made it.
 */
public final class KillSwitch {

    /**
     * The switch's state.
     *
     * @param engaged     whether it is engaged
     * @param reason      why it was engaged or released
     * @param by          who or what changed it (a guard's code, "api", "operator")
     * @param epochMillis when it changed, 0 before any change
     */
    public record State(boolean engaged, String reason, String by, long epochMillis) {
        public State {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(by, "by");
        }
    }

    private final AtomicReference<State> state = new AtomicReference<>(new State(false, "never engaged", "", 0));
    private final CopyOnWriteArrayList<Consumer<State>> listeners = new CopyOnWriteArrayList<>();
    private final java.time.Clock clock;

    /** @param clock source of the change times */
    public KillSwitch(java.time.Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @return whether the switch is engaged (a volatile read; cheap on the hot path) */
    public boolean isEngaged() {
        return state.get().engaged();
    }

    /** @return the current state */
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
    public boolean engage(String by, String reason) {
        State next = new State(true, Objects.requireNonNull(reason, "reason"), Objects.requireNonNull(by, "by"),
                clock.millis());
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
}
