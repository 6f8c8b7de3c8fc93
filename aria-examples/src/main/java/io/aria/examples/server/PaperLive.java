package io.aria.examples.server;

import io.aria.analytics.HedgeFundAnalytics;
import io.aria.core.AssetCatalog;
import io.aria.core.TradingPipeline;
import io.aria.core.audit.JsonlAuditSink;
import io.aria.core.ensemble.WeightedEnsemble;
import io.aria.core.live.LiveEvents;
import io.aria.core.live.LiveExecution;
import io.aria.core.live.PaperFeed;
import io.aria.core.paper.PaperBroker;
import io.aria.core.source.SyntheticTickSource;
import io.aria.risk.RiskLayer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A paper pipeline assembled for the control API: synthetic correlated ticks behind a
 * {@link PaperFeed} (nothing flows until connected), the default ensemble, sizer and guards, the
 * paper broker, the JSONL audit, the analytics and the live events, and its {@link LiveExecution}.
 * No symbol is enabled until a quick start or a toggle. Not started: {@code quickStart} starts it.
 *
 * @param catalog   the assets
 * @param pipeline  the pipeline
 * @param feed      its tick feed
 * @param audit     its audit
 * @param analytics its analytics
 * @param live      its facade
 */
public record PaperLive(AssetCatalog catalog, TradingPipeline pipeline, PaperFeed feed, JsonlAuditSink audit,
        HedgeFundAnalytics analytics, LiveExecution live) implements AutoCloseable {

    public PaperLive {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(analytics, "analytics");
        Objects.requireNonNull(live, "live");
    }

    /**
     * @param dataDir  audit folder
     * @param seed     the ticks' seed
     * @param speed    multiple of real time, 0 for as fast as possible
     * @param start    simulated start
     * @param duration simulated session length
     * @param risk     sizer and guards (null: the seed's defaults)
     * @param balance  starting balance in USD
     * @return the assembled, unstarted pipeline and its facade
     */
    public static PaperLive create(Path dataDir, long seed, double speed, Instant start, Duration duration,
            RiskLayer risk, double balance) {
        AssetCatalog catalog = AssetCatalog.defaults();
        SyntheticTickSource.Builder source = SyntheticTickSource.builder().catalog(catalog).symbols(catalog.symbols())
                .seed(seed).startTime(start).tickInterval(Duration.ofSeconds(1)).duration(duration);
        if (speed > 0) {
            source.realTime(speed);
        } else {
            source.fullSpeed();
        }
        PaperFeed feed = PaperFeed.wrap(source.build());
        RiskLayer r = risk != null ? risk : RiskLayer.defaults(catalog);
        PaperBroker broker = PaperBroker.builder().catalog(catalog).startingBalance(balance).build();
        JsonlAuditSink audit = JsonlAuditSink.builder(dataDir).build();
        HedgeFundAnalytics analytics = HedgeFundAnalytics.builder().catalog(catalog)
                .executionModel(broker.executionModel()).build(); // paper latency is simulated, not measured
        LiveEvents events = LiveEvents.create(catalog);
        TradingPipeline pipeline = TradingPipeline.builder().catalog(catalog).tickSource(feed)
                .ensemble(WeightedEnsemble.withDefaults(catalog)).sizer(r.sizer()).riskGuard(r.guard()).gateway(broker)
                .auditSink(audit).listener(analytics).listener(events).enabledSymbols(Set.of()).build();
        LiveExecution live = LiveExecution.builder(pipeline).connection(feed).events(events).audit(audit).build();
        return new PaperLive(catalog, pipeline, feed, audit, analytics, live);
    }

    /** Stops the pipeline and closes the broker and the audit. */
    @Override
    public void close() {
        pipeline.close();
    }
}
