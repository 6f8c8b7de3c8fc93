package io.aria.core.source.internal;

import io.aria.core.AssetClass;
import java.util.HashMap;
import java.util.Map;

/**
 * The synthetic source's market defaults: start price and annual volatility of the 21 default
 * assets, their pairwise correlations (the whole matrix is positive definite), and a volatility
 * per asset class for symbols without one.
 */
public final class MarketDefaults {

    /** Default start price and annual volatility of the 21 default assets. */
    private static final Map<String, double[]> DEFAULT_PRICE_VOL = new HashMap<>();
    /** Default pairwise correlations; pairs not listed are 0. */
    private static final Map<String, Double> DEFAULT_CORRELATIONS = new HashMap<>();

    static {
        pv("EURUSD", 1.08, 0.07);
        pv("GBPUSD", 1.27, 0.08);
        pv("USDJPY", 150.0, 0.09);
        pv("USDCHF", 0.88, 0.07);
        pv("AUDUSD", 0.66, 0.10);
        pv("NZDUSD", 0.60, 0.10);
        pv("EURGBP", 0.85, 0.05);
        pv("EURJPY", 162.0, 0.09);
        pv("XAUUSD", 2650.0, 0.15);
        pv("XAGUSD", 31.0, 0.28);
        pv("USOIL", 70.0, 0.35);
        pv("UKOIL", 74.0, 0.32);
        pv("US30", 43000.0, 0.14);
        pv("SPX500", 5900.0, 0.16);
        pv("NAS100", 20800.0, 0.20);
        pv("GER40", 19500.0, 0.17);
        pv("UK100", 8200.0, 0.13);
        pv("BTCUSD", 90000.0, 0.60);
        pv("ETHUSD", 3300.0, 0.75);
        pv("ADAUSD", 0.90, 0.90);
        pv("DOTUSD", 7.50, 0.90);

        // forex: the USD factor drives the majors; crosses follow from their legs
        rho("EURUSD", "GBPUSD", 0.70);
        rho("EURUSD", "USDCHF", -0.80);
        rho("EURUSD", "AUDUSD", 0.55);
        rho("EURUSD", "NZDUSD", 0.50);
        rho("EURUSD", "USDJPY", -0.30);
        rho("EURUSD", "EURGBP", 0.20);
        rho("EURUSD", "EURJPY", 0.40);
        rho("GBPUSD", "USDCHF", -0.55);
        rho("GBPUSD", "AUDUSD", 0.55);
        rho("GBPUSD", "NZDUSD", 0.50);
        rho("GBPUSD", "USDJPY", -0.25);
        rho("GBPUSD", "EURGBP", -0.45);
        rho("GBPUSD", "EURJPY", 0.30);
        rho("USDJPY", "USDCHF", 0.40);
        rho("USDJPY", "AUDUSD", -0.15);
        rho("USDJPY", "NZDUSD", -0.15);
        rho("USDJPY", "EURJPY", 0.60);
        rho("USDCHF", "AUDUSD", -0.45);
        rho("USDCHF", "NZDUSD", -0.40);
        rho("USDCHF", "EURGBP", -0.10);
        rho("USDCHF", "EURJPY", -0.15);
        rho("AUDUSD", "NZDUSD", 0.85);
        rho("AUDUSD", "EURJPY", 0.30);
        rho("NZDUSD", "EURJPY", 0.25);
        rho("EURGBP", "EURJPY", 0.15);
        // commodities
        rho("XAUUSD", "XAGUSD", 0.80);
        rho("USOIL", "UKOIL", 0.90);
        rho("XAUUSD", "USOIL", 0.15);
        rho("XAUUSD", "UKOIL", 0.15);
        rho("XAGUSD", "USOIL", 0.20);
        rho("XAGUSD", "UKOIL", 0.20);
        // indices
        rho("US30", "SPX500", 0.90);
        rho("SPX500", "NAS100", 0.90);
        rho("US30", "NAS100", 0.85);
        rho("GER40", "UK100", 0.70);
        rho("US30", "GER40", 0.50);
        rho("SPX500", "GER40", 0.50);
        rho("NAS100", "GER40", 0.45);
        rho("US30", "UK100", 0.45);
        rho("SPX500", "UK100", 0.45);
        rho("NAS100", "UK100", 0.35);
        // crypto
        rho("BTCUSD", "ETHUSD", 0.80);
        rho("BTCUSD", "ADAUSD", 0.70);
        rho("BTCUSD", "DOTUSD", 0.70);
        rho("ETHUSD", "ADAUSD", 0.75);
        rho("ETHUSD", "DOTUSD", 0.75);
        rho("ADAUSD", "DOTUSD", 0.80);
        // across classes: weak links only (the whole matrix is positive definite, smallest eigenvalue ~0.037)
        rho("EURUSD", "XAUUSD", 0.10);
        rho("NAS100", "BTCUSD", 0.15);
    }

    private static void pv(String symbol, double price, double vol) {
        DEFAULT_PRICE_VOL.put(symbol, new double[] {price, vol});
    }

    private static void rho(String a, String b, double r) {
        DEFAULT_CORRELATIONS.put(a + "/" + b, r);
        DEFAULT_CORRELATIONS.put(b + "/" + a, r);
    }

    private MarketDefaults() {
    }

    /** @return the default start price, or NaN when the symbol has none */
    public static double startPrice(String symbol) {
        double[] v = DEFAULT_PRICE_VOL.get(symbol);
        return v == null ? Double.NaN : v[0];
    }

    /** @return the default annual volatility, or NaN when the symbol has none */
    public static double volatility(String symbol) {
        double[] v = DEFAULT_PRICE_VOL.get(symbol);
        return v == null ? Double.NaN : v[1];
    }

    /** @return the default correlation: 1 for the same symbol, 0 for pairs without a default */
    public static double correlation(String a, String b) {
        if (a.equals(b)) {
            return 1.0;
        }
        return DEFAULT_CORRELATIONS.getOrDefault(a + "/" + b, 0.0);
    }

    /** @return the annual volatility of a symbol of that class without a default of its own */
    public static double fallbackVolatility(AssetClass c) {
        switch (c) {
            case FOREX:
                return 0.08;
            case COMMODITY:
                return 0.25;
            case INDEX:
                return 0.18;
            default:
                return 0.70;
        }
    }
}
