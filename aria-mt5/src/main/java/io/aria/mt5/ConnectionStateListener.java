package io.aria.mt5;

/**
 * Hears every state change of an {@link Mt5Connection}. Called on the connection's callback
 * thread, never on its I/O thread, in the order the changes happened.
 */
@FunctionalInterface
public interface ConnectionStateListener {

    /**
     * @param previous the state before
     * @param current  the state now
     * @param reason   why, for logs
     */
    void onStateChange(ConnectionState previous, ConnectionState current, String reason);
}
