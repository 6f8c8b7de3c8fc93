package io.aria.risk;

import io.aria.core.spi.RiskGuard;
import io.aria.core.testkit.RiskGuardContract;

/** {@link CorrelationGuard} over a fresh {@link CorrelationManager} passes the RiskGuard compatibility kit. */
class CorrelationGuardContractTest extends RiskGuardContract {

    @Override
    protected RiskGuard newGuard() {
        return new CorrelationGuard(new CorrelationManager(catalog(), RiskConfig.defaults().correlation()),
                RiskConfig.defaults().correlation());
    }
}
