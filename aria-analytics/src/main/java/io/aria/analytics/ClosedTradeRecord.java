package io.aria.analytics;

import static io.aria.core.Values.finite;

import io.aria.core.ClosedTrade;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One closed trade as the reports list it: the {@link ClosedTrade} the pipeline passed, flattened,
 * with its asset class and the entry decision's regime and model shares (what attribution splits
 * its profit by), so anyone can recompute every trade statistic from {@code report.json}.
 *
 * @param symbol           catalog symbol
 * @param assetClass       its class name, {@code UNKNOWN} when the catalog does not know it
 * @param side             BUY for a long, SELL for a short
 * @param volume           lots closed
 * @param entryEpochMillis when the position opened
 * @param entryPrice       open price
 * @param exitEpochMillis  when it closed
 * @param exitPrice        closing price
 * @param profit           realised profit in the account currency
 * @param mae              maximum adverse excursion in the account currency, &gt;= 0
 * @param mfe              maximum favourable excursion in the account currency, &gt;= 0
 * @param exitReason       why it closed
 * @param partial          whether the position stayed open with less volume
 * @param regime           the entry decision's regime, {@code UNKNOWN} without one
 * @param modelShares      each model's share in the entry decision (renormalised to sum to 1),
 *                         empty without an entry decision or a contributing model
 */
public record ClosedTradeRecord(String symbol, String assetClass, String side, double volume, long entryEpochMillis,
        double entryPrice, long exitEpochMillis, double exitPrice, double profit, double mae, double mfe,
        String exitReason, boolean partial, String regime, Map<String, Double> modelShares) {

    public ClosedTradeRecord {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(assetClass, "assetClass");
        Objects.requireNonNull(side, "side");
        finite(volume, "volume");
        finite(entryPrice, "entryPrice");
        finite(exitPrice, "exitPrice");
        finite(profit, "profit");
        finite(mae, "mae");
        finite(mfe, "mfe");
        Objects.requireNonNull(exitReason, "exitReason");
        Objects.requireNonNull(regime, "regime");
        modelShares = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(modelShares, "modelShares")));
    }
}
