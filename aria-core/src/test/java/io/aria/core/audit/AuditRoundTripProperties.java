package io.aria.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.Decision;
import io.aria.core.Direction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;

/** Whatever text and times a record holds, it comes back equal and in the file of its UTC day. */
class AuditRoundTripProperties {

    @Property(tries = 40, shrinking = ShrinkingMode.OFF)
    void controlActionsRoundTrip(@ForAll String action, @ForAll String by, @ForAll String detail,
            @ForAll @LongRange(min = -2_000_000_000_000L, max = 5_000_000_000_000L) long epochMillis,
            @ForAll @DoubleRange(min = 0, max = 1) double confidence) throws IOException {
        Path base = Files.createTempDirectory("audit-prop");
        try {
            AuditRecord control = new AuditRecord.ControlAction(epochMillis, action, by, detail);
            AuditRecord decision = new AuditRecord.DecisionLogged(epochMillis,
                    Decision.of("US500", epochMillis, Direction.SHORT, confidence), true);
            try (JsonlAuditSink sink = JsonlAuditSink.builder(base).build()) {
                sink.record(control);
                sink.record(decision);
            }
            LocalDate day = Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC).toLocalDate();
            AuditReader.Result<AuditRecord> exec = AuditReader.read(JsonlAuditSink.executionFile(base, day));
            AuditReader.Result<AuditRecord> dec = AuditReader.read(JsonlAuditSink.decisionFile(base, day));
            assertTrue(exec.isClean() && dec.isClean(), () -> exec + " " + dec);
            assertEquals(List.of(control), exec.records());
            assertEquals(List.of(decision), dec.records());
            String ts = AuditReader.readRaw(JsonlAuditSink.executionFile(base, day)).records().get(0).get("ts").asText();
            assertEquals(epochMillis, Instant.parse(ts).toEpochMilli(), ts);
        } finally {
            try (Stream<Path> files = Files.walk(base)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
