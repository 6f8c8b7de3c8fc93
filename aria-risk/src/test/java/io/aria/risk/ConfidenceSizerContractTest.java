package io.aria.risk;

import io.aria.core.spi.PositionSizer;
import io.aria.core.testkit.PositionSizerContract;

/** {@link ConfidenceSizer} with the seed's limits passes the PositionSizer compatibility kit. */
class ConfidenceSizerContractTest extends PositionSizerContract {

    @Override
    protected PositionSizer newSizer() {
        return new ConfidenceSizer(RiskConfig.defaults(), Volatility.none());
    }
}
