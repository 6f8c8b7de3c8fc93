package io.aria.core.audit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.ModelVote;
import io.aria.core.Regime;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The writer thread's encoder allocates nothing per record, also for the doubles live decisions
 * are made of: computed indicators, scores and votes of 16 or 17 significant digits that do not
 * repeat (before, each went through Jackson's {@code NumberOutput.toString}, a String apiece:
 * about a kilobyte of garbage per decision line, and the writer's largest cost). Measured with the
 * thread's allocation counter after the encoder is compiled; no time is asserted.
 */
class AuditLineEncoderAllocationTest {

    @Test
    void encodingDecisionsOfSeventeenDigitDoubles_allocatesNothingPerRecord() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        SplittableRandom r = new SplittableRandom(13);
        AuditRecord[] records = new AuditRecord[4_000]; // more distinct doubles than the encoder's cache holds
        for (int i = 0; i < records.length; i++) {
            records[i] = new AuditRecord.DecisionLogged(AuditFixtures.T0 + i, decision(r, AuditFixtures.T0 + i), i % 7 == 0);
        }
        AuditLineEncoder encoder = new AuditLineEncoder();
        JsonBuffer out = new JsonBuffer(64 * 1024);
        for (int round = 0; round < 15; round++) { // compiled by the JIT, as in a running sink
            encodeAll(encoder, out, records);
        }
        long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        long bytes = encodeAll(encoder, out, records);
        long allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        double perRecord = (double) allocated / records.length;
        assertTrue(bytes > records.length * 500L, "encoded only " + bytes + " bytes");
        // a String per double would be over 1,500 B per record
        assertTrue(perRecord < 16, "allocated " + perRecord + " B per decision record (" + allocated + " B in all)");
    }

    private static long encodeAll(AuditLineEncoder encoder, JsonBuffer out, AuditRecord[] records) {
        long bytes = 0;
        for (AuditRecord rec : records) {
            out.start = 0;
            out.count = 0;
            encoder.write(rec, out);
            bytes += out.count;
        }
        return bytes;
    }

    /**
     * A decision of 17-digit scores and votes (26 doubles a record). Its indicators map is empty:
     * iterating an immutable map allocates an entry per indicator ({@code Map.copyOf}'s iterator,
     * 24 B each), which is the decision's shape, not the encoder's, and would hide what is measured.
     */
    private static Decision decision(SplittableRandom r, long t) {
        double score = r.nextDouble() * 2 - 1;
        List<ModelVote> votes = new ArrayList<>();
        for (int v = 0; v < 6; v++) {
            votes.add(new ModelVote("model" + v, r.nextDouble() * 2 - 1, r.nextDouble(),
                    (r.nextDouble() + 0.5) * Math.pow(10, r.nextInt(-5, 3)), r.nextDouble()));
        }
        return new Decision("EURUSD", t, score >= 0 ? Direction.LONG : Direction.SHORT, Math.abs(score), score,
                Regime.RANGE, votes, Map.of());
    }
}
