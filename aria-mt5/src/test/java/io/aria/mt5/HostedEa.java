package io.aria.mt5;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AriaBridge EA's own MQL5 sources, transformed mechanically (src/test/ea-host/mql2cpp.py),
 * compiled with g++ against the MQL5 shim (src/test/ea-host/*.hpp: the built-ins over a
 * simulated account) with AddressSanitizer, and run as a process the Java client talks to over
 * real sockets. The test drives the process's "terminal" through a control channel on stdin
 * (quotes, faults, the server's truth); see host.cpp for the commands.
 *
 * <p>The binary is built once per source state (a digest of every input is kept beside it in
 * target/ea-host), so one test run compiles it at most once.
 */
final class HostedEa implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HostedEa.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path MODULE = Paths.get("").toAbsolutePath();
    private static final Path HOST_SRC = MODULE.resolve("src/test/ea-host");
    private static final Path MQL5 = MODULE.resolve("src/main/mql5");
    private static final Path OUT = MODULE.resolve("target/ea-host");
    private static final List<String> CXX_FLAGS = List.of("-std=c++17", "-g", "-O0", "-fsanitize=address",
            "-fno-omit-frame-pointer", "-ftrivial-auto-var-init=pattern", "-Wall", "-Wno-unused");
    private static final java.util.Map<String, Path> BUILT = new java.util.HashMap<>();

    /** Options of one hosted EA process. */
    static final class Options {
        String mode = "netting";
        double balance = 100_000;
        int leverage = 100;
        String currency = "USD";
        List<String> symbols = new ArrayList<>(List.of("EURUSD=EURUSD"));
        List<String> inputs = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        int feedMs;
        Path sandbox;
        Path state;
        int commandPort;
        int publishPort;
        boolean initMayFail;

        Options mode(String m) { mode = m; return this; }
        Options balance(double b) { balance = b; return this; }
        Options leverage(int l) { leverage = l; return this; }
        Options currency(String c) { currency = c; return this; }
        Options symbols(String... s) { symbols = new ArrayList<>(List.of(s)); return this; }
        Options input(String name, Object value) { inputs.add(name + "=" + value); return this; }
        Options extra(String... args) { extra.addAll(List.of(args)); return this; }
        Options feedMs(int ms) { feedMs = ms; return this; }
        Options sandbox(Path p) { sandbox = p; return this; }
        /** The trade server's state lives in this file, so it survives a restart of the process. */
        Options state(Path p) { state = p; return this; }
        Options ports(int command, int publish) { commandPort = command; publishPort = publish; return this; }
        Options initMayFail() { initMayFail = true; return this; }
    }

    final int commandPort;
    final int publishPort;
    private final Process process;
    private List<Thread> pumps = List.of();
    private final Writer stdin;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    final List<String> eaEvents = new CopyOnWriteArrayList<>();
    final List<String> log = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private HostedEa(Options o) throws IOException {
        if (o.commandPort != 0) {
            commandPort = o.commandPort;
            publishPort = o.publishPort;
        } else {
            // both held at once, so the two are different
            try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
                commandPort = a.getLocalPort();
                publishPort = b.getLocalPort();
            }
        }
        List<String> cmd = new ArrayList<>(List.of(build().toString(), "--mode", o.mode, "--balance", String.valueOf(o.balance),
                "--leverage", String.valueOf(o.leverage), "--currency", o.currency,
                "--input", "InpCommandPort=" + commandPort, "--input", "InpPublishPort=" + publishPort,
                "--input", "InpHeartbeatMs=200"));
        for (String s : o.symbols) {
            cmd.add("--symbol");
            cmd.add(s);
        }
        for (String i : o.inputs) {
            cmd.add("--input");
            cmd.add(i);
        }
        if (o.feedMs > 0) {
            cmd.add("--feed-ms");
            cmd.add(String.valueOf(o.feedMs));
        }
        // the EA's files (MQL5\\Files) go to a sandbox directory, never the working directory
        Path sandbox = o.sandbox != null ? o.sandbox : Files.createTempDirectory("ea-sandbox");
        cmd.add("--sandbox");
        cmd.add(sandbox.toString());
        if (o.state != null) {
            cmd.add("--state");
            cmd.add(o.state.toString());
        }
        cmd.addAll(o.extra);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("ASAN_OPTIONS", "detect_leaks=1:abort_on_error=0:exitcode=86");
        process = pb.start();
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread out = new Thread(() -> pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), true),
                "ea-host-stdout");
        Thread err = new Thread(() -> pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), false),
                "ea-host-stderr");
        out.setDaemon(true);
        err.setDaemon(true);
        out.start();
        err.start();
        pumps = List.of(out, err);
        Await.until(() -> eaEvents.stream().anyMatch(l -> l.startsWith("ea init")) || !process.isAlive(), Duration.ofSeconds(30),
                "the hosted EA's OnInit");
        if (initResult() != 0 && !o.initMayFail) {
            close();
            throw new AssertionError("the hosted EA's OnInit returned " + initResult() + tail());
        }
    }

    static HostedEa start(Options o) {
        try {
            return new HostedEa(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the OnInit return code, as the host reported it */
    int initResult() {
        return eaEvents.stream().filter(l -> l.startsWith("ea init ")).reduce((a, b) -> b)
                .map(l -> Integer.parseInt(l.substring(8).trim())).orElse(-1);
    }

    boolean removed() {
        return eaEvents.stream().anyMatch(l -> l.startsWith("ea removed"));
    }

    String commandEndpoint() {
        return "tcp://127.0.0.1:" + commandPort;
    }

    String eventEndpoint() {
        return "tcp://127.0.0.1:" + publishPort;
    }

    private void pump(BufferedReader r, boolean stdout) {
        try {
            for (String line; (line = r.readLine()) != null; ) {
                if (!stdout) {
                    log.add(line);
                    LOG.debug("{}", line);
                } else if (line.startsWith("ea ")) {
                    eaEvents.add(line);
                    LOG.debug("host: {}", line);
                } else {
                    replies.add(line);
                }
            }
        } catch (IOException e) {
            if (!closed) {
                LOG.warn("hosted EA {} stream: {}", stdout ? "stdout" : "stderr", e.toString());
            }
        }
    }

    /** Sends one control command and returns the host's answer after "ok" (fails on "err"). */
    synchronized String command(String line) {
        try {
            stdin.write(line + "\n");
            stdin.flush();
            String reply = replies.poll(20, TimeUnit.SECONDS);
            if (reply == null) {
                throw new AssertionError("the EA host did not answer '" + line + "' within 20 s" + tail());
            }
            if (!reply.startsWith("ok")) {
                throw new AssertionError("the EA host refused '" + line + "': " + reply);
            }
            return reply.length() > 3 ? reply.substring(3) : "";
        } catch (IOException e) {
            throw new AssertionError("the EA host is gone" + tail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** @return true when the quote was an INFO tick (bid or ask changed), which the EA publishes */
    boolean quote(String symbol, double bid, double ask, long timeMsc) {
        return command("quote " + symbol + " " + bid + " " + ask + " " + timeMsc).equals("info");
    }

    /** Waits until the EA has handled everything queued and one more timer event. */
    void sync() {
        command("sync");
    }

    JsonNode positions() {
        return json(command("positions"));
    }

    JsonNode deals() {
        return json(command("deals"));
    }

    JsonNode account() {
        return json(command("account"));
    }

    private static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new AssertionError("not JSON from the host: " + s, e);
        }
    }

    /** The last lines of the EA's log, for failure messages. */
    String tail() {
        int n = log.size();
        return "\n--- hosted EA log (last lines) ---\n" + String.join("\n", log.subList(Math.max(0, n - 40), n));
    }

    boolean logContains(String text) {
        return log.stream().anyMatch(l -> l.contains(text));
    }

    /**
     * Removes the EA (OnDeinit) and ends the process; fails when the process reported a runtime
     * error (AddressSanitizer, an MQL5 out-of-range access, a leak) or did not end.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (process.isAlive()) {
                try {
                    stdin.write("quit\n");
                    stdin.flush();
                } catch (IOException ignored) {
                    // it ended on its own; the exit code says how
                }
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the EA host did not end within 30 s of 'quit'" + tail());
            }
            for (Thread pump : pumps) {
                pump.join(TimeUnit.SECONDS.toMillis(10)); // the pumps end at the streams' end: every last line is in
            }
            checkClean();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Kills the process without OnDeinit (a terminal crash); the runtime checks still apply. */
    void kill() {
        closed = true;
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkClean() {
        int code = process.exitValue();
        boolean runtimeError = log.stream().anyMatch(l -> l.contains("ERROR: AddressSanitizer") || l.contains("ERROR: LeakSanitizer")
                || l.contains("MQL5 RUNTIME ERROR") || l.contains("runtime error:"));
        if (code != 0 || runtimeError) {
            throw new AssertionError("the hosted EA ended with exit code " + code + (runtimeError ? " and a runtime error" : "")
                    + "\n--- hosted EA log ---\n" + String.join("\n", log));
        }
    }

    /** Builds the host around AriaBridge.mq5 once per source state. */
    static Path build() {
        return build(MQL5, "Experts/AriaBridge.mq5", "aria-ea-host");
    }

    /** Builds the host around the harness's self-test expert. */
    static Path buildSelfTest() {
        return build(HOST_SRC.resolve("selftest"), "Experts/HostSelfTest.mq5", "host-selftest");
    }

    /**
     * Builds the host around one expert (transformed from {@code root}) once per source state;
     * says what to install when the toolchain is missing.
     */
    static synchronized Path build(Path root, String expert, String name) {
        Path done = BUILT.get(name);
        if (done != null) {
            return done;
        }
        try {
            requireTool("python3", "--version");
            requireTool("g++", "--version");
            if (!Files.exists(Paths.get("/usr/include/zmq.h"))) {
                throw new AssertionError("The EA host harness needs libzmq's C headers: /usr/include/zmq.h is missing. "
                        + "Install them with: apt-get install -y libzmq3-dev (Debian/Ubuntu; .ci/run does this)");
            }
            Files.createDirectories(OUT);
            Path exe = OUT.resolve(name);
            Path stamp = OUT.resolve(name + ".sha256");
            String digest = digest(root);
            if (Files.exists(exe) && Files.exists(stamp) && Files.readString(stamp).equals(digest)) {
                BUILT.put(name, exe);
                return exe;
            }
            Path gen = OUT.resolve(name + "-gen");
            run(List.of("python3", HOST_SRC.resolve("mql2cpp.py").toString(), root.toString(), gen.toString(), expert));
            List<String> cxx = new ArrayList<>(List.of("g++"));
            cxx.addAll(CXX_FLAGS);
            cxx.addAll(List.of("-DEA_SOURCE=\"" + gen.resolve(expert + ".hpp") + "\"", "-I" + HOST_SRC,
                    HOST_SRC.resolve("host.cpp").toString(), HOST_SRC.resolve("zmq_glue.cpp").toString(), "-lzmq", "-o", exe.toString()));
            long t0 = System.nanoTime();
            run(cxx);
            LOG.info("built the EA host in {} ms: {}", (System.nanoTime() - t0) / 1_000_000, exe);
            Files.writeString(stamp, digest);
            BUILT.put(name, exe);
            return exe;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireTool(String tool, String arg) {
        try {
            Process p = new ProcessBuilder(tool, arg).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() == 0) {
                return;
            }
        } catch (IOException e) {
            // falls through to the message
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("The EA host harness needs '" + tool + "' on the PATH. Install it with: "
                + "apt-get install -y " + (tool.equals("g++") ? "g++ libzmq3-dev" : "python3") + " (Debian/Ubuntu; .ci/run does this)");
    }

    private static void run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new AssertionError("EA host build step failed: " + String.join(" ", cmd) + "\n" + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while building the EA host", e);
        }
    }

    private static String digest(Path root) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(String.join(" ", CXX_FLAGS).getBytes(StandardCharsets.UTF_8));
            List<Path> files = new ArrayList<>();
            for (Path dir : List.of(HOST_SRC, root)) {
                try (Stream<Path> s = Files.walk(dir)) {
                    s.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
            }
            for (Path f : files) {
                md.update(f.toString().getBytes(StandardCharsets.UTF_8));
                md.update(Files.readAllBytes(f));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
