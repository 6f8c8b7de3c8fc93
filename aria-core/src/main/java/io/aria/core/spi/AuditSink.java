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
