package io.aria.core.indicators;

/** Plain batch recomputations of each indicator at one index, straight from the definitions. */
final class BatchOracle {

    private BatchOracle() {
    }

    static double ema(double[] x, int period, int index) {
        double alpha = 2.0 / (period + 1);
        double v = x[0];
        for (int i = 1; i <= index; i++) {
            v = alpha * x[i] + (1 - alpha) * v;
        }
        return v;
    }

    static double mean(double[] x, int window, int index) {
        int from = Math.max(0, index - window + 1);
        double s = 0;
        for (int i = from; i <= index; i++) {
            s += x[i];
        }
        return s / (index - from + 1);
    }

    static double stdDev(double[] x, int window, int index) {
        int from = Math.max(0, index - window + 1);
        double m = mean(x, window, index);
        double s = 0;
        for (int i = from; i <= index; i++) {
            s += (x[i] - m) * (x[i] - m);
        }
        return Math.sqrt(s / (index - from + 1));
    }

    static double trueRange(RandomSeries s, int i) {
        double hl = s.high()[i] - s.low()[i];
        if (i == 0) {
            return hl;
        }
        double pc = s.close()[i - 1];
        return Math.max(hl, Math.max(Math.abs(s.high()[i] - pc), Math.abs(s.low()[i] - pc)));
    }

    static double atr(RandomSeries s, int period, int index) {
        double v = trueRange(s, 0);
        for (int i = 1; i <= index; i++) {
            v = (v * (period - 1) + trueRange(s, i)) / period;
        }
        return v;
    }

    static double highest(double[] x, int window, int index) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = Math.max(0, index - window + 1); i <= index; i++) {
            m = Math.max(m, x[i]);
        }
        return m;
    }

    static double lowest(double[] x, int window, int index) {
        double m = Double.POSITIVE_INFINITY;
        for (int i = Math.max(0, index - window + 1); i <= index; i++) {
            m = Math.min(m, x[i]);
        }
        return m;
    }

    static double efficiencyRatio(double[] x, int period, int index) {
        int from = Math.max(0, index - period);
        double path = 0;
        for (int i = from + 1; i <= index; i++) {
            path += Math.abs(x[i] - x[i - 1]);
        }
        return path > 0 ? Math.abs(x[index] - x[from]) / path : 0;
    }
}
