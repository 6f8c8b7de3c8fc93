package io.aria.examples.bench;

import io.aria.core.AssetCatalog;
import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.ModelVote;
import io.aria.core.Regime;
import io.aria.core.Tick;
import io.aria.core.Values;
import io.aria.core.ensemble.TimeBarBuilder;
import io.aria.core.indicators.Ema;
import io.aria.core.spi.EnsembleModel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A long-only moving-average cross on one-minute bars, as an {@link EnsembleModel} of ARIA's
 * pipeline: go long when the fast EMA crosses above the slow one, go flat when it crosses below.
 *
 * <p>It is the same strategy as ta4j's {@code BaseStrategy(CrossedUpIndicatorRule(fast, slow),
 * CrossedDownIndicatorRule(fast, slow), unstableBars = slow)}, decision for decision:
 * <ul>
 * <li>the EMAs are ARIA's {@link Ema}, whose arithmetic is ta4j's {@code EMAIndicator} operation
 * for operation (seeded with the first close, then {@code prev + (x - prev) * 2/(n+1)}), so the
 * two compute the same doubles;</li>
 * <li>a cross follows ta4j's {@code CrossIndicator}: at bar k &gt; 0 the fast EMA is strictly above
 * (below) the slow one, and at the latest earlier bar where they differ (or bar 0 when they were
 * equal all along) it was strictly below (above);</li>
 * <li>no decision before bar {@code slow} (ta4j's unstable bars);</li>
 * <li>a bar closes when the first tick of a later minute arrives ({@link TimeBarBuilder}), so the
 * decision on bar k is taken on the first tick of bar k + 1 and executed at that tick's price:
 * ta4j's default {@code TradeOnNextOpenModel}, which trades at bar k + 1's open.</li>
 * </ul>
 * It emits a decision only on a cross (LONG up, FLAT down); the pipeline's decision path turns a
 * LONG while flat into an entry and a FLAT while long into an exit, as ta4j's
 * {@code BarSeriesManager} does with its trading record. Quiet ticks allocate nothing.
 * Not thread-safe: the pipeline's event loop calls it.
 */
final class EmaCrossModel implements EnsembleModel {

    static final String NAME = "ema-cross";

    private final AssetCatalog catalog;
    private final TimeBarBuilder bars;
    private final Ema[] fast;
    private final Ema[] slow;
    private final int unstable;
    private final int[] barIndex;
    /** Sign of fast - slow at the latest bar j &gt;= 1 where it was not 0, else at bar 0. */
    private final int[] reference;
    private long crosses;

    /**
     * @param catalog the pipeline's catalog
     * @param fastPeriod fast EMA period, &ge; 1
     * @param slowPeriod slow EMA period, &gt; fastPeriod
     */
    EmaCrossModel(AssetCatalog catalog, int fastPeriod, int slowPeriod) {
        this.catalog = catalog;
        Values.atLeast(fastPeriod, 1, "fastPeriod");
        if (slowPeriod <= fastPeriod) {
            throw new IllegalArgumentException("slowPeriod must be > fastPeriod (" + fastPeriod + "), was " + slowPeriod);
        }
        int n = catalog.size();
        this.bars = new TimeBarBuilder(n, Duration.ofMinutes(1));
        this.fast = new Ema[n];
        this.slow = new Ema[n];
        for (int i = 0; i < n; i++) {
            fast[i] = new Ema(fastPeriod);
            slow[i] = new Ema(slowPeriod);
        }
        this.unstable = slowPeriod;
        this.barIndex = new int[n];
        this.reference = new int[n];
    }

    @Override
    public void onTick(Tick t, Consumer<Decision> decisions) {
        int i = catalog.indexOf(t.symbol());
        if (i < 0 || !bars.onTick(i, t.epochMillis(), t.mid(), t.volume())) {
            return;
        }
        int k = barIndex[i]++;
        double c = bars.closedClose(i);
        double f = fast[i].update(c);
        double s = slow[i].update(c);
        int sign = f > s ? 1 : f < s ? -1 : 0;
        int ref = reference[i];
        if (k == 0 || sign != 0) {
            reference[i] = sign;
        }
        if (k == 0 || k < unstable || sign == 0 || sign == ref || ref == 0) {
            return;
        }
        crosses++;
        Direction d = sign > 0 ? Direction.LONG : Direction.FLAT;
        decisions.accept(new Decision(t.symbol(), t.epochMillis(), d, 1.0, sign > 0 ? 1.0 : 0.0, Regime.TREND,
                List.of(new ModelVote(NAME, sign, 1.0, 1.0, 1.0)),
                Map.of(NAME + ".fast", f, NAME + ".slow", s)));
    }

    @Override
    public String name() {
        return NAME;
    }

    /** @return crosses decided on so far */
    long crosses() {
        return crosses;
    }
}
