package io.aria.core.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.aria.core.Decision;
import io.aria.core.ExecutionReport;
import io.aria.core.ModelVote;
import io.aria.core.OrderIntent;
import io.aria.core.OrderRequest;
import io.aria.core.TradeEvent;
import io.aria.core.Verdict;
import java.io.IOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes one {@link AuditRecord} as one JSON object: the envelope ({@code v}, {@code type},
 * {@code ts}) first, then the record's components in declaration order. The timestamp is
 * formatted by hand from a per-day cached date prefix so no formatter allocates per record.
 *
 * <p>Not thread-safe: one instance per writer thread.
 */
final class AuditLineEncoder {

    static final long MILLIS_PER_DAY = 86_400_000L;

    private static final int MAX_CACHED_NAMES = 4096;

    // field names encoded once
    private static final SerializedString F_V = new SerializedString(AuditJson.VERSION);
    private static final SerializedString F_TYPE = new SerializedString(AuditJson.TYPE);
    private static final SerializedString F_TS = new SerializedString(AuditJson.TS);
    private static final SerializedString F_CONFIDENCE = new SerializedString("confidence");
    private static final SerializedString F_DIRECTION = new SerializedString("direction");
    private static final SerializedString F_EPOCH_MILLIS = new SerializedString("epochMillis");
    private static final SerializedString F_INDICATORS = new SerializedString("indicators");
    private static final SerializedString F_MODEL = new SerializedString("model");
    private static final SerializedString F_REGIME = new SerializedString("regime");
    private static final SerializedString F_SCORE = new SerializedString("score");
    private static final SerializedString F_SHARE = new SerializedString("share");
    private static final SerializedString F_SYMBOL = new SerializedString("symbol");
    private static final SerializedString F_VOTE = new SerializedString("vote");
    private static final SerializedString F_VOTES = new SerializedString("votes");
    private static final SerializedString F_WEIGHT = new SerializedString("weight");

    private final ObjectWriter intentWriter = AuditJson.MAPPER.writerFor(OrderIntent.class);
    private final ObjectWriter requestWriter = AuditJson.MAPPER.writerFor(OrderRequest.class);
    private final ObjectWriter reportWriter = AuditJson.MAPPER.writerFor(ExecutionReport.class);
    private final ObjectWriter verdictWriter = AuditJson.MAPPER.writerFor(Verdict.class);
    private final ObjectWriter eventWriter = AuditJson.MAPPER.writerFor(TradeEvent.class);

    /** Pre-encoded symbols, model and indicator names, enum names: they repeat on every decision. */
    private final Map<String, SerializedString> names = new HashMap<>();

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
        gen.writeFieldName(F_V);
        gen.writeNumber(AuditRecord.SCHEMA_VERSION);
        gen.writeFieldName(F_TYPE);
        gen.writeString(cached(AuditJson.typeName(record)));
        gen.writeFieldName(F_TS);
        gen.writeString(ts, 0, formatTs(record.epochMillis()));
        gen.writeFieldName(F_EPOCH_MILLIS);
        gen.writeNumber(record.epochMillis());
        if (record instanceof AuditRecord.DecisionLogged r) {
            gen.writeFieldName("decision");
            writeDecision(r.decision(), gen);
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

    /**
     * The decision log's hot path, written by hand (the same JSON databind writes: components in
     * declaration order, enums by name), because decisions are most of the trail.
     */
    private void writeDecision(Decision d, JsonGenerator gen) throws IOException {
        gen.writeStartObject();
        gen.writeFieldName(F_SYMBOL);
        gen.writeString(cached(d.symbol()));
        gen.writeFieldName(F_EPOCH_MILLIS);
        gen.writeNumber(d.epochMillis());
        gen.writeFieldName(F_DIRECTION);
        gen.writeString(cached(d.direction().name()));
        gen.writeFieldName(F_CONFIDENCE);
        gen.writeNumber(d.confidence());
        gen.writeFieldName(F_SCORE);
        gen.writeNumber(d.score());
        gen.writeFieldName(F_REGIME);
        gen.writeString(cached(d.regime().name()));
        gen.writeFieldName(F_VOTES);
        gen.writeStartArray();
        for (ModelVote v : d.votes()) {
            gen.writeStartObject();
            gen.writeFieldName(F_MODEL);
            gen.writeString(cached(v.model()));
            gen.writeFieldName(F_VOTE);
            gen.writeNumber(v.vote());
            gen.writeFieldName(F_CONFIDENCE);
            gen.writeNumber(v.confidence());
            gen.writeFieldName(F_WEIGHT);
            gen.writeNumber(v.weight());
            gen.writeFieldName(F_SHARE);
            gen.writeNumber(v.share());
            gen.writeEndObject();
        }
        gen.writeEndArray();
        gen.writeFieldName(F_INDICATORS);
        gen.writeStartObject();
        for (Map.Entry<String, Double> e : d.indicators().entrySet()) {
            gen.writeFieldName(cached(e.getKey()));
            gen.writeNumber(e.getValue());
        }
        gen.writeEndObject();
        gen.writeEndObject();
    }

    private SerializedString cached(String text) {
        SerializedString s = names.get(text);
        if (s == null) {
            if (names.size() >= MAX_CACHED_NAMES) {
                names.clear(); // names are a small closed set in practice; never grow without bound
            }
            s = new SerializedString(text);
            names.put(text, s);
        }
        return s;
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
