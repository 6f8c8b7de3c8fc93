package io.aria.core.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads JSON Lines audit files written by {@link JsonlAuditSink}. Every whole record is returned;
 * what is not whole is reported and skipped, never thrown:
 * <ul>
 *   <li>a <em>torn</em> last line: the file ends without a newline inside a record, as after a
 *       crash or a truncation ({@link TornLine}; an unterminated last line that still parses as a
 *       complete record is returned as a record);</li>
 *   <li>a <em>corrupt</em> line anywhere else: not JSON, not an object, no or another schema
 *       version, unknown type, or values the record types refuse ({@link CorruptLine}, with the
 *       reason).</li>
 * </ul>
 * The raw mode ({@link #readRaw}) returns each line as a {@link JsonNode} whatever its schema
 * version or type, for tools and for files of other versions.
 *
 * <p>Stateless; all methods may be called from any thread. Files are streamed, not loaded whole.
 */
public final class AuditReader {

    /** Daily file names: a prefix, {@code _YYYYMMDD}, {@code .jsonl}. */
    private static final Pattern DAILY_FILE = Pattern.compile(".*_(\\d{8})\\.jsonl");

    private AuditReader() {
    }

    /**
     * A line that was skipped.
     *
     * @param file       the file
     * @param lineNumber its 1-based line number
     * @param reason     why it is not a record
     */
    public record CorruptLine(Path file, long lineNumber, String reason) {
        public CorruptLine {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * An unterminated, incomplete last line.
     *
     * @param file       the file
     * @param lineNumber its 1-based line number
     * @param byteLength its length in bytes
     */
    public record TornLine(Path file, long lineNumber, int byteLength) {
        public TornLine {
            Objects.requireNonNull(file, "file");
        }
    }

    /**
     * What a read found.
     *
     * @param records      the whole records, in file order (files in date order)
     * @param corruptLines the skipped lines, in file order
     * @param tornLines    torn last lines, at most one per file
     * @param <T>          {@link AuditRecord} or {@link JsonNode}
     */
    public record Result<T>(List<T> records, List<CorruptLine> corruptLines, List<TornLine> tornLines) {
        public Result {
            records = List.copyOf(records);
            corruptLines = List.copyOf(corruptLines);
            tornLines = List.copyOf(tornLines);
        }

        /** @return whether nothing was skipped */
        public boolean isClean() {
            return corruptLines.isEmpty() && tornLines.isEmpty();
        }
    }

    /**
     * @param file a JSONL audit file of schema version {@link AuditRecord#SCHEMA_VERSION}
     * @return its records and what was skipped
     * @throws IOException when the file cannot be read
     */
    public static Result<AuditRecord> read(Path file) throws IOException {
        Collector<AuditRecord> c = new Collector<>(AuditReader::toRecord);
        c.readFile(file);
        return c.result();
    }

    /**
     * @param file a JSONL file
     * @return each whole line as a JSON object, of any schema version, and what was skipped
     * @throws IOException when the file cannot be read
     */
    public static Result<JsonNode> readRaw(Path file) throws IOException {
        Collector<JsonNode> c = new Collector<>(node -> node);
        c.readFile(file);
        return c.result();
    }

    /**
     * Reads every daily file ({@code *_YYYYMMDD.jsonl}) of one log folder, such as
     * {@code base/audit_logs} or {@code base/live_logs}, oldest day first.
     *
     * @param folder the folder
     * @return the records of all days and what was skipped
     * @throws IOException when the folder or a file cannot be read
     */
    public static Result<AuditRecord> readFolder(Path folder) throws IOException {
        Collector<AuditRecord> c = new Collector<>(AuditReader::toRecord);
        for (Path file : dailyFiles(folder)) {
            c.readFile(file);
        }
        return c.result();
    }

    /**
     * Like {@link #readFolder} in raw mode.
     *
     * @param folder the folder
     * @return the lines of all days as JSON objects and what was skipped
     * @throws IOException when the folder or a file cannot be read
     */
    public static Result<JsonNode> readFolderRaw(Path folder) throws IOException {
        Collector<JsonNode> c = new Collector<>(node -> node);
        for (Path file : dailyFiles(folder)) {
            c.readFile(file);
        }
        return c.result();
    }

    /**
     * @param folder a log folder
     * @return its daily files ({@code *_YYYYMMDD.jsonl}), by date, then by name
     * @throws IOException when the folder cannot be listed
     */
    public static List<Path> dailyFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> DAILY_FILE.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparing((Path p) -> day(p)).thenComparing(p -> p.getFileName().toString()))
                    .toList();
        }
    }

    private static String day(Path p) {
        Matcher m = DAILY_FILE.matcher(p.getFileName().toString());
        return m.matches() ? m.group(1) : "";
    }

    /** Turns a parsed line into a record, or says why it is not one. */
    private static AuditRecord toRecord(ObjectNode node) throws LineException {
        JsonNode v = node.get(AuditJson.VERSION);
        if (v == null || !v.isIntegralNumber()) {
            throw new LineException("missing schema version \"v\", was " + (v == null ? "absent" : v));
        }
        if (v.asLong() != AuditRecord.SCHEMA_VERSION) {
            throw new LineException("unsupported schema version " + v + " (this reader reads "
                    + AuditRecord.SCHEMA_VERSION + "; use readRaw)");
        }
        if (!node.hasNonNull(AuditJson.TYPE)) {
            throw new LineException("missing \"type\"");
        }
        node.remove(AuditJson.VERSION);
        node.remove(AuditJson.TS);
        try {
            return AuditJson.MAPPER.treeToValue(node, AuditRecord.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new LineException(reason(e));
        }
    }

    private static String reason(Exception e) {
        Throwable t = e;
        while (t.getCause() instanceof IllegalArgumentException) {
            t = t.getCause(); // the record's own validation message names the field and value
        }
        String msg = t instanceof JsonProcessingException j ? j.getOriginalMessage() : t.getMessage();
        if (msg == null) {
            msg = t.getClass().getSimpleName();
        }
        int nl = msg.indexOf('\n');
        return nl < 0 ? msg : msg.substring(0, nl);
    }

    @FunctionalInterface
    private interface Converter<T> {
        T convert(ObjectNode node) throws LineException;
    }

    /** Why one line is not a record. */
    private static final class LineException extends Exception {
        LineException(String message) {
            super(message, null, false, false);
        }
    }

    /** Splits files into lines and sorts each into records, corrupt lines and torn tails. */
    private static final class Collector<T> {
        private final Converter<T> converter;
        private final List<T> records = new ArrayList<>();
        private final List<CorruptLine> corrupt = new ArrayList<>();
        private final List<TornLine> torn = new ArrayList<>();
        private byte[] line = new byte[8192];
        private int length;

        Collector(Converter<T> converter) {
            this.converter = converter;
        }

        Result<T> result() {
            return new Result<>(records, corrupt, torn);
        }

        void readFile(Path file) throws IOException {
            length = 0;
            long lineNumber = 1;
            byte[] buf = new byte[64 * 1024];
            try (InputStream in = Files.newInputStream(file)) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    int start = 0;
                    for (int i = 0; i < n; i++) {
                        if (buf[i] == '\n') {
                            add(buf, start, i - start);
                            line(file, lineNumber++, true);
                            length = 0;
                            start = i + 1;
                        }
                    }
                    add(buf, start, n - start);
                }
            }
            if (length > 0) {
                line(file, lineNumber, false);
            }
        }

        private void add(byte[] b, int off, int len) {
            if (length + len > line.length) {
                byte[] bigger = new byte[Math.max(line.length * 2, length + len)];
                System.arraycopy(line, 0, bigger, 0, length);
                line = bigger;
            }
            System.arraycopy(b, off, line, length, len);
            length += len;
        }

        private void line(Path file, long lineNumber, boolean terminated) {
            int len = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
            try {
                records.add(converter.convert(parse(len)));
            } catch (LineException e) {
                if (terminated) {
                    corrupt.add(new CorruptLine(file, lineNumber, e.getMessage()));
                } else {
                    torn.add(new TornLine(file, lineNumber, length));
                }
            }
        }

        private ObjectNode parse(int len) throws LineException {
            if (len == 0) {
                throw new LineException("empty line");
            }
            JsonNode node;
            try {
                node = AuditJson.MAPPER.readTree(line, 0, len);
            } catch (IOException e) {
                throw new LineException("not valid JSON: " + reason(e));
            }
            if (node == null || node.isMissingNode()) {
                throw new LineException("blank line");
            }
            if (!(node instanceof ObjectNode obj)) {
                throw new LineException("not a JSON object but " + node.getNodeType());
            }
            return obj;
        }
    }
}
