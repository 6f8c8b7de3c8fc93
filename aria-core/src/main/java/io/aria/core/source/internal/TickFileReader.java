package io.aria.core.source.internal;

import static io.aria.core.source.internal.TickText.truncate;

import io.aria.core.AssetCatalog;
import io.aria.core.Tick;
import io.aria.core.source.internal.TickText.Malformed;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams the ticks of one tick file in one of the three supported layouts. A malformed line is
 * logged (file, line number, reason, text), counted and skipped. Prices and volumes are plain
 * decimals ({@code 1.0850}, {@code 2650}, {@code .5}, {@code 1e-3}); Java literals that
 * {@link Double#parseDouble} would take ({@code 1.0850f}, {@code 0x1.1p0}, {@code NaN},
 * {@code Infinity}) are malformed. A last line without a newline and with fewer fields than the
 * layout has is reported as truncated. {@link #emptiness()} tells a file with no data line.
 *
 * <p>This class reads lines, checks what every layout shares (length, truncation, time order) and
 * counts what it skips; each layout's lines are parsed by its {@link TickLineFormat}
 * ({@code Mt5Lines}, {@code HistDataLines}, {@code PlainLines}), fields by {@code TickText}.
 *
 * <p>Not thread-safe: one owner.
 */
public final class TickFileReader implements Closeable {

    /** The supported layouts. */
    public enum Layout {
        /** MetaTrader 5 "Export ticks", tab separated, with a {@code <DATE>} header. */
        MT5,
        /** HistData.com ASCII ticks, no header, EST without daylight saving. */
        HISTDATA,
        /** {@code time,symbol,bid,ask[,volume]} with a header and ISO-8601 UTC times. */
        PLAIN
    }

    /** HistData's fixed time zone: EST, no daylight saving. */
    public static final ZoneOffset HISTDATA_ZONE = ZoneOffset.ofHours(-5);
    private static final Logger LOG = LoggerFactory.getLogger(TickFileReader.class);
    private static final int WARN_LIMIT = 50;
    /** Longest line read whole; a longer one is malformed (a binary file has no newlines to stop at). */
    static final int MAX_LINE = 1 << 16;

    private final Path file;
    private final Layout layout;
    private final String symbol;
    private final AtomicLong malformed;
    private final LineReader in;
    private final Map<String, Long> lastTime = new HashMap<>();
    /** The layout's line parser; null for an empty file. */
    private TickLineFormat format;
    private long lineNo;
    private long malformedHere;
    private String pending;
    /** Fields a complete data line has (the header's column count, 4 for HistData), 0 when unknown. */
    private int expectedFields;
    /** Why the file has no data line, or null when it has one. */
    private final String emptiness;

    /**
     * Opens a file and reads its header.
     *
     * @param file      the file
     * @param layout    its layout, or null to detect it from the first line
     * @param symbol    catalog symbol of an MT5 or HistData file, or null to take it from the file name
     * @param zone      time zone of MT5 times (the broker's server time)
     * @param catalog   resolves symbol names
     * @param wanted    which symbols of a plain file to deliver (others are skipped silently)
     * @param malformed shared counter of malformed lines
     * @throws UncheckedIOException     when the file cannot be read
     * @throws IllegalArgumentException when the layout or the symbol cannot be determined
     */
    public TickFileReader(Path file, Layout layout, String symbol, ZoneId zone, AssetCatalog catalog,
            Predicate<String> wanted, AtomicLong malformed) {
        this.file = file;
        this.malformed = malformed;
        this.in = open(file);
        boolean ok = false;
        try {
            String first = readLine();
            if (first == null) {
                this.layout = layout == null ? Layout.PLAIN : layout;
                this.symbol = this.layout == Layout.PLAIN ? null : symbolFor(file, symbol, catalog);
                this.emptiness = "the file is empty";
                ok = true;
                return;
            }
            this.layout = layout != null ? layout : detect(file, first);
            boolean header = readHeader(first, zone, catalog, wanted);
            this.symbol = this.layout == Layout.PLAIN ? null : symbolFor(file, symbol, catalog);
            if (pending == null || pending.isBlank()) {
                // look ahead to the first data line, so a header-only file is told at once
                String next;
                do {
                    next = readLine();
                } while (next != null && next.isBlank() && !in.tooLong());
                pending = next;
            }
            this.emptiness = pending != null ? null
                    : header ? "only a header, no tick lines" : "only blank lines, no tick lines";
            ok = true;
        } finally {
            if (!ok) {
                closeQuietly();
            }
        }
    }

    /** Sets up the layout's parser from the first line; @return whether that line is a header */
    private boolean readHeader(String first, ZoneId zone, AssetCatalog catalog, Predicate<String> wanted) {
        switch (layout) {
            case MT5:
                Mt5Lines mt5 = new Mt5Lines(zone);
                format = mt5;
                if (first.startsWith("<")) {
                    String[] h = first.split("\t", -1);
                    mt5.header(h, file);
                    expectedFields = h.length;
                    return true;
                }
                pending = first; // no header: the column count is not known
                return false;
            case PLAIN:
                PlainLines plain = new PlainLines(first, file, catalog, wanted);
                format = plain;
                expectedFields = plain.headerFields();
                return true;
            default:
                format = new HistDataLines();
                pending = first;
                expectedFields = 4;
                return false;
        }
    }


    private static LineReader open(Path file) {
        try {
            InputStream raw = Files.newInputStream(file);
            BufferedInputStream b = new BufferedInputStream(raw, 1 << 16);
            b.mark(4);
            int b0 = b.read();
            int b1 = b.read();
            int b2 = b.read();
            Charset cs = StandardCharsets.UTF_8;
            b.reset();
            if (b0 == 0xFF && b1 == 0xFE) {
                cs = StandardCharsets.UTF_16LE;
                b.skip(2);
            } else if (b0 == 0xFE && b1 == 0xFF) {
                cs = StandardCharsets.UTF_16BE;
                b.skip(2);
            } else if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
                b.skip(3);
            }
            return new LineReader(new InputStreamReader(b, cs));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tick file " + file + ": " + e, e);
        }
    }

    /**
     * @param file  a tick file
     * @param first its first line
     * @return the layout the line shows
     * @throws IllegalArgumentException when no layout fits
     */
    public static Layout detect(Path file, String first) {
        String f = first.strip();
        if (f.toUpperCase(Locale.ROOT).startsWith("<DATE>")) {
            return Layout.MT5;
        }
        if (f.matches("\\d{8} \\d{6,9},.*")) {
            return Layout.HISTDATA;
        }
        String lower = f.toLowerCase(Locale.ROOT);
        if (lower.startsWith("time,") || lower.startsWith("timestamp,")) {
            return Layout.PLAIN;
        }
        throw new IllegalArgumentException("unknown tick file format in " + file + ": first line '" + truncate(f)
                + "' is neither an MT5 export header (<DATE>\\t<TIME>...), a HistData tick line "
                + "(20120201 000003660,bid,ask,vol) nor a time,symbol,bid,ask header");
    }

    /**
     * Finds the catalog symbol in a file name: the whole name through {@link AssetCatalog#resolve},
     * then each part between {@code _ . -}.
     *
     * @param file    a file
     * @param given   a symbol the caller gave, or null
     * @param catalog the catalog
     * @return the catalog symbol
     * @throws IllegalArgumentException when none is found
     */
    public static String symbolFor(Path file, String given, AssetCatalog catalog) {
        if (given != null) {
            return catalog.resolve(given).orElseThrow(() -> new IllegalArgumentException(
                    "symbol " + given + " given for " + file + " is not in the catalog"));
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        Optional<String> s = catalog.resolve(stem);
        if (s.isPresent()) {
            return s.get();
        }
        for (String part : stem.split("[_.\\-\\s]+")) {
            if (part.length() >= 3) {
                s = catalog.resolve(part);
                if (s.isPresent()) {
                    return s.get();
                }
            }
        }
        throw new IllegalArgumentException("no catalog symbol in the file name " + name
                + "; give the symbol explicitly");
    }

    /** @return the file's layout */
    public Layout layout() {
        return layout;
    }

    /** @return the file's symbol, null for a plain file (one symbol per line) */
    public String symbol() {
        return symbol;
    }

    /** @return the file */
    public Path file() {
        return file;
    }

    /**
     * @return why the file holds no data line ("the file is empty", "only a header, no tick
     *     lines"), or null when it holds one (valid or not)
     */
    public String emptiness() {
        return emptiness;
    }

    /**
     * @return the symbols of a plain file's lines (reads the rest of the file), or the file's symbol
     * @throws UncheckedIOException when the file cannot be read
     */
    public Set<String> scanSymbols() {
        Set<String> out = new LinkedHashSet<>();
        if (symbol != null) {
            out.add(symbol);
            return out;
        }
        String line = pending;
        pending = null;
        if (line == null) {
            line = readLine();
        }
        for (; line != null; line = readLine()) {
            ((PlainLines) format).wantedSymbol(line).ifPresent(out::add);
        }
        return out;
    }

    /**
     * @return the next valid tick, or null at the end of the file
     * @throws UncheckedIOException when the file cannot be read
     */
    public Tick next() {
        while (true) {
            String line;
            if (pending != null) {
                line = pending;
                pending = null;
            } else {
                line = readLine();
            }
            if (line == null) {
                return null;
            }
            if (in.tooLong()) {
                reject("line longer than " + MAX_LINE + " characters", line);
                continue;
            }
            if (line.isBlank()) {
                continue;
            }
            if (!in.terminated() && expectedFields > 0) {
                int fields = fieldCount(line, format.separator());
                if (fields < expectedFields) {
                    reject("truncated last line: no newline at the end of the file and " + fields + " of "
                            + expectedFields + " fields", line);
                    continue;
                }
            }
            Tick t;
            try {
                t = format.parse(line, symbol);
            } catch (Malformed m) {
                reject(m.getMessage(), line);
                continue;
            }
            if (t == null) {
                continue;
            }
            Long prev = lastTime.get(t.symbol());
            if (prev != null && t.epochMillis() < prev) {
                reject("time goes backwards for " + t.symbol() + " (previous " + Instant.ofEpochMilli(prev) + ", this "
                        + Instant.ofEpochMilli(t.epochMillis()) + ")", line);
                continue;
            }
            lastTime.put(t.symbol(), t.epochMillis());
            return t;
        }
    }

    private static int fieldCount(String line, char separator) {
        int n = 1;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == separator) {
                n++;
            }
        }
        return n;
    }

    private String readLine() {
        try {
            String l = in.readLine();
            if (l != null) {
                lineNo++;
            }
            return l;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tick file " + file + " at line " + (lineNo + 1) + ": " + e, e);
        }
    }

    private void reject(String reason, String line) {
        malformed.incrementAndGet();
        malformedHere++;
        if (malformedHere <= WARN_LIMIT) {
            LOG.warn("{}:{}: malformed tick line skipped: {}: '{}'", file, lineNo, reason, truncate(line));
            if (malformedHere == WARN_LIMIT) {
                LOG.warn("{}: {} malformed lines so far; further ones are logged at DEBUG", file, WARN_LIMIT);
            }
        } else {
            LOG.debug("{}:{}: malformed tick line skipped: {}: '{}'", file, lineNo, reason, truncate(line));
        }
    }


    /** Closes the file. */
    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            in.close();
        } catch (IOException e) {
            LOG.debug("closing {} failed", file, e);
        }
    }
}
