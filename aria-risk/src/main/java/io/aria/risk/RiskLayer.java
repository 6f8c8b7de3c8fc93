package io.aria.risk;

import io.aria.core.AssetCatalog;
import io.aria.core.spi.PositionSizer;
import io.aria.core.spi.RiskGuard;
import java.util.List;
import java.util.Objects;

/**
 * The default sizer and guard built from one {@link RiskConfig}, sharing their state:
 * <pre>{@code
 * RiskLayer risk = RiskLayer.fromConfig(RiskConfig.load(Path.of("risk.json")), catalog);
 * PositionSizer sizer = risk.sizer();
 * RiskGuard guard = risk.guard();
 * }</pre>
 *
 * <p>The guard is a {@link CompositeRiskGuard} of, in order: {@link DailyLossGuard},
 * {@link ErrorRateGuard}, {@link SessionGuard}, {@link ExposureLimitGuard},
 * {@link CorrelationGuard}, {@link OrderRateGuard}; its {@code onTick} feeds the
 * {@link CorrelationManager}. The sizer feeds the {@link AtrTracker} it takes its stops from
 * through its own {@link PositionSizer#onTick}, which the pipeline calls for every valid tick: the
 * sizer works with this guard, another guard or none.
 *
 * <p>Threading: build anywhere; use the sizer and guard on the event loop only.
 */
public final class RiskLayer {

    private final RiskConfig config;
    private final PositionSizer sizer;
    private final CompositeRiskGuard guard;
    private final AtrTracker volatility;
    private final CorrelationManager correlation;
    private final DailyLossGuard dailyLoss;
    private final ErrorRateGuard errorRate;

    private RiskLayer(RiskConfig config, AssetCatalog catalog) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(catalog, "catalog");
        this.volatility = new AtrTracker(catalog, config.sizing().atrBarSeconds(), config.sizing().atrPeriod());
        this.correlation = new CorrelationManager(catalog, config.correlation());
        this.dailyLoss = new DailyLossGuard(config.killSwitch());
        this.errorRate = new ErrorRateGuard(config.killSwitch());
        this.sizer = config.sizing().method() == RiskConfig.SizingMethod.RISK_PER_TRADE
                ? new RiskPerTradeSizer(config, volatility)
                : new ConfidenceSizer(config, volatility);
        this.guard = new CompositeRiskGuard(List.of(
                dailyLoss,
                errorRate,
                new SessionGuard(config.sessions()),
                new ExposureLimitGuard(config),
                new CorrelationGuard(correlation, config.correlation()),
                new OrderRateGuard(config.maxOrdersPerMinute())),
                List.of());
    }

    /**
     * @param config  the limits
     * @param catalog the assets traded (the same catalog the pipeline uses)
     * @return a new layer with fresh state
     */
    public static RiskLayer fromConfig(RiskConfig config, AssetCatalog catalog) {
        return new RiskLayer(config, catalog);
    }

    /**
     * @param catalog the assets traded
     * @return a layer with the seed's defaults ({@link RiskConfig#defaults()})
     */
    public static RiskLayer defaults(AssetCatalog catalog) {
        return new RiskLayer(RiskConfig.defaults(), catalog);
    }

    /** @return the sizer the config names ({@link ConfidenceSizer} by default) */
    public PositionSizer sizer() {
        return sizer;
    }

    /** @return the composite guard */
    public RiskGuard guard() {
        return guard;
    }

    /** @return the composite guard, typed */
    public CompositeRiskGuard compositeGuard() {
        return guard;
    }

    /** @return the configuration */
    public RiskConfig config() {
        return config;
    }

    /** @return the ATR estimates behind the stops */
    public AtrTracker volatility() {
        return volatility;
    }

    /** @return the correlation estimates; snapshots via {@link CorrelationManager#snapshot()} */
    public CorrelationManager correlation() {
        return correlation;
    }

    /** @return the daily-loss trigger */
    public DailyLossGuard dailyLoss() {
        return dailyLoss;
    }

    /** @return the error-rate trigger */
    public ErrorRateGuard errorRate() {
        return errorRate;
    }
}
