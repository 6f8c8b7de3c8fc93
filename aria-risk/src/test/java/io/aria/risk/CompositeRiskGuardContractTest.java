package io.aria.risk;

import io.aria.core.spi.RiskGuard;
import io.aria.core.testkit.RiskGuardContract;

/** The default {@link CompositeRiskGuard} of {@link RiskLayer} (every rule, the ATR tracker) passes the RiskGuard compatibility kit. */
class CompositeRiskGuardContractTest extends RiskGuardContract {

    @Override
    protected RiskGuard newGuard() {
        return RiskLayer.defaults(catalog()).guard();
    }
}
