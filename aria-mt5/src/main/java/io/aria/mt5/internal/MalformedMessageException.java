package io.aria.mt5.internal;

/** A bridge message that breaks PROTOCOL.md: not JSON, too large, a missing or wrongly typed field. */
public final class MalformedMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the field and showing the value */
    public MalformedMessageException(String message) {
        super(message, null, false, false);
    }
}
