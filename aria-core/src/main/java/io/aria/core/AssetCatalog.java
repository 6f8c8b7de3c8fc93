package io.aria.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.aria.core.internal.Json;
import io.aria.core.internal.SymbolIndex;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The tradable assets and the broker names that map to them. Immutable and thread-safe;
 * {@code with...} methods return changed copies.
 *
 * <p>{@link #defaults()} is the seed's 21 assets: 8 forex pairs, 4 commodities, 5 indices and 4
 * crypto assets, with specifications typical of an MT5 CFD broker. A broker's own specifications,
 * received at connection, replace them through {@link #withSpec(AssetSpec)}.
 *
 * <p>The catalog holds what an asset <em>is</em> (contract, volumes, hours, liquidity), not how much
 * of it may be held: the per-class leverage and position limits are risk policy and live in one
 * place only, aria-risk's {@code RiskConfig} ({@code classLimits}). A catalog document that still
 * names {@code classLimits} is refused with a line saying where they moved, so a limit set there
 * cannot be silently ignored.
 *
 * <p>Each symbol has a stable index in [0, {@link #size()}) so per-symbol state can live in
 * arrays on the hot path.
 */
public final class AssetCatalog {

    /** Version of the JSON layout written by {@link #toJson()}. */
    public static final int JSON_VERSION = 1;

    private final List<AssetSpec> specs;
    /** Symbol to index: every component's per-tick lookup, see {@link SymbolIndex}. */
    private final SymbolIndex index;
    private final Map<String, String> aliases;

    private AssetCatalog(List<AssetSpec> specs, Map<String, String> aliases) {
        Objects.requireNonNull(specs, "specs");
        Objects.requireNonNull(aliases, "aliases");
        List<String> names = new ArrayList<>(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            names.add(Objects.requireNonNull(specs.get(i), "specs[" + i + "]").symbol());
        }
        SymbolIndex idx = new SymbolIndex(names); // throws when a symbol appears twice
        for (Map.Entry<String, String> a : aliases.entrySet()) {
            if (!idx.contains(a.getValue())) {
                throw new IllegalArgumentException("alias " + a.getKey() + " points to unknown symbol " + a.getValue());
            }
        }
        this.specs = List.copyOf(specs);
        this.index = idx;
        this.aliases = Collections.unmodifiableMap(new LinkedHashMap<>(aliases));
    }

    /**
     * @param specs the assets, each symbol once
     * @return a catalog of exactly these assets
     */
    public static AssetCatalog of(List<AssetSpec> specs) {
        return new AssetCatalog(specs, Map.of());
    }

    /** @return the 21 assets of the seed with typical broker specifications */
    public static AssetCatalog defaults() {
        return DefaultAssets.CATALOG;
    }

    /** @return number of assets */
    public int size() {
        return specs.size();
    }

    /** @return all specs in index order */
    public List<AssetSpec> specs() {
        return specs;
    }

    /** @return the catalog symbols in index order */
    public List<String> symbols() {
        List<String> out = new ArrayList<>(specs.size());
        for (AssetSpec s : specs) {
            out.add(s.symbol());
        }
        return out;
    }

    /**
     * @param symbol catalog symbol
     * @return its index, or -1 when the symbol is not in the catalog (allocation-free)
     */
    public int indexOf(String symbol) {
        return index.indexOf(symbol);
    }

    /**
     * @param index index in [0, size())
     * @return the spec at that index
     */
    public AssetSpec spec(int index) {
        return specs.get(index);
    }

    /**
     * @param symbol catalog symbol
     * @return its spec
     * @throws IllegalArgumentException when the symbol is not in the catalog
     */
    public AssetSpec spec(String symbol) {
        int i = indexOf(symbol);
        if (i < 0) {
            throw new IllegalArgumentException("symbol " + symbol + " is not in the catalog");
        }
        return specs.get(i);
    }

    /**
     * @param symbol catalog symbol
     * @return its spec, if present
     */
    public Optional<AssetSpec> find(String symbol) {
        int i = indexOf(symbol);
        return i < 0 ? Optional.empty() : Optional.of(specs.get(i));
    }

    /**
     * @param assetClass a class
     * @return the assets of that class, in index order
     */
    public List<AssetSpec> byClass(AssetClass assetClass) {
        List<AssetSpec> out = new ArrayList<>();
        for (AssetSpec s : specs) {
            if (s.assetClass() == assetClass) {
                out.add(s);
            }
        }
        return out;
    }

    /** @return explicit broker-name to catalog-name aliases */
    public Map<String, String> aliases() {
        return aliases;
    }

    /**
     * Maps a broker's symbol name to a catalog symbol: an explicit alias first, then the name
     * itself, then the name without a broker's decorations ({@code EURUSD.m}, {@code EURUSDm},
     * {@code EURUSD_i}, {@code #US30}, {@code eurusd}).
     *
     * @param brokerName the broker's name
     * @return the catalog symbol, if one matches
     */
    public Optional<String> resolve(String brokerName) {
        if (brokerName == null || brokerName.isBlank()) {
            return Optional.empty();
        }
        String alias = aliases.get(brokerName);
        if (alias != null) {
            return Optional.of(alias);
        }
        if (index.contains(brokerName)) {
            return Optional.of(brokerName);
        }
        String s = brokerName.toUpperCase(Locale.ROOT);
        while (!s.isEmpty() && !Character.isLetterOrDigit(s.charAt(0))) {
            s = s.substring(1);
        }
        if (index.contains(s)) {
            return Optional.of(s);
        }
        int cut = indexOfSeparator(s);
        if (cut > 0 && index.contains(s.substring(0, cut))) {
            return Optional.of(s.substring(0, cut));
        }
        // a short letter suffix glued on (EURUSDm, EURUSDpro): the longest catalog name that prefixes it
        String best = null;
        for (AssetSpec spec : specs) {
            String sym = spec.symbol();
            if (s.startsWith(sym) && s.length() - sym.length() <= 4 && (best == null || sym.length() > best.length())) {
                best = sym;
            }
        }
        return Optional.ofNullable(best);
    }

    private static int indexOfSeparator(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.' || c == '_' || c == '-' || c == '#' || c == '!' || c == '+') {
                return i;
            }
        }
        return -1;
    }

    /**
     * @param spec a spec; replaces the asset of the same symbol or adds a new one at the end
     * @return the changed catalog
     */
    public AssetCatalog withSpec(AssetSpec spec) {
        Objects.requireNonNull(spec, "spec");
        List<AssetSpec> list = new ArrayList<>(specs);
        int i = indexOf(spec.symbol());
        if (i >= 0) {
            list.set(i, spec);
        } else {
            list.add(spec);
        }
        return new AssetCatalog(list, aliases);
    }

    /**
     * @param brokerName broker's name for the symbol
     * @param symbol     catalog symbol it maps to
     * @return the changed catalog
     */
    public AssetCatalog withAlias(String brokerName, String symbol) {
        Map<String, String> a = new LinkedHashMap<>(aliases);
        a.put(Objects.requireNonNull(brokerName, "brokerName"), Objects.requireNonNull(symbol, "symbol"));
        return new AssetCatalog(specs, a);
    }

    /**
     * @param symbols symbols to keep
     * @return a catalog of only those assets, in the given order
     * @throws IllegalArgumentException when a symbol is unknown
     */
    public AssetCatalog subset(List<String> symbols) {
        List<AssetSpec> list = new ArrayList<>();
        for (String s : symbols) {
            list.add(spec(s));
        }
        Map<String, String> a = new LinkedHashMap<>();
        aliases.forEach((k, v) -> {
            if (symbols.contains(v)) {
                a.put(k, v);
            }
        });
        return new AssetCatalog(list, a);
    }

    // ------------------------------------------------------------------ JSON

    /**
     * The file layout. {@code classLimits} is read only to refuse it: class limits are the risk
     * configuration's (see the class comment), and a catalog file that sets them must not look as if
     * it did something.
     */
    record Document(
            @JsonProperty("version") int version,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("classLimits") JsonNode classLimits,
            @JsonProperty("aliases") Map<String, String> aliases,
            @JsonProperty("assets") List<AssetSpec> assets) {
    }

    /** @return the catalog as pretty-printed JSON */
    public String toJson() {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(new Document(JSON_VERSION, null, aliases, specs));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("catalog could not be written as JSON", e);
        }
    }

    /**
     * @param file file to write
     * @throws UncheckedIOException when the file cannot be written
     */
    public void save(Path file) {
        try {
            Files.writeString(file, toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("catalog could not be written to " + file, e);
        }
    }

    /**
     * @param json a document written by {@link #toJson()} (or by hand)
     * @return the catalog
     * @throws IllegalArgumentException naming the field and value when the document is invalid
     */
    public static AssetCatalog fromJson(String json) {
        try {
            return fromDocument(Json.mapper().readValue(json, Document.class), "catalog JSON");
        } catch (JsonProcessingException e) {
            throw invalid("catalog JSON", e);
        }
    }

    /**
     * @param file a catalog file
     * @return the catalog
     * @throws IllegalArgumentException naming the file, field and value when the document is invalid
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static AssetCatalog load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return fromDocument(Json.mapper().readValue(in, Document.class), file.toString());
        } catch (JsonProcessingException e) {
            throw invalid(file.toString(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("catalog could not be read from " + file, e);
        }
    }

    private static AssetCatalog fromDocument(Document d, String source) {
        if (d.version() != JSON_VERSION) {
            throw new IllegalArgumentException(source + ": version must be " + JSON_VERSION + ", was " + d.version());
        }
        if (d.assets() == null || d.assets().isEmpty()) {
            throw new IllegalArgumentException(source + ": assets must not be empty");
        }
        if (d.classLimits() != null) {
            throw new IllegalArgumentException(source + ": classLimits is not a catalog setting; class leverage and"
                    + " position limits are set in the risk config (aria-risk RiskConfig classLimits), remove it here");
        }
        try {
            return new AssetCatalog(d.assets(), d.aliases() == null ? Map.of() : d.aliases());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static IllegalArgumentException invalid(String source, JsonProcessingException e) {
        String where = "";
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            where = " at " + m.getPathReference();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage();
        return new IllegalArgumentException(source + where + ": " + msg, e);
    }

    @Override
    public String toString() {
        return "AssetCatalog" + symbols();
    }

    /** The embedded defaults, built once. */
    private static final class DefaultAssets {
        static final AssetCatalog CATALOG = build();

        private static AssetCatalog build() {
            ZoneId ny = ZoneId.of("America/New_York");
            TradingHours fx = new TradingHours(ny, List.of(new TradingHours.Window(
                    DayOfWeek.SUNDAY, LocalTime.of(17, 0), DayOfWeek.FRIDAY, LocalTime.of(17, 0))));
            // CME Globex: Sunday 18:00 to Friday 17:00 New York, with a daily break 17:00-18:00
            List<TradingHours.Window> globexWindows = new ArrayList<>();
            for (DayOfWeek d : new DayOfWeek[] {DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
                    DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY}) {
                globexWindows.add(new TradingHours.Window(d, LocalTime.of(18, 0), d.plus(1), LocalTime.of(17, 0)));
            }
            TradingHours globex = new TradingHours(ny, globexWindows);
            TradingHours ice = TradingHours.weekdays(ZoneId.of("Europe/London"), LocalTime.of(1, 0), LocalTime.of(23, 0));
            TradingHours xetra = TradingHours.weekdays(ZoneId.of("Europe/Berlin"), LocalTime.of(1, 15), LocalTime.of(22, 0));
            TradingHours lse = TradingHours.weekdays(ZoneId.of("Europe/London"), LocalTime.of(1, 0), LocalTime.of(21, 0));
            TradingHours always = TradingHours.alwaysOpen();

            List<AssetSpec> l = new ArrayList<>();
            l.add(fx("EURUSD", "Euro vs US Dollar", "EUR", "USD", 5, 0.00012, LiquidityTier.TIER_1, fx));
            l.add(fx("GBPUSD", "Great Britain Pound vs US Dollar", "GBP", "USD", 5, 0.00015, LiquidityTier.TIER_1, fx));
            l.add(fx("USDJPY", "US Dollar vs Japanese Yen", "USD", "JPY", 3, 0.014, LiquidityTier.TIER_1, fx));
            l.add(fx("USDCHF", "US Dollar vs Swiss Franc", "USD", "CHF", 5, 0.00016, LiquidityTier.TIER_1, fx));
            l.add(fx("AUDUSD", "Australian Dollar vs US Dollar", "AUD", "USD", 5, 0.00014, LiquidityTier.TIER_2, fx));
            l.add(fx("NZDUSD", "New Zealand Dollar vs US Dollar", "NZD", "USD", 5, 0.00020, LiquidityTier.TIER_2, fx));
            l.add(fx("EURGBP", "Euro vs Great Britain Pound", "EUR", "GBP", 5, 0.00018, LiquidityTier.TIER_2, fx));
            l.add(fx("EURJPY", "Euro vs Japanese Yen", "EUR", "JPY", 3, 0.020, LiquidityTier.TIER_2, fx));

            l.add(other("XAUUSD", AssetClass.COMMODITY, "Gold vs US Dollar", "XAU", "USD", 100, 2, 0.01, 0.1,
                    0.01, 50, 0.01, 0.30, 20, LiquidityTier.TIER_1, globex));
            l.add(other("XAGUSD", AssetClass.COMMODITY, "Silver vs US Dollar", "XAG", "USD", 5000, 3, 0.001, 0.01,
                    0.01, 50, 0.01, 0.030, 20, LiquidityTier.TIER_2, globex));
            l.add(other("USOIL", AssetClass.COMMODITY, "WTI Crude Oil", "WTI", "USD", 1000, 2, 0.01, 0.01,
                    0.01, 50, 0.01, 0.04, 20, LiquidityTier.TIER_2, globex));
            l.add(other("UKOIL", AssetClass.COMMODITY, "Brent Crude Oil", "BRENT", "USD", 1000, 2, 0.01, 0.01,
                    0.01, 50, 0.01, 0.05, 20, LiquidityTier.TIER_2, ice));

            l.add(other("US30", AssetClass.INDEX, "Dow Jones Industrial Average", "US30", "USD", 1, 1, 0.1, 1,
                    0.1, 100, 0.1, 2.0, 50, LiquidityTier.TIER_1, globex));
            l.add(other("SPX500", AssetClass.INDEX, "S&P 500", "SPX500", "USD", 1, 2, 0.01, 0.1,
                    0.1, 100, 0.1, 0.50, 50, LiquidityTier.TIER_1, globex));
            l.add(other("NAS100", AssetClass.INDEX, "Nasdaq 100", "NAS100", "USD", 1, 2, 0.01, 0.1,
                    0.1, 100, 0.1, 1.50, 50, LiquidityTier.TIER_1, globex));
            l.add(other("GER40", AssetClass.INDEX, "DAX 40", "GER40", "EUR", 1, 2, 0.01, 0.1,
                    0.1, 100, 0.1, 1.20, 50, LiquidityTier.TIER_1, xetra));
            l.add(other("UK100", AssetClass.INDEX, "FTSE 100", "UK100", "GBP", 1, 2, 0.01, 0.1,
                    0.1, 100, 0.1, 1.00, 50, LiquidityTier.TIER_2, lse));

            l.add(other("BTCUSD", AssetClass.CRYPTO, "Bitcoin vs US Dollar", "BTC", "USD", 1, 2, 0.01, 1,
                    0.01, 10, 0.01, 15.0, 0, LiquidityTier.TIER_1, always));
            l.add(other("ETHUSD", AssetClass.CRYPTO, "Ether vs US Dollar", "ETH", "USD", 1, 2, 0.01, 0.1,
                    0.01, 100, 0.01, 1.50, 0, LiquidityTier.TIER_2, always));
            l.add(other("ADAUSD", AssetClass.CRYPTO, "Cardano vs US Dollar", "ADA", "USD", 1000, 5, 0.00001, 0.0001,
                    0.1, 1000, 0.1, 0.0015, 0, LiquidityTier.TIER_3, always));
            l.add(other("DOTUSD", AssetClass.CRYPTO, "Polkadot vs US Dollar", "DOT", "USD", 100, 3, 0.001, 0.01,
                    0.1, 1000, 0.1, 0.020, 0, LiquidityTier.TIER_3, always));
            return new AssetCatalog(l, Map.of());
        }

        private static AssetSpec fx(String sym, String desc, String base, String quote, int digits, double spread,
                LiquidityTier tier, TradingHours hours) {
            double point = Math.pow(10, -digits);
            return other(sym, AssetClass.FOREX, desc, base, quote, 100_000, digits, point, point * 10,
                    0.01, 100, 0.01, spread, 10, tier, hours);
        }

        private static AssetSpec other(String sym, AssetClass cls, String desc, String base, String quote,
                double contract, int digits, double point, double pip, double vmin, double vmax, double vstep,
                double spread, int stops, LiquidityTier tier, TradingHours hours) {
            return AssetSpec.builder().symbol(sym).assetClass(cls).description(desc).baseCurrency(base)
                    .quoteCurrency(quote).contractSize(contract).digits(digits).point(point).pipSize(pip)
                    .volumeMin(vmin).volumeMax(vmax).volumeStep(vstep).typicalSpread(spread)
                    .stopsLevelPoints(stops).liquidityTier(tier).tradingHours(hours).build();
        }
    }
}
