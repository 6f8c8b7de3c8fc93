package io.aria.core.audit;

/**
 * An audit sink could not write a record. The message names the path and the operating
 * system's error, in one line, for example
 * {@code cannot write audit file data/audit_logs/execution_audit_20250303.jsonl: No space left on device}.
 */
public final class AuditFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message one line naming the path and the error
     * @param cause   the I/O error, or null
     */
    public AuditFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
