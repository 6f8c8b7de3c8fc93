package io.aria.examples;

import io.aria.core.AssetCatalog;
import io.aria.risk.RiskConfig;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The value types of the commands' options, each a picocli converter that accepts only what the
 * option can use. A value outside its range is refused while the command line is parsed, before
 * anything starts, with a message that shows the value and what would be accepted; picocli adds
 * the option's name and {@link AriaMain} prints the whole as one line with exit code 2.
 *
 * <p>Every option goes through one of these (or a picocli built-in whose message is already one
 * line naming the value, such as {@code long} and {@code boolean}), so there is one place that
 * decides what a value may be: no check after parsing, no value that is silently replaced.
 */
final class OptionTypes {

    private OptionTypes() {
    }

    /** A shown value: quoted, cut to 60 characters, control characters escaped. */
    static String show(String value) {
        return "'" + AriaMain.oneLine(value.length() > 60 ? value.substring(0, 60) + "..." : value) + "'";
    }

    /** A shown value, whole: quoted, control characters escaped. */
    static String quoted(String value) {
        return "'" + AriaMain.oneLine(value) + "'";
    }

    // ---------------------------------------------------------------- durations

    /** An ISO-8601 duration between a floor and a ceiling. */
    abstract static class DurationType implements ITypeConverter<Duration> {
        private final Duration min;
        private final boolean zeroAllowed;
        private final Duration max;
        private final String example;

        DurationType(Duration min, boolean zeroAllowed, Duration max, String example) {
            this.min = min;
            this.zeroAllowed = zeroAllowed;
            this.max = max;
            this.example = example;
        }

        @Override
        public Duration convert(String value) {
            Duration d;
            try {
                d = Duration.parse(value.strip());
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new TypeConversionException(show(value) + " is not an ISO-8601 duration such as " + example);
            }
            if (d.isZero() && zeroAllowed) {
                return d;
            }
            if (d.isNegative()) {
                throw new TypeConversionException(show(value) + " is negative; give " + range());
            }
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw new TypeConversionException(show(value) + " is out of range; give " + range());
            }
            return d;
        }

        private String range() {
            return "a duration from " + human(min) + " to " + human(max) + (zeroAllowed ? " (or PT0S)" : "")
                    + ", such as " + example;
        }

        private static String human(Duration d) {
            if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
                return d.toDays() + (d.toDays() == 1 ? " day" : " days");
            }
            if (d.toSeconds() > 0 && d.equals(Duration.ofSeconds(d.toSeconds()))) {
                return d.toSeconds() + " s";
            }
            return d.toMillis() + " ms";
        }
    }

    /** How long a run lasts: more than zero, at most ten years. */
    static final class SessionLength extends DurationType {
        SessionLength() {
            super(Duration.ofMillis(1), false, Duration.ofDays(3650), "PT8H");
        }
    }

    /** How long a live run lasts: PT0S (until interrupted), or up to ten years. */
    static final class RunLength extends DurationType {
        RunLength() {
            super(Duration.ofMillis(1), true, Duration.ofDays(3650), "PT2M");
        }
    }

    /** Simulated time between two ticks: 1 ms to a day (the synthetic source's resolution is 1 ms). */
    static final class TickInterval extends DurationType {
        TickInterval() {
            super(Duration.ofMillis(1), false, Duration.ofDays(1), "PT1S");
        }
    }

    /** How often a status line is printed: 10 ms to a day. */
    static final class StatusInterval extends DurationType {
        StatusInterval() {
            super(Duration.ofMillis(10), false, Duration.ofDays(1), "PT2S");
        }
    }

    /** How long to wait for a terminal to answer: 10 ms to an hour. */
    static final class ConnectTimeout extends DurationType {
        ConnectTimeout() {
            super(Duration.ofMillis(10), false, Duration.ofHours(1), "PT30S");
        }
    }

    // ---------------------------------------------------------------- numbers

    /** A plain decimal number between a floor and a ceiling; NaN, infinities and Java literals are refused. */
    abstract static class NumberType implements ITypeConverter<Double> {
        private static final Pattern DECIMAL = Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
        private final double min;
        private final boolean minIncluded;
        private final double max;
        private final String meaning;

        NumberType(double min, boolean minIncluded, double max, String meaning) {
            this.min = min;
            this.minIncluded = minIncluded;
            this.max = max;
            this.meaning = meaning;
        }

        @Override
        public Double convert(String value) {
            String v = value.strip();
            if (v.length() > 40 || !DECIMAL.matcher(v).matches()) {
                throw new TypeConversionException(show(value) + " is not a number; give " + range());
            }
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d) || (minIncluded ? d < min : d <= min) || d > max) {
                throw new TypeConversionException(show(value) + " is out of range; give " + range());
            }
            return d;
        }

        private String range() {
            return meaning + (minIncluded ? " from " : " above ") + plain(min) + " to " + plain(max);
        }

        private static String plain(double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format(Locale.ROOT, "%,.0f", d) : Double.toString(d);
        }
    }

    /** Paper speed: 0 (as fast as possible) or a multiple of real time up to a million. */
    static final class PaperSpeed extends NumberType {
        PaperSpeed() {
            super(0, true, 1e6, "0 (as fast as possible) or a multiple of real time");
        }
    }

    /** Simulated-terminal speed: a multiple of real time above 0, up to 100,000. */
    static final class SimSpeed extends NumberType {
        SimSpeed() {
            super(0, false, 1e5, "a multiple of real time");
        }
    }

    /** A starting balance: above 0, up to a trillion. */
    static final class Balance extends NumberType {
        Balance() {
            super(0, false, 1e12, "a balance");
        }
    }

    // ---------------------------------------------------------------- times, names, places

    /** An MT5 magic number: a whole number &gt; 0 (0 marks manual trades). */
    static final class Magic implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            long v;
            try {
                v = Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new picocli.CommandLine.TypeConversionException(show(value) + " is not a whole number");
            }
            if (v <= 0) {
                throw new picocli.CommandLine.TypeConversionException(show(value)
                        + " is not a magic number > 0 (0 marks manual trades)");
            }
            return v;
        }
    }

    /** A UTC instant between 1970 and 2200, ISO-8601 like 2025-03-03T07:00:00Z. */
    static final class StartTime implements ITypeConverter<Instant> {
        private static final Instant MIN = Instant.EPOCH;
        private static final Instant MAX = Instant.parse("2200-01-01T00:00:00Z");

        @Override
        public Instant convert(String value) {
            Instant t;
            try {
                t = Instant.parse(value.strip());
            } catch (DateTimeException e) {
                throw new TypeConversionException(show(value)
                        + " is not an ISO-8601 UTC time such as 2025-03-03T07:00:00Z");
            }
            if (t.isBefore(MIN) || !t.isBefore(MAX)) {
                throw new TypeConversionException(show(value) + " is out of range; give a time from 1970 to 2199");
            }
            return t;
        }
    }

    /** A symbol of the default catalog, by its catalog name. */
    static final class CatalogSymbol implements ITypeConverter<String> {
        private static final AssetCatalog CATALOG = AssetCatalog.defaults();

        @Override
        public String convert(String value) {
            String s = value.strip();
            if (CATALOG.indexOf(s) < 0) {
                String hint = CATALOG.resolve(s).map(c -> "; did you mean " + c + "?").orElse("; the catalog has "
                        + String.join(",", CATALOG.symbols()));
                throw new TypeConversionException(show(value) + " is not a catalog symbol" + hint);
            }
            return s;
        }
    }

    /**
     * One {@code --symbol-map} entry: a catalog symbol and the broker's name for it.
     *
     * @param catalogSymbol the catalog's name, for example {@code US30}
     * @param brokerName    the broker's, for example {@code DJ30}
     */
    record SymbolMapEntry(String catalogSymbol, String brokerName) {

        /**
         * @param entries the option's entries, in order
         * @param option  the option's name, for the message
         * @return catalog symbol to broker name
         * @throws IllegalArgumentException naming a catalog symbol mapped twice
         */
        static java.util.Map<String, String> toMap(java.util.List<SymbolMapEntry> entries, String option) {
            java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
            for (SymbolMapEntry e : entries == null ? java.util.List.<SymbolMapEntry>of() : entries) {
                String prior = m.putIfAbsent(e.catalogSymbol(), e.brokerName());
                if (prior != null) {
                    throw new IllegalArgumentException(option + " maps " + e.catalogSymbol() + " twice (to " + prior
                            + " and " + e.brokerName() + ")");
                }
            }
            return m;
        }
    }

    /** {@code CATALOG=BROKER}, for example {@code US30=DJ30}: a catalog symbol and the broker's name for it. */
    static final class SymbolMap implements ITypeConverter<SymbolMapEntry> {
        private static final Pattern BROKER = Pattern.compile("[A-Za-z0-9._#!+-]{1,32}");

        @Override
        public SymbolMapEntry convert(String value) {
            int eq = value.indexOf('=');
            if (eq < 0 || eq != value.lastIndexOf('=')) {
                throw new TypeConversionException(show(value) + " is not CATALOG=BROKER, for example US30=DJ30");
            }
            String cat = new CatalogSymbol().convert(value.substring(0, eq));
            String broker = value.substring(eq + 1).strip();
            if (!BROKER.matcher(broker).matches()) {
                throw new TypeConversionException(show(value) + ": the broker name " + show(broker)
                        + " must be 1 to 32 letters, digits or . _ # ! + -");
            }
            return new SymbolMapEntry(cat, broker);
        }
    }

    /** A ZeroMQ TCP endpoint, {@code tcp://host:port} with a port from 1 to 65535. */
    static final class Endpoint implements ITypeConverter<String> {
        private static final Pattern TCP = Pattern.compile(
                "tcp://(\\*|\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?):([0-9]{1,5})");

        @Override
        public String convert(String value) {
            String e = value.strip();
            Matcher m = TCP.matcher(e);
            if (!m.matches()) {
                throw new TypeConversionException(show(value)
                        + " is not a ZeroMQ endpoint tcp://host:port such as tcp://127.0.0.1:15555");
            }
            int port = Integer.parseInt(m.group(3));
            if (port < 1 || port > 65535) {
                throw new TypeConversionException(show(value) + " has port " + port + "; give a port from 1 to 65535");
            }
            return e;
        }

        /** @return the port of an endpoint this converter accepted */
        static int port(String endpoint) {
            return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
        }
    }

    /**
     * A risk limits file, read and checked when the command line is parsed: a missing file, a
     * folder, an unreadable file or an invalid document is refused with the risk layer's own
     * one-line message (which names the field and the value).
     */
    static final class RiskConfigFile implements ITypeConverter<RiskConfig> {
        @Override
        public RiskConfig convert(String value) {
            Path p; // the value is shown whole (quoted), not cut: a path cut short would not say which file
            try {
                p = Path.of(value);
            } catch (InvalidPathException e) {
                throw new TypeConversionException(quoted(value) + " is not a file name: " + e.getReason());
            }
            if (!Files.exists(p)) {
                throw new TypeConversionException(quoted(value) + ": no such file");
            }
            if (Files.isDirectory(p)) {
                throw new TypeConversionException(quoted(value) + " is a folder; give a risk limits JSON file");
            }
            if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
                throw new TypeConversionException(quoted(value) + " cannot be read");
            }
            try {
                return RiskConfig.load(p);
            } catch (IllegalArgumentException e) {
                // the risk layer's message names the file, the field and the value; AriaMain keeps it on one line
                throw new TypeConversionException(e.getMessage() == null ? quoted(value) + " is not a valid risk config"
                        : e.getMessage());
            } catch (UncheckedIOException e) {
                throw new TypeConversionException(quoted(value) + " cannot be read: " + e.getCause().getMessage());
            } catch (RuntimeException e) {
                // a defect of the risk layer's validation: still one line, never a stack trace
                throw new TypeConversionException(quoted(value) + " is not a valid risk config: " + e);
            }
        }
    }

    // ---------------------------------------------------------------- backtest inputs

    /** How much of the data warms the models up: PT0S (none) up to ten years. */
    static final class WarmUpSpan extends DurationType {
        WarmUpSpan() {
            super(Duration.ofMillis(1), true, Duration.ofDays(3650), "PT2H");
        }
    }

    /** A file that exists and can be read (not a folder). */
    static Path readableFile(String value, String what) {
        Path p;
        try {
            p = Path.of(value);
        } catch (InvalidPathException e) {
            throw new TypeConversionException(quoted(value) + " is not a file name: " + e.getReason());
        }
        if (!Files.exists(p)) {
            throw new TypeConversionException(quoted(value) + ": no such file");
        }
        if (Files.isDirectory(p)) {
            throw new TypeConversionException(quoted(value) + " is a folder; give " + what);
        }
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw new TypeConversionException(quoted(value) + " cannot be read");
        }
        return p;
    }

    /** A tick file that exists and can be read; its layout and symbol are checked when the source is built. */
    static final class TickFile implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            return readableFile(value, "a tick file");
        }
    }

    /** A time zone id such as UTC, Europe/Athens or +02:00. */
    static final class Zone implements ITypeConverter<java.time.ZoneId> {
        @Override
        public java.time.ZoneId convert(String value) {
            try {
                return java.time.ZoneId.of(value.strip());
            } catch (DateTimeException e) {
                throw new TypeConversionException(show(value) + " is not a time zone such as UTC, Europe/Athens or +02:00");
            }
        }
    }

    /**
     * History bars read from a file.
     *
     * @param file the file
     * @param bars its bars
     */
    record Bars(Path file, java.util.List<io.aria.core.ensemble.Bar> bars) {
    }

    /** An M1 bar file ({@link io.aria.core.ensemble.BarCsv}): every line must parse, and there must be bars. */
    static final class BarFile implements ITypeConverter<Bars> {
        @Override
        public Bars convert(String value) {
            Path p = readableFile(value, "a bar CSV file");
            io.aria.core.ensemble.BarCsv.Result r;
            try {
                r = io.aria.core.ensemble.BarCsv.read(p, Duration.ofMinutes(1));
            } catch (UncheckedIOException e) {
                throw new TypeConversionException(quoted(value) + " cannot be read: " + e.getCause().getMessage());
            }
            if (!r.errors().isEmpty()) {
                throw new TypeConversionException(quoted(value) + ": " + r.errors().get(0)
                        + (r.errors().size() > 1 ? " (and " + (r.errors().size() - 1) + " more bad lines)" : ""));
            }
            if (r.bars().isEmpty()) {
                throw new TypeConversionException(quoted(value) + " holds no bar (symbol,start,open,high,low,close,volume)");
            }
            return new Bars(p, r.bars());
        }
    }
}
