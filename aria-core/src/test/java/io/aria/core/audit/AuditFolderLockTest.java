package io.aria.core.audit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two pipelines sharing one data folder: the second is refused at start with one line naming the
 * folder and the owner, in the same JVM and across processes; a SIGKILLed owner leaves no stale
 * lock behind.
 */
@DisplayName("one running audit sink per data folder")
class AuditFolderLockTest {

    @TempDir
    Path base;

    @Test
    void aSecondSinkInTheSameJvm_isRefused_untilTheFirstCloses() {
        JsonlAuditSink first = JsonlAuditSink.builder(base).build();
        try {
            AuditFailedException e = assertThrows(AuditFailedException.class, () -> JsonlAuditSink.builder(base).build());
            assertTrue(e.getMessage().startsWith("audit folder " + base + " is in use by another running pipeline"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        } finally {
            first.close();
        }
        JsonlAuditSink.builder(base).build().close(); // free again once closed
    }

    @Test
    void aSinkHeldByAnotherProcess_isRefusedWithItsPid_andFreeOnceThatProcessIsKilled() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m", "-cp",
                io.aria.core.testing.ChildJvm.classPath(), AheadWriterMain.class.getName(), base.toString(), "1")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII));
            String line = in.readLine(); // READY once its sink (and the lock) is open
            assertTrue("READY".equals(line), "child said " + line);
            AuditFailedException e = assertThrows(AuditFailedException.class, () -> JsonlAuditSink.builder(base).build());
            assertTrue(e.getMessage().contains("in use by another running pipeline (pid " + child.pid() + ")"),
                    e.getMessage());
        } finally {
            child.toHandle().destroyForcibly(); // SIGKILL: no close, no shutdown hook
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonlAuditSink next = null;
        while (next == null) {
            try {
                next = JsonlAuditSink.builder(base).build(); // the kernel released the dead process's lock
            } catch (AuditFailedException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.onSpinWait();
            }
        }
        next.close();
    }
}
