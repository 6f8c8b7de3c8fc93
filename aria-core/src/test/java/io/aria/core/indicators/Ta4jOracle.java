package io.aria.core.indicators;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.helpers.CombineIndicator;
import org.ta4j.core.indicators.helpers.HighPriceIndicator;
import org.ta4j.core.indicators.helpers.HighestValueIndicator;
import org.ta4j.core.indicators.helpers.LowPriceIndicator;
import org.ta4j.core.indicators.helpers.LowestValueIndicator;
import org.ta4j.core.indicators.helpers.PreviousValueIndicator;
import org.ta4j.core.indicators.helpers.RunningTotalIndicator;
import org.ta4j.core.indicators.helpers.TransformIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.Num;

/** The same indicators computed by ta4j (DoubleNum) on the same series. */
final class Ta4jOracle {

    private final BarSeries series;
    private final ClosePriceIndicator close;

    Ta4jOracle(RandomSeries s) {
        series = new BaseBarSeriesBuilder().withName("oracle").withNumTypeOf(DoubleNum.class).build();
        ZonedDateTime t = ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        for (int i = 0; i < s.length(); i++) {
            series.addBar(t.plusDays(i + 1), s.open()[i], s.high()[i], s.low()[i], s.close()[i], 1);
        }
        close = new ClosePriceIndicator(series);
    }

    Indicator<Num> ema(int period) {
        return new EMAIndicator(close, period);
    }

    Indicator<Num> sma(int window) {
        return new SMAIndicator(close, window);
    }

    Indicator<Num> stdDev(int window) {
        return new StandardDeviationIndicator(close, window);
    }

    Indicator<Num> atr(int period) {
        return new ATRIndicator(series, period);
    }

    Indicator<Num> highest(int window) {
        return new HighestValueIndicator(new HighPriceIndicator(series), window);
    }

    Indicator<Num> lowest(int window) {
        return new LowestValueIndicator(new LowPriceIndicator(series), window);
    }

    /**
     * Kaufman's efficiency ratio assembled from ta4j parts: |close - close n bars ago| over the
     * running total of |close - previous close| across n bars.
     */
    double efficiencyRatio(int period, int index) {
        Indicator<Num> change = TransformIndicator.abs(
                CombineIndicator.minus(close, new PreviousValueIndicator(close, 1)));
        Indicator<Num> net = TransformIndicator.abs(
                CombineIndicator.minus(close, new PreviousValueIndicator(close, period)));
        Indicator<Num> path = new RunningTotalIndicator(change, period);
        double p = path.getValue(index).doubleValue();
        return p > 0 ? net.getValue(index).doubleValue() / p : 0;
    }
}
