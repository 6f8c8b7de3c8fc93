package io.aria.mt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The EA host keeps its own promises, checked on a small expert (src/test/ea-host/selftest):
 * an out-of-range array index stops the program and names the .mq5 file and line, as MQL5's
 * "array out of range" does; '.' on an object pointer reaches the object.
 */
@DisplayName("EA host harness: its own promises")
class HostedEaSelfTest {

    private static final Path SOURCE = Paths.get("src/test/ea-host/selftest/Experts/HostSelfTest.mq5").toAbsolutePath();

    private record Run(int exit, String stdout, String stderr) {
    }

    private static Run run(String index) throws IOException, InterruptedException {
        Path exe = HostedEa.buildSelfTest();
        Process p = new ProcessBuilder(exe.toString(), "--input", "InpIndex=" + index).start();
        p.getOutputStream().write("quit\n".getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the self-test host ended");
        return new Run(p.exitValue(), out, err);
    }

    @Test
    @DisplayName("an index inside the array runs, and a pointer's members are reached through '.'")
    void inRange_runs() throws Exception {
        Run r = run("2");
        assertEquals(0, r.exit(), () -> "exit code; stderr:\n" + r.stderr());
        assertTrue(r.stdout().contains("ea init 0"), () -> "OnInit succeeded: " + r.stdout());
        assertTrue(r.stderr().contains("self-test: box 42"), () -> "the pointer's member was changed: " + r.stderr());
        assertTrue(r.stderr().contains("self-test: wrote index 2"), r.stderr());
    }

    @Test
    @DisplayName("an index out of range stops the program with the .mq5 line of the access")
    void outOfRange_stopsWithTheLine() throws Exception {
        int line = lineOf("a[InpIndex]=1;");
        Run r = run("3");
        assertNotEquals(0, r.exit(), "the program stopped");
        assertTrue(r.stderr().contains("array out of range: index 3, size 3"), () -> "the error: " + r.stderr());
        assertTrue(r.stderr().contains("HostSelfTest.mq5:" + line), () -> "the line " + line + " in the stack: " + r.stderr());
        assertTrue(!r.stderr().contains("self-test: wrote index 3"), "nothing after the access ran");
    }

    private static int lineOf(String text) throws IOException {
        List<String> lines = Files.readAllLines(SOURCE);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + SOURCE);
    }
}
