package io.aria.risk;

import io.aria.core.AssetClass;
import java.util.Map;
import java.util.Objects;

/**
 * The open book's exposures at one moment, as shares of equity (notional / equity). Immutable.
 *
 * @param accountCurrency        currency of the notionals
 * @param equity                 equity they are divided by
 * @param symbolExposure         signed net exposure of each open symbol (positive long)
 * @param classGross             sum of |exposure| per asset class
 * @param classCorrelated        correlation-adjusted exposure per asset class, sqrt(e' R e)
 * @param clusterCorrelated      correlation-adjusted exposure of each open symbol's cluster
 * @param accountLeverage        sum of |exposure| over all symbols
 * @param accountCorrelated      correlation-adjusted exposure of the whole book
 */
public record ExposureSnapshot(
        String accountCurrency,
        double equity,
        Map<String, Double> symbolExposure,
        Map<AssetClass, Double> classGross,
        Map<AssetClass, Double> classCorrelated,
        Map<String, Double> clusterCorrelated,
        double accountLeverage,
        double accountCorrelated) {

    public ExposureSnapshot {
        Objects.requireNonNull(accountCurrency, "accountCurrency");
        symbolExposure = Map.copyOf(symbolExposure);
        classGross = Map.copyOf(classGross);
        classCorrelated = Map.copyOf(classCorrelated);
        clusterCorrelated = Map.copyOf(clusterCorrelated);
    }
}
