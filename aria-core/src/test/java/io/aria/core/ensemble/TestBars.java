package io.aria.core.ensemble;

import io.aria.core.Tick;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Constructed price series for the ensemble tests. */
final class TestBars {

    static final long T0 = 1_700_000_040_000L - 1_700_000_040_000L % 60_000; // a minute boundary
    static final long MINUTE = 60_000;

    private TestBars() {
    }

    /** One-minute bars whose closes are the given prices; opens are the previous close. */
    static List<Bar> fromCloses(String symbol, double[] closes, double wickFraction) {
        List<Bar> bars = new ArrayList<>();
        double prev = closes[0];
        for (int i = 0; i < closes.length; i++) {
            double open = prev;
            double close = closes[i];
            double wick = Math.abs(close) * wickFraction;
            bars.add(new Bar(symbol, T0 + i * MINUTE, T0 + (i + 1) * MINUTE, open,
                    Math.max(open, close) + wick, Math.min(open, close) - wick, close, 10, 5));
            prev = close;
        }
        return bars;
    }

    static double[] drift(int n, double start, double step, double noise, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = start + step * i + noise * (r.nextDouble() - 0.5);
        }
        return x;
    }

    static double[] noisySine(int n, double level, double amplitude, int period, double noise, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = level + amplitude * Math.sin(2 * Math.PI * i / period) + noise * (r.nextDouble() - 0.5);
        }
        return x;
    }

    /** A long flat stretch with tiny noise, then a jump of {@code jump} (relative) held afterwards. */
    static double[] flatThenJump(int flat, int after, double level, double jump, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[flat + after];
        for (int i = 0; i < x.length; i++) {
            double base = i < flat ? level : level * (1 + jump) + level * jump * 0.1 * (i - flat);
            x[i] = base + level * 1e-4 * (r.nextDouble() - 0.5);
        }
        return x;
    }

    /**
     * Random ticks for several symbols, ticks every {@code stepMillis} round-robin over the
     * symbols. Each symbol moves through random segments of about 30 one-minute bars (at 20 ticks
     * a bar): a drift up or down, a mean-reverting range, or a quiet stretch with rare jumps.
     */
    static List<Tick> randomTicks(List<String> symbols, int count, long stepMillis, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = symbols.size();
        double[] price = new double[n];
        double[] level = new double[n];
        int[] kind = new int[n];
        double[] drift = new double[n];
        for (int i = 0; i < n; i++) {
            price[i] = 10 + r.nextDouble() * 1000;
        }
        List<Tick> ticks = new ArrayList<>(count);
        long t = T0;
        for (int k = 0; k < count; k++) {
            int s = k % n;
            if ((k / n) % 600 == 0) {
                kind[s] = r.nextInt(3);
                level[s] = price[s];
                drift[s] = (r.nextBoolean() ? 1 : -1) * (0.00005 + r.nextDouble() * 0.0002);
            }
            double noise = r.nextDouble() - 0.5;
            switch (kind[s]) {
                case 0 -> price[s] *= Math.exp(drift[s] + 0.0006 * noise);
                case 1 -> price[s] += (level[s] - price[s]) * 0.02 + level[s] * 0.001 * noise;
                default -> price[s] *= Math.exp(0.00003 * noise + (r.nextInt(400) == 0 ? drift[s] * 60 : 0));
            }
            price[s] = Math.max(0.01, price[s]);
            double spread = price[s] * 1e-4;
            ticks.add(new Tick(symbols.get(s), t, price[s] - spread / 2, price[s] + spread / 2, r.nextInt(5)));
            t += stepMillis;
        }
        return ticks;
    }
}
