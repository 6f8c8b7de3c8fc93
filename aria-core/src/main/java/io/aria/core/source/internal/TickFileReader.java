package io.aria.core.source.internal;

import io.aria.core.AssetCatalog;
import io.aria.core.Tick;
import java.io.BufferedReader;
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
 * logged (file, line number, reason, text), counted and skipped.
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

    private final Path file;
    private final Layout layout;
    private final String symbol;
    private final ZoneId zone;
    private final AssetCatalog catalog;
    private final Predicate<String> wanted;
    private final AtomicLong malformed;
    private final BufferedReader in;
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
                ok = true;
                return;
            }
            this.layout = layout != null ? layout : detect(file, first);
            switch (this.layout) {
                case MT5:
                    if (first.startsWith("<")) {
                        mt5Header(first.split("\t", -1));
                    } else {
                        pending = first;
                    }
                    break;
                case PLAIN:
                    plainHeader(first);
                    break;
                default:
                    pending = first;
            }
            this.symbol = this.layout == Layout.PLAIN ? null : symbolFor(file, symbol, catalog);
            ok = true;
        } finally {
            if (!ok) {
                closeQuietly();
            }
        }
    }

    private static BufferedReader open(Path file) {
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
            return new BufferedReader(new InputStreamReader(b, cs), 1 << 16);
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
     * @return the symbols of a plain file's lines (reads the rest of the file), or the file's symbol
     * @throws UncheckedIOException when the file cannot be read
     */
    public Set<String> scanSymbols() {
        Set<String> out = new LinkedHashSet<>();
        if (symbol != null) {
            out.add(symbol);
            return out;
        }
        String line;
        while ((line = readLine()) != null) {
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
            if (line.isBlank()) {
                continue;
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

    private static String truncate(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "...";
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
            try {
                Integer.parseInt(f[cFlags].strip());
            } catch (NumberFormatException e) {
                throw new Malformed("flags is not an integer: '" + f[cFlags] + "'");
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
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s).toInstant().toEpochMilli();
            } catch (DateTimeParseException e2) {
                throw new Malformed("time must be ISO-8601 UTC like 2024-01-02T00:05:00.123Z, was '" + s + "'");
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

    private static double number(String s, String field) {
        try {
            double v = Double.parseDouble(s);
            if (!Double.isFinite(v)) {
                throw new Malformed(field + " must be finite, was '" + s + "'");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new Malformed(field + " is not a number: '" + s + "'");
        }
    }

    /** @return the volume in column {@code col}, 0 when the column is absent or empty */
    private static double volume(String[] f, int col) {
        if (col < 0 || col >= f.length || f[col].isBlank()) {
            return 0;
        }
        double v = number(f[col].strip(), "volume");
        if (v < 0) {
            throw new Malformed("volume must be >= 0, was " + f[col].strip());
        }
        return v;
    }

    private static double price(String s, String field) {
        if (s.isEmpty()) {
            throw new Malformed(field + " is empty");
        }
        double v = number(s, field);
        if (!(v > 0)) {
            throw new Malformed(field + " must be > 0, was " + s);
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

    /** A line-level problem; the message is the reason. */
    private static final class Malformed extends RuntimeException {
        Malformed(String reason) {
            super(reason, null, false, false);
        }
    }
}
