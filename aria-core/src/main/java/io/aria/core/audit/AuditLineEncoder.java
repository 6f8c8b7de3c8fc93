package io.aria.core.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.aria.core.Decision;
import io.aria.core.ExecutionReport;
import io.aria.core.OrderIntent;
import io.aria.core.OrderRequest;
import io.aria.core.TradeEvent;
import io.aria.core.Verdict;
import java.io.IOException;
import java.time.LocalDate;

/**
 * Writes one {@link AuditRecord} as one JSON object: the envelope ({@code v}, {@code type},
 * {@code ts}) first, then the record's components in declaration order. The timestamp is
 * formatted by hand from a per-day cached date prefix so no formatter allocates per record.
 *
 * <p>Not thread-safe: one instance per writer thread.
 */
final class AuditLineEncoder {

    static final long MILLIS_PER_DAY = 86_400_000L;

    private final ObjectWriter decisionWriter = AuditJson.MAPPER.writerFor(Decision.class);
    private final ObjectWriter intentWriter = AuditJson.MAPPER.writerFor(OrderIntent.class);
    private final ObjectWriter requestWriter = AuditJson.MAPPER.writerFor(OrderRequest.class);
    private final ObjectWriter reportWriter = AuditJson.MAPPER.writerFor(ExecutionReport.class);
    private final ObjectWriter verdictWriter = AuditJson.MAPPER.writerFor(Verdict.class);
    private final ObjectWriter eventWriter = AuditJson.MAPPER.writerFor(TradeEvent.class);

    private final char[] ts = new char[40];
    private long tsDay = Long.MIN_VALUE;
    private int tsPrefixLength;

    /**
     * @param record the record
     * @param gen    where to write the object (no trailing newline)
     * @throws IOException when the generator fails
     */
    void write(AuditRecord record, JsonGenerator gen) throws IOException {
        gen.writeStartObject();
        gen.writeNumberField(AuditJson.VERSION, AuditRecord.SCHEMA_VERSION);
        gen.writeStringField(AuditJson.TYPE, AuditJson.typeName(record));
        gen.writeFieldName(AuditJson.TS);
        gen.writeString(ts, 0, formatTs(record.epochMillis()));
        gen.writeNumberField("epochMillis", record.epochMillis());
        if (record instanceof AuditRecord.DecisionLogged r) {
            gen.writeFieldName("decision");
            decisionWriter.writeValue(gen, r.decision());
            gen.writeBooleanField("directionChanged", r.directionChanged());
        } else if (record instanceof AuditRecord.OrderSubmitted r) {
            gen.writeFieldName("request");
            requestWriter.writeValue(gen, r.request());
            gen.writeFieldName("intent");
            intentWriter.writeValue(gen, r.intent());
            gen.writeFieldName("verdict");
            verdictWriter.writeValue(gen, r.verdict());
        } else if (record instanceof AuditRecord.OrderBlocked r) {
            gen.writeFieldName("intent");
            intentWriter.writeValue(gen, r.intent());
            gen.writeFieldName("verdict");
            verdictWriter.writeValue(gen, r.verdict());
        } else if (record instanceof AuditRecord.OrderCompleted r) {
            gen.writeFieldName("report");
            reportWriter.writeValue(gen, r.report());
            gen.writeFieldName("intent");
            intentWriter.writeValue(gen, r.intent());
        } else if (record instanceof AuditRecord.TradeEventRecorded r) {
            gen.writeFieldName("event");
            eventWriter.writeValue(gen, r.event());
        } else if (record instanceof AuditRecord.ControlAction r) {
            gen.writeStringField("action", r.action());
            gen.writeStringField("by", r.by());
            gen.writeStringField("detail", r.detail());
        } else {
            throw new IllegalStateException("unknown audit record type " + record.getClass().getName());
        }
        gen.writeEndObject();
    }

    /** Formats {@code yyyy-MM-ddTHH:mm:ss.SSSZ} into {@link #ts}; returns the length. */
    private int formatTs(long epochMillis) {
        long day = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
        if (day != tsDay) {
            String prefix = LocalDate.ofEpochDay(day) + "T";
            prefix.getChars(0, prefix.length(), ts, 0);
            tsPrefixLength = prefix.length();
            tsDay = day;
        }
        int ms = (int) Math.floorMod(epochMillis, MILLIS_PER_DAY);
        int i = tsPrefixLength;
        i = two(ms / 3_600_000, i);
        ts[i++] = ':';
        i = two(ms / 60_000 % 60, i);
        ts[i++] = ':';
        i = two(ms / 1000 % 60, i);
        ts[i++] = '.';
        int milli = ms % 1000;
        ts[i++] = (char) ('0' + milli / 100);
        ts[i++] = (char) ('0' + milli / 10 % 10);
        ts[i++] = (char) ('0' + milli % 10);
        ts[i++] = 'Z';
        return i;
    }

    private int two(int v, int i) {
        ts[i] = (char) ('0' + v / 10);
        ts[i + 1] = (char) ('0' + v % 10);
        return i + 2;
    }
}
