package io.aria.core.indicators;

import java.util.SplittableRandom;

/** Random OHLC series for oracle comparisons: a geometric random walk with occasional jumps. */
record RandomSeries(double[] open, double[] high, double[] low, double[] close) {

    static RandomSeries generate(long seed, int length) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] o = new double[length];
        double[] h = new double[length];
        double[] l = new double[length];
        double[] c = new double[length];
        double price = 1 + r.nextDouble() * 999;
        double vol = 0.0005 + r.nextDouble() * 0.02;
        for (int i = 0; i < length; i++) {
            double open = price;
            double step = gaussian(r) * vol * (r.nextInt(50) == 0 ? 8 : 1);
            double close = Math.max(1e-3, open * Math.exp(step));
            double hi = Math.max(open, close) * (1 + Math.abs(gaussian(r)) * vol * 0.5);
            double lo = Math.min(open, close) * (1 - Math.min(0.5, Math.abs(gaussian(r)) * vol * 0.5));
            o[i] = open;
            h[i] = hi;
            l[i] = lo;
            c[i] = close;
            price = close;
        }
        return new RandomSeries(o, h, l, c);
    }

    int length() {
        return close.length;
    }

    private static double gaussian(SplittableRandom r) {
        double u = r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
