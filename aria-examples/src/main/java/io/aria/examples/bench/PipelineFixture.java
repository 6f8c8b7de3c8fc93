package io.aria.examples.bench;

import io.aria.core.AssetCatalog;
import io.aria.core.AssetClass;
import io.aria.core.ClosedTrade;
import io.aria.core.Decision;
import io.aria.core.Tick;
import io.aria.core.TradingPipeline;
import io.aria.core.ensemble.WeightedEnsemble;
import io.aria.core.paper.PaperBroker;
import io.aria.core.source.SyntheticTickSource;
import io.aria.core.spi.AuditSink;
import io.aria.core.spi.PipelineListener;
import io.aria.risk.ClassLimits;
import io.aria.risk.RiskConfig;
import io.aria.risk.RiskLayer;
import java.time.Duration;
import java.time.Instant;

/**
 * The benchmarked pipeline: 21 symbols of synthetic correlated ticks, the default ensemble, the
 * default sizer and risk guards, the paper broker, driven on one thread by
 * {@link TradingPipeline#step}. The same parts as the paper demo, without the source thread.
 *
 * <p>Two regimes (see docs/bench/pipeline.md):
 * <ul>
 *   <li>{@link Regime#NORMAL}: every asset class's {@code maxPositionShare} is the default's
 *       {@value #NORMAL_SHARE_SCALE}. The synthetic prices are random walks, so the strategy has no
 *       edge and pays the spread on every round trip; at the default size (a full-confidence forex
 *       position is 3x equity in notional) that cost reaches the default 5% daily-loss limit within
 *       about three hours of tick time and the kill switch halts the rest of the day. At 1/100 of
 *       the size the spread costs about 1.3% of equity a day, so the pipeline keeps deciding,
 *       sending, filling and closing for the whole run. Every other limit (daily loss 5%, error
 *       rate, 10 open positions, 30 orders a minute, sessions, spreads, correlation) stays at its
 *       default.</li>
 *   <li>{@link Regime#HALTED}: the defaults unchanged, the regime the old figures measured: the
 *       daily-loss kill switch engages early and entries end as blocked intents.</li>
 * </ul>
 */
final class PipelineFixture {

    static final Instant START = Instant.parse("2025-03-03T01:00:00Z");
    /** The share of the default per-class position size the normal regime trades. */
    static final double NORMAL_SHARE_SCALE = 0.01;

    /** Which limits the pipeline trades under. */
    enum Regime {
        /** Smaller positions: never halts over the benchmark's runs (checked by the runs). */
        NORMAL,
        /** The default limits: the kill switch halts the day early. */
        HALTED
    }

    final AssetCatalog catalog = AssetCatalog.defaults();
    final SyntheticTickSource ticks;
    final TradingPipeline pipeline;
    final Counter counter = new Counter();
    final Regime regime;

    /** Counts events without allocating, so a harness can tell quiet ticks apart. */
    static final class Counter implements PipelineListener {
        long decisions;
        long executions;
        long tradeEvents;
        long closes;

        @Override
        public void onDecision(Decision decision) {
            decisions++;
        }

        @Override
        public void onExecution(io.aria.core.ExecutionReport report, io.aria.core.OrderIntent intent) {
            executions++;
        }

        @Override
        public void onTradeEvent(io.aria.core.TradeEvent event) {
            tradeEvents++;
        }

        @Override
        public void onTradeClosed(ClosedTrade trade) {
            closes++;
        }

        /** @return decisions plus executions plus broker events seen so far */
        long activity() {
            return decisions + executions + tradeEvents;
        }

        /** @return executions plus broker events seen so far (orders and their effects) */
        long orderActivity() {
            return executions + tradeEvents;
        }
    }

    /**
     * The halted regime, as before.
     *
     * @param seed  random seed of the ticks
     * @param audit where the audit records go
     */
    PipelineFixture(long seed, AuditSink audit) {
        this(seed, audit, Regime.HALTED);
    }

    /**
     * @param seed   random seed of the ticks
     * @param audit  where the audit records go
     * @param regime the limits
     */
    PipelineFixture(long seed, AuditSink audit, Regime regime) {
        this.regime = regime;
        ticks = SyntheticTickSource.builder().catalog(catalog).seed(seed).startTime(START)
                .tickInterval(Duration.ofMillis(250)).maxTicks(Long.MAX_VALUE).openHoursOnly(false).fullSpeed().build();
        RiskLayer risk = RiskLayer.fromConfig(config(regime), catalog);
        pipeline = TradingPipeline.builder().catalog(catalog).ensemble(WeightedEnsemble.withDefaults(catalog))
                .sizer(risk.sizer()).riskGuard(risk.guard())
                .gateway(PaperBroker.builder().catalog(catalog).startingBalance(1_000_000).build())
                .auditSink(audit).listener(counter).build();
    }

    /**
     * @param regime the regime
     * @return its risk limits: the defaults, with every class's position share scaled in the normal regime
     */
    static RiskConfig config(Regime regime) {
        RiskConfig c = RiskConfig.defaults();
        if (regime == Regime.NORMAL) {
            for (AssetClass a : AssetClass.values()) {
                ClassLimits l = c.limits(a);
                c = c.withClassLimits(a, new ClassLimits(l.maxLeverage(), l.maxPositionShare() * NORMAL_SHARE_SCALE));
            }
        }
        return c;
    }

    /** @return the next synthetic tick */
    Tick next() {
        return ticks.next();
    }

    /** @return whether the kill switch is engaged now */
    boolean halted() {
        return pipeline.killSwitch().state().engaged();
    }
}
