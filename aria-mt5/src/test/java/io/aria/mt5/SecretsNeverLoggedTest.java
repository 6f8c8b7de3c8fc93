package io.aria.mt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.Direction;
import io.aria.core.OrderIntent;
import io.aria.core.Side;
import io.aria.core.Tick;
import io.aria.core.TradingPipeline;
import io.aria.core.audit.JsonlAuditSink;
import io.aria.core.spi.AuditSink;
import io.aria.core.testing.ScriptedEnsemble;
import io.aria.mt5.sim.SimulatedMt5Terminal;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.ZMQ;

/**
 * RELIABILITY.md, "secrets never logged": a client process with CURVE keys in its environment
 * (read by {@code Mt5Config.Builder.fromEnvironment()}, the terminal's secret by
 * {@code SimulatedMt5Terminal.Builder.fromEnvironment}) trades through a pipeline with a JSONL
 * audit, loses the link and reconnects, trades again, then tries a handshake with a wrong server
 * key and configurations with broken keys. Everything the process writes (slf4j-simple at TRACE
 * on stderr, stdout, printed stack traces of every exception) and every audit file is searched
 * for the keys: the Z85 text, any 16-character piece of it, and the raw bytes in hex and Base64.
 * The child is a separate JVM so that the logging backend starts at TRACE and nothing written by
 * any thread escapes the capture.
 */
@DisplayName("CURVE keys never appear in logs, exceptions or audit files")
class SecretsNeverLoggedTest {

    private static final String WRONG_SERVER_KEY = "ARIA_TEST_WRONG_SERVER_KEY";

    @Test
    void tradingReconnectingAndAFailedHandshake_neverShowAKey(@TempDir Path dir) throws Exception {
        ZMQ.Curve.KeyPair server = ZMQ.Curve.generateKeyPair();
        ZMQ.Curve.KeyPair client = ZMQ.Curve.generateKeyPair();
        ZMQ.Curve.KeyPair wrong = ZMQ.Curve.generateKeyPair();
        Path data = dir.resolve("data");
        Path log = dir.resolve("child.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Dorg.slf4j.simpleLogger.defaultLogLevel=trace",
                "-Dorg.slf4j.simpleLogger.showThreadName=true", "-cp", io.aria.core.testing.ChildJvm.classPath(),
                Child.class.getName(), data.toString());
        Map<String, String> env = pb.environment();
        env.put(CurveKeys.ENV_SERVER_KEY, server.publicKey);
        env.put(CurveKeys.ENV_PUBLIC_KEY, client.publicKey);
        env.put(CurveKeys.ENV_SECRET_KEY, client.secretKey);
        env.put(SimulatedMt5Terminal.Builder.ENV_SERVER_SECRET_KEY, server.secretKey);
        env.put(WRONG_SERVER_KEY, wrong.publicKey);
        Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(150, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the client process did not finish in 150 s:\n" + Files.readString(log));
        }
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), out);
        // the capture really holds the run: debug and info lines of the gateway, the reconnect, the failed handshake
        for (String evidence : List.of("DONE", "CURVE", "DEBUG io.aria.mt5.Mt5Gateway", "link to the terminal lost",
                "reconnects=", "wrong-key connect failed", "refused: ")) {
            assertTrue(out.contains(evidence), "the captured output lacks '" + evidence + "':\n" + out);
        }

        List<Path> files = new ArrayList<>();
        files.add(log);
        try (Stream<Path> s = Files.walk(data)) {
            s.filter(Files::isRegularFile).forEach(files::add);
        }
        assertTrue(files.size() >= 2, "the audit files are there: " + files);
        String audits = "";
        for (Path f : files.subList(1, files.size())) {
            audits += Files.readString(f);
        }
        assertTrue(audits.contains("order_submitted") && audits.contains("order_completed"), "orders were audited: " + files);
        for (Path f : files) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            for (String[] key : List.of(new String[] {"terminal public", server.publicKey},
                    new String[] {"terminal secret", server.secretKey}, new String[] {"client public", client.publicKey},
                    new String[] {"client secret", client.secretKey}, new String[] {"wrong server", wrong.publicKey})) {
                assertNoTrace(text, key[0], key[1], f);
            }
        }
    }

    private static void assertNoTrace(String text, String what, String z85, Path file) {
        for (int i = 0; i + 16 <= z85.length(); i++) {
            String piece = z85.substring(i, i + 16);
            int at = text.indexOf(piece);
            if (at >= 0) {
                throw new AssertionError("the " + what + " key (Z85, characters " + i + ".." + (i + 16) + ") is in " + file
                        + " near: " + text.substring(Math.max(0, at - 200), Math.min(text.length(), at + 60)));
            }
        }
        byte[] raw = ZMQ.Curve.z85Decode(z85);
        for (String form : List.of(HexFormat.of().formatHex(raw), HexFormat.of().withUpperCase().formatHex(raw),
                Base64.getEncoder().encodeToString(raw), java.util.Arrays.toString(raw))) {
            assertTrue(!text.contains(form.substring(0, Math.min(form.length(), 24))),
                    "the " + what + " key's bytes are in " + file);
        }
    }

    /** The client process: every exception is printed whole, as a careless program would. */
    static final class Child {
        public static void main(String[] args) throws Exception {
            PrintStream out = System.out;
            Map<String, String> env = System.getenv();
            Path data = Path.of(args[0]);
            try (SimulatedMt5Terminal terminal = SimulatedMt5Terminal.builder().fromEnvironment(env)
                    .symbols(Harness.SYMBOLS).brokerSuffix(".m").accountMode(io.aria.core.AccountMode.HEDGING)
                    .heartbeat(Duration.ofMillis(200)).tickInterval(Duration.ZERO).clock(Harness.WEDNESDAY).start()) {
                Mt5Config config = Mt5Config.builder().fromEnvironment().commandEndpoint(terminal.commandEndpoint())
                        .eventEndpoint(terminal.eventEndpoint()).symbols(Harness.SYMBOLS)
                        .heartbeatInterval(Duration.ofMillis(200)).requestTimeout(Duration.ofSeconds(3))
                        .orderTimeout(Duration.ofSeconds(3)).reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(300))
                        .clock(Harness.WEDNESDAY).build();
                if (config.curve().isEmpty()) {
                    throw new IllegalStateException("CURVE keys were not read from the environment");
                }
                out.println("config: " + config + " keys " + config.curve().get());
                trade(terminal, config, data, out);
                wrongServerKey(terminal, config, out);
            }
            brokenKeys(env, out);
            out.println("DONE");
        }

        private static void trade(SimulatedMt5Terminal terminal, Mt5Config config, Path data, PrintStream out)
                throws Exception {
            try (Mt5Connection connection = Mt5Connection.open(config)) {
                connection.connect().get(30, TimeUnit.SECONDS);
                connection.gateway().ready().toCompletableFuture().get(30, TimeUnit.SECONDS);
                ScriptedEnsemble ensemble = new ScriptedEnsemble();
                AuditSink audit = JsonlAuditSink.builder(data).build();
                AtomicInteger completed = new AtomicInteger();
                TradingPipeline pipeline = TradingPipeline.builder().catalog(connection.catalog()).ensemble(ensemble)
                        .sizer((d, p) -> {
                            Tick t = p.lastTick(d.symbol()).orElseThrow();
                            Side side = d.direction().entrySide();
                            return Optional.of(new OrderIntent(d.symbol(), side, 0.1, t.priceFor(side), 0, 0, false, d,
                                    "fixed 0.1 lot"));
                        })
                        .gateway(connection.gateway()).auditSink(audit).enabledSymbols(Set.copyOf(Harness.SYMBOLS))
                        .listener(new io.aria.core.spi.PipelineListener() {
                            @Override
                            public void onExecution(io.aria.core.ExecutionReport report, OrderIntent intent) {
                                completed.incrementAndGet();
                            }
                        })
                        .clock(Harness.WEDNESDAY).closeComponents(false).build();
                enter(pipeline, terminal, ensemble, completed, "EURUSD", Direction.LONG);
                command(pipeline, completed, pipeline.flattenAll("secrets-test", "flatten"));
                enter(pipeline, terminal, ensemble, completed, "XAUUSD", Direction.SHORT);

                long before = connection.reconnectCount();
                terminal.disconnect(Duration.ofMillis(800));
                Await.until(() -> connection.reconnectCount() > before && connection.state() == ConnectionState.CONNECTED,
                        Duration.ofSeconds(30), "the reconnect");
                out.println("reconnects=" + connection.reconnectCount());

                enter(pipeline, terminal, ensemble, completed, "USDJPY", Direction.LONG);
                command(pipeline, completed, pipeline.emergencyStop("secrets-test", "stop"));
                out.println("statistics " + connection.gateway().statistics() + " positions "
                        + connection.gateway().positions() + " account " + connection.gateway().account());
                pipeline.close();
                audit.close();
            }
        }

        private static void enter(TradingPipeline pipeline, SimulatedMt5Terminal terminal, ScriptedEnsemble ensemble,
                AtomicInteger completed, String symbol, Direction direction) {
            int before = completed.get();
            ensemble.set(symbol, direction);
            double[] q = terminal.quote(symbol);
            pipeline.step(new Tick(symbol, Harness.WEDNESDAY.millis(), q[0], q[1], 1));
            ensemble.set(symbol, null);
            Await.until(() -> {
                pipeline.drain();
                return completed.get() > before;
            }, Duration.ofSeconds(30), symbol + " entry");
        }

        private static void command(TradingPipeline pipeline, AtomicInteger completed,
                CompletableFuture<io.aria.core.ControlResult> f)
                throws Exception {
            int before = completed.get();
            Await.until(() -> {
                pipeline.drain();
                return f.isDone();
            }, Duration.ofSeconds(30), "the command");
            int sent = f.get().ordersSent();
            Await.until(() -> {
                pipeline.drain();
                return completed.get() >= before + sent;
            }, Duration.ofSeconds(30), "the command's orders");
        }

        /** A client that has the wrong terminal key: the CURVE handshake fails, and so does connect(). */
        private static void wrongServerKey(SimulatedMt5Terminal terminal, Mt5Config good, PrintStream out) {
            CurveKeys keys = good.curve().orElseThrow();
            Mt5Config bad = Mt5Config.builder().commandEndpoint(terminal.commandEndpoint())
                    .eventEndpoint(terminal.eventEndpoint()).symbols(Harness.SYMBOLS)
                    .heartbeatInterval(Duration.ofMillis(200)).requestTimeout(Duration.ofMillis(500))
                    .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(200))
                    .curve(new CurveKeys(System.getenv(WRONG_SERVER_KEY), keys.publicKey(), keys.secretKey()))
                    .clock(Harness.WEDNESDAY).build();
            Mt5Connection c = Mt5Connection.open(bad);
            CompletableFuture<Mt5Session> connected = c.connect();
            try {
                connected.get(3, TimeUnit.SECONDS);
                throw new IllegalStateException("a client with the wrong server key connected");
            } catch (Exception e) {
                out.println("wrong-key connect failed: " + e);
                e.printStackTrace(out);
            }
            c.close();
            for (CompletableFuture<?> f : List.of(connected, c.gateway().ready().toCompletableFuture())) {
                try {
                    f.get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    out.println("after close: " + e);
                    e.printStackTrace(out);
                }
            }
        }

        /** Keys that are incomplete or broken: refused with words, never with the value. */
        private static void brokenKeys(Map<String, String> env, PrintStream out) {
            String secret = env.get(CurveKeys.ENV_SECRET_KEY);
            String serverSecret = env.get(SimulatedMt5Terminal.Builder.ENV_SERVER_SECRET_KEY);
            List<Runnable> attempts = List.of(
                    () -> CurveKeys.fromEnvironment(Map.of(CurveKeys.ENV_SECRET_KEY, secret)),
                    () -> new CurveKeys(env.get(CurveKeys.ENV_SERVER_KEY), env.get(CurveKeys.ENV_PUBLIC_KEY),
                            " " + secret.substring(1)),
                    () -> new CurveKeys(env.get(CurveKeys.ENV_SERVER_KEY), env.get(CurveKeys.ENV_PUBLIC_KEY),
                            secret + "x"),
                    () -> Mt5Config.builder().fromEnvironment(Map.of(CurveKeys.ENV_SERVER_KEY, secret,
                            CurveKeys.ENV_PUBLIC_KEY, secret, CurveKeys.ENV_SECRET_KEY, secret.substring(0, 39) + "\"")),
                    () -> SimulatedMt5Terminal.builder().curveSecretKey(serverSecret.substring(0, 39) + " ")
                            .symbols(Harness.SYMBOLS).start().close(),
                    () -> SimulatedMt5Terminal.builder().curveSecretKey(serverSecret + serverSecret)
                            .symbols(Harness.SYMBOLS).start().close());
            for (Runnable r : attempts) {
                try {
                    r.run();
                    throw new IllegalStateException("a broken key was accepted");
                } catch (IllegalArgumentException e) {
                    out.println("refused: " + e.getMessage());
                    e.printStackTrace(out);
                }
            }
        }
    }
}
