package io.aria.core.audit;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.aria.core.Verdict;
import io.aria.core.internal.Json;
import java.util.HashMap;
import java.util.Map;

/**
 * The audit trail's JSON configuration: ARIA's mapper plus the type names that make the sealed
 * {@link Verdict} readable back ({@code "kind": "approved" | "resized" | "rejected"}). Shared by
 * the sink and the reader so both always agree. Thread-safe.
 */
final class AuditJson {

    /** Field names of the envelope every line carries. */
    static final String VERSION = "v";
    static final String TYPE = "type";
    static final String TS = "ts";

    static final ObjectMapper MAPPER = Json.mapper().copy()
            .addMixIn(Verdict.class, VerdictMixin.class)
            .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
            // a v1 reader accepts fields added later to v1 records (additive changes keep the version)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // one line is one value: "{...} junk" is a corrupt line, not a record
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final Map<Class<?>, String> TYPE_NAMES = new HashMap<>();

    static {
        for (JsonSubTypes.Type t : AuditRecord.class.getAnnotation(JsonSubTypes.class).value()) {
            TYPE_NAMES.put(t.value(), t.name());
        }
    }

    private AuditJson() {
    }

    /**
     * @param record a record
     * @return its {@code "type"} name, as declared on {@link AuditRecord}
     */
    static String typeName(AuditRecord record) {
        String name = TYPE_NAMES.get(record.getClass());
        if (name == null) {
            throw new IllegalStateException("no @JsonSubTypes name for " + record.getClass().getName());
        }
        return name;
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Verdict.Approved.class, name = "approved"),
        @JsonSubTypes.Type(value = Verdict.Resized.class, name = "resized"),
        @JsonSubTypes.Type(value = Verdict.Rejected.class, name = "rejected")
    })
    private interface VerdictMixin {
    }
}
