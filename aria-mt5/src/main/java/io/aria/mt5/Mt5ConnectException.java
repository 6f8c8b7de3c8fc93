package io.aria.mt5;

/**
 * The first connection to a terminal did not come up: nothing answered the hello in time, the
 * terminal answered but its event stream stayed silent, or it refused this client's protocol.
 * The message is one line that names the endpoint and what to check.
 */
public final class Mt5ConnectException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message one line naming the endpoint and what to check */
    public Mt5ConnectException(String message) {
        super(message);
    }

    /**
     * @param message one line naming the endpoint and what to check
     * @param cause   what the connection reported
     */
    public Mt5ConnectException(String message, Throwable cause) {
        super(message, cause);
    }
}
