package io.aria.core.source;

import io.aria.core.AssetCatalog;
import io.aria.core.Tick;
import io.aria.core.source.internal.Delivery;
import io.aria.core.source.internal.TickFileReader;
import io.aria.core.source.internal.TickFileReader.Layout;
import io.aria.core.spi.TickListener;
import io.aria.core.spi.TickSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays tick files, several merged in time order, as fast as possible or paced.
 *
 * <p>Three layouts, detected from each file's first line or forced with {@link Builder#format}:
 * <ul>
 *   <li>{@link Format#MT5}: MetaTrader 5 "Export ticks", tab separated, header
 *   {@code <DATE> <TIME> <BID> <ASK> <LAST> <VOLUME> <FLAGS>}, date {@code 2024.01.02}, time
 *   {@code 00:05:00.123}. Times are the broker's server time, in the zone given by
 *   {@link Builder#serverZone(ZoneId)} (UTC by default; many brokers run on
 *   {@code Europe/Athens}-like time, GMT+2/+3). An empty BID or ASK means it did not change:
 *   the last value is carried forward; lines before both are known are skipped.</li>
 *   <li>{@link Format#HISTDATA}: HistData.com ASCII ticks, {@code 20120201 000003660,1.306600,1.306770,0},
 *   no header, times in EST without daylight saving (always UTC-05:00).</li>
 *   <li>{@link Format#PLAIN}: {@code time,symbol,bid,ask[,volume]} with a header, ISO-8601 times
 *   ({@code 2024-01-02T00:05:00.123Z}; an explicit offset is honoured).</li>
 * </ul>
 * MT5 and HistData files hold one symbol: the one given with {@link Builder#file(Path, String)},
 * or found in the file name ({@code EURUSD_202401.csv}, {@code EURUSD.m_ticks.csv},
 * {@code DAT_ASCII_EURUSD_T_201202.csv}) through {@link AssetCatalog#resolve(String)}.
 *
 * <p>A malformed line (unparseable field, non-positive price, unknown symbol, time going backwards
 * for its symbol within the file) is logged at WARN with file, line number, reason and text,
 * counted in {@link #malformedCount()} and skipped; prices and volumes are plain decimals (a Java
 * literal such as {@code 1.0850f}, {@code 0x1.1p0}, {@code NaN} or {@code Infinity} is malformed),
 * and a last line with no newline and missing fields is reported as truncated. An empty or
 * header-only file is logged once at WARN by {@link Builder#build()}. Crossed quotes (ask &lt; bid) are delivered:
 * the pipeline's tick validation counts them. A file that cannot be opened, or whose layout or
 * symbol cannot be told, fails {@link Builder#build()}. {@link Builder#build()} opens every file
 * once to check it; a plain file, whose symbols are only in its lines, is read through then to
 * learn {@link #symbols()} (give {@link Builder#symbols(List)} to restrict them).
 *
 * <p>Threading: {@link #start(TickListener)} delivers from a daemon thread of its own;
 * {@link #readAll()} reads synchronously on the caller's thread; {@link #close()} and
 * {@link #malformedCount()} may be called from any thread.
 *
 * <p>Lifecycle: {@link #start(TickListener)} once (again, or after {@link #close()}, throws
 * {@link IllegalStateException}); a finite source calls {@code onEnd} once after its last tick;
 * once {@link #close()} returns no further tick is handed over (a tick the listener is already
 * processing completes) and {@code onEnd} is not called. An exception thrown by the listener is
 * logged and counted, and delivery goes on.
 */
public final class CsvTickSource implements TickSource {

    private static final Logger LOG = LoggerFactory.getLogger(CsvTickSource.class);

    /** The tick file layouts. */
    public enum Format {
        /** Detect each file's layout from its first line. */
        AUTO,
        /** MetaTrader 5 "Export ticks". */
        MT5,
        /** HistData.com ASCII ticks. */
        HISTDATA,
        /** {@code time,symbol,bid,ask[,volume]}. */
        PLAIN
    }

    private final List<FileSpec> files;
    private final AssetCatalog catalog;
    private final Format format;
    private final ZoneId serverZone;
    private final Predicate<String> wanted;
    private final double speed;
    private final long maxPauseMillis;
    private final List<String> symbols;
    private final AtomicLong malformed = new AtomicLong();
    private final Delivery delivery = new Delivery(this, "aria-csv-ticks");

    private record FileSpec(Path path, String symbol) {
    }

    private CsvTickSource(Builder b) {
        if (b.files.isEmpty()) {
            throw new IllegalArgumentException("files must not be empty");
        }
        this.files = List.copyOf(b.files);
        this.catalog = b.catalog;
        this.format = b.format;
        this.serverZone = b.serverZone;
        Set<String> filter = b.symbols == null ? null : Set.copyOf(b.symbols);
        this.wanted = filter == null ? s -> true : filter::contains;
        this.speed = b.speed;
        this.maxPauseMillis = b.maxPause.toMillis();
        // open every file once now: a missing file or an unknown layout fails here, not mid-replay
        Set<String> syms = new LinkedHashSet<>();
        for (FileSpec f : files) {
            try (TickFileReader r = reader(f, new AtomicLong())) {
                if (r.emptiness() != null) {
                    LOG.warn("{}: no ticks to replay: {}", f.path(), r.emptiness());
                }
                for (String s : r.scanSymbols()) {
                    if (wanted.test(s)) {
                        syms.add(s);
                    }
                }
            }
        }
        this.symbols = List.copyOf(syms);
    }

    private TickFileReader reader(FileSpec f, AtomicLong counter) {
        Layout layout = format == Format.AUTO ? null : Layout.valueOf(format.name());
        return new TickFileReader(f.path(), layout, f.symbol(), serverZone, catalog, wanted, counter);
    }

    /** @return an empty builder (default catalog, format AUTO, server zone UTC, full speed) */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads every tick of one file synchronously, detecting its layout; the symbol of an MT5 or
     * HistData file comes from its name.
     *
     * @param file a tick file
     * @return its valid ticks in file order (malformed lines are logged and skipped)
     * @throws java.io.UncheckedIOException when the file cannot be read
     * @throws IllegalArgumentException     when the layout or the symbol cannot be told
     */
    public static List<Tick> readAll(Path file) {
        return builder().file(file).build().readAll();
    }

    @Override
    public List<String> symbols() {
        return symbols;
    }

    @Override
    public long malformedCount() {
        return malformed.get();
    }

    /**
     * Reads every tick of every file synchronously, merged in time order (ties keep file order).
     * Independent of {@link #start}; malformed lines add to {@link #malformedCount()}.
     *
     * @return the ticks
     * @throws java.io.UncheckedIOException when a file cannot be read
     */
    public List<Tick> readAll() {
        List<Tick> out = new ArrayList<>();
        try (Merger m = new Merger()) {
            Tick t;
            while ((t = m.next()) != null) {
                out.add(t);
            }
        }
        return out;
    }

    @Override
    public void start(TickListener listener) {
        Merger merger = new Merger();
        delivery.start(listener, new Delivery.Puller() {
            @Override
            public Tick next() {
                return merger.next();
            }

            @Override
            public void release() {
                merger.close();
            }
        }, speed, maxPauseMillis);
    }

    @Override
    public void close() {
        delivery.close();
    }

    /** Merges the files' ticks by time; opens them lazily on the first {@link #next()}. */
    private final class Merger implements AutoCloseable {
        private final PriorityQueue<Head> heads = new PriorityQueue<>();
        private final List<TickFileReader> readers = new ArrayList<>();
        private boolean opened;

        Tick next() {
            if (!opened) {
                opened = true;
                for (int i = 0; i < files.size(); i++) {
                    TickFileReader r = reader(files.get(i), malformed);
                    readers.add(r);
                    if (r.symbol() == null || wanted.test(r.symbol())) {
                        advance(r, i);
                    }
                }
            }
            Head h = heads.poll();
            if (h == null) {
                return null;
            }
            advance(h.reader, h.order);
            return h.tick;
        }

        private void advance(TickFileReader r, int order) {
            Tick t = r.next();
            if (t != null) {
                heads.add(new Head(t, order, r));
            }
        }

        @Override
        public void close() {
            for (TickFileReader r : readers) {
                r.close();
            }
        }
    }

    private record Head(Tick tick, int order, TickFileReader reader) implements Comparable<Head> {
        @Override
        public int compareTo(Head o) {
            int c = Long.compare(tick.epochMillis(), o.tick.epochMillis());
            return c != 0 ? c : Integer.compare(order, o.order);
        }
    }

    /**
     * Configures a {@link CsvTickSource}. Not thread-safe.
     */
    public static final class Builder {
        private final List<FileSpec> files = new ArrayList<>();
        private AssetCatalog catalog = AssetCatalog.defaults();
        private Format format = Format.AUTO;
        private ZoneId serverZone = ZoneOffset.UTC;
        private List<String> symbols;
        private double speed;
        private Duration maxPause = Duration.ofSeconds(5);

        private Builder() {
        }

        /**
         * @param file a tick file; an MT5 or HistData file's symbol comes from its name
         * @return this builder
         */
        public Builder file(Path file) {
            files.add(new FileSpec(Objects.requireNonNull(file, "file"), null));
            return this;
        }

        /**
         * @param file   an MT5 or HistData tick file
         * @param symbol its symbol (a catalog or broker name, resolved through the catalog)
         * @return this builder
         */
        public Builder file(Path file, String symbol) {
            files.add(new FileSpec(Objects.requireNonNull(file, "file"), Objects.requireNonNull(symbol, "symbol")));
            return this;
        }

        /**
         * @param files tick files, merged in time order
         * @return this builder
         */
        public Builder files(Path... files) {
            for (Path f : files) {
                file(f);
            }
            return this;
        }

        /**
         * @param catalog resolves symbol names
         * @return this builder
         */
        public Builder catalog(AssetCatalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        /**
         * @param format the layout of every file, or {@link Format#AUTO} (default) to detect each
         * @return this builder
         */
        public Builder format(Format format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /**
         * @param zone the broker's server time zone that MT5 export times are in (default UTC)
         * @return this builder
         */
        public Builder serverZone(ZoneId zone) {
            this.serverZone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /**
         * @param symbols deliver only these catalog symbols (default: all in the files)
         * @return this builder
         */
        public Builder symbols(List<String> symbols) {
            this.symbols = List.copyOf(Objects.requireNonNull(symbols, "symbols"));
            return this;
        }

        /**
         * Replays as fast as the listener takes ticks (the default).
         *
         * @return this builder
         */
        public Builder fullSpeed() {
            this.speed = 0;
            return this;
        }

        /**
         * Replays with the ticks' own time gaps divided by {@code speed}.
         *
         * @param speed how many times faster than real time, finite and &gt; 0
         * @return this builder
         * @throws IllegalArgumentException when not finite and positive
         */
        public Builder speed(double speed) {
            if (!(speed > 0) || !Double.isFinite(speed)) {
                throw new IllegalArgumentException("speed must be finite and > 0, was " + speed);
            }
            this.speed = speed;
            return this;
        }

        /**
         * @param maxPause longest wall-clock wait between two ticks when paced (default 5 s), so
         *                 a weekend in the file does not stall the replay
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder maxPause(Duration maxPause) {
            Objects.requireNonNull(maxPause, "maxPause");
            if (maxPause.isNegative()) {
                throw new IllegalArgumentException("maxPause must not be negative, was " + maxPause);
            }
            this.maxPause = maxPause;
            return this;
        }

        /**
         * @return the source
         * @throws IllegalArgumentException     when no file was given, or a file's layout or symbol cannot be told
         * @throws java.io.UncheckedIOException when a file cannot be read
         */
        public CsvTickSource build() {
            return new CsvTickSource(this);
        }
    }
}
