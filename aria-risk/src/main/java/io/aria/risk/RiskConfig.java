package io.aria.risk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aria.core.AssetCatalog;
import io.aria.core.AssetClass;
import io.aria.core.ClassLimits;
import io.aria.core.LiquidityTier;
import io.aria.core.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * Every limit of the risk layer, in one JSON file. Immutable and thread-safe.
 *
 * <p>{@link #defaults()} holds the seed's values: forex 30&times; leverage and 10% of equity per
 * position, commodities 10&times;/8%, indices 20&times;/12%, crypto 5&times;/5%; a 5% daily loss
 * limit on the UTC day; an error-rate trigger at 20% of orders rejected or failed. A file needs to
 * name only what it changes: {@link #load(Path)} lays the file over the defaults field by field,
 * then validates every value; a bad value is reported with its path and the value, for example
 * {@code risk config risk.json: classLimits.CRYPTO.maxLeverage must be finite and > 0, was -1.0}.
 *
 * <p>Layout (every field optional):
 * <pre>{@code
 * {
 *   "classLimits": { "FOREX": { "maxLeverage": 30, "maxPositionShare": 0.10 }, ... },
 *   "maxAccountLeverage": 30, "maxOpenPositions": 10,
 *   "maxOrderNotional": 1000000, "maxOrdersPerMinute": 30,
 *   "sizing": { "method": "CONFIDENCE", "minConfidence": 0, "tierFactors": { "TIER_3": 0.5 },
 *               "riskPerTradeShare": 0.01, "atrMultiple": 2, "atrPeriod": 14, "atrBarSeconds": 60,
 *               "takeProfitRatio": 1.5, "fallbackStopSpreads": 20 },
 *   "killSwitch": { "dailyLossShare": 0.05, "dayZone": "UTC", "maxErrorRate": 0.2,
 *                   "errorWindowSeconds": 300, "errorMinOrders": 10 },
 *   "correlation": { "lambda": 0.97, "sampleSeconds": 60, "minSamples": 30,
 *                    "priorIntraClass": 0.3, "clusterThreshold": 0.7, "maxClusterExposure": 0.25,
 *                    "maxClassExposure": { "FOREX": 0.3, ... } },
 *   "sessions": { "closeBufferMinutes": 15, "maxSpreadMultiple": 3 }
 * }
 * }</pre>
 *
 * @param classLimits        leverage and per-position share of every asset class
 * @param maxAccountLeverage largest total notional of open positions over equity, &gt; 0
 * @param maxOpenPositions   largest number of symbols with an open position, &gt;= 1
 * @param maxOrderNotional   largest notional of one order in the account currency, &gt; 0
 * @param maxOrdersPerMinute largest number of new (exposure-increasing) orders in any 60 s, &gt;= 1
 * @param sizing             position sizing
 * @param killSwitch         kill switch triggers
 * @param correlation        correlation estimates and limits
 * @param sessions           trading sessions and spreads
 */
public record RiskConfig(
        Map<AssetClass, ClassLimits> classLimits,
        double maxAccountLeverage,
        int maxOpenPositions,
        double maxOrderNotional,
        int maxOrdersPerMinute,
        Sizing sizing,
        KillSwitchRules killSwitch,
        Correlation correlation,
        Sessions sessions) {

    public RiskConfig {
        Objects.requireNonNull(classLimits, "classLimits");
        for (AssetClass c : AssetClass.values()) {
            if (classLimits.get(c) == null) {
                throw new IllegalArgumentException("classLimits." + c + " must be set, was null");
            }
        }
        classLimits = java.util.Collections.unmodifiableMap(new EnumMap<>(classLimits));
        Check.positive(maxAccountLeverage, "maxAccountLeverage");
        Check.atLeast(maxOpenPositions, 1, "maxOpenPositions");
        Check.positive(maxOrderNotional, "maxOrderNotional");
        Check.atLeast(maxOrdersPerMinute, 1, "maxOrdersPerMinute");
        Objects.requireNonNull(sizing, "sizing");
        Objects.requireNonNull(killSwitch, "killSwitch");
        Objects.requireNonNull(correlation, "correlation");
        Objects.requireNonNull(sessions, "sessions");
    }

    /** Which sizer {@link RiskLayer} builds. */
    public enum SizingMethod {
        /** {@link ConfidenceSizer}: a share of equity scaled by confidence and liquidity. */
        CONFIDENCE,
        /** {@link RiskPerTradeSizer}: a fixed share of equity at risk between entry and stop. */
        RISK_PER_TRADE
    }

    /**
     * Position sizing.
     *
     * @param method              which sizer to build
     * @param minConfidence       decisions below this confidence are not traded, in [0, 1]
     * @param tierFactors         size factor of each liquidity tier, in (0, 1]
     * @param riskPerTradeShare   share of equity risked per trade by {@link RiskPerTradeSizer}, in (0, 1]
     * @param atrMultiple         stop distance in ATRs (k &times; ATR), &gt; 0
     * @param atrPeriod           ATR length in bars, &gt;= 1
     * @param atrBarSeconds       bar length the ATR is measured on, &gt;= 1
     * @param takeProfitRatio     take-profit distance as a multiple of the stop distance, &gt;= 0 (0 for none)
     * @param fallbackStopSpreads stop distance in typical spreads while no ATR is known, &gt; 0
     */
    public record Sizing(
            SizingMethod method,
            double minConfidence,
            Map<LiquidityTier, Double> tierFactors,
            double riskPerTradeShare,
            double atrMultiple,
            int atrPeriod,
            int atrBarSeconds,
            double takeProfitRatio,
            double fallbackStopSpreads) {

        public Sizing {
            Objects.requireNonNull(method, "method");
            Check.inRange(minConfidence, 0, 1, "minConfidence");
            Objects.requireNonNull(tierFactors, "tierFactors");
            for (LiquidityTier t : LiquidityTier.values()) {
                Double f = tierFactors.get(t);
                if (f == null || !(f > 0 && f <= 1)) {
                    throw new IllegalArgumentException("tierFactors." + t + " must be in (0, 1], was " + f);
                }
            }
            tierFactors = java.util.Collections.unmodifiableMap(new EnumMap<>(tierFactors));
            if (!(riskPerTradeShare > 0 && riskPerTradeShare <= 1)) {
                throw new IllegalArgumentException("riskPerTradeShare must be in (0, 1], was " + riskPerTradeShare);
            }
            Check.positive(atrMultiple, "atrMultiple");
            Check.atLeast(atrPeriod, 1, "atrPeriod");
            Check.atLeast(atrBarSeconds, 1, "atrBarSeconds");
            Check.nonNegative(takeProfitRatio, "takeProfitRatio");
            Check.positive(fallbackStopSpreads, "fallbackStopSpreads");
        }

        /**
         * @param tier a liquidity tier
         * @return its size factor
         */
        public double tierFactor(LiquidityTier tier) {
            return tierFactors.get(tier);
        }
    }

    /**
     * Kill switch triggers.
     *
     * @param dailyLossShare     loss from start-of-day equity that engages the switch, in (0, 1]
     * @param dayZone            zone whose midnight starts the trading day: UTC (the engine's start-of-day
     *                           equity applies) or the broker's zone (the guard's own)
     * @param maxErrorRate       share of orders rejected or failed above which the switch engages, in [0, 1)
     * @param errorWindowSeconds the sliding window the error rate is measured over, &gt;= 1
     * @param errorMinOrders     fewest orders in the window before the rate counts, &gt;= 1
     */
    public record KillSwitchRules(
            double dailyLossShare,
            ZoneId dayZone,
            double maxErrorRate,
            int errorWindowSeconds,
            int errorMinOrders) {

        public KillSwitchRules {
            if (!(dailyLossShare > 0 && dailyLossShare <= 1)) {
                throw new IllegalArgumentException("dailyLossShare must be in (0, 1], was " + dailyLossShare);
            }
            Objects.requireNonNull(dayZone, "dayZone");
            if (!(maxErrorRate >= 0 && maxErrorRate < 1)) {
                throw new IllegalArgumentException("maxErrorRate must be in [0, 1), was " + maxErrorRate);
            }
            Check.atLeast(errorWindowSeconds, 1, "errorWindowSeconds");
            Check.atLeast(errorMinOrders, 1, "errorMinOrders");
        }
    }

    /**
     * Correlation estimates and limits. Exposures are shares of equity (notional / equity).
     *
     * @param lambda             decay of the exponentially weighted estimates per sample, in (0, 1)
     * @param sampleSeconds      returns are sampled every this many seconds of tick time, &gt;= 1
     * @param minSamples         samples before the estimate fully replaces the prior, &gt;= 1
     * @param priorIntraClass    prior correlation between two assets of one class, in [0, 1)
     * @param clusterThreshold   |correlation| from which two symbols are in one cluster, in (0, 1]
     * @param maxClusterExposure largest correlation-adjusted exposure of a cluster, &gt; 0
     * @param maxClassExposure   largest correlation-adjusted exposure of each asset class, &gt; 0
     */
    public record Correlation(
            double lambda,
            int sampleSeconds,
            int minSamples,
            double priorIntraClass,
            double clusterThreshold,
            double maxClusterExposure,
            Map<AssetClass, Double> maxClassExposure) {

        public Correlation {
            if (!(lambda > 0 && lambda < 1)) {
                throw new IllegalArgumentException("lambda must be in (0, 1), was " + lambda);
            }
            Check.atLeast(sampleSeconds, 1, "sampleSeconds");
            Check.atLeast(minSamples, 1, "minSamples");
            if (!(priorIntraClass >= 0 && priorIntraClass < 1)) {
                throw new IllegalArgumentException("priorIntraClass must be in [0, 1), was " + priorIntraClass);
            }
            if (!(clusterThreshold > 0 && clusterThreshold <= 1)) {
                throw new IllegalArgumentException("clusterThreshold must be in (0, 1], was " + clusterThreshold);
            }
            Check.positive(maxClusterExposure, "maxClusterExposure");
            Objects.requireNonNull(maxClassExposure, "maxClassExposure");
            for (AssetClass c : AssetClass.values()) {
                Double v = maxClassExposure.get(c);
                if (v == null || !(v > 0) || !Double.isFinite(v)) {
                    throw new IllegalArgumentException("maxClassExposure." + c + " must be finite and > 0, was " + v);
                }
            }
            maxClassExposure = java.util.Collections.unmodifiableMap(new EnumMap<>(maxClassExposure));
        }
    }

    /**
     * Trading sessions and spreads.
     *
     * @param closeBufferMinutes no new position this many minutes before a session closes, &gt;= 0
     * @param maxSpreadMultiple  a spread wider than this many typical spreads blocks new entries, &gt;= 1
     */
    public record Sessions(int closeBufferMinutes, double maxSpreadMultiple) {
        public Sessions {
            Check.atLeast(closeBufferMinutes, 0, "closeBufferMinutes");
            if (!(maxSpreadMultiple >= 1) || !Double.isFinite(maxSpreadMultiple)) {
                throw new IllegalArgumentException("maxSpreadMultiple must be finite and >= 1, was " + maxSpreadMultiple);
            }
        }
    }

    private static final RiskConfig DEFAULTS = buildDefaults();

    private static RiskConfig buildDefaults() {
        Map<LiquidityTier, Double> tiers = new EnumMap<>(LiquidityTier.class);
        for (LiquidityTier t : LiquidityTier.values()) {
            tiers.put(t, t.defaultSizeFactor());
        }
        Map<AssetClass, ClassLimits> limits = AssetCatalog.defaultClassLimits();
        Map<AssetClass, Double> classExposure = new EnumMap<>(AssetClass.class);
        for (AssetClass c : AssetClass.values()) {
            classExposure.put(c, Math.rint(3 * limits.get(c).maxPositionShare() * 1e6) / 1e6); // 0.30, not 0.30000000000000004
        }
        return new RiskConfig(limits, 30, 10, 1_000_000, 30,
                new Sizing(SizingMethod.CONFIDENCE, 0.0, tiers, 0.01, 2.0, 14, 60, 1.5, 20),
                new KillSwitchRules(0.05, ZoneId.of("UTC"), 0.20, 300, 10),
                new Correlation(0.97, 60, 30, 0.3, 0.7, 0.25, classExposure),
                new Sessions(15, 3.0));
    }

    /**
     * The seed's limits. Per-class correlation-adjusted exposure defaults to three full positions
     * of the class (forex 30%, commodities 24%, indices 36%, crypto 15% of equity).
     *
     * @return the defaults
     */
    public static RiskConfig defaults() {
        return DEFAULTS;
    }

    /**
     * @param assetClass an asset class
     * @return its limits
     */
    public ClassLimits limits(AssetClass assetClass) {
        return classLimits.get(assetClass);
    }

    /**
     * @param changed new limits of one class
     * @param assetClass the class
     * @return a copy with those limits
     */
    public RiskConfig withClassLimits(AssetClass assetClass, ClassLimits changed) {
        Map<AssetClass, ClassLimits> m = new EnumMap<>(classLimits);
        m.put(Objects.requireNonNull(assetClass, "assetClass"), Objects.requireNonNull(changed, "changed"));
        return new RiskConfig(m, maxAccountLeverage, maxOpenPositions, maxOrderNotional, maxOrdersPerMinute, sizing,
                killSwitch, correlation, sessions);
    }

    // ------------------------------------------------------------------ JSON

    /** @return this configuration as pretty-printed JSON, readable by {@link #fromJson(String)} */
    public String toJson() {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("risk config could not be written as JSON", e);
        }
    }

    /**
     * @param json a configuration document; absent fields keep their defaults
     * @return the configuration
     * @throws IllegalArgumentException naming the field and the value when the document is invalid
     */
    public static RiskConfig fromJson(String json) {
        return parse(json, "risk config");
    }

    /**
     * @param file a configuration file; absent fields keep their defaults
     * @return the configuration
     * @throws IllegalArgumentException naming the file, the field and the value when the file is invalid
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static RiskConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("risk config " + file + " could not be read", e);
        }
        return parse(text, "risk config " + file.getFileName());
    }

    private static RiskConfig parse(String json, String source) {
        ObjectMapper mapper = Json.mapper();
        JsonNode given;
        try {
            given = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (given == null || !given.isObject()) {
            throw new IllegalArgumentException(source + ": must be a JSON object, was "
                    + (given == null ? "empty" : given.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
        }
        ObjectNode merged = mapper.valueToTree(DEFAULTS);
        merge(merged, (ObjectNode) given);
        try {
            return mapper.treeToValue(merged, RiskConfig.class);
        } catch (JsonProcessingException e) {
            throw invalid(source, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    /** Lays {@code over} onto {@code base}: objects field by field, anything else replaced. */
    private static void merge(ObjectNode base, ObjectNode over) {
        Iterator<Map.Entry<String, JsonNode>> it = over.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode old = base.get(e.getKey());
            if (old instanceof ObjectNode o && e.getValue() instanceof ObjectNode n) {
                merge(o, n);
            } else {
                base.set(e.getKey(), e.getValue());
            }
        }
    }

    private static IllegalArgumentException invalid(String source, JsonProcessingException e) {
        StringBuilder path = new StringBuilder();
        if (e instanceof JsonMappingException m) {
            for (JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    path.append('[').append(r.getIndex()).append(']');
                }
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String prefix = path.length() == 0 ? "" : path + ".";
        if (root instanceof IllegalArgumentException) {
            return new IllegalArgumentException(source + ": " + prefix + root.getMessage(), e);
        }
        String where = path.length() == 0 ? "" : " at " + path;
        return new IllegalArgumentException(source + where + ": " + e.getOriginalMessage(), e);
    }

    /** Validation helpers whose messages name the field and show the value. */
    static final class Check {
        private Check() {
        }

        static void positive(double v, String field) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException(field + " must be finite and > 0, was " + v);
            }
        }

        static void nonNegative(double v, String field) {
            if (!(v >= 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException(field + " must be finite and >= 0, was " + v);
            }
        }

        static void inRange(double v, double lo, double hi, String field) {
            if (!(v >= lo && v <= hi)) {
                throw new IllegalArgumentException(field + " must be in [" + lo + ", " + hi + "], was " + v);
            }
        }

        static void atLeast(long v, long min, String field) {
            if (v < min) {
                throw new IllegalArgumentException(field + " must be >= " + min + ", was " + v);
            }
        }
    }
}
