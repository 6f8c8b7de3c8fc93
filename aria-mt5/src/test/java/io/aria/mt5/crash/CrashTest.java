package io.aria.mt5.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aria.core.ExecutionStatus;
import io.aria.core.Position;
import io.aria.core.audit.AuditReader;
import io.aria.core.audit.AuditRecord;
import io.aria.mt5.Mt5Config;
import io.aria.mt5.Mt5Connection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, "what it must show": the crash test. The simulated MT5 terminal runs in a process of its
 * own ({@link CrashTerminalMain}); a client process ({@link CrashClientMain}: a pipeline with the
 * MT5 gateway and the JSONL audit on one data folder, flipping three symbols every few ticks) is
 * killed again and again and restarted on the same folder. Four kinds of death, in turn:
 * <ol>
 *   <li>SIGKILL at a random moment after the pipeline started trading;</li>
 *   <li>SIGKILL at a random moment after launch (often during connect or recovery);</li>
 *   <li>{@code Runtime.halt} at the n-th order, between its {@code order_submitted} and the send;</li>
 *   <li>SIGKILL by the terminal the moment an order arrives, before it executes it: between the
 *       send and the reply.</li>
 * </ol>
 * Then one last client starts, recovers and stops cleanly, and the test checks: every order the
 * terminal received was in the audit file as submitted when it arrived (the terminal looked), every
 * order it executed is in the audit, no client order id was executed twice or sent with two
 * contents, every submitted order has a final completion that agrees with the terminal (filled
 * exactly when executed, same position), audit files parse but for torn fragments of crashes, and the
 * last client's book holds exactly the terminal's positions.
 *
 * <p>CI runs 20 kills ({@code -Daria.crash.kills=20}, about a minute). The long run:
 * {@code mvn -B -o -pl aria-mt5 -am verify -Dtest=CrashTest -Dsurefire.failIfNoSpecifiedTests=false -Daria.crash.kills=200}.
 * Set {@code -Daria.crash.keep=<folder>} to keep the work folder (journals, audit, client logs).
 */
class CrashTest {

    /** The documented prefix of a completion written by recovery after a restart (core's Recovery). */
    static final String RECOVERED = "recovered after restart: ";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The clock of every process reads Wednesday 3 January 2024 12:00 UTC at start: markets open whatever the day. */
    private static final long CLOCK_OFFSET = Instant.parse("2024-01-03T12:00:00Z").toEpochMilli() - System.currentTimeMillis();

    @TempDir
    Path temp;

    private Path work;
    private final Random random = new Random(Long.getLong("aria.crash.seed", System.nanoTime()));

    @Test
    @DisplayName("a client killed at random moments and restarted on one data folder loses no order and places none twice")
    void killedClientsLoseNothing() throws Exception {
        int kills = Integer.getInteger("aria.crash.kills", 20);
        String keep = System.getProperty("aria.crash.keep");
        work = keep != null ? Files.createDirectories(Path.of(keep)) : temp;
        long t0 = System.nanoTime();
        Process terminal = launch(CrashTerminalMain.class, work.resolve("terminal.log"), work.toString(),
                Long.toString(CLOCK_OFFSET));
        int[] byKind = new int[4];
        int faultsMissed = 0;
        List<String> badExits = new ArrayList<>();
        try {
            awaitFile(work.resolve("endpoints"), Duration.ofSeconds(60), terminal);
            for (int i = 0; i < kills; i++) {
                int kind = i % 4;
                Files.deleteIfExists(work.resolve("started"));
                Files.deleteIfExists(work.resolve("kill-on-receive"));
                String fault = kind == 2 ? "halt-before-send:" + (1 + random.nextInt(3)) : "none";
                Process client = launch(CrashClientMain.class, work.resolve("clients.log"), work.toString(),
                        Long.toString(CLOCK_OFFSET), "trade", fault);
                switch (kind) {
                    case 0 -> {
                        awaitFile(work.resolve("started"), Duration.ofSeconds(60), client);
                        TimeUnit.MILLISECONDS.sleep(random.nextInt(1500));
                        client.destroyForcibly();
                    }
                    case 1 -> {
                        TimeUnit.MILLISECONDS.sleep(200 + random.nextInt(3300));
                        client.destroyForcibly();
                    }
                    default -> {
                        if (kind == 3) {
                            Path tmp = work.resolve("kill-on-receive.tmp");
                            Files.writeString(tmp, client.pid() + "\n");
                            Files.move(tmp, work.resolve("kill-on-receive"), StandardCopyOption.ATOMIC_MOVE);
                        }
                        if (!client.waitFor(60, TimeUnit.SECONDS)) {
                            faultsMissed++; // no order within a minute: a plain kill instead
                            client.destroyForcibly();
                        }
                    }
                }
                if (!client.waitFor(30, TimeUnit.SECONDS)) {
                    throw new AssertionError("client " + client.pid() + " did not die");
                }
                byKind[kind]++;
                if (client.exitValue() != 137) {
                    badExits.add("kill " + i + " (kind " + kind + "): exit " + client.exitValue());
                }
            }
            Files.deleteIfExists(work.resolve("kill-on-receive"));
            Process last = launch(CrashClientMain.class, work.resolve("clients.log"), work.toString(),
                    Long.toString(CLOCK_OFFSET), "final", "none");
            assertTrue(last.waitFor(120, TimeUnit.SECONDS), "the last client did not finish");
            assertEquals(0, last.exitValue(), "the last client's exit code (see " + work.resolve("clients.log") + ")");
            List<String> terminalPositions = terminalPositions();
            double seconds = (System.nanoTime() - t0) / 1e9;

            check(kills, terminalPositions, badExits, byKind, faultsMissed, seconds);
        } finally {
            terminal.getOutputStream().close(); // ends the terminal
            if (!terminal.waitFor(10, TimeUnit.SECONDS)) {
                terminal.destroyForcibly();
            }
        }
    }

    private void check(int kills, List<String> terminalPositions, List<String> badExits, int[] byKind, int faultsMissed,
            double seconds) throws IOException {
        // the terminal's journal: what it received and executed
        Map<String, JsonNode> firstReceipt = new LinkedHashMap<>();
        List<String> conflicts = new ArrayList<>();
        Map<String, Integer> executions = new HashMap<>();
        Map<String, Long> executedPosition = new HashMap<>();
        for (String line : Files.readAllLines(work.resolve("terminal-journal.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            String cid = n.path("client_order_id").asText();
            if (n.path("event").asText().equals("received")) {
                JsonNode prior = firstReceipt.putIfAbsent(cid, n);
                if (prior != null && !contents(prior).equals(contents(n))) {
                    conflicts.add(cid + ": " + contents(prior) + " then " + contents(n));
                }
            } else {
                executions.merge(cid, 1, Integer::sum);
                executedPosition.put(cid, n.path("position").asLong());
            }
        }
        Map<String, Boolean> ahead = new HashMap<>();
        for (String line : Files.readAllLines(work.resolve("ahead.txt"))) {
            String[] f = line.split(" ");
            ahead.putIfAbsent(f[0], Boolean.parseBoolean(f[1]));
        }

        // the audit, read back
        AuditReader.Result<AuditRecord> exec = AuditReader.readFolder(work.resolve("data").resolve("audit_logs"));
        AuditReader.Result<AuditRecord> dec = AuditReader.readFolder(work.resolve("data").resolve("live_logs"));
        Map<String, AuditRecord.OrderSubmitted> submitted = new LinkedHashMap<>();
        Map<String, AuditRecord.OrderCompleted> lastCompletion = new HashMap<>();
        int recovered = 0;
        for (AuditRecord r : exec.records()) {
            if (r instanceof AuditRecord.OrderSubmitted s) {
                submitted.putIfAbsent(s.request().clientOrderId(), s);
            } else if (r instanceof AuditRecord.OrderCompleted c) {
                lastCompletion.put(c.report().clientOrderId(), c);
                if (c.report().message().startsWith(RECOVERED)) {
                    recovered++;
                }
            }
        }
        List<String> notAhead = firstReceipt.keySet().stream().filter(cid -> !ahead.getOrDefault(cid, false)).toList();
        List<String> executedNotAhead = notAhead.stream().filter(executions::containsKey).toList();
        List<String> executedNotAudited = executions.keySet().stream().filter(cid -> !submitted.containsKey(cid)).toList();
        List<String> twice = executions.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        List<String> incomplete = new ArrayList<>();
        List<String> disagree = new ArrayList<>();
        for (String cid : submitted.keySet()) {
            AuditRecord.OrderCompleted c = lastCompletion.get(cid);
            if (c == null || c.report().status() == ExecutionStatus.UNKNOWN) {
                incomplete.add(cid + (c == null ? ": no completion" : ": " + c.report().message()));
                continue;
            }
            boolean filled = c.report().status().isFill();
            if (filled != executions.containsKey(cid)
                    || (filled && c.report().positionTicket() != executedPosition.get(cid))) {
                disagree.add(cid + ": audit " + c.report().status() + " position " + c.report().positionTicket()
                        + ", terminal executed " + executions.getOrDefault(cid, 0) + " position " + executedPosition.get(cid));
            }
        }
        List<String> badLines = new ArrayList<>();
        int fragments = 0;
        for (AuditReader.Result<AuditRecord> r : List.of(exec, dec)) {
            for (AuditReader.CorruptLine c : r.corruptLines()) {
                if (c.reason().startsWith("not valid JSON")) {
                    fragments++; // a line torn by a crash, terminated by the next process before it appended
                } else {
                    badLines.add(c.toString());
                }
            }
        }
        Set<String> book = new TreeSet<>(Files.readAllLines(work.resolve("final-positions.txt")));
        Set<String> truth = new TreeSet<>(terminalPositions);

        String figures = String.format("crash test: %d kills in %.0f s (%d random after start, %d random after launch, "
                + "%d halts between order_submitted and the send, %d kills between the send and the reply; %d faults not "
                + "reached), %d orders submitted, %d received by the terminal, %d executed, %d completions written by "
                + "recovery, %d torn fragments, %d+%d torn last lines, %d positions open at the end",
                kills, seconds, byKind[0], byKind[1], byKind[2], byKind[3], faultsMissed, submitted.size(),
                firstReceipt.size(), executions.size(), recovered, fragments, exec.tornLines().size(),
                dec.tornLines().size(), truth.size());
        System.out.println(figures);
        Files.writeString(work.resolve("figures.txt"), figures + "\n");

        int fragmentCount = fragments;
        int recoveredCount = recovered;
        org.junit.jupiter.api.Assertions.assertAll(figures,
                () -> assertEquals(List.of(), badExits, "clients that died of something else than the kill (see clients.log)"),
                () -> assertEquals(List.of(), twice, "client order ids executed twice"),
                () -> assertEquals(List.of(), conflicts, "client order ids sent with two different contents"),
                () -> assertEquals(List.of(), executedNotAudited, "orders the terminal executed that the audit never knew of"),
                () -> assertEquals(List.of(), executedNotAhead,
                        "executed orders whose order_submitted was not in the file when the terminal received them"),
                () -> assertEquals(List.of(), notAhead,
                        "orders whose order_submitted was not in the file when the terminal received them"),
                () -> assertEquals(List.of(), incomplete, "submitted orders without a final completion after the restarts"),
                () -> assertEquals(List.of(), disagree, "completions that disagree with the terminal"),
                () -> assertEquals(List.of(), badLines, "audit lines that are neither records nor torn fragments"),
                () -> assertTrue(fragmentCount <= kills, "more torn fragments (" + fragmentCount + ") than crashes (" + kills + ")"),
                () -> assertEquals(truth, book, "the last client's book after start vs the terminal's positions"),
                () -> assertTrue(submitted.size() >= kills, "the clients traded too little to test anything"),
                // a client whose orders are all refused before sending would pass every check above vacuously
                () -> assertTrue(executions.size() >= kills / 2, "the terminal executed too little to test anything"),
                () -> assertTrue(recoveredCount > 0, "no crash left an order to recover"));
    }

    private static String contents(JsonNode received) {
        return received.path("type").asText() + " " + received.path("symbol").asText() + " "
                + received.path("side").asText() + " " + received.path("volume").asDouble() + " "
                + received.path("position").asLong();
    }

    /** The terminal's open positions, asked over the protocol like any client would. */
    private List<String> terminalPositions() throws Exception {
        List<String> endpoints = Files.readAllLines(work.resolve("endpoints"));
        try (Mt5Connection c = Mt5Connection.open(Mt5Config.builder().commandEndpoint(endpoints.get(0))
                .eventEndpoint(endpoints.get(1)).symbols(CrashClientMain.SYMBOLS).build())) {
            c.connect().get(30, TimeUnit.SECONDS);
            List<Position> ps = c.gateway().fetchPositions().toCompletableFuture().get(30, TimeUnit.SECONDS);
            return ps.stream().map(p -> p.ticket() + " " + p.symbol() + " " + p.side() + " "
                    + Math.round(p.volume() * 1e6) / 1e6 + " " + p.magic()).collect(Collectors.toList());
        }
    }

    private static Process launch(Class<?> main, Path log, String... args) throws IOException {
        String cp = io.aria.core.testing.ChildJvm.classPath();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-cp", cp, main.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return pb.start();
    }

    private static void awaitFile(Path file, Duration timeout, Process owner) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(file)) {
            if (!owner.isAlive()) {
                return; // died first (a fault, or the kill): the caller goes on
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no " + file + " within " + timeout);
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }
}
