package io.aria.core.internal;

import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.OrderRequest;
import io.aria.core.TradeReturnCode;
import io.aria.core.audit.AuditReader;
import io.aria.core.audit.AuditRecord;
import io.aria.core.spi.AuditSink;
import io.aria.core.spi.OrderGateway;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes what a crashed process left open: every {@code order_submitted} in the execution audit
 * without a final {@code order_completed} (none at all, or only an UNKNOWN one) is resolved through
 * the gateway ({@link OrderGateway#resolutionAfterRestart}) and its completion is written, its
 * message starting with {@value #RECOVERED}. An order the gateway cannot resolve gets an UNKNOWN
 * completion that says so. Runs once at pipeline start, before any new order; running it again
 * (a crash during recovery) is harmless: what was resolved has its completion, and asking the
 * broker again gives the same answer (an id MT5 never saw stays fenced).
 *
 * <p>Reads the daily files of the newest {@value #DAYS} days (by the dates in their names, so
 * replays of old days are covered too); torn and corrupt lines are skipped and counted.
 */
public final class Recovery {

    /** Start of the message of every completion written by recovery. */
    public static final String RECOVERED = "recovered after restart: ";
    /** Days of audit files read, counted back from the newest file. */
    public static final int DAYS = 7;

    private static final Logger log = LoggerFactory.getLogger(Recovery.class);
    private static final Pattern DAILY = Pattern.compile(".*_(\\d{8})\\.jsonl");

    /**
     * What recovery did.
     *
     * @param open     orders found without a final outcome
     * @param resolved of those, resolved by the gateway (filled, partly filled or rejected)
     * @param unknown  of those, still unknown (the gateway could not tell, or not in time)
     * @param skippedLines corrupt or torn lines of the files read
     */
    public record Outcome(int open, int resolved, int unknown, int skippedLines) {
        /** Nothing to do. */
        public static final Outcome NONE = new Outcome(0, 0, 0, 0);
    }

    private Recovery() {
    }

    /** An order of an earlier process and the last outcome the audit knows of it. */
    private record Open(AuditRecord.OrderSubmitted submitted, boolean hadUnknown) {
    }

    /**
     * @param executionFolder the execution audit folder ({@code <base>/audit_logs}); absent is empty
     * @param gateway         asked how each open order ended
     * @param audit           where completions go (the pipeline's sink)
     * @param timeout         longest wait for the gateway's answers, all orders together
     * @param clock           time of the completions
     * @return what was found and done
     */
    public static Outcome run(Path executionFolder, OrderGateway gateway, AuditSink audit, Duration timeout,
            Clock clock) {
        List<Open> open;
        int skipped;
        try {
            if (!Files.isDirectory(executionFolder)) {
                return Outcome.NONE;
            }
            Map<String, Open> found = new LinkedHashMap<>();
            int[] skippedLines = new int[1];
            scan(executionFolder, found, skippedLines);
            open = new ArrayList<>(found.values());
            skipped = skippedLines[0];
        } catch (IOException | RuntimeException e) {
            log.error("recovery could not read the audit folder {}: {}; orders of an earlier process stay unresolved",
                    executionFolder, e.toString());
            return Outcome.NONE;
        }
        if (open.isEmpty()) {
            return new Outcome(0, 0, 0, skipped);
        }
        log.warn("{} orders of an earlier process have no final outcome in {}; resolving them through {}",
                open.size(), executionFolder, gateway.name());
        List<Optional<CompletionStage<ExecutionReport>>> stages = ask(open, gateway);
        long deadline = System.nanoTime() + timeout.toNanos();
        int resolved = 0;
        for (int k = 0; k < open.size(); k++) {
            Answer answer = await(stages.get(k), open.get(k).submitted().request(), deadline, timeout, gateway);
            if (complete(open.get(k), answer, audit, clock)) {
                resolved++;
            }
        }
        int unknown = open.size() - resolved;
        write(audit, new AuditRecord.ControlAction(clock.millis(), "ORDERS_RECOVERED", "recovery",
                open.size() + " orders of an earlier process had no final outcome: " + resolved + " resolved by "
                        + gateway.name() + ", " + unknown + " still unknown"));
        try {
            audit.flush();
        } catch (RuntimeException e) {
            log.warn("audit flush after recovery failed: {}", e.toString());
        }
        return new Outcome(open.size(), resolved, unknown, skipped);
    }

    /** Asks the gateway about every open order at once, so the answers are awaited together. */
    private static List<Optional<CompletionStage<ExecutionReport>>> ask(List<Open> open, OrderGateway gateway) {
        List<Optional<CompletionStage<ExecutionReport>>> stages = new ArrayList<>(open.size());
        for (Open o : open) {
            Optional<CompletionStage<ExecutionReport>> s;
            try {
                s = gateway.resolutionAfterRestart(o.submitted().request());
                if (s == null) {
                    s = Optional.empty();
                }
            } catch (RuntimeException e) {
                log.warn("gateway {} failed to resolve order {}: {}", gateway.name(),
                        o.submitted().request().clientOrderId(), e.toString());
                s = Optional.empty();
            }
            stages.add(s);
        }
        return stages;
    }

    /** The gateway's final report of an order, or why there is none. */
    private record Answer(ExecutionReport report, String why) {
    }

    /** Waits (until the common deadline) for one order's answer; only a final report of that order counts. */
    private static Answer await(Optional<CompletionStage<ExecutionReport>> stage, OrderRequest request, long deadline,
            Duration timeout, OrderGateway gateway) {
        if (stage.isEmpty()) {
            return new Answer(null, "gateway " + gateway.name() + " cannot tell how an order of an earlier process ended");
        }
        ExecutionReport report;
        try {
            long left = Math.max(0, deadline - System.nanoTime());
            report = stage.get().toCompletableFuture().get(left, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return new Answer(null, "the gateway did not answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return new Answer(null, "the gateway failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(null, "interrupted");
        }
        if (report != null && (!report.clientOrderId().equals(request.clientOrderId())
                || report.status() == ExecutionStatus.UNKNOWN || report.status() == ExecutionStatus.ERROR)) {
            return new Answer(null, "the gateway answered " + report.status() + " for " + report.clientOrderId() + ": "
                    + report.message());
        }
        return new Answer(report, null);
    }

    /**
     * Writes the order's {@code order_completed}: the gateway's report, or UNKNOWN with the reason
     * (unless an UNKNOWN completion was already written).
     *
     * @return whether the order was resolved
     */
    private static boolean complete(Open o, Answer answer, AuditSink audit, Clock clock) {
        OrderRequest request = o.submitted().request();
        ExecutionReport report = answer.report();
        if (report != null) {
            log.info("order {} of an earlier process resolved: {} {} lots", request.clientOrderId(),
                    report.status(), report.filledVolume());
            write(audit, new AuditRecord.OrderCompleted(clock.millis(), recovered(report), o.submitted().intent()));
            return true;
        }
        log.warn("order {} of an earlier process could not be resolved after restart: {}",
                request.clientOrderId(), answer.why());
        if (!o.hadUnknown()) { // an UNKNOWN completion already says as much
            write(audit, new AuditRecord.OrderCompleted(clock.millis(), ExecutionReport.notFilled(request,
                    ExecutionStatus.UNKNOWN, TradeReturnCode.ARIA_UNKNOWN,
                    RECOVERED + "could not be resolved after restart: " + answer.why(), 0, clock.millis()),
                    o.submitted().intent()));
        }
        return false;
    }

    private static void scan(Path folder, Map<String, Open> open, int[] skipped) throws IOException {
        List<Path> files = AuditReader.dailyFiles(folder);
        LocalDate newest = null;
        for (Path f : files) {
            LocalDate d = date(f);
            if (d != null && (newest == null || d.isAfter(newest))) {
                newest = d;
            }
        }
        Map<String, ExecutionStatus> last = new HashMap<>();
        Map<String, Boolean> hadUnknown = new HashMap<>();
        Map<String, AuditRecord.OrderSubmitted> submitted = new LinkedHashMap<>();
        for (Path f : files) {
            LocalDate d = date(f);
            if (newest != null && d != null && d.isBefore(newest.minusDays(DAYS))) {
                continue;
            }
            AuditReader.Result<AuditRecord> r = AuditReader.read(f);
            skipped[0] += r.corruptLines().size() + r.tornLines().size();
            for (AuditReader.CorruptLine c : r.corruptLines()) {
                log.warn("audit line {}:{} skipped by recovery: {}", c.file(), c.lineNumber(), c.reason());
            }
            for (AuditRecord rec : r.records()) {
                if (rec instanceof AuditRecord.OrderSubmitted s) {
                    submitted.putIfAbsent(s.request().clientOrderId(), s);
                } else if (rec instanceof AuditRecord.OrderCompleted c) {
                    last.put(c.report().clientOrderId(), c.report().status());
                    if (c.report().status() == ExecutionStatus.UNKNOWN) {
                        hadUnknown.put(c.report().clientOrderId(), true);
                    }
                }
            }
        }
        for (Map.Entry<String, AuditRecord.OrderSubmitted> e : submitted.entrySet()) {
            ExecutionStatus s = last.get(e.getKey());
            if (s == null || s == ExecutionStatus.UNKNOWN) {
                open.put(e.getKey(), new Open(e.getValue(), hadUnknown.containsKey(e.getKey())));
            }
        }
    }

    private static LocalDate date(Path file) {
        Matcher m = DAILY.matcher(file.getFileName().toString());
        if (!m.matches()) {
            return null;
        }
        try {
            return LocalDate.parse(m.group(1), DateTimeFormatter.BASIC_ISO_DATE);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static ExecutionReport recovered(ExecutionReport r) {
        return new ExecutionReport(r.clientOrderId(), r.symbol(), r.side(), r.status(), r.orderTicket(), r.dealTicket(),
                r.positionTicket(), r.requestedVolume(), r.filledVolume(), r.requestedPrice(), r.fillPrice(),
                r.slippage(), r.latencyNanos(), r.returnCode(), RECOVERED + r.message(), r.epochMillis());
    }

    private static void write(AuditSink audit, AuditRecord r) {
        try {
            audit.record(r);
        } catch (RuntimeException e) {
            log.error("recovery could not write {} to the audit: {}", r.getClass().getSimpleName(), e.toString());
        }
    }
}
