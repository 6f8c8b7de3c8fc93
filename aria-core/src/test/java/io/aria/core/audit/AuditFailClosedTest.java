package io.aria.core.audit;

import static io.aria.core.audit.AuditFixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.aria.core.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit fails closed, on real files that refuse writes (tests run as root, so permissions do
 * not stop a write: a symlink to {@code /dev/full}, a file where a folder should be and a folder
 * where a file should be do).
 */
@DisplayName("JsonlAuditSink fails closed")
@Timeout(60)
class AuditFailClosedTest {

    private static final Path DEV_FULL = Path.of("/dev/full");

    @TempDir
    Path base;

    private final List<JsonlAuditSink> opened = new ArrayList<>();

    @AfterEach
    void closeSinks() {
        opened.forEach(JsonlAuditSink::close);
    }

    private JsonlAuditSink open(JsonlAuditSink.Builder b) {
        JsonlAuditSink sink = b.build();
        opened.add(sink);
        return sink;
    }

    private static LocalDate day(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static AuditRecord.OrderSubmitted order(long t) {
        return new AuditRecord.OrderSubmitted(t, AuditFixtures.request(), AuditFixtures.intent(t), Verdict.approve());
    }

    private static void assertOneLine(String message) {
        assertFalse(message.contains("\n") || message.contains("\r"), () -> "one line: " + message);
    }

    @Nested
    @DisplayName("at start")
    class AtStart {

        @Test
        @DisplayName("a data folder that is a regular file: build() throws one line naming the folder and ENOTDIR")
        void dataFolderIsAFile() throws IOException {
            Path data = base.resolve("data");
            Files.writeString(data, "not a folder");
            AuditFailedException e = assertThrows(AuditFailedException.class,
                    () -> open(JsonlAuditSink.builder(data)));
            assertEquals("cannot create audit folder " + data.resolve("audit_logs") + ": Not a directory",
                    e.getMessage());
        }

        @Test
        @DisplayName("a relative data folder is named as given")
        void relativePathAsGiven() throws IOException {
            Path data = base.resolve("rel");
            Files.writeString(data, "x");
            Path relative = Path.of("").toAbsolutePath().relativize(data);
            AuditFailedException e = assertThrows(AuditFailedException.class,
                    () -> open(JsonlAuditSink.builder(relative)));
            assertEquals("cannot create audit folder " + relative.resolve("audit_logs") + ": Not a directory",
                    e.getMessage());
        }

        @Test
        @DisplayName("a log folder that is a regular file: build() throws naming it")
        void logFolderIsAFile() throws IOException {
            Files.writeString(base.resolve(JsonlAuditSink.DECISION_DIR), "not a folder");
            AuditFailedException e = assertThrows(AuditFailedException.class,
                    () -> open(JsonlAuditSink.builder(base)));
            assertEquals("cannot create audit folder " + base.resolve("live_logs") + ": Not a directory",
                    e.getMessage());
            assertOneLine(e.getMessage());
        }

        @Test
        @DisplayName("a healthy folder gets both log folders and no probe file left behind")
        void probeLeavesNothing() throws IOException {
            open(JsonlAuditSink.builder(base)).close();
            try (var files = Files.list(base.resolve(JsonlAuditSink.EXECUTION_DIR))) {
                assertEquals(0, files.count());
            }
            assertTrue(Files.isDirectory(base.resolve(JsonlAuditSink.DECISION_DIR)));
        }
    }

    @Nested
    @DisplayName("a disk that refuses writes during the run")
    class DuringRun {

        private Path dayFileOnDevFull() throws IOException {
            assumeTrue(Files.isWritable(DEV_FULL), "needs /dev/full");
            Path file = JsonlAuditSink.executionFile(base, day(T0));
            Files.createDirectories(file.getParent());
            Files.createSymbolicLink(file, DEV_FULL);
            return file;
        }

        @Test
        @DisplayName("ENOSPC: recordAhead throws naming the file and the error, the sink fails for good, listeners told once")
        void diskFullFailsForGood() throws IOException {
            Path file = dayFileOnDevFull();
            JsonlAuditSink sink = open(JsonlAuditSink.builder(base));
            List<AuditFailedException> told = new CopyOnWriteArrayList<>();
            sink.onFailure(told::add);
            sink.record(AuditFixtures.control(T0, "queued before the order"));

            AuditFailedException e = assertThrows(AuditFailedException.class, () -> sink.recordAhead(order(T0)));
            assertEquals("cannot write audit file " + file + ": No space left on device; 2 records not written",
                    e.getMessage());
            assertOneLine(e.getMessage());
            assertEquals(1, told.size());
            assertTrue(told.get(0).getMessage().startsWith("cannot write audit file " + file + ": No space left"),
                    told.get(0).getMessage());

            // failed for good: later records neither block nor vanish silently, they are counted
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                for (int i = 0; i < 100_000; i++) { // more than the queue holds
                    sink.record(AuditFixtures.control(T0, "after " + i));
                }
            });
            assertThrows(AuditFailedException.class, () -> sink.recordAhead(order(T0 + 1)));
            sink.flush();
            assertEquals("cannot write audit file " + file + ": No space left on device; 100003 records not written",
                    sink.failure().orElseThrow().getMessage());
            assertEquals(100_003, sink.stats().recordsNotWritten());
            assertEquals(1, told.size(), "told once");

            // a listener that registers after the failure is told at once
            List<AuditFailedException> late = new ArrayList<>();
            sink.onFailure(late::add);
            assertEquals(1, late.size());
            assertTimeoutPreemptively(Duration.ofSeconds(20), sink::close);
        }

        @Test
        @DisplayName("ENOSPC on an asynchronous record fails the sink and tells the listener without any recordAhead")
        void asyncFailureIsSeen() throws IOException {
            dayFileOnDevFull();
            JsonlAuditSink sink = open(JsonlAuditSink.builder(base));
            List<AuditFailedException> told = new CopyOnWriteArrayList<>();
            sink.onFailure(told::add);
            sink.record(AuditFixtures.control(T0, "lost"));
            Await.until("the listener is told", () -> told.size() == 1);
            assertTrue(sink.failure().isPresent());
            assertTrue(sink.stats().writeErrors() >= 1);
        }

        @Test
        @DisplayName("a disk that recovers does not revive a failed sink: nothing after the failure is written")
        void noResurrection() throws IOException {
            Path file = dayFileOnDevFull();
            JsonlAuditSink sink = open(JsonlAuditSink.builder(base));
            assertThrows(AuditFailedException.class, () -> sink.recordAhead(order(T0)));
            Files.delete(file); // space again
            sink.record(AuditFixtures.control(T0, "after the failure"));
            assertThrows(AuditFailedException.class, () -> sink.recordAhead(order(T0 + 1)));
            sink.close();
            assertFalse(Files.exists(file), "a failed sink writes nothing more");
            assertEquals(3, sink.stats().recordsNotWritten());
        }

        @Test
        @DisplayName("fsync refused (EVERY_BATCH on /dev/full): recordAhead throws naming the file")
        void syncRefused() throws IOException {
            Path file = dayFileOnDevFull();
            JsonlAuditSink sink = open(JsonlAuditSink.builder(base).syncPolicy(JsonlAuditSink.SyncPolicy.WRITE_AHEAD)
                    .flushPolicy(JsonlAuditSink.FlushPolicy.EVERY_RECORD));
            AuditFailedException e = assertThrows(AuditFailedException.class, () -> sink.recordAhead(order(T0)));
            assertTrue(e.getMessage().startsWith("cannot write audit file " + file), e.getMessage());
        }

        @Test
        @DisplayName("the next day's file replaced by a folder: the sink fails at rotation, the first day stays whole")
        void dayFileIsAFolder() throws IOException {
            long nextDay = T0 + AuditLineEncoder.MILLIS_PER_DAY;
            Path second = JsonlAuditSink.executionFile(base, day(nextDay));
            JsonlAuditSink sink = open(JsonlAuditSink.builder(base));
            sink.recordAhead(order(T0));
            Files.createDirectories(second);
            AuditFailedException e = assertThrows(AuditFailedException.class, () -> sink.recordAhead(order(nextDay)));
            assertEquals("cannot open audit file " + second + ": Is a directory; 1 record not written", e.getMessage());
            sink.close();
            AuditReader.Result<AuditRecord> first = AuditReader.read(JsonlAuditSink.executionFile(base, day(T0)));
            assertTrue(first.isClean(), first::toString);
            assertEquals(List.of(order(T0)), first.records());
        }

        @Test
        @DisplayName("the log folder replaced by a file during the run: the sink fails naming the folder")
        void folderReplacedByFile() throws IOException {
            long nextDay = T0 + AuditLineEncoder.MILLIS_PER_DAY;
            JsonlAuditSink sink = open(JsonlAuditSink.builder(base));
            Path folder = base.resolve(JsonlAuditSink.DECISION_DIR);
            Files.delete(folder);
            Files.writeString(folder, "a file now");
            sink.record(AuditFixtures.decisionLogged(nextDay));
            AuditFailedException e = assertThrows(AuditFailedException.class, () -> sink.recordAhead(order(T0)));
            assertTrue(e.getMessage().startsWith("cannot create audit folder " + folder + ": Not a directory"),
                    e.getMessage());
        }

        @Test
        @DisplayName("the day file removed while open (rm -rf of the folder): the next recordAhead throws and counts what went with it")
        void fileRemovedWhileOpen() throws IOException {
            JsonlAuditSink sink = open(JsonlAuditSink.builder(base));
            sink.recordAhead(order(T0));
            Path folder = base.resolve(JsonlAuditSink.EXECUTION_DIR);
            Path file = JsonlAuditSink.executionFile(base, day(T0));
            Files.delete(file);
            Files.delete(folder); // the open descriptor still takes writes, into a file no path names
            sink.record(AuditFixtures.control(T0, "into the void"));
            AuditFailedException e = assertThrows(AuditFailedException.class, () -> sink.recordAhead(order(T0 + 1)));
            assertEquals("audit file " + file + " was removed while open; the records written since are in no file; "
                    + "2 records not written", e.getMessage());
        }

        @Test
        @DisplayName("the day file replaced by another file while open: the sink fails naming it")
        void fileReplacedWhileOpen() throws IOException {
            JsonlAuditSink sink = open(JsonlAuditSink.builder(base));
            sink.recordAhead(order(T0));
            Path file = JsonlAuditSink.executionFile(base, day(T0));
            Files.move(file, base.resolve("moved.jsonl"));
            Files.writeString(file, "");
            AuditFailedException e = assertThrows(AuditFailedException.class, () -> sink.recordAhead(order(T0 + 1)));
            assertTrue(e.getMessage().startsWith("audit file " + file + " was replaced while open"), e.getMessage());
        }

        @Test
        @DisplayName("a file removed while only asynchronous records arrive is seen within seconds")
        void removalSeenWithoutOrders() throws IOException {
            JsonlAuditSink sink = open(JsonlAuditSink.builder(base));
            sink.record(AuditFixtures.control(T0, "first"));
            sink.flush();
            Files.delete(JsonlAuditSink.executionFile(base, day(T0)));
            List<AuditFailedException> told = new CopyOnWriteArrayList<>();
            sink.onFailure(told::add);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (told.isEmpty() && System.nanoTime() < deadline) {
                sink.record(AuditFixtures.control(T0, "keeps coming"));
                sink.flush();
            }
            assertEquals(1, told.size());
            assertTrue(told.get(0).getMessage().contains("was removed while open"), told.get(0).getMessage());
        }

        @Test
        @DisplayName("a listener that throws does not stop the others from being told")
        void throwingListener() throws IOException {
            dayFileOnDevFull();
            JsonlAuditSink sink = open(JsonlAuditSink.builder(base));
            List<AuditFailedException> told = new CopyOnWriteArrayList<>();
            sink.onFailure(e -> {
                throw new IllegalStateException("a listener that lies");
            });
            sink.onFailure(told::add);
            assertThrows(AuditFailedException.class, () -> sink.recordAhead(order(T0)));
            assertEquals(1, told.size());
        }
    }
}
