package io.aria.core.source.internal;

import io.aria.core.AssetSpec;
import io.aria.core.Tick;
import io.aria.core.TradingHours;
import java.time.Instant;
import java.util.List;

/**
 * The synthetic source's generator: the clock, which markets are open, the correlated
 * log-price steps and the quotes on each asset's point grid. Deterministic for a seed; one owner;
 * a tick allocates nothing but the {@link Tick} itself (its open/closed answers are cached per
 * minute in primitive arrays).
 */
public final class PriceGenerator {

    private static final double MILLIS_PER_YEAR = 365.25 * 24 * 3600 * 1000;
    private static final long MINUTE = 60_000L;

    private final List<String> symbols;
    private final AssetSpec[] specs;
    private final TradingHours[] hours;
    private final double[] sigma;
    private final double[][] cholesky;
    private final double[] scale;
    private final long intervalMillis;
    private final long maxTicks;
    private final long endMillis;
    private final boolean openHoursOnly;
    private final double widenProbability;

    private final SplitMix64 rng;
    private final double[] logPrice;
    private final double[] eps;
    private final long[] openUntil;
    private final long[] closedUntil;
    private long now;
    private int cursor;
    private long produced;
    private boolean exhausted;

    /** What a generator is made of; the arrays are taken, not copied. */
    public record Setup(List<String> symbols, AssetSpec[] specs, double[] startLogPrice, double[] sigma,
            double[][] cholesky, long seed, long startMillis, long intervalMillis, long maxTicks, long endMillis,
            boolean openHoursOnly, double widenProbability) {
    }

    /** @param s the symbols, their specs and the generator's settings */
    public PriceGenerator(Setup s) {
        int n = s.specs().length;
        this.symbols = s.symbols();
        this.specs = s.specs();
        this.hours = new TradingHours[n];
        this.scale = new double[n];
        for (int i = 0; i < n; i++) {
            hours[i] = specs[i].tradingHours();
            scale[i] = Math.pow(10, specs[i].digits());
        }
        this.logPrice = s.startLogPrice();
        this.sigma = s.sigma();
        this.cholesky = s.cholesky();
        this.rng = new SplitMix64(s.seed());
        this.now = s.startMillis();
        this.intervalMillis = s.intervalMillis();
        this.maxTicks = s.maxTicks();
        this.endMillis = s.endMillis();
        this.openHoursOnly = s.openHoursOnly();
        this.widenProbability = s.widenProbability();
        this.eps = new double[n];
        this.openUntil = new long[n];
        this.closedUntil = new long[n];
    }

    /** @return the next tick, or null once the ticks have run out */
    public Tick nextTick() {
        if (exhausted || produced >= maxTicks) {
            return null;
        }
        int n = specs.length;
        while (true) {
            if (cursor == n) {
                if (!advance()) {
                    exhausted = true;
                    return null;
                }
                cursor = 0;
            }
            int i = cursor++;
            if (isOpen(i, now)) {
                produced++;
                return makeTick(i);
            }
        }
    }

    /** Moves time to the next step at which some market is open, and moves prices over that time. */
    private boolean advance() {
        long from = now;
        long t = now + intervalMillis;
        while (true) {
            if (t >= endMillis) {
                return false;
            }
            long recheck = Long.MAX_VALUE;
            boolean any = false;
            for (int i = 0; i < specs.length && !any; i++) {
                if (isOpen(i, t)) {
                    any = true;
                } else {
                    recheck = Math.min(recheck, closedUntil[i]);
                }
            }
            if (any) {
                break;
            }
            long steps = Math.max(1, (recheck - t + intervalMillis - 1) / intervalMillis);
            t += steps * intervalMillis;
        }
        now = t;
        evolve(t - from);
        return true;
    }

    private void evolve(long dtMillis) {
        double dt = dtMillis / MILLIS_PER_YEAR;
        double sqrtDt = Math.sqrt(dt);
        int n = eps.length;
        for (int i = 0; i < n; i++) {
            eps[i] = rng.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            double[] row = cholesky[i];
            double z = 0;
            for (int k = 0; k <= i; k++) {
                z += row[k] * eps[k];
            }
            double s = sigma[i];
            logPrice[i] += -0.5 * s * s * dt + s * sqrtDt * z;
        }
    }

    private boolean isOpen(int i, long t) {
        if (!openHoursOnly || t < openUntil[i]) {
            return true;
        }
        if (t < closedUntil[i]) {
            return false;
        }
        long minutes = hours[i].minutesToClose(Instant.ofEpochMilli(t));
        long minuteStart = t - Math.floorMod(t, MINUTE);
        if (minutes == Long.MAX_VALUE) {
            openUntil[i] = Long.MAX_VALUE;
            return true;
        }
        if (minutes > 0) {
            openUntil[i] = minuteStart + minutes * MINUTE;
            return true;
        }
        closedUntil[i] = minuteStart + MINUTE;
        return false;
    }

    private Tick makeTick(int i) {
        AssetSpec spec = specs[i];
        double point = spec.point();
        double factor = 0.85 + 0.3 * rng.nextDouble();
        if (rng.nextDouble() < widenProbability) {
            factor *= 2 + 4 * rng.nextDouble();
        }
        long spreadPoints = Math.max(1, Math.round(spec.typicalSpread() * factor / point));
        double mid = Math.exp(logPrice[i]);
        long bidPoints = Math.max(1, Math.round(mid / point - spreadPoints * 0.5));
        double sc = scale[i];
        double bid = Math.rint(bidPoints * point * sc) / sc;
        double ask = Math.rint((bidPoints + spreadPoints) * point * sc) / sc;
        double volume = 1 + (int) (rng.nextDouble() * 10);
        return new Tick(symbols.get(i), now, bid, ask, volume);
    }
}
