package io.aria.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Write-ahead against SIGKILL: a real child JVM writes records and acknowledges each
 * {@code recordAhead} on its standard output; the test kills it at random moments, restarts it on
 * the same folder, and checks that every acknowledged record, and every record queued before it,
 * is in the file.
 */
@DisplayName("write-ahead survives SIGKILL of the JVM")
class WriteAheadCrashTest {

    /** Kills per test run: 8 in CI; {@code -Daria.crash.runs=200} for the long run. */
    private static final int RUNS = Integer.getInteger("aria.crash.runs", 8);

    @TempDir
    Path base;

    @Test
    @Timeout(1800) // every step has its own deadline; this only bounds a long run
    @DisplayName("every acknowledged order_submitted, and the records before it, is in the file after a SIGKILL")
    void everyAcknowledgedRecordSurvivesSigkill() throws Exception {
        long seed = Long.getLong("aria.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        Path file = JsonlAuditSink.executionFile(base,
                Instant.ofEpochMilli(AuditFixtures.T0).atZone(ZoneOffset.UTC).toLocalDate());
        int[] acked = new int[RUNS];
        for (int run = 0; run < RUNS; run++) {
            acked[run] = runAndKill(run, random);
        }

        AuditReader.Result<AuditRecord> result = Files.exists(file) ? AuditReader.read(file)
                : new AuditReader.Result<>(List.of(), List.of(), List.of()); // nothing written at all
        String context = "seed " + seed + ", acked " + java.util.Arrays.toString(acked) + ", "
                + result.records().size() + " records, corrupt " + result.corruptLines() + ", torn " + result.tornLines();
        System.out.printf("write-ahead crash test: %d SIGKILLs, seed %d, %d records in the file, %d acknowledged orders, "
                + "%d corrupt and %d torn lines%n", RUNS, seed, result.records().size(),
                java.util.Arrays.stream(acked).map(a -> a + 1).sum(), result.corruptLines().size(),
                result.tornLines().size());
        assertTrue(result.tornLines().size() <= 1, context);
        // each restart ends the previous run's torn tail with a newline: at most one bad line per kill
        assertTrue(result.corruptLines().size() + result.tornLines().size() <= RUNS, context);
        for (int run = 0; run < RUNS; run++) {
            List<String> ids = new ArrayList<>();
            List<String> before = new ArrayList<>();
            for (AuditRecord r : result.records()) {
                if (r instanceof AuditRecord.OrderSubmitted o && o.request().clientOrderId().startsWith("r" + run + "-")) {
                    ids.add(o.request().clientOrderId());
                } else if (r instanceof AuditRecord.ControlAction c && c.detail().startsWith("before " + run + ":")) {
                    before.add(c.detail());
                }
            }
            assertTrue(ids.size() > acked[run] && before.size() > acked[run], "run " + run + " lost records: " + context);
            for (int i = 0; i <= acked[run]; i++) {
                // in the caller's order, nothing missing up to the last acknowledgement
                assertEquals(AheadWriterMain.clientOrderId(run, i), ids.get(i), "run " + run + ": " + context);
                assertEquals("before " + run + ":" + i, before.get(i), "run " + run + ": " + context);
            }
            assertTrue(ids.size() <= acked[run] + 2, "run " + run + ": " + ids.size() + " orders in the file, at most one "
                    + "unacknowledged order in flight: " + context);
        }
    }

    /** @return the last step the child acknowledged (-1 for none) */
    private int runAndKill(int run, Random random) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path err = base.resolve("child-" + run + ".err");
        Process p = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m", "-Xshare:auto",
                "-cp", io.aria.core.testing.ChildJvm.classPath(), AheadWriterMain.class.getName(), base.toString(),
                Integer.toString(run))
                .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        AtomicInteger last = new AtomicInteger(-1);
        AtomicInteger ready = new AtomicInteger();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.US_ASCII))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.equals("READY")) {
                        ready.set(1);
                    } else if (line.startsWith("ACK ")) {
                        last.set(Integer.parseInt(line.substring(4)));
                    }
                }
            } catch (IOException e) {
                // the pipe breaks when the child dies
            }
        }, "child-reader-" + run);
        reader.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int mode = random.nextInt(4);
            if (mode == 0) {
                // any moment: during start-up, the first records, or later
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(random.nextInt(400)));
            } else {
                int target = random.nextInt(mode == 1 ? 5 : 400);
                while (last.get() < target && p.isAlive() && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                    Thread.yield();
                }
                assertTrue(p.isAlive(), () -> "child died before the kill: " + read(err));
                LockSupport.parkNanos(random.nextInt(2_000_000)); // between two steps or inside one
            }
        } finally {
            // SIGKILL on Linux. Through the handle: Process.destroyForcibly() also closes our end of the
            // child's stdout, and the ACK lines still in the pipe would be lost to the test
            p.toHandle().destroyForcibly();
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child did not die");
        assertEquals(137, p.exitValue(), () -> "killed by SIGKILL, not ended otherwise: " + read(err));
        reader.join(TimeUnit.SECONDS.toMillis(30));
        return last.get();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
