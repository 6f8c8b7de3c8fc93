package io.aria.risk;

/**
 * A risk configuration that cannot be used. The message is one line that names the file (or
 * "risk config" for a string), the field and the value, for example
 * {@code risk config risk.json: maxOpenPositions: 10.7 is not a whole number}; a command prints it
 * as it is. It is an {@link IllegalArgumentException}, so callers that caught that keep working.
 */
public final class RiskConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message the line; control characters are escaped so it stays one line */
    public RiskConfigException(String message) {
        super(oneLine(message));
    }

    /**
     * @param message the line; control characters are escaped so it stays one line
     * @param cause   what went wrong underneath
     */
    public RiskConfigException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "risk config: invalid";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t' || c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029'
                    || c == '\u0085') {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
