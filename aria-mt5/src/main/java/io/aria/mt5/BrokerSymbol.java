package io.aria.mt5;

import io.aria.core.AssetSpec;
import io.aria.core.Values;
import java.util.List;
import java.util.Objects;

/**
 * One symbol as the broker specifies it (PROTOCOL.md 5.2), mapped to a catalog symbol.
 *
 * @param brokerName     the broker's name, for example {@code EURUSD.m}
 * @param catalogSymbol  the catalog name it maps to
 * @param digits         price decimals
 * @param point          smallest price change
 * @param tickSize       smallest tick
 * @param tickValue      profit of one tick for one lot, in the account currency
 * @param contractSize   units per lot
 * @param volumeMin      smallest order
 * @param volumeMax      largest order
 * @param volumeStep     lot increment
 * @param stopsLevel     minimum SL/TP distance in points
 * @param freezeLevel    distance in points inside which orders cannot be changed
 * @param fillingModes   {@code SYMBOL_FILLING_MODE} bits: 1 FOK, 2 IOC
 * @param tradeMode      {@code SYMBOL_TRADE_MODE}: 0 disabled, 1 long only, 2 short only, 3 close only, 4 full
 * @param sessions       trade sessions in server time
 */
public record BrokerSymbol(
        String brokerName,
        String catalogSymbol,
        int digits,
        double point,
        double tickSize,
        double tickValue,
        double contractSize,
        double volumeMin,
        double volumeMax,
        double volumeStep,
        int stopsLevel,
        int freezeLevel,
        int fillingModes,
        int tradeMode,
        List<TradeSession> sessions) {

    /** Trading disabled. */
    public static final int TRADE_MODE_DISABLED = 0;
    /** Only buys. */
    public static final int TRADE_MODE_LONG_ONLY = 1;
    /** Only sells. */
    public static final int TRADE_MODE_SHORT_ONLY = 2;
    /** Only closing positions. */
    public static final int TRADE_MODE_CLOSE_ONLY = 3;
    /** No restriction. */
    public static final int TRADE_MODE_FULL = 4;

    public BrokerSymbol {
        Objects.requireNonNull(brokerName, "brokerName");
        Objects.requireNonNull(catalogSymbol, "catalogSymbol");
        if (digits < 0 || digits > 10) {
            throw new IllegalArgumentException(brokerName + ": digits must be in [0, 10], was " + digits);
        }
        Values.positive(point, brokerName + ": point");
        Values.positive(contractSize, brokerName + ": contractSize");
        Values.positive(volumeMin, brokerName + ": volumeMin");
        Values.positive(volumeStep, brokerName + ": volumeStep");
        if (!(volumeMax >= volumeMin)) {
            throw new IllegalArgumentException(brokerName + ": volumeMax must be >= volumeMin (" + volumeMin + "), was " + volumeMax);
        }
        if (stopsLevel < 0 || freezeLevel < 0) {
            throw new IllegalArgumentException(brokerName + ": stops_level and freeze_level must be >= 0, were "
                    + stopsLevel + " and " + freezeLevel);
        }
        if (tradeMode < 0 || tradeMode > 4) {
            throw new IllegalArgumentException(brokerName + ": trade_mode must be in [0, 4], was " + tradeMode);
        }
        sessions = List.copyOf(sessions);
    }

    /**
     * @param base the catalog's spec of {@link #catalogSymbol()}
     * @return the spec with the broker's values in place of the catalog's defaults
     */
    public AssetSpec applyTo(AssetSpec base) {
        return base.toBuilder().digits(digits).point(point).pipSize(Math.max(base.pipSize(), point))
                .contractSize(contractSize).volumeMin(volumeMin).volumeMax(volumeMax).volumeStep(volumeStep)
                .stopsLevelPoints(stopsLevel).build();
    }

    /**
     * @param lots a volume
     * @return whether the broker accepts it: in [min, max] and a multiple of the step
     */
    public boolean isValidVolume(double lots) {
        if (!(lots >= volumeMin - 1e-12) || lots > volumeMax + 1e-12) {
            return false;
        }
        double steps = lots / volumeStep;
        return Math.abs(steps - Math.rint(steps)) < 1e-6;
    }

    /** @return the minimum SL/TP distance from the market in price units */
    public double minStopDistance() {
        return stopsLevel * point;
    }

    /**
     * One trade session.
     *
     * @param day        0 = Sunday .. 6 = Saturday
     * @param fromSecond seconds since midnight, server time
     * @param toSecond   seconds since midnight, server time, up to 86400
     */
    public record TradeSession(int day, int fromSecond, int toSecond) {
        public TradeSession {
            if (day < 0 || day > 6) {
                throw new IllegalArgumentException("day must be in [0, 6], was " + day);
            }
            if (fromSecond < 0 || toSecond > 86_400 || toSecond < fromSecond) {
                throw new IllegalArgumentException("session must satisfy 0 <= from_s <= to_s <= 86400, was "
                        + fromSecond + ".." + toSecond);
            }
        }
    }
}
