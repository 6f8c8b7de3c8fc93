package io.aria.core.source.internal;

import io.aria.core.AssetCatalog;
import io.aria.core.Tick;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
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
    private static final int MAX_TEXT = 120;
    private static final int WARN_LIMIT = 50;
    /** Longest line read whole; a longer one is malformed (a binary file has no newlines to stop at). */
    static final int MAX_LINE = 1 << 16;
    /** Longest number taken as a price or volume. */
    private static final int MAX_NUMBER = 64;

    private final Path file;
    private final Layout layout;
    private final String symbol;
    private final ZoneId zone;
    private final AssetCatalog catalog;
    private final Predicate<String> wanted;
    private final AtomicLong malformed;
    private final LineReader in;
    private final Map<String, Long> lastTime = new HashMap<>();
    /** Names of a plain file's symbol column already resolved (absent names are not catalog symbols). */
    private final Map<String, Optional<String>> resolved = new HashMap<>();
    private long lineNo;
    private long malformedHere;
    // column positions (MT5 and PLAIN headers)
    private int cDate = 0;
    private int cTime = 1;
    private int cBid = 2;
    private int cAsk = 3;
    private int cVolume = 5;
    private int cFlags = 6;
    private int cSymbol = 1;
    private int columns;
    private double lastBid = Double.NaN;
    private double lastAsk = Double.NaN;
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
        this.zone = zone;
        this.catalog = catalog;
        this.wanted = wanted;
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
            boolean header = false;
            switch (this.layout) {
                case MT5:
                    if (first.startsWith("<")) {
                        String[] h = first.split("\t", -1);
                        mt5Header(h);
                        expectedFields = h.length;
                        header = true;
                    } else {
                        pending = first; // no header: the column count is not known

                    }
                    break;
                case PLAIN:
                    plainHeader(first);
                    header = true;
                    break;
                default:
                    pending = first;
                    expectedFields = 4;
            }
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

    private static LineReader open(Path file) {
        try {
            InputStream raw = Files.newInputStream(file);
            java.io.BufferedInputStream b = new java.io.BufferedInputStream(raw, 1 << 16);
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
            String[] f = line.split(",", -1);
            if (f.length > cSymbol) {
                String name = f[cSymbol].strip();
                resolveCached(name).filter(wanted).ifPresent(out::add);
            }
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
                int fields = fieldCount(line, layout == Layout.MT5 ? '\t' : ',');
                if (fields < expectedFields) {
                    reject("truncated last line: no newline at the end of the file and " + fields + " of "
                            + expectedFields + " fields", line);
                    continue;
                }
            }
            Tick t;
            try {
                switch (layout) {
                    case MT5:
                        t = mt5(line);
                        break;
                    case HISTDATA:
                        t = histdata(line);
                        break;
                    default:
                        t = plain(line);
                }
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

    /** @return the text cut to {@value #MAX_TEXT} characters, control characters escaped, so a message stays one line */
    private static String truncate(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_TEXT) + 8);
        for (int i = 0; i < s.length() && i < MAX_TEXT; i++) {
            char c = s.charAt(i);
            if (c == '\t') {
                b.append("\\t");
            } else if (c < 0x20 || c == 0x7F || c == 0x85 || c == 0x2028 || c == 0x2029) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (s.length() > MAX_TEXT) {
            b.append("...");
        }
        return b.toString();
    }

    // ------------------------------------------------------------------ MT5

    private void mt5Header(String[] h) {
        cDate = cTime = cBid = cAsk = cVolume = cFlags = -1;
        for (int i = 0; i < h.length; i++) {
            switch (h[i].strip().toUpperCase(Locale.ROOT)) {
                case "<DATE>": cDate = i; break;
                case "<TIME>": cTime = i; break;
                case "<BID>": cBid = i; break;
                case "<ASK>": cAsk = i; break;
                case "<VOLUME>": cVolume = i; break;
                case "<FLAGS>": cFlags = i; break;
                default: break;
            }
        }
        if (cDate < 0 || cTime < 0 || cBid < 0 || cAsk < 0) {
            throw new IllegalArgumentException(file + ": MT5 tick header must have <DATE>, <TIME>, <BID> and <ASK>, was '"
                    + truncate(String.join("\t", h)) + "'");
        }
    }

    private Tick mt5(String line) {
        String[] f = line.split("\t", -1);
        if (f.length <= Math.max(cDate, Math.max(cTime, Math.max(cBid, cAsk)))) {
            throw new Malformed("expected at least " + (Math.max(cDate, Math.max(cTime, Math.max(cBid, cAsk))) + 1)
                    + " tab-separated fields, found " + f.length);
        }
        long time = mt5Time(f[cDate].strip(), f[cTime].strip());
        String b = f[cBid].strip();
        String a = f[cAsk].strip();
        double bid = b.isEmpty() ? lastBid : price(b, "bid");
        double ask = a.isEmpty() ? lastAsk : price(a, "ask");
        if (cFlags >= 0 && cFlags < f.length && !f[cFlags].isBlank()) {
            String flags = f[cFlags].strip();
            if (flags.length() > 10 || !allDigits(flags, 0, flags.length())) {
                throw new Malformed("flags is not a non-negative integer: '" + truncate(flags) + "'");
            }
        }
        double volume = volume(f, cVolume);
        lastBid = bid;
        lastAsk = ask;
        if (Double.isNaN(bid) || Double.isNaN(ask)) {
            // the file starts with a change of one side only: no full quote yet
            return null;
        }
        return new Tick(symbol, time, bid, ask, volume);
    }

    private long mt5Time(String date, String time) {
        // 2024.01.02  00:05:00.123
        if (date.length() != 10 || date.charAt(4) != '.' || date.charAt(7) != '.') {
            throw new Malformed("date must look like 2024.01.02, was '" + date + "'");
        }
        int y = digits(date, 0, 4, "date");
        int mo = digits(date, 5, 7, "date");
        int d = digits(date, 8, 10, "date");
        if (time.length() < 8 || time.charAt(2) != ':' || time.charAt(5) != ':') {
            throw new Malformed("time must look like 00:05:00.123, was '" + time + "'");
        }
        int h = digits(time, 0, 2, "time");
        int mi = digits(time, 3, 5, "time");
        int s = digits(time, 6, 8, "time");
        int ms = 0;
        if (time.length() > 8) {
            if (time.charAt(8) != '.' || time.length() > 12 || time.length() == 9) {
                throw new Malformed("time must look like 00:05:00.123, was '" + time + "'");
            }
            ms = digits(time, 9, time.length(), "time");
            for (int k = time.length(); k < 12; k++) {
                ms *= 10;
            }
        }
        return epochMillis(y, mo, d, h, mi, s, ms, zone);
    }

    // ------------------------------------------------------------------ HistData

    private Tick histdata(String line) {
        // 20120201 000003660,1.306600,1.306770,0
        String[] f = line.split(",", -1);
        if (f.length < 3) {
            throw new Malformed("expected 'yyyyMMdd HHmmssSSS,bid,ask,volume', found " + f.length + " fields");
        }
        String ts = f[0].strip();
        if (ts.length() < 15 || ts.charAt(8) != ' ') {
            throw new Malformed("time must look like 20120201 000003660, was '" + ts + "'");
        }
        int y = digits(ts, 0, 4, "time");
        int mo = digits(ts, 4, 6, "time");
        int d = digits(ts, 6, 8, "time");
        int h = digits(ts, 9, 11, "time");
        int mi = digits(ts, 11, 13, "time");
        int s = digits(ts, 13, 15, "time");
        int ms = 0;
        if (ts.length() > 15) {
            if (ts.length() != 18) {
                throw new Malformed("time must look like 20120201 000003660, was '" + ts + "'");
            }
            ms = digits(ts, 15, 18, "time");
        }
        long time = epochMillis(y, mo, d, h, mi, s, ms, HISTDATA_ZONE);
        double bid = price(f[1].strip(), "bid");
        double ask = price(f[2].strip(), "ask");
        double volume = volume(f, 3);
        return new Tick(symbol, time, bid, ask, volume);
    }

    // ------------------------------------------------------------------ plain

    private void plainHeader(String first) {
        String[] h = first.split(",", -1);
        int cT = -1;
        int cS = -1;
        int cB = -1;
        int cA = -1;
        int cV = -1;
        for (int i = 0; i < h.length; i++) {
            switch (h[i].strip().toLowerCase(Locale.ROOT)) {
                case "time":
                case "timestamp":
                    cT = i;
                    break;
                case "symbol": cS = i; break;
                case "bid": cB = i; break;
                case "ask": cA = i; break;
                case "volume": cV = i; break;
                default: break;
            }
        }
        if (cT < 0 || cS < 0 || cB < 0 || cA < 0) {
            throw new IllegalArgumentException(file + ": tick CSV header must name time, symbol, bid and ask, was '"
                    + truncate(first) + "'");
        }
        cTime = cT;
        cSymbol = cS;
        cBid = cB;
        cAsk = cA;
        cVolume = cV;
        columns = Math.max(Math.max(cT, cS), Math.max(cB, cA)) + 1;
        expectedFields = h.length;
    }

    private Tick plain(String line) {
        String[] f = line.split(",", -1);
        if (f.length < columns) {
            throw new Malformed("expected at least " + columns + " comma-separated fields, found " + f.length);
        }
        String name = f[cSymbol].strip();
        Optional<String> sym = resolveCached(name);
        if (sym.isEmpty()) {
            throw new Malformed("symbol '" + name + "' is not in the catalog");
        }
        if (!wanted.test(sym.get())) {
            return null;
        }
        long time = isoTime(f[cTime].strip());
        double bid = price(f[cBid].strip(), "bid");
        double ask = price(f[cAsk].strip(), "ask");
        double volume = volume(f, cVolume);
        return new Tick(sym.get(), time, bid, ask, volume);
    }

    private Optional<String> resolveCached(String name) {
        Optional<String> sym = resolved.get(name);
        if (sym == null) {
            sym = catalog.resolve(name);
            if (resolved.size() < 10_000) {
                resolved.put(name, sym);
            }
        }
        return sym;
    }

    private static long isoTime(String s) {
        // the common form 2024-01-02T00:05:00[.123]Z directly; anything else through java.time
        int n = s.length();
        if (n >= 20 && s.charAt(4) == '-' && s.charAt(7) == '-' && s.charAt(10) == 'T' && s.charAt(13) == ':'
                && s.charAt(16) == ':' && s.charAt(n - 1) == 'Z' && (n == 20 || (s.charAt(19) == '.' && n <= 30))
                && allDigits(s, 0, 4) && allDigits(s, 5, 7) && allDigits(s, 8, 10) && allDigits(s, 11, 13)
                && allDigits(s, 14, 16) && allDigits(s, 17, 19) && (n == 20 || (n > 21 && allDigits(s, 20, n - 1)))) {
            int ms = 0;
            for (int i = 20; i < Math.min(23, n - 1); i++) {
                ms = ms * 10 + (s.charAt(i) - '0');
            }
            for (int i = Math.max(n - 1, 20); i < 23; i++) {
                ms *= 10;
            }
            return epochMillis(digits(s, 0, 4, "time"), digits(s, 5, 7, "time"), digits(s, 8, 10, "time"),
                    digits(s, 11, 13, "time"), digits(s, 14, 16, "time"), digits(s, 17, 19, "time"), ms,
                    ZoneOffset.UTC);
        }
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            try {
                return OffsetDateTime.parse(s).toInstant().toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e2) {
                throw new Malformed("time must be ISO-8601 UTC like 2024-01-02T00:05:00.123Z, was '" + truncate(s) + "'");
            }
        }
    }

    // ------------------------------------------------------------------ numbers and times

    private static long epochMillis(int y, int mo, int d, int h, int mi, int s, int ms, ZoneId zone) {
        try {
            if (h > 23 || mi > 59 || s > 59) {
                throw new Malformed("time of day out of range: " + h + ":" + mi + ":" + s);
            }
            long msOfDay = ((h * 60L + mi) * 60 + s) * 1000 + ms;
            if (zone instanceof ZoneOffset) {
                return LocalDate.of(y, mo, d).toEpochDay() * 86_400_000L + msOfDay
                        - ((ZoneOffset) zone).getTotalSeconds() * 1000L;
            }
            return LocalDateTime.of(y, mo, d, h, mi, s, ms * 1_000_000).atZone(zone).toInstant().toEpochMilli();
        } catch (DateTimeException e) {
            throw new Malformed("invalid date: " + e.getMessage());
        }
    }

    private static boolean allDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int digits(String s, int from, int to, String field) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new Malformed(field + " has a non-digit '" + c + "' in '" + s + "'");
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /**
     * Parses a plain decimal: an optional minus, digits with an optional fraction (at least one
     * digit in all), an optional exponent. {@link Double#parseDouble} alone would also take Java
     * literals ({@code 1.5f}, {@code 1e3d}, {@code 0x1.1p0}, {@code NaN}, {@code Infinity}) that no
     * tick export writes: those are malformed.
     */
    private static double number(String s, String field) {
        if (!isDecimal(s)) {
            throw new Malformed(field + " is not a decimal number: '" + truncate(s) + "'");
        }
        double v = Double.parseDouble(s);
        if (!Double.isFinite(v)) {
            throw new Malformed(field + " is out of range: '" + truncate(s) + "'");
        }
        return v;
    }

    static boolean isDecimal(String s) {
        int n = s.length();
        if (n == 0 || n > MAX_NUMBER) {
            return false;
        }
        int i = s.charAt(0) == '-' ? 1 : 0;
        int mantissa = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            mantissa++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                mantissa++;
            }
        }
        if (mantissa == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                i++;
            }
            int exponent = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** @return the volume in column {@code col}, 0 when the column is absent or empty */
    private static double volume(String[] f, int col) {
        if (col < 0 || col >= f.length || f[col].isBlank()) {
            return 0;
        }
        double v = number(f[col].strip(), "volume");
        if (v < 0) {
            throw new Malformed("volume must be >= 0, was " + truncate(f[col].strip()));
        }
        return v;
    }

    private static double price(String s, String field) {
        if (s.isEmpty()) {
            throw new Malformed(field + " is empty");
        }
        double v = number(s, field);
        if (!(v > 0)) {
            throw new Malformed(field + " must be > 0, was " + truncate(s));
        }
        return v;
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

    /**
     * Reads lines ending in LF, CR LF or CR, like {@link java.io.BufferedReader#readLine()}, and also says
     * whether the last line returned ended with one (a last line without it may be cut short), and
     * whether it was longer than {@link #MAX_LINE} (then its start is returned and the rest skipped).
     */
    static final class LineReader implements Closeable {
        private final java.io.Reader in;
        private final char[] buf = new char[1 << 16];
        private final StringBuilder line = new StringBuilder(128);
        private int pos;
        private int limit;
        private boolean eof;
        private boolean skipLf;
        private boolean terminated = true;
        private boolean tooLong;

        LineReader(java.io.Reader in) {
            this.in = in;
        }

        /** @return the next line without its terminator, or null at the end */
        String readLine() throws IOException {
            line.setLength(0);
            tooLong = false;
            boolean any = false;
            while (true) {
                if (pos >= limit) {
                    if (eof || !fill()) {
                        terminated = false;
                        return any ? line.toString() : null;
                    }
                }
                if (skipLf) {
                    skipLf = false;
                    if (buf[pos] == '\n') {
                        pos++;
                        continue;
                    }
                }
                int start = pos;
                int end = scan(start);
                pos = end;
                if (pos < limit && !any && pos - start <= MAX_LINE) {
                    // the whole line is in the buffer: one copy, as BufferedReader does
                    String whole = new String(buf, start, pos - start);
                    skipLf = buf[pos] == '\r';
                    pos++;
                    terminated = true;
                    return whole;
                }
                any = true;
                append(start, pos);
                if (pos < limit) {
                    skipLf = buf[pos] == '\r';
                    pos++;
                    terminated = true;
                    return line.toString();
                }
            }
        }

        /** @return the index of the first CR or LF from {@code from}, or {@code limit} (locals: no field write per char) */
        private int scan(int from) {
            char[] b = buf;
            int end = limit;
            int i = from;
            while (i < end) {
                char c = b[i];
                if (c == '\n' || c == '\r') {
                    break;
                }
                i++;
            }
            return i;
        }

        private void append(int from, int to) {
            int room = MAX_LINE - line.length();
            if (to - from > room) {
                tooLong = true;
                to = from + Math.max(0, room);
            }
            line.append(buf, from, to - from);
        }

        private boolean fill() throws IOException {
            int n;
            do {
                n = in.read(buf, 0, buf.length);
            } while (n == 0);
            if (n < 0) {
                eof = true;
                return false;
            }
            pos = 0;
            limit = n;
            return true;
        }

        /** @return whether the last line returned ended with a line terminator */
        boolean terminated() {
            return terminated;
        }

        /** @return whether the last line returned was longer than {@link #MAX_LINE} */
        boolean tooLong() {
            return tooLong;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** A line-level problem; the message is the reason. */
    private static final class Malformed extends RuntimeException {
        Malformed(String reason) {
            super(reason, null, false, false);
        }
    }
}
