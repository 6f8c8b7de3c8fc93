package io.aria.mt5.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aria.core.AccountMode;
import io.aria.mt5.sim.SimulatedMt5Terminal;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The crash test's terminal, in a process of its own that outlives every client: a simulated MT5
 * terminal that journals every order it receives and executes ({@code terminal-journal.jsonl}),
 * and, at the moment an order arrives, (1) checks whether the client's audit file already holds
 * that order's {@code order_submitted} line ({@code ahead.txt}: {@code <id> true|false}) and
 * (2) when the driver asked for it ({@code kill-on-receive} holds a pid), kills the client with
 * SIGKILL before the order is executed, so it dies between its send and the reply.
 *
 * <p>Arguments: work folder, clock offset in milliseconds (the same in every process). Writes the
 * endpoints to {@code endpoints} and runs until its standard input ends.
 */
public final class CrashTerminalMain {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path work;
    private final Path auditFolder;
    private final Map<Path, Long> offsets = new HashMap<>();
    private final Set<String> submitted = new HashSet<>();
    private final FileChannel ahead;

    private CrashTerminalMain(Path work) throws IOException {
        this.work = work;
        this.auditFolder = work.resolve("data").resolve("audit_logs");
        this.ahead = FileChannel.open(work.resolve("ahead.txt"), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.ofMillis(Long.parseLong(args[1])));
        CrashTerminalMain main = new CrashTerminalMain(work);
        SimulatedMt5Terminal terminal = SimulatedMt5Terminal.builder().symbols(CrashClientMain.SYMBOLS)
                .brokerSuffix(".m").accountMode(AccountMode.HEDGING).balance(1_000_000).clock(clock)
                .heartbeat(Duration.ofMillis(250)).tickInterval(Duration.ofMillis(25)).seed(8)
                .journal(work.resolve("terminal-journal.jsonl")).onOrderReceived(main::onOrderReceived).start();
        Path tmp = work.resolve("endpoints.tmp");
        Files.writeString(tmp, terminal.commandEndpoint() + "\n" + terminal.eventEndpoint() + "\n");
        Files.move(tmp, work.resolve("endpoints"), StandardCopyOption.ATOMIC_MOVE);
        InputStream in = System.in;
        while (in.read() >= 0) {
            // runs until the driver closes our standard input (or dies)
        }
        terminal.close();
    }

    /** On the terminal's I/O thread, before the order is handled. */
    private void onOrderReceived(String cid) {
        try {
            scanAudit();
            String line = cid + " " + submitted.contains(cid) + "\n";
            ByteBuffer b = ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
            while (b.hasRemaining()) {
                ahead.write(b);
            }
        } catch (IOException e) {
            throw new IllegalStateException("crash terminal: " + e, e);
        }
        killIfAsked();
    }

    /** Reads what the client's audit files gained since the last look; only whole lines count. */
    private void scanAudit() throws IOException {
        if (!Files.isDirectory(auditFolder)) {
            return;
        }
        try (Stream<Path> files = Files.list(auditFolder)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".jsonl"))::iterator) {
                long from = offsets.getOrDefault(f, 0L);
                long size = Files.size(f);
                if (size <= from) {
                    continue;
                }
                byte[] bytes = new byte[(int) (size - from)];
                try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                    ByteBuffer b = ByteBuffer.wrap(bytes);
                    while (b.hasRemaining() && ch.read(b, from + b.position()) >= 0) {
                        // read it all
                    }
                }
                int start = 0;
                for (int i = 0; i < bytes.length; i++) {
                    if (bytes[i] == '\n') {
                        line(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                        start = i + 1;
                    }
                }
                offsets.put(f, from + start);
            }
        }
    }

    private void line(String line) {
        if (!line.contains("\"order_submitted\"")) {
            return;
        }
        try {
            JsonNode n = JSON.readTree(line);
            submitted.add(n.path("request").path("clientOrderId").asText());
        } catch (IOException e) {
            // a torn fragment that a restart terminated: not a record
        }
    }

    private void killIfAsked() {
        Path ask = work.resolve("kill-on-receive");
        if (!Files.exists(ask)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readString(ask).trim());
            Files.delete(ask);
            ProcessHandle.of(pid).ifPresent(p -> {
                p.destroyForcibly(); // SIGKILL
                try {
                    p.onExit().get(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // the driver sees what happened
                }
            });
            Files.writeString(work.resolve("killed-on-receive"), pid + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException | NumberFormatException e) {
            // the driver wrote half a file: next order
        }
    }
}
