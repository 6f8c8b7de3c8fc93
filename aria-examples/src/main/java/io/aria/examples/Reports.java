package io.aria.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aria.analytics.AnalyticsReport;
import io.aria.analytics.HedgeFundAnalytics;
import io.aria.core.PipelineSnapshot;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a run's {@code report.json} and {@code report.html} into its data folder: the one place
 * every command ({@code paper}, {@code mt5}, {@code backtest}, and {@code serve}) goes through, at
 * the end of a run and on Ctrl-C or SIGTERM.
 *
 * <p><b>Adapter.</b> Until aria-analytics writes its own reports, this writes today's
 * {@link AnalyticsReport} ({@code toJson()}, {@code toHtml()}) with the run's settings beside it;
 * when the analytics' writer exists, only the body of {@link #write} changes.
 *
 * <p>{@code report.json} is {@code {"run": {...}, "analytics": {...}}} and holds no wall-clock
 * figure (how long the run took, when it was made): the same data and seed give the same bytes.
 * Each file is written to a temporary file beside it and moved into place, so a reader (or a run
 * killed mid-write) never sees half a report.
 */
final class Reports {

    /** Name of the JSON report in the data folder. */
    static final String JSON = "report.json";
    /** Name of the HTML report in the data folder. */
    static final String HTML = "report.html";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Reports() {
    }

    /**
     * What a report says about the run itself, besides the figures. Simulated or data time only,
     * never the wall clock.
     *
     * @param command    the command ({@code paper}, {@code mt5}, {@code backtest}, {@code serve})
     * @param symbols    the symbols traded
     * @param source     where the ticks came from ("synthetic, seed 42", the tick files' names)
     * @param fromMillis first traded tick's time, 0 when none
     * @param toMillis   last traded tick's time, 0 when none
     * @param seed       the random seed, null when none applies
     * @param warmUp     how the models were warmed up
     * @param settings   further settings by name (balance, speed, risk config...), in display order
     * @param completed  false when stopped by a signal or Ctrl-C before the end
     */
    record RunInfo(String command, List<String> symbols, String source, long fromMillis, long toMillis, Long seed,
            String warmUp, Map<String, Object> settings, boolean completed) {
        RunInfo {
            Objects.requireNonNull(command, "command");
            symbols = List.copyOf(symbols);
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(warmUp, "warmUp");
            settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        }
    }

    /**
     * The two files written.
     *
     * @param json report.json
     * @param html report.html
     */
    record Written(Path json, Path html) {
    }

    /**
     * @param analytics the run's analytics
     * @param snapshot  the pipeline's final snapshot (the figures are taken at its time)
     * @param folder    the data folder
     * @param info      the run's settings
     * @return the paths written
     * @throws UncheckedIOException when a file cannot be written
     */
    static Written write(HedgeFundAnalytics analytics, PipelineSnapshot snapshot, Path folder, RunInfo info) {
        io.aria.analytics.RunInfo.Builder b = io.aria.analytics.RunInfo.builder(info.command()).symbols(info.symbols())
                .period(info.fromMillis(), info.toMillis()).setting("ticks from", info.source())
                .setting("warm-up", info.warmUp())
                .setting("ran to the end", info.completed() ? "yes" : "no: stopped before the end");
        if (info.seed() != null) {
            b.seed(info.seed());
        }
        info.settings().forEach((k, v) -> b.setting(k, String.valueOf(v)));
        try {
            io.aria.analytics.ReportFiles files = analytics.writeReports(folder, b.build(), snapshot);
            // the commands' own run fields beside the analytics' (what the source and the warm-up were)
            ObjectNode root = (ObjectNode) MAPPER.readTree(files.json().toFile());
            ObjectNode run = root.with("run");
            run.put("source", info.source());
            run.put("warmUp", info.warmUp());
            run.put("completed", info.completed());
            replace(files.json(), MAPPER.writeValueAsString(root) + "\n");
            return new Written(files.json(), files.html());
        } catch (IOException e) {
            throw new UncheckedIOException("report could not be written to " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the reports and prints where they are; a report that cannot be written is one line
     * on the console, never a lost summary or a stack trace.
     *
     * @return the paths written, or null when they could not be
     */
    static Written writeAndPrint(PrintStream out, HedgeFundAnalytics analytics, PipelineSnapshot snapshot, Path folder,
            RunInfo info) {
        try {
            Written w = write(analytics, snapshot, folder, info);
            out.println("report: " + w.json());
            out.println("report: " + w.html());
            return w;
        } catch (UncheckedIOException | IllegalArgumentException e) {
            out.println("report not written: " + AriaMain.oneLine(e.getMessage()));
            return null;
        }
    }

    private static void replace(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** @return "EURUSD, XAUUSD" style list of at most a few names, then "and N more" */
    static String shortList(List<String> names) {
        if (names.size() <= 6) {
            return String.join(",", names);
        }
        return String.join(",", names.subList(0, 5)) + String.format(Locale.ROOT, " and %d more", names.size() - 5);
    }
}
