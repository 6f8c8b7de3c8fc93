package io.aria.core.spi;

import io.aria.core.AccountSnapshot;
import io.aria.core.AssetCatalog;
import io.aria.core.EngageOnlyKillSwitch;
import io.aria.core.Position;
import io.aria.core.Tick;
import java.util.List;
import java.util.Optional;

/**
 * A read-only view of the pipeline's state for sizers and guards. Valid only on the event-loop
 * thread during the call it is passed to; do not keep it. Primitive accessors do not allocate.
 */
public interface PortfolioView {

    /** @return the catalog in use (with broker overrides) */
    AssetCatalog catalog();

    /** @return current time of the pipeline's clock (tick time in replays) in epoch millis */
    long nowMillis();

    /** @return account currency, for example USD */
    String accountCurrency();

    /** @return current equity (balance + unrealised profit) */
    double equity();

    /** @return realised balance */
    double balance();

    /** @return equity at the start of the current trading day */
    double startOfDayEquity();

    /** @return the account as a record */
    AccountSnapshot account();

    /**
     * @return open positions; every symbol whose {@link #netVolume} is not 0 has at least one here,
     *     so a rule can walk the open book in O(positions) instead of the whole catalog
     */
    List<Position> positions();

    /**
     * @param symbol catalog symbol
     * @return net open lots, positive long, negative short, 0 when flat (the signed sum of the
     *     symbol's {@link #positions()})
     */
    double netVolume(String symbol);

    /**
     * @param symbol catalog symbol
     * @return the last valid tick of the symbol, if any
     */
    Optional<Tick> lastTick(String symbol);

    /**
     * Converts an amount into the account currency with the catalog's current forex prices.
     *
     * @param amount   amount in {@code currency}
     * @param currency ISO code
     * @return the amount in the account currency, or NaN when no price links the two currencies yet
     */
    double toAccountCurrency(double amount, String currency);

    /**
     * The engine's kill switch, as a plug-in may use it: read it and engage it. A
     * {@link RiskGuard} never releases the switch, and this type has no method that would.
     *
     * @return an engage-only view of the engine's kill switch
     */
    EngageOnlyKillSwitch killSwitch();
}
