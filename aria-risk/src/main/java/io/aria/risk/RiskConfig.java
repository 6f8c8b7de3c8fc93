package io.aria.risk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.aria.core.AssetClass;
import io.aria.core.LiquidityTier;
import io.aria.core.Values;
import io.aria.risk.internal.StrictJson;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Every limit of the risk layer, in one JSON file. Immutable and thread-safe.
 *
 * <p>{@link #defaults()} holds the seed's values: forex 30&times; leverage and 10% of equity per
 * position, commodities 10&times;/8%, indices 20&times;/12%, crypto 5&times;/5% (read as margin
 * tiers: see {@link ClassLimits}); a 5% daily loss limit on the UTC day; an error-rate trigger at
 * 20% of orders rejected or failed. This is the one place class limits are set. A file needs to
 * name only what it changes: {@link #load(Path)} lays the file over the defaults field by field,
 * then validates every value. Anything wrong is one {@link RiskConfigException} whose message is a
 * single line naming the file, the field and the value, for example
 * {@code risk config risk.json: classLimits.CRYPTO.maxLeverage must be finite and > 0, was -1.0}
 * or {@code risk config risk.json: maxOpenPositions: 10.7 is not a whole number}: a missing file, a
 * directory, text that is not UTF-8, invalid JSON, a second JSON value after the object, a
 * duplicate or unknown field, a wrong type, a fraction where a whole number belongs, a value out of
 * range. A UTF-8 byte order mark is accepted.
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
 *   "killSwitch": { "dailyLossShare": 0.05, "dayZone": "UTC", "dayStart": "00:00", "maxErrorRate": 0.2,
 *                   "errorWindowSeconds": 300, "errorMinOrders": 10 },
 *   "correlation": { "lambda": 0.97, "sampleSeconds": 60, "minSamples": 30,
 *                    "priorIntraClass": 0.3, "clusterThreshold": 0.7, "maxClusterExposure": 7.5,
 *                    "maxClassExposure": { "FOREX": 9.0, ... } },
 *   "sessions": { "closeBufferMinutes": 15, "maxSpreadMultiple": 3 }
 * }
 * }</pre>
 *
 * @param classLimits        margin leverage and position size of every asset class ({@link ClassLimits}); the
 *                           only place class limits are set
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
        Values.positive(maxAccountLeverage, "maxAccountLeverage");
        Values.atLeast(maxOpenPositions, 1, "maxOpenPositions");
        Values.positive(maxOrderNotional, "maxOrderNotional");
        Values.atLeast(maxOrdersPerMinute, 1, "maxOrdersPerMinute");
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
            Values.inRange(minConfidence, 0, 1, "minConfidence");
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
            Values.positive(atrMultiple, "atrMultiple");
            Values.atLeast(atrPeriod, 1, "atrPeriod");
            Values.atLeast(atrBarSeconds, 1, "atrBarSeconds");
            Values.nonNegative(takeProfitRatio, "takeProfitRatio");
            Values.positive(fallbackStopSpreads, "fallbackStopSpreads");
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
     * <p>The trading day runs from {@code dayStart} in {@code dayZone} to the same local time the
     * next calendar day (23 or 25 hours across a daylight-saving change). The daily-loss halt lasts
     * until the next day starts and then lifts by itself; the day's loss is measured from the equity
     * at the same boundary (see {@link DailyLossGuard}).
     *
     * @param dailyLossShare     loss from start-of-day equity that engages the switch, in (0, 1]
     * @param dayZone            zone of the trading day's boundary: UTC by default (the engine's start-of-day
     *                           equity applies), or the broker's zone
     * @param dayStart           local time in {@code dayZone} the trading day starts at, 00:00 by default
     *                           (for example 17:00 in America/New_York, the forex day)
     * @param maxErrorRate       share of orders rejected or failed above which the switch engages, in [0, 1)
     * @param errorWindowSeconds the sliding window the error rate is measured over, &gt;= 1
     * @param errorMinOrders     fewest orders in the window before the rate counts, &gt;= 1
     */
    public record KillSwitchRules(
            double dailyLossShare,
            ZoneId dayZone,
            LocalTime dayStart,
            double maxErrorRate,
            int errorWindowSeconds,
            int errorMinOrders) {

        public KillSwitchRules {
            if (!(dailyLossShare > 0 && dailyLossShare <= 1)) {
                throw new IllegalArgumentException("dailyLossShare must be in (0, 1], was " + dailyLossShare);
            }
            Objects.requireNonNull(dayZone, "dayZone");
            Objects.requireNonNull(dayStart, "dayStart");
            if (!(maxErrorRate >= 0 && maxErrorRate < 1)) {
                throw new IllegalArgumentException("maxErrorRate must be in [0, 1), was " + maxErrorRate);
            }
            Values.atLeast(errorWindowSeconds, 1, "errorWindowSeconds");
            Values.atLeast(errorMinOrders, 1, "errorMinOrders");
        }

        /**
         * Rules whose trading day starts at midnight in {@code dayZone}.
         *
         * @param dailyLossShare     see the record
         * @param dayZone            see the record
         * @param maxErrorRate       see the record
         * @param errorWindowSeconds see the record
         * @param errorMinOrders     see the record
         */
        public KillSwitchRules(double dailyLossShare, ZoneId dayZone, double maxErrorRate, int errorWindowSeconds,
                int errorMinOrders) {
            this(dailyLossShare, dayZone, LocalTime.MIDNIGHT, maxErrorRate, errorWindowSeconds, errorMinOrders);
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
            Values.atLeast(sampleSeconds, 1, "sampleSeconds");
            Values.atLeast(minSamples, 1, "minSamples");
            if (!(priorIntraClass >= 0 && priorIntraClass < 1)) {
                throw new IllegalArgumentException("priorIntraClass must be in [0, 1), was " + priorIntraClass);
            }
            if (!(clusterThreshold > 0 && clusterThreshold <= 1)) {
                throw new IllegalArgumentException("clusterThreshold must be in (0, 1], was " + clusterThreshold);
            }
            Values.positive(maxClusterExposure, "maxClusterExposure");
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
            Values.atLeast(closeBufferMinutes, 0, "closeBufferMinutes");
            if (!(maxSpreadMultiple >= 1) || !Double.isFinite(maxSpreadMultiple)) {
                throw new IllegalArgumentException("maxSpreadMultiple must be finite and >= 1, was " + maxSpreadMultiple);
            }
        }
    }

    /**
     * The mapper for risk config files: strict reads (unknown fields, nulls for numbers and numbers
     * for enums are errors), {@code java.time} values as text. The risk layer's own, so that it
     * depends on core's API only; thread-safe and never reconfigured.
     */
    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private static final RiskConfig DEFAULTS = buildDefaults();

    private static RiskConfig buildDefaults() {
        Map<LiquidityTier, Double> tiers = new EnumMap<>(LiquidityTier.class);
        for (LiquidityTier t : LiquidityTier.values()) {
            tiers.put(t, t.defaultSizeFactor());
        }
        Map<AssetClass, ClassLimits> limits = new EnumMap<>(AssetClass.class);
        limits.put(AssetClass.FOREX, new ClassLimits(30, 0.10));
        limits.put(AssetClass.COMMODITY, new ClassLimits(10, 0.08));
        limits.put(AssetClass.INDEX, new ClassLimits(20, 0.12));
        limits.put(AssetClass.CRYPTO, new ClassLimits(5, 0.05));
        Map<AssetClass, Double> classExposure = new EnumMap<>(AssetClass.class);
        for (AssetClass c : AssetClass.values()) {
            // three full positions' notional; rounded so the file shows 9.0, not 9.000000000000002
            classExposure.put(c, Math.rint(3 * limits.get(c).maxPositionNotionalShare() * 1e6) / 1e6);
        }
        return new RiskConfig(limits, 30, 10, 1_000_000, 30,
                new Sizing(SizingMethod.CONFIDENCE, 0.0, tiers, 0.01, 2.0, 14, 60, 1.5, 20),
                new KillSwitchRules(0.05, ZoneId.of("UTC"), LocalTime.MIDNIGHT, 0.20, 300, 10),
                new Correlation(0.97, 60, 30, 0.3, 0.7, 7.5, classExposure),
                new Sessions(15, 3.0));
    }

    /**
     * The seed's limits. Per-class correlation-adjusted exposure defaults to three full positions
     * of the class in notional (forex 900%, commodities 240%, indices 720%, crypto 75% of equity),
     * a correlation cluster's to two and a half full forex positions (750%).
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

    /** Largest risk config file read; a config is a few kilobytes, so anything near this is not one. */
    static final int MAX_FILE_BYTES = 1 << 20;

    /** Text fields that are not free text: each one's check, naming what it accepts. */
    private static final Map<String, java.util.function.Function<String, String>> TEXT_FIELDS = Map.of(
            "sizing.method", v -> {
                for (SizingMethod m : SizingMethod.values()) {
                    if (m.name().equals(v)) {
                        return null;
                    }
                }
                return "is not one of " + java.util.Arrays.toString(SizingMethod.values());
            },
            "killSwitch.dayZone", v -> {
                try {
                    ZoneId.of(v);
                    return null;
                } catch (java.time.DateTimeException e) {
                    return "is not a time zone (a region such as Europe/London, or UTC, or an offset such as +02:00)";
                }
            },
            "killSwitch.dayStart", v -> {
                try {
                    LocalTime.parse(v);
                    return null;
                } catch (java.time.DateTimeException e) {
                    return "is not a local time HH:mm (for example 17:00)";
                }
            });

    /** @return this configuration as pretty-printed JSON, readable by {@link #fromJson(String)} */
    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("risk config could not be written as JSON", e);
        }
    }

    /**
     * @param json a configuration document; absent fields keep their defaults; a leading byte order
     *             mark is skipped
     * @return the configuration
     * @throws RiskConfigException one line naming the field and the value when the document is invalid
     */
    public static RiskConfig fromJson(String json) {
        return parse(Objects.requireNonNull(json, "json"), "risk config");
    }

    /**
     * Reads a configuration file (UTF-8, with or without a byte order mark).
     *
     * @param file a configuration file; absent fields keep their defaults
     * @return the configuration
     * @throws RiskConfigException one line naming the file, and the field and the value, when the file
     *     is missing, not a regular file, unreadable, not UTF-8 or invalid
     */
    public static RiskConfig load(Path file) {
        Objects.requireNonNull(file, "file");
        String where = "risk config " + file;
        return parse(StrictJson.readUtf8File(file, MAX_FILE_BYTES, where), where);
    }

    private static RiskConfig parse(String json, String source) {
        String text = json.startsWith("\uFEFF") ? json.substring(1) : json;
        ObjectMapper mapper = JSON;
        JsonNode given = StrictJson.readOne(mapper, text, source);
        if (!given.isObject()) {
            throw new RiskConfigException(source + ": must be a JSON object, was " + StrictJson.kind(given));
        }
        ObjectNode defaults = mapper.valueToTree(DEFAULTS);
        StrictJson.conform(defaults, (ObjectNode) given, "", source, TEXT_FIELDS);
        StrictJson.merge(defaults, (ObjectNode) given);
        try {
            return mapper.treeToValue(defaults, RiskConfig.class);
        } catch (JsonProcessingException e) {
            throw StrictJson.invalid(source, e);
        } catch (IllegalArgumentException e) {
            throw new RiskConfigException(source + ": " + e.getMessage(), e);
        }
    }
}
