package io.aria.core.testing;

import io.aria.core.audit.AuditRecord;
import io.aria.core.spi.AuditSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every record in memory, in order. */
public final class RecordingAudit implements AuditSink {
    public final List<AuditRecord> records = new CopyOnWriteArrayList<>();

    @Override
    public void record(AuditRecord record) {
        records.add(record);
    }

    /** @return the records of one type */
    public <T extends AuditRecord> List<T> of(Class<T> type) {
        return records.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
