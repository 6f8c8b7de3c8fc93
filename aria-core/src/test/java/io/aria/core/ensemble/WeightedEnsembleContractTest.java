package io.aria.core.ensemble;

import io.aria.core.AssetCatalog;
import io.aria.core.spi.EnsembleModel;
import io.aria.core.testkit.EnsembleModelContract;

/** The default ensemble passes the EnsembleModel compatibility kit. */
class WeightedEnsembleContractTest extends EnsembleModelContract {

    @Override
    protected EnsembleModel newModel() {
        return WeightedEnsemble.withDefaults(AssetCatalog.defaults());
    }
}
