package io.aria.examples.server;

/** A request the API refuses: its HTTP status and a JSON error naming the field and the value. */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String error;
    final String field;
    final transient Object value;

    ApiException(int status, String error, String field, Object value, String message) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
        this.field = field;
        this.value = value;
    }

    static ApiException badField(String field, Object value, String message) {
        return new ApiException(400, "bad_request", field, value, message);
    }
}
