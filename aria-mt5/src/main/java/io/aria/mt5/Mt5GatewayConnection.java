package io.aria.mt5;

import io.aria.core.live.GatewayConnection;
import java.time.Duration;
import java.util.Objects;

/**
 * An {@link Mt5Connection} as the {@link GatewayConnection} that
 * {@link io.aria.core.live.LiveExecution} connects and disconnects: connect opens the bridge and
 * waits for the handshake; disconnect closes it for good (a closed connection cannot reopen:
 * start a new session). Thread-safe.
 */
public final class Mt5GatewayConnection implements GatewayConnection {

    private final Mt5Connection connection;

    private Mt5GatewayConnection(Mt5Connection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /**
     * @param connection the bridge connection (connected or not)
     * @return its {@link GatewayConnection}
     */
    public static Mt5GatewayConnection of(Mt5Connection connection) {
        return new Mt5GatewayConnection(connection);
    }

    @Override
    public String name() {
        return "mt5 " + connection.config().commandEndpoint();
    }

    @Override
    public State state() {
        return map(connection.state());
    }

    @Override
    public State connect(Duration timeout) throws InterruptedException {
        if (connection.state() == ConnectionState.CLOSED) {
            throw new IllegalStateException("the MT5 connection to " + connection.config().commandEndpoint()
                    + " was closed; start a new session to connect again");
        }
        try {
            connection.connect(timeout);
        } catch (Mt5ConnectException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return state();
    }

    @Override
    public void disconnect() {
        connection.close();
    }

    @Override
    public boolean hasHeartbeat() {
        return true;
    }

    @Override
    public long heartbeatAgeMillis() {
        return connection.heartbeatAgeMillis();
    }

    @Override
    public void addListener(Listener listener) {
        Objects.requireNonNull(listener, "listener");
        connection.addStateListener((prev, cur, reason) -> listener.onChange(map(prev), map(cur), reason));
    }

    /**
     * @param s a bridge state
     * @return the same as a {@link GatewayConnection.State}
     */
    public static State map(ConnectionState s) {
        return switch (s) {
            case NEW -> State.DISCONNECTED;
            case CONNECTING -> State.CONNECTING;
            case CONNECTED -> State.CONNECTED;
            case RECONNECTING -> State.RECONNECTING;
            case CLOSED -> State.CLOSED;
        };
    }
}
