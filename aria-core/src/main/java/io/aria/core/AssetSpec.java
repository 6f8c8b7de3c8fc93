package io.aria.core;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.util.Objects;

/**
 * What the pipeline must know of one tradable asset. Broker specifications received from MT5
 * override these defaults field by field.
 *
 * @param symbol           catalog name, for example {@code EURUSD}
 * @param assetClass       the class whose limits apply
 * @param description      human-readable name
 * @param baseCurrency     currency of one unit of the contract (EUR for EURUSD, XAU for gold)
 * @param quoteCurrency    currency prices and profits are quoted in (USD for EURUSD)
 * @param contractSize     units per lot, &gt; 0 (100,000 for forex, 100 oz for gold)
 * @param digits           decimal places of prices, 0..10
 * @param point            smallest price increment, &gt; 0 (0.00001 for EURUSD)
 * @param pipSize          size of a pip in price units, &gt;= point (0.0001 for EURUSD)
 * @param volumeMin        smallest order in lots, &gt; 0
 * @param volumeMax        largest order in lots, &gt;= volumeMin
 * @param volumeStep       lot increment, &gt; 0
 * @param typicalSpread    usual ask - bid in price units, &gt; 0
 * @param stopsLevelPoints minimum distance of SL/TP from the market in points, &gt;= 0
 * @param liquidityTier    depth of the market
 * @param tradingHours     when the asset trades
 */
@JsonDeserialize(builder = AssetSpec.Builder.class)
public record AssetSpec(
        String symbol,
        AssetClass assetClass,
        String description,
        String baseCurrency,
        String quoteCurrency,
        double contractSize,
        int digits,
        double point,
        double pipSize,
        double volumeMin,
        double volumeMax,
        double volumeStep,
        double typicalSpread,
        int stopsLevelPoints,
        LiquidityTier liquidityTier,
        TradingHours tradingHours) {

    /** Volumes closer than this (in lots) count as equal when compared with the limits. */
    private static final double VOLUME_TOLERANCE = 1e-9;

    public AssetSpec {
        Values.text(symbol, "symbol");
        Objects.requireNonNull(assetClass, "assetClass");
        Objects.requireNonNull(description, "description");
        Values.text(baseCurrency, "baseCurrency");
        Values.text(quoteCurrency, "quoteCurrency");
        Values.positive(contractSize, symbol + ": contractSize");
        if (digits < 0 || digits > 10) {
            throw new IllegalArgumentException(symbol + ": digits must be in [0, 10], was " + digits);
        }
        Values.positive(point, symbol + ": point");
        if (!(pipSize >= point)) {
            throw new IllegalArgumentException(symbol + ": pipSize must be >= point (" + point + "), was " + pipSize);
        }
        Values.positive(volumeMin, symbol + ": volumeMin");
        if (!(volumeMax >= volumeMin) || !Double.isFinite(volumeMax)) {
            throw new IllegalArgumentException(symbol + ": volumeMax must be >= volumeMin (" + volumeMin + "), was " + volumeMax);
        }
        Values.positive(volumeStep, symbol + ": volumeStep");
        Values.positive(typicalSpread, symbol + ": typicalSpread");
        if (stopsLevelPoints < 0) {
            throw new IllegalArgumentException(symbol + ": stopsLevelPoints must be >= 0, was " + stopsLevelPoints);
        }
        Objects.requireNonNull(liquidityTier, "liquidityTier");
        Objects.requireNonNull(tradingHours, "tradingHours");
    }

    /**
     * Rounds a volume down to the volume step and caps it at {@code volumeMax}.
     *
     * @param lots requested volume
     * @return a multiple of {@code volumeStep} in [volumeMin, volumeMax], or 0 when {@code lots} is
     *     below {@code volumeMin} (never a silent round-up)
     */
    public double roundVolumeDown(double lots) {
        // the tolerance absorbs binary noise: a min of 3 * 0.1 is 0.30000000000000004, and rounding
        // 0.30000000000000004 lots gives 0.3, which must not count as below that min
        if (!(lots >= volumeMin - VOLUME_TOLERANCE)) {
            return 0.0;
        }
        double capped = Math.min(lots, volumeMax);
        // the small epsilon keeps 0.3/0.01 = 29.999999999999996 at 30 steps
        long steps = (long) Math.floor(capped / volumeStep + 1e-9);
        double v = roundToStep(steps * volumeStep);
        return v < volumeMin - VOLUME_TOLERANCE ? 0.0 : v;
    }

    /**
     * @param lots a volume
     * @return whether {@code lots} is within [volumeMin, volumeMax] and a multiple of volumeStep
     */
    public boolean isValidVolume(double lots) {
        if (!(lots >= volumeMin - 1e-12) || lots > volumeMax + 1e-12) {
            return false;
        }
        double steps = lots / volumeStep;
        return Math.abs(steps - Math.rint(steps)) < 1e-6;
    }

    /**
     * @param price a price
     * @return the price rounded to {@link #digits()} decimals
     */
    public double normalizePrice(double price) {
        double scale = Math.pow(10, digits);
        return Math.rint(price * scale) / scale;
    }

    /** @return the minimum SL/TP distance from the market in price units */
    @JsonIgnore
    public double minStopDistance() {
        return stopsLevelPoints * point;
    }

    /**
     * The one place the contract size turns lots and prices into money: the value of a position,
     * of one lot ({@code notional(1, price)}), of a spread or stop distance ({@code notional(lots,
     * distance)}). Every profit, notional and excursion in core, risk and analytics goes through
     * here or {@link #profit}; convert the result with the quote currency's rate.
     *
     * @param lots  volume
     * @param price price (or price distance) in the quote currency
     * @return value in the quote currency: lots &times; contract size &times; price
     */
    public double notional(double lots, double price) {
        return lots * contractSize * price;
    }

    /**
     * Profit of closing {@code lots} of a position, in the quote currency (multiply by the quote
     * currency's rate for the account currency). A close price of the open price gives 0; a
     * short gains when the price falls.
     *
     * @param side       side of the position (BUY for a long)
     * @param lots       volume closed
     * @param openPrice  entry price
     * @param closePrice exit or mark price (bid for a long, ask for a short)
     * @return {@code notional(lots, side.sign() * (closePrice - openPrice))}
     */
    public double profit(Side side, double lots, double openPrice, double closePrice) {
        return notional(lots, side.sign() * (closePrice - openPrice));
    }

    private double roundToStep(double v) {
        // express the result with as many decimals as the step has, to avoid 0.30000000000000004
        double scale = 1e8;
        return Math.rint(v * scale) / scale;
    }

    /** @return a builder holding this spec's values, to derive a changed copy */
    public Builder toBuilder() {
        return new Builder().symbol(symbol).assetClass(assetClass).description(description)
                .baseCurrency(baseCurrency).quoteCurrency(quoteCurrency).contractSize(contractSize)
                .digits(digits).point(point).pipSize(pipSize).volumeMin(volumeMin).volumeMax(volumeMax)
                .volumeStep(volumeStep).typicalSpread(typicalSpread).stopsLevelPoints(stopsLevelPoints)
                .liquidityTier(liquidityTier).tradingHours(tradingHours);
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link AssetSpec}; {@link #build()} validates every field. */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private String symbol;
        private AssetClass assetClass;
        private String description = "";
        private String baseCurrency;
        private String quoteCurrency;
        private double contractSize;
        private int digits;
        private double point;
        private double pipSize;
        private double volumeMin = 0.01;
        private double volumeMax = 100;
        private double volumeStep = 0.01;
        private double typicalSpread;
        private int stopsLevelPoints;
        private LiquidityTier liquidityTier = LiquidityTier.TIER_1;
        private TradingHours tradingHours = TradingHours.alwaysOpen();

        private Builder() {
        }

        public Builder symbol(String v) { symbol = v; return this; }
        public Builder assetClass(AssetClass v) { assetClass = v; return this; }
        public Builder description(String v) { description = v; return this; }
        public Builder baseCurrency(String v) { baseCurrency = v; return this; }
        public Builder quoteCurrency(String v) { quoteCurrency = v; return this; }
        public Builder contractSize(double v) { contractSize = v; return this; }
        public Builder digits(int v) { digits = v; return this; }
        public Builder point(double v) { point = v; return this; }
        public Builder pipSize(double v) { pipSize = v; return this; }
        public Builder volumeMin(double v) { volumeMin = v; return this; }
        public Builder volumeMax(double v) { volumeMax = v; return this; }
        public Builder volumeStep(double v) { volumeStep = v; return this; }
        public Builder typicalSpread(double v) { typicalSpread = v; return this; }
        public Builder stopsLevelPoints(int v) { stopsLevelPoints = v; return this; }
        public Builder liquidityTier(LiquidityTier v) { liquidityTier = v; return this; }
        public Builder tradingHours(TradingHours v) { tradingHours = v; return this; }

        /**
         * @return the spec
         * @throws IllegalArgumentException naming the first invalid field and its value
         */
        public AssetSpec build() {
            return new AssetSpec(symbol, assetClass, description, baseCurrency, quoteCurrency, contractSize,
                    digits, point, pipSize == 0 ? point : pipSize, volumeMin, volumeMax, volumeStep,
                    typicalSpread, stopsLevelPoints, liquidityTier, tradingHours);
        }
    }
}
