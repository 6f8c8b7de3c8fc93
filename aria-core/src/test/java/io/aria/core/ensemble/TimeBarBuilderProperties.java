package io.aria.core.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class TimeBarBuilderProperties {

    @Property(tries = 300)
    @Label("streamed bars equal a batch grouping of the ticks by UTC-aligned bucket")
    void streamedBarsEqualBatchGrouping(@ForAll long seed, @ForAll @LongRange(min = 1, max = 3_600_000) long timeframe,
            @ForAll @IntRange(min = 1, max = 400) int count) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] t = new long[count];
        double[] p = new double[count];
        long now = r.nextLong(-1_000_000_000_000L, 4_000_000_000_000L);
        for (int i = 0; i < count; i++) {
            now += r.nextInt(4) == 0 ? 0 : r.nextLong(timeframe * 3 + 1);
            t[i] = now;
            p[i] = 1 + r.nextDouble();
        }
        TimeBarBuilder builder = new TimeBarBuilder(1, java.time.Duration.ofMillis(timeframe));
        List<Bar> streamed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (builder.onTick(0, t[i], p[i], 1)) {
                streamed.add(builder.closedBar(0, "X"));
            }
        }
        List<Bar> batch = new ArrayList<>();
        int from = 0;
        for (int i = 1; i <= count; i++) {
            long bucket = Math.floorDiv(t[from], timeframe);
            if (i == count || Math.floorDiv(t[i], timeframe) != bucket) {
                if (i == count) {
                    break; // the last bar is still open
                }
                double hi = Double.NEGATIVE_INFINITY;
                double lo = Double.POSITIVE_INFINITY;
                for (int k = from; k < i; k++) {
                    hi = Math.max(hi, p[k]);
                    lo = Math.min(lo, p[k]);
                }
                batch.add(new Bar("X", bucket * timeframe, (bucket + 1) * timeframe, p[from], hi, lo, p[i - 1], i - from, i - from));
                from = i;
            }
        }
        assertEquals(batch, streamed);
    }
}
