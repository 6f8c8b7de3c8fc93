package io.aria.core.audit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link JsonlAuditSink}'s failure, set once for good, its listeners, and the count of records
 * that are in no file because of it. Any thread.
 */
final class AuditFailure {

    private static final Logger LOG = LoggerFactory.getLogger(JsonlAuditSink.class);

    private final Path base;
    // set once, by the writer (a write failed) or a caller (write-ahead or close timed out)
    private final AtomicReference<AuditFailedException> failure = new AtomicReference<>();
    private final List<Consumer<AuditFailedException>> listeners = new ArrayList<>(); // guarded by itself
    /** Records accepted by no file: discarded or refused after the failure. */
    private final LongAdder notWritten = new LongAdder();

    AuditFailure(Path base) {
        this.base = base;
    }

    /** @return whether the sink has failed */
    boolean failed() {
        return failure.get() != null;
    }

    /** Counts one record that is in no file. */
    void notWritten() {
        notWritten.increment();
    }

    /** Counts records that are in no file. */
    void notWritten(long n) {
        notWritten.add(n);
    }

    /** @return records in no file so far */
    long notWrittenCount() {
        return notWritten.sum();
    }

    /** @return the failure with the current count of records not written ("closed" when not failed) */
    AuditFailedException now() {
        AuditFailedException f = failure.get();
        if (f == null) { // the writer ended at close while a caller was handing a record over
            return new AuditFailedException("audit sink for " + base + " is closed", null);
        }
        long n = notWritten.sum();
        return new AuditFailedException(f.getMessage() + "; " + n + (n == 1 ? " record" : " records")
                + " not written", f.getCause() != null ? f.getCause() : f);
    }

    /** Fails the sink for good (first failure wins) and tells the listeners once. */
    void fail(AuditFailedException e) {
        List<Consumer<AuditFailedException>> tellNow;
        synchronized (listeners) {
            if (!failure.compareAndSet(null, e)) {
                return;
            }
            tellNow = List.copyOf(listeners);
            listeners.clear();
        }
        LOG.error("audit sink failed, nothing more is written: {}", e.getMessage());
        AuditFailedException told = now();
        for (Consumer<AuditFailedException> l : tellNow) {
            tell(l, told);
        }
    }

    /** Adds a listener, or tells it at once when the sink has already failed. */
    void onFailure(Consumer<AuditFailedException> listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (listeners) {
            if (failure.get() == null) {
                listeners.add(listener);
                return;
            }
        }
        tell(listener, now());
    }

    private static void tell(Consumer<AuditFailedException> listener, AuditFailedException e) {
        try {
            listener.accept(e);
        } catch (RuntimeException ex) {
            LOG.error("audit failure listener {} threw", listener, ex);
        }
    }
}
