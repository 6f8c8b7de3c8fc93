package io.aria.core.audit;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/** A write-ahead record and its waiting caller; the writer answers once. */
final class AheadRecord {
    static final int WAITING = 0;
    static final int WRITTEN = 1;
    static final int FAILED = 2;
    /** The caller stopped waiting (timeout) and counted the record as not written. */
    static final int ABANDONED = 3;

    final AuditRecord record;
    final Thread caller;
    final AtomicInteger state = new AtomicInteger(WAITING);
    AuditFailedException error;

    AheadRecord(AuditRecord record, Thread caller) {
        this.record = record;
        this.caller = caller;
    }

    void written() {
        if (state.compareAndSet(WAITING, WRITTEN)) {
            LockSupport.unpark(caller);
        }
    }

    /** @return false when the caller had already given up (and counted the record) */
    boolean failed(AuditFailedException e) {
        error = e; // published by the CAS below
        if (state.compareAndSet(WAITING, FAILED)) {
            LockSupport.unpark(caller);
            return true;
        }
        return false;
    }
}
