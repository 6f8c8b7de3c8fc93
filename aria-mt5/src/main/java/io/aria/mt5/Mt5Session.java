package io.aria.mt5;

import io.aria.core.AccountMode;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the terminal said in the handshake (PROTOCOL.md section 4) and its symbols' specs.
 *
 * @param protocol             the terminal's protocol version
 * @param terminal             terminal program name and version
 * @param session              changes when the terminal restarts
 * @param login                account number
 * @param server               trade server name
 * @param currency             account currency
 * @param leverage             1:leverage
 * @param accountMode          netting or hedging (an exchange account books as netting)
 * @param tradeAllowed         the account may trade
 * @param expertAllowed        experts may trade on the account
 * @param terminalConnected    the terminal is connected to the trade server
 * @param terminalTradeAllowed the terminal's AutoTrading is on
 * @param serverOffsetSeconds  trade server time minus UTC
 * @param symbols              broker specs by catalog symbol
 */
public record Mt5Session(
        int protocol,
        String terminal,
        String session,
        long login,
        String server,
        String currency,
        int leverage,
        AccountMode accountMode,
        boolean tradeAllowed,
        boolean expertAllowed,
        boolean terminalConnected,
        boolean terminalTradeAllowed,
        long serverOffsetSeconds,
        Map<String, BrokerSymbol> symbols) {

    public Mt5Session {
        Objects.requireNonNull(terminal, "terminal");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(accountMode, "accountMode");
        symbols = Map.copyOf(symbols);
    }

    /**
     * @param catalogSymbol a catalog symbol
     * @return the broker's spec of it, if the broker offers it
     */
    public Optional<BrokerSymbol> symbol(String catalogSymbol) {
        return Optional.ofNullable(symbols.get(catalogSymbol));
    }

    /** @return whether automated trading can work: account, experts and terminal all allow it and it is connected */
    public boolean canTrade() {
        return tradeAllowed && expertAllowed && terminalConnected && terminalTradeAllowed;
    }
}
