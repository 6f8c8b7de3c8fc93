package io.aria.mt5;

/** The life of an {@link Mt5Connection}. */
public enum ConnectionState {
    /** Created, {@link Mt5Connection#connect()} not called yet. */
    NEW,
    /** Sockets open, handshake in progress (first time or after a loss). */
    CONNECTING,
    /** Handshake done; orders and ticks flow. */
    CONNECTED,
    /** The link was lost; waiting for the back-off before connecting again. */
    RECONNECTING,
    /** Closed for good ({@link Mt5Connection#close()}, or the terminal speaks another protocol version). */
    CLOSED
}
