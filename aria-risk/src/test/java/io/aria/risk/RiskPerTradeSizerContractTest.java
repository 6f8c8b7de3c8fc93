package io.aria.risk;

import io.aria.core.spi.PositionSizer;
import io.aria.core.testkit.PositionSizerContract;

/** {@link RiskPerTradeSizer} passes the PositionSizer compatibility kit, its stops from the decisions' {@code atr}. */
class RiskPerTradeSizerContractTest extends PositionSizerContract {

    @Override
    protected PositionSizer newSizer() {
        return new RiskPerTradeSizer(RiskConfig.defaults(), Volatility.none());
    }
}
