package io.aria.core;

/**
 * The account at one moment, in its currency.
 *
 * @param currency    account currency, for example USD
 * @param balance     realised balance
 * @param equity      balance plus unrealised profit
 * @param margin      margin used by open positions, &gt;= 0
 * @param freeMargin  equity - margin
 * @param leverage    account leverage (1:leverage), &gt;= 1
 * @param epochMillis when
 */
public record AccountSnapshot(String currency, double balance, double equity, double margin, double freeMargin,
        int leverage, long epochMillis) {

    public AccountSnapshot {
        Values.text(currency, "currency");
        Values.finite(balance, "balance");
        Values.finite(equity, "equity");
        Values.nonNegative(margin, "margin");
        Values.finite(freeMargin, "freeMargin");
        if (leverage < 1) {
            throw new IllegalArgumentException("leverage must be >= 1, was " + leverage);
        }
    }

    /** @return equity / margin &times; 100, or {@code Double.POSITIVE_INFINITY} without margin */
    public double marginLevelPercent() {
        return margin == 0 ? Double.POSITIVE_INFINITY : equity / margin * 100;
    }
}
