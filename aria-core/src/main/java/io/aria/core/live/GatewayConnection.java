package io.aria.core.live;

import java.time.Duration;

/**
 * The link between a pipeline and its market: what {@link LiveExecution#connect} opens and
 * {@link LiveExecution#disconnect} closes. A paper pipeline's link is its tick feed
 * ({@link PaperFeed}); an MT5 pipeline's is the bridge to the terminal (aria-mt5 provides one over
 * its connection). Implementations are thread-safe.
 */
public interface GatewayConnection {

    /** The link's state. */
    enum State {
        /** Not connected (never connected, or disconnected on request). */
        DISCONNECTED,
        /** Connecting for the first time. */
        CONNECTING,
        /** Connected: ticks and orders flow. */
        CONNECTED,
        /** The link was lost; it is being re-established. */
        RECONNECTING,
        /** Closed for good: a new session is needed to connect again. */
        CLOSED
    }

    /** Hears state changes, on whatever thread made them; must be quick and must not block. */
    @FunctionalInterface
    interface Listener {
        /**
         * @param previous the state before
         * @param current  the state now
         * @param reason   why
         */
        void onChange(State previous, State current, String reason);
    }

    /** @return a short name, for example {@code paper} or {@code mt5 tcp://127.0.0.1:5555} */
    String name();

    /** @return the current state */
    State state();

    /**
     * Opens the link and waits until it is connected.
     *
     * @param timeout longest wait
     * @return the state when the call returns ({@link State#CONNECTED} on success)
     * @throws IllegalStateException naming what failed when it could not connect in time, or when
     *     the link is closed for good
     * @throws InterruptedException when interrupted while waiting
     */
    State connect(Duration timeout) throws InterruptedException;

    /** Closes the link (for a link that cannot reopen, for good). Idempotent. */
    void disconnect();

    /** @return whether the link has heartbeats (a bridge to a terminal does; a paper feed does not) */
    default boolean hasHeartbeat() {
        return false;
    }

    /** @return milliseconds since the peer was last heard, or -1 for a link without heartbeats or before it was heard */
    default long heartbeatAgeMillis() {
        return -1;
    }

    /** @param listener hears every state change from now on */
    void addListener(Listener listener);
}
