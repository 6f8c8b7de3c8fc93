package io.aria.core.ensemble;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads history bars for {@link WeightedEnsemble#warmUp(List)} from CSV:
 * {@code symbol,start,open,high,low,close,volume}, where {@code start} is an ISO-8601 instant
 * ({@code 2024-01-02T10:15:00Z}) or epoch milliseconds, and each bar lasts the given timeframe.
 * A first line starting with {@code symbol} is a header; blank lines and lines starting with
 * {@code #} are skipped.
 *
 * <p>A malformed line is skipped with an error naming the line, the field and the value (kept in
 * the result and logged at WARN); the rest of the file is still read. Stateless and thread-safe.
 */
public final class BarCsv {

    private static final Logger LOG = LoggerFactory.getLogger(BarCsv.class);
    private static final String[] FIELDS = {"symbol", "start", "open", "high", "low", "close", "volume"};

    /**
     * @param bars   the bars read, in file order
     * @param errors one message per skipped line
     */
    public record Result(List<Bar> bars, List<String> errors) {

        public Result {
            bars = List.copyOf(Objects.requireNonNull(bars, "bars"));
            errors = List.copyOf(Objects.requireNonNull(errors, "errors"));
        }
    }

    private BarCsv() {
    }

    /**
     * @param file      a CSV file (UTF-8)
     * @param timeframe the length of each bar
     * @return the bars and the errors of skipped lines
     * @throws UncheckedIOException when the file cannot be read
     */
    public static Result read(Path file, Duration timeframe) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, timeframe, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("bars could not be read from " + file, e);
        }
    }

    /**
     * @param in        CSV text
     * @param timeframe the length of each bar, at least 1 ms
     * @param source    a name for the input in error messages
     * @return the bars and the errors of skipped lines
     * @throws UncheckedIOException when the reader fails
     */
    public static Result read(Reader in, Duration timeframe, String source) {
        Objects.requireNonNull(timeframe, "timeframe");
        if (timeframe.toMillis() < 1) {
            throw new IllegalArgumentException("timeframe must be at least 1 ms, was " + timeframe);
        }
        long length = timeframe.toMillis();
        List<Bar> bars = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        BufferedReader reader = in instanceof BufferedReader b ? b : new BufferedReader(in);
        try {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")
                        || (number == 1 && trimmed.regionMatches(true, 0, "symbol", 0, 6))) {
                    continue;
                }
                try {
                    bars.add(parse(trimmed, length));
                } catch (IllegalArgumentException e) {
                    String msg = source + " line " + number + ": " + e.getMessage();
                    errors.add(msg);
                    LOG.warn("skipped a bar: {}", msg);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("bars could not be read from " + source, e);
        }
        return new Result(bars, errors);
    }

    private static Bar parse(String line, long length) {
        String[] f = line.split(",", -1);
        if (f.length != FIELDS.length) {
            throw new IllegalArgumentException("expected " + FIELDS.length + " fields (" + String.join(",", FIELDS)
                    + "), found " + f.length + " in '" + line + "'");
        }
        String symbol = f[0].strip();
        long start = time(f[1].strip());
        double[] v = new double[5];
        for (int i = 0; i < 5; i++) {
            String s = f[i + 2].strip();
            try {
                v[i] = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(FIELDS[i + 2] + " must be a number, was '" + s + "'");
            }
        }
        return new Bar(symbol, start, start + length, v[0], v[1], v[2], v[3], v[4], 0);
    }

    private static long time(String s) {
        try {
            if (!s.isEmpty() && s.chars().allMatch(c -> Character.isDigit(c) || c == '-')) {
                return Long.parseLong(s);
            }
            return Instant.parse(s).toEpochMilli();
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("start must be an ISO-8601 instant or epoch milliseconds, was '" + s + "'");
        }
    }
}
