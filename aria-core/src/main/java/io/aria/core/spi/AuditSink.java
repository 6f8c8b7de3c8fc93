package io.aria.core.spi;

import io.aria.core.audit.AuditRecord;

/**
 * Keeps the audit trail.
 *
 * <p>Contract: {@link #record} is called from the event loop and must not wait on disk; it never
 * drops a record (when its buffer is full it may block the caller: back-pressure, not loss).
 * Records of one caller are written in the order received. An exception from it is logged and
 * counted by the pipeline and never stops trading.
 */
public interface AuditSink extends AutoCloseable {

    /** @param record the record; never null */
    void record(AuditRecord record);

    /**
     * Write-ahead: returns only once the record is in the file as far as the operating system is
     * concerned (at least {@code write(2)}, so a SIGKILL of this process cannot lose it; fsync per
     * the sink's policy). The pipeline calls it for {@code order_submitted} before the gateway
     * sees the order; every other record goes through {@link #record}.
     *
     * <p>The default records and flushes, which is write-ahead for a sink whose {@link #flush}
     * reaches the file.
     *
     * @param record the record; never null
     * @throws io.aria.core.audit.AuditFailedException when the record could not be written; the
     *     pipeline then engages the kill switch ({@code AUDIT_FAILED}) and does not send the order
     */
    default void recordAhead(AuditRecord record) {
        record(record);
        flush();
    }

    /**
     * @return why this sink can no longer write, or empty while it is healthy. A sink that fails
     *     stays failed: the pipeline engages the kill switch and commands exit non-zero.
     */
    default java.util.Optional<io.aria.core.audit.AuditFailedException> failure() {
        return java.util.Optional.empty();
    }

    /**
     * @param listener told once when the sink fails (fail closed: the pipeline registers one that
     *     engages the kill switch), on the thread that found the failure: usually the sink's own
     *     writer thread, but it may be a {@link #recordAhead} caller (the event loop) whose write
     *     timed out, or the registering thread itself when the sink had already failed. Keep it
     *     short and thread-safe.
     */
    default void onFailure(java.util.function.Consumer<io.aria.core.audit.AuditFailedException> listener) {
    }

    /** Writes everything received so far to the operating system (and to disk if the policy says so). */
    default void flush() {
    }

    /** Flushes and releases files and threads. Idempotent. */
    @Override
    default void close() {
    }

    /** @return a sink that discards everything */
    static AuditSink noop() {
        return record -> {
        };
    }
}
