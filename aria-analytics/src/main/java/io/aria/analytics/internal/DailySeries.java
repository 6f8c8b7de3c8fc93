package io.aria.analytics.internal;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * Equity (and the benchmark's price) at each daily close, as LEAN samples its daily performance:
 * the close of a day is the last sample before the daily close time in the close's time zone, and
 * the last, unfinished day closes at the latest sample. A day without samples (a weekend without
 * ticks) has no close and adds no return; a day with samples (crypto on a Saturday) is a day like
 * any other. Each close also sums the day's traded value (for LEAN's portfolio turnover) and
 * keeps every catalog symbol's mid (for the correlation of daily returns).
 *
 * <p>A day is labelled by the date of its last instant before the close: with the default close
 * (00:00 UTC) a sample at 2025-03-04T10:00Z belongs to 2025-03-04; with 17:00 New York, a sample at
 * 16:00 New York on the 4th belongs to the 4th and one at 18:00 to the 5th.
 *
 * <p>Not thread-safe: one writer; readers take a {@link #copy()} under the owner's lock. Memory is
 * four numbers and one mid per catalog symbol a day.
 */
public final class DailySeries {

    private static final long DAY = 86_400_000L;

    private final ZoneId zone;
    private final boolean utc;
    private final long closeOffsetMillis;

    private long[] days = new long[64];
    private double[] equity = new double[64];
    private double[] benchmark = new double[64];
    private double[] traded = new double[64];
    private final int symbols;
    private double[][] marks = new double[64][];
    private int size;

    private double startEquity = Double.NaN;
    private long startMillis;
    private double startBenchmark = Double.NaN;
    private long lastMillis;
    private double pendingTraded;

    /**
     * @param zone      time zone of the daily close
     * @param closeTime local time of the daily close
     * @param symbols   catalog symbols whose mids are kept at each close (for correlations)
     */
    public DailySeries(ZoneId zone, LocalTime closeTime, int symbols) {
        this.symbols = symbols;
        this.zone = zone;
        this.utc = zone.normalized().equals(ZoneOffset.UTC);
        this.closeOffsetMillis = closeTime.toNanoOfDay() / 1_000_000L;
    }

    private DailySeries(DailySeries o) {
        this.symbols = o.symbols;
        this.marks = new double[o.size][];
        for (int i = 0; i < o.size; i++) {
            this.marks[i] = o.marks[i].clone();
        }
        this.zone = o.zone;
        this.utc = o.utc;
        this.closeOffsetMillis = o.closeOffsetMillis;
        this.days = Arrays.copyOf(o.days, o.size);
        this.equity = Arrays.copyOf(o.equity, o.size);
        this.benchmark = Arrays.copyOf(o.benchmark, o.size);
        this.traded = Arrays.copyOf(o.traded, o.size);
        this.size = o.size;
        this.startEquity = o.startEquity;
        this.startMillis = o.startMillis;
        this.startBenchmark = o.startBenchmark;
        this.lastMillis = o.lastMillis;
        this.pendingTraded = o.pendingTraded;
    }

    /** @return a copy, for computing outside the owner's lock */
    public DailySeries copy() {
        return new DailySeries(this);
    }

    /**
     * @param epochMillis an instant
     * @return the epoch day of the trading day it belongs to
     */
    public long dayOf(long epochMillis) {
        long local = utc ? epochMillis
                : epochMillis + zone.getRules().getOffset(Instant.ofEpochMilli(epochMillis)).getTotalSeconds() * 1000L;
        // the day ends at its close: shift so that the close falls on midnight, then the day after
        // the close's midnight is the label of the next day
        long shifted = local - closeOffsetMillis;
        long d = Math.floorDiv(shifted, DAY);
        return closeOffsetMillis == 0 ? d : d + 1;
    }

    /**
     * @param value       equity; non-finite values are ignored
     * @param epochMillis time, not earlier than the previous sample's (earlier ones are ignored)
     * @param bench       the benchmark's price now, NaN when unknown
     * @param mids        every catalog symbol's latest mid (NaN when unknown), or null
     */
    public void add(double value, long epochMillis, double bench, double[] mids) {
        if (!Double.isFinite(value) || (size > 0 && epochMillis < lastMillis)) {
            return;
        }
        if (Double.isNaN(startEquity)) {
            startEquity = value;
            startMillis = epochMillis;
        }
        if (Double.isNaN(startBenchmark) && bench > 0) {
            startBenchmark = bench;
        }
        lastMillis = epochMillis;
        long d = dayOf(epochMillis);
        int i = slot(d);
        equity[i] = value;
        traded[i] += pendingTraded;
        pendingTraded = 0;
        if (bench > 0) {
            benchmark[i] = bench;
        }
        if (mids != null) {
            System.arraycopy(mids, 0, marks[i], 0, Math.min(symbols, mids.length));
        }
    }

    /**
     * @param value       traded value in the account currency (absolute)
     * @param epochMillis when
     */
    public void addTraded(double value, long epochMillis) {
        if (!(value > 0) || !Double.isFinite(value)) {
            return;
        }
        if (size == 0) {
            pendingTraded += value; // before the first equity sample: counted on the first day
            return;
        }
        long d = dayOf(epochMillis);
        if (d < days[size - 1]) {
            d = days[size - 1];
        }
        int i = slot(d);
        traded[i] += value;
    }

    private int slot(long d) {
        if (size > 0 && days[size - 1] == d) {
            return size - 1;
        }
        if (size == days.length) {
            int n = size * 2;
            days = Arrays.copyOf(days, n);
            equity = Arrays.copyOf(equity, n);
            benchmark = Arrays.copyOf(benchmark, n);
            traded = Arrays.copyOf(traded, n);
            marks = Arrays.copyOf(marks, n);
        }
        days[size] = d;
        equity[size] = size > 0 ? equity[size - 1] : startEquity;
        benchmark[size] = size > 0 ? benchmark[size - 1] : startBenchmark;
        traded[size] = 0;
        if (size > 0) {
            marks[size] = marks[size - 1].clone();
        } else {
            marks[size] = new double[symbols];
            Arrays.fill(marks[size], Double.NaN);
        }
        return size++;
    }

    /** @return closes held */
    public int size() {
        return size;
    }

    /** @return each close's epoch day (a copy) */
    public long[] days() {
        return Arrays.copyOf(days, size);
    }

    /** @return equity at each close (a copy) */
    public double[] equity() {
        return Arrays.copyOf(equity, size);
    }

    /** @return the benchmark's price at each close, NaN before it was first known (a copy) */
    public double[] benchmark() {
        return Arrays.copyOf(benchmark, size);
    }

    /** @return the value traded each day (a copy) */
    public double[] traded() {
        return Arrays.copyOf(traded, size);
    }

    /**
     * @param symbolIndex a catalog index
     * @return the symbol's mid at each close, NaN before it was quoted (a copy)
     */
    public double[] marks(int symbolIndex) {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = marks[i][symbolIndex];
        }
        return out;
    }

    /** @return the first equity sample, NaN when none */
    public double startEquity() {
        return startEquity;
    }

    /** @return when it was taken */
    public long startMillis() {
        return startMillis;
    }

    /** @return the latest sample's time */
    public long lastMillis() {
        return lastMillis;
    }

    /** @return the benchmark's first known price, NaN when none */
    public double startBenchmark() {
        return startBenchmark;
    }

    /**
     * @return daily returns: each close over the previous close (the first over the starting
     *     equity), LEAN's daily performance
     */
    public double[] returns() {
        return returns(equity, startEquity);
    }

    /** @return the benchmark's daily returns, aligned with {@link #returns()}; 0 until it is known */
    public double[] benchmarkReturns() {
        return returns(benchmark, startBenchmark);
    }

    private double[] returns(double[] v, double start) {
        double[] r = new double[size];
        double prev = start;
        for (int i = 0; i < size; i++) {
            double cur = v[i];
            r[i] = prev > 0 && cur > 0 ? cur / prev - 1 : 0;
            if (cur > 0) {
                prev = cur;
            }
        }
        return r;
    }
}
