package io.aria.analytics;

/**
 * Rates to the account currency, for valuing positions quoted in another currency. Called from
 * the thread that asks for a risk report, so it must be safe to call from there; for example
 * {@code currency -> myRatesMap.getOrDefault(currency, Double.NaN)} over a concurrent map.
 */
@FunctionalInterface
public interface FxRates {

    /**
     * @param currency ISO code
     * @return how many units of the account currency one unit of {@code currency} is worth, or
     *     NaN when unknown
     */
    double rate(String currency);

    /** @return rates that know nothing: every rate is NaN */
    static FxRates none() {
        return c -> Double.NaN;
    }
}
