package io.aria.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.aria.core.OrderIntent;
import io.aria.core.Side;
import io.aria.core.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record kinds issue 8 added are written by the sink and read back equal by the reader. */
class NewRecordKindsTest {

    static final long T0 = AuditFixtures.T0;

    @TempDir
    Path base;

    @Test
    @DisplayName("trade_closed and order_blocked_summary round-trip through the file")
    void newKindsRoundTrip() throws IOException {
        List<AuditRecord> all = new ArrayList<>(AuditFixtures.issue8Kinds(T0));
        OrderIntent control = new OrderIntent("EURUSD", Side.SELL, 0.2, 1.0851, 0, 0, true, AuditFixtures.decision(T0),
                "close by ops: test", OrderIntent.Origin.CONTROL);
        all.add(new AuditRecord.OrderSubmitted(T0 + 9, AuditFixtures.request(), control,
                Verdict.approve("CONTROL_CLOSE", "ops: test")));
        JsonlAuditSink sink = JsonlAuditSink.builder(base).build();
        all.forEach(sink::record);
        sink.close();
        Path file = JsonlAuditSink.executionFile(base, Instant.ofEpochMilli(T0).atZone(ZoneOffset.UTC).toLocalDate());
        AuditReader.Result<AuditRecord> read = AuditReader.read(file);
        assertTrue(read.isClean(), read.toString());
        assertEquals(all, read.records());
        List<String> types = AuditReader.readRaw(file).records().stream().map(n -> n.get("type").asText()).toList();
        assertEquals(List.of("trade_closed", "trade_closed", "order_blocked_summary", "order_submitted"), types);
    }

    @Test
    @DisplayName("an intent written before the origin field existed reads as a SIGNAL intent")
    void intentWithoutOriginReadsAsSignal() throws IOException {
        JsonlAuditSink sink = JsonlAuditSink.builder(base).build();
        sink.record(new AuditRecord.OrderBlocked(T0, AuditFixtures.intent(T0), Verdict.reject("X", "y")));
        sink.close();
        Path file = JsonlAuditSink.executionFile(base, Instant.ofEpochMilli(T0).atZone(ZoneOffset.UTC).toLocalDate());
        String line = Files.readString(file, StandardCharsets.UTF_8).replace(",\"origin\":\"SIGNAL\"", "");
        Path old = base.resolve("old_20240314.jsonl");
        Files.writeString(old, line, StandardCharsets.UTF_8);
        AuditReader.Result<AuditRecord> read = AuditReader.read(old);
        assertTrue(read.isClean(), read.toString());
        AuditRecord.OrderBlocked b = (AuditRecord.OrderBlocked) read.records().get(0);
        assertEquals(OrderIntent.Origin.SIGNAL, b.intent().origin());
        JsonNode raw = AuditReader.readRaw(old).records().get(0);
        assertTrue(raw.get("intent").get("origin") == null);
    }
}
