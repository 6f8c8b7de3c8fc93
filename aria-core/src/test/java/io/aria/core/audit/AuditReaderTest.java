package io.aria.core.audit;

import static io.aria.core.audit.AuditFixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("AuditReader")
@Timeout(60)
class AuditReaderTest {

    @TempDir
    Path base;

    private static final LocalDate DAY = LocalDate.of(2024, 3, 14);

    /** Writes ten control records through the sink and returns the file and the records. */
    private List<AuditRecord> writeTen() {
        List<AuditRecord> sent = new ArrayList<>();
        try (JsonlAuditSink sink = JsonlAuditSink.builder(base).build()) {
            for (int i = 0; i < 10; i++) {
                sent.add(AuditFixtures.control(T0 + i, "record " + i));
                sink.record(sent.get(i));
            }
        }
        return sent;
    }

    private Path file() {
        return JsonlAuditSink.executionFile(base, DAY);
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    private static void truncateBy(Path file, int bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - bytes);
        }
    }

    @Nested
    @DisplayName("a file cut short by a crash")
    class Torn {

        @Test
        @DisplayName("reports the torn last line with its number and length, and returns every whole record")
        void tornLastLine() throws IOException {
            List<AuditRecord> sent = writeTen();
            int lastLength = lines(file()).get(9).getBytes(StandardCharsets.UTF_8).length;
            truncateBy(file(), 7); // the newline and six bytes of the last record

            AuditReader.Result<AuditRecord> r = AuditReader.read(file());
            assertEquals(sent.subList(0, 9), r.records());
            assertEquals(List.of(new AuditReader.TornLine(file(), 10, lastLength - 6)), r.tornLines());
            assertTrue(r.corruptLines().isEmpty());
        }

        @Test
        @DisplayName("a last record that lost only its newline is still whole")
        void onlyNewlineLost() throws IOException {
            List<AuditRecord> sent = writeTen();
            truncateBy(file(), 1);
            AuditReader.Result<AuditRecord> r = AuditReader.read(file());
            assertEquals(sent, r.records());
            assertTrue(r.isClean());
        }

        @Test
        @DisplayName("the raw mode reports the same torn line")
        void rawTorn() throws IOException {
            writeTen();
            truncateBy(file(), 20);
            AuditReader.Result<JsonNode> r = AuditReader.readRaw(file());
            assertEquals(9, r.records().size());
            assertEquals(10, r.tornLines().get(0).lineNumber());
        }
    }

    @Nested
    @DisplayName("corrupt lines")
    class Corrupt {

        @Test
        @DisplayName("are skipped and reported with line number and reason; the records around them are returned")
        void corruptMiddleLines() throws IOException {
            List<AuditRecord> sent = writeTen();
            List<String> lines = new ArrayList<>(lines(file()));
            String good = lines.get(0);
            lines.add(2, "{not json");
            lines.add(4, "[1,2]");
            lines.add(6, good.replace("\"v\":1", "\"v\":2"));
            lines.add(8, good.replace("\"type\":\"control\"", "\"type\":\"gossip\""));
            lines.add(10, "");
            lines.add(12, good + " trailing");
            lines.add(14, good.replace("\"v\":1,", ""));
            Files.write(file(), lines, StandardCharsets.UTF_8);

            AuditReader.Result<AuditRecord> r = AuditReader.read(file());
            assertEquals(sent, r.records());
            assertTrue(r.tornLines().isEmpty());
            List<AuditReader.CorruptLine> bad = r.corruptLines();
            assertEquals(List.of(3L, 5L, 7L, 9L, 11L, 13L, 15L),
                    bad.stream().map(AuditReader.CorruptLine::lineNumber).toList());
            assertTrue(bad.get(0).reason().startsWith("not valid JSON"), bad.get(0).reason());
            assertTrue(bad.get(1).reason().contains("not a JSON object but ARRAY"), bad.get(1).reason());
            assertTrue(bad.get(2).reason().contains("unsupported schema version 2"), bad.get(2).reason());
            assertTrue(bad.get(3).reason().contains("gossip"), bad.get(3).reason());
            assertTrue(bad.get(4).reason().contains("empty line"), bad.get(4).reason());
            assertTrue(bad.get(5).reason().startsWith("not valid JSON"), bad.get(5).reason());
            assertTrue(bad.get(6).reason().contains("missing schema version"), bad.get(6).reason());
            bad.forEach(c -> assertEquals(file(), c.file()));
        }

        @Test
        @DisplayName("a value the record refuses is reported with the record's own message")
        void invalidValue() throws IOException {
            try (JsonlAuditSink sink = JsonlAuditSink.builder(base).build()) {
                sink.record(AuditFixtures.decisionLogged(T0));
            }
            Path decisions = JsonlAuditSink.decisionFile(base, DAY);
            String line = lines(decisions).get(0).replace("\"confidence\":0.5", "\"confidence\":7.0");
            Files.writeString(decisions, line + "\n");
            AuditReader.Result<AuditRecord> r = AuditReader.read(decisions);
            assertTrue(r.records().isEmpty());
            String reason = r.corruptLines().get(0).reason();
            assertTrue(reason.contains("confidence must be in [0.0, 1.0], was 7.0"), reason);
        }

        @Test
        @DisplayName("the raw mode returns lines of another schema version")
        void rawReadsOtherVersions() throws IOException {
            Files.createDirectories(file().getParent());
            Files.writeString(file(), "{\"v\":2,\"type\":\"new_thing\",\"x\":1}\r\n{\"v\":1}\n");
            AuditReader.Result<JsonNode> raw = AuditReader.readRaw(file());
            assertTrue(raw.isClean());
            assertEquals(List.of(2, 1), raw.records().stream().map(n -> n.get("v").intValue()).toList());
            assertEquals(2, AuditReader.read(file()).corruptLines().size());
        }

        @Test
        @DisplayName("an empty file has no records and nothing to report")
        void emptyFile() throws IOException {
            Files.createDirectories(file().getParent());
            Files.createFile(file());
            AuditReader.Result<AuditRecord> r = AuditReader.read(file());
            assertTrue(r.records().isEmpty());
            assertTrue(r.isClean());
        }
    }

    @Nested
    @DisplayName("a whole folder")
    class Folder {

        @Test
        @DisplayName("is read day by day in date order, whatever order the days were written in, ignoring other files")
        void dateOrder() throws IOException {
            long d3 = Instant.parse("2024-01-03T10:00:00Z").toEpochMilli();
            long d1 = Instant.parse("2023-12-31T10:00:00Z").toEpochMilli();
            long d2 = Instant.parse("2024-01-02T10:00:00Z").toEpochMilli();
            try (JsonlAuditSink sink = JsonlAuditSink.builder(base).build()) {
                sink.record(AuditFixtures.control(d3, "third"));
                sink.record(AuditFixtures.control(d1, "first"));
                sink.record(AuditFixtures.control(d2, "second"));
                sink.record(AuditFixtures.decisionLogged(d2));
            }
            Path folder = base.resolve(JsonlAuditSink.EXECUTION_DIR);
            Files.writeString(folder.resolve("notes.txt"), "not an audit file");
            Files.writeString(folder.resolve("execution_audit_2024.jsonl"), "not a daily file");

            AuditReader.Result<AuditRecord> r = AuditReader.readFolder(folder);
            assertEquals(List.of(AuditFixtures.control(d1, "first"), AuditFixtures.control(d2, "second"),
                    AuditFixtures.control(d3, "third")), r.records());
            assertTrue(r.isClean());
            assertEquals(3, AuditReader.dailyFiles(folder).size());
            assertEquals(List.of(AuditFixtures.decisionLogged(d2)),
                    AuditReader.readFolder(base.resolve(JsonlAuditSink.DECISION_DIR)).records());
            assertEquals(3, AuditReader.readFolderRaw(folder).records().size());
        }

        @Test
        @DisplayName("reports torn and corrupt lines with the file they are in")
        void problemsNameTheirFile() throws IOException {
            long d1 = Instant.parse("2024-01-01T10:00:00Z").toEpochMilli();
            long d2 = Instant.parse("2024-01-02T10:00:00Z").toEpochMilli();
            try (JsonlAuditSink sink = JsonlAuditSink.builder(base).build()) {
                sink.record(AuditFixtures.control(d1, "a"));
                sink.record(AuditFixtures.control(d2, "b"));
            }
            Path f1 = JsonlAuditSink.executionFile(base, LocalDate.of(2024, 1, 1));
            Path f2 = JsonlAuditSink.executionFile(base, LocalDate.of(2024, 1, 2));
            Files.writeString(f1, "garbage\n", StandardOpenOption.APPEND);
            truncateBy(f2, 5);
            AuditReader.Result<AuditRecord> r = AuditReader.readFolder(base.resolve(JsonlAuditSink.EXECUTION_DIR));
            assertEquals(List.of(AuditFixtures.control(d1, "a")), r.records());
            assertEquals(f1, r.corruptLines().get(0).file());
            assertEquals(2, r.corruptLines().get(0).lineNumber());
            assertEquals(f2, r.tornLines().get(0).file());
        }
    }
}
