package io.aria.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aria.examples.server.AriaServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code aria serve}: the seed's quick start with curl's requests against the command itself. */
class ServeCommandTest {

    @TempDir
    Path data;

    record Run(AriaServer server, Thread thread, AtomicInteger exit, CountDownLatch stop, ByteArrayOutputStream out,
            StringWriter err) {
    }

    Run start(String... args) throws Exception {
        CommandLine cl = AriaMain.commandLine();
        ServeCommand serve = (ServeCommand) cl.getSubcommands().get("serve").getCommand();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serve.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        serve.stopLatch = new CountDownLatch(1);
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        AtomicInteger exit = new AtomicInteger(-1);
        Thread t = new Thread(() -> exit.set(cl.execute(args)), "serve-under-test");
        t.start();
        org.awaitility.Awaitility.await("serve started").atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(20)).pollInSameThread()
                .until(() -> serve.server != null || !t.isAlive());
        if (serve.server == null) {
            throw new AssertionError("serve did not start: exit " + exit.get() + ", " + err + out);
        }
        return new Run(serve.server, t, exit, serve.stopLatch, out, err);
    }

    static JsonNode call(HttpClient c, AriaServer s, String method, String path) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(s.url() + path)).header("Authorization", "Bearer " + s.token())
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(60)).build();
        HttpResponse<String> resp = c.send(r, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, resp.statusCode(), path + ": " + resp.body());
        return new ObjectMapper().readTree(resp.body());
    }

    void quickStartAndWatch(Run run) throws Exception {
        HttpClient c = HttpClient.newHttpClient();
        call(c, run.server(), "POST", "/live-execution/connect");
        JsonNode q = call(c, run.server(), "POST", "/live-execution/quick-start");
        assertEquals("RUNNING", q.path("pipeline").asText(), q.toString());
        org.awaitility.Awaitility.await("a tick arrived").atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(50)).pollInSameThread().until(() ->
                        call(c, run.server(), "GET", "/live-execution/status").path("counters").path("ticksIn").asLong() > 0);
        call(c, run.server(), "GET", "/live-execution/live-metrics");
        call(c, run.server(), "GET", "/hedge-fund/performance");
        run.stop().countDown();
        run.thread().join(TimeUnit.SECONDS.toMillis(60));
        assertEquals(0, run.exit().get(), run.err().toString());
        String printed = run.out().toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("control API on http://127.0.0.1:"), printed);
        assertTrue(printed.contains("token (generated, shown once): " + run.server().token()), printed);
        assertTrue(printed.contains("stopped: "), printed);
    }

    @Test
    void paper_byDefault_servesTheSeedsQuickStart() throws Exception {
        quickStartAndWatch(start("serve", "--port", "0", "--speed", "50", "--data", data.toString()));
    }

    @Test
    void simulate_servesTheQuickStartOverTheBridge() throws Exception {
        quickStartAndWatch(start("serve", "--simulate", "--port", "0", "--speed", "60", "--data", data.toString()));
    }

    @Test
    void aBadPort_isOneLine_exit2() {
        StringWriter err = new StringWriter();
        CommandLine cl = AriaMain.commandLine();
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("serve", "--port", "70000");
        assertEquals(2, code);
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().contains("'70000' is not a port"), err.toString());
    }
}
