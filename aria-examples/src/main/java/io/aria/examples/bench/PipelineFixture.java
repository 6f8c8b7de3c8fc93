package io.aria.examples.bench;

import io.aria.core.AssetCatalog;
import io.aria.core.Decision;
import io.aria.core.Tick;
import io.aria.core.TradingPipeline;
import io.aria.core.ensemble.WeightedEnsemble;
import io.aria.core.paper.PaperBroker;
import io.aria.core.source.SyntheticTickSource;
import io.aria.core.spi.AuditSink;
import io.aria.core.spi.PipelineListener;
import io.aria.risk.RiskLayer;
import java.time.Duration;
import java.time.Instant;

/**
 * The benchmarked pipeline: 21 symbols of synthetic correlated ticks, the default ensemble, the
 * default sizer and risk guards, the paper broker, driven on one thread by
 * {@link TradingPipeline#step}. The same parts as the paper demo, without the source thread.
 */
final class PipelineFixture {

    static final Instant START = Instant.parse("2025-03-03T01:00:00Z");

    final AssetCatalog catalog = AssetCatalog.defaults();
    final SyntheticTickSource ticks;
    final TradingPipeline pipeline;
    final Counter counter = new Counter();

    /** Counts events without allocating, so a harness can tell quiet ticks apart. */
    static final class Counter implements PipelineListener {
        long decisions;
        long events;

        @Override
        public void onDecision(Decision decision) {
            decisions++;
        }

        @Override
        public void onExecution(io.aria.core.ExecutionReport report, io.aria.core.OrderIntent intent) {
            events++;
        }

        @Override
        public void onTradeEvent(io.aria.core.TradeEvent event) {
            events++;
        }

        /** @return decisions plus executions plus broker events seen so far */
        long activity() {
            return decisions + events;
        }
    }

    /**
     * @param seed  random seed of the ticks
     * @param audit where the audit records go
     */
    PipelineFixture(long seed, AuditSink audit) {
        ticks = SyntheticTickSource.builder().catalog(catalog).seed(seed).startTime(START)
                .tickInterval(Duration.ofMillis(250)).maxTicks(Long.MAX_VALUE).openHoursOnly(false).fullSpeed().build();
        RiskLayer risk = RiskLayer.defaults(catalog);
        pipeline = TradingPipeline.builder().catalog(catalog).ensemble(WeightedEnsemble.withDefaults(catalog))
                .sizer(risk.sizer()).riskGuard(risk.guard())
                .gateway(PaperBroker.builder().catalog(catalog).startingBalance(1_000_000).build())
                .auditSink(audit).listener(counter).build();
    }

    /** @return the next synthetic tick */
    Tick next() {
        return ticks.next();
    }
}
