package io.aria.examples;

import io.aria.core.AssetCatalog;
import io.aria.risk.RiskConfig;
import io.aria.risk.RiskLayer;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every trading command shares: where the audit goes and which risk limits apply. */
final class RiskAndAuditOptions {

    @Option(names = "--data", defaultValue = "data", description = "Folder for the audit logs (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--risk-config", description = "Risk limits JSON file (default: the seed's limits).")
    Path riskConfig;

    /**
     * @param catalog the catalog the pipeline trades
     * @return the sizer and guards from {@code --risk-config}, or the seed's defaults
     */
    RiskLayer riskLayer(AssetCatalog catalog) {
        return riskConfig == null ? RiskLayer.defaults(catalog) : RiskLayer.fromConfig(RiskConfig.load(riskConfig), catalog);
    }
}
