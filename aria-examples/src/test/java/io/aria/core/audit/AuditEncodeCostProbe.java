package io.aria.core.audit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The audit encoder alone, for {@code io.aria.examples.bench.AuditEncodeCost} (a development
 * measurement, not a bench part): thread CPU time per record of {@link AuditLineEncoder} on given
 * records, into one reused buffer, no file and no thread hand-off. In this package to reach the
 * package-private encoder from the examples' test classes (the class path has no modules).
 */
public final class AuditEncodeCostProbe {

    private AuditEncodeCostProbe() {
    }

    /** @return the least CPU ns per record over the second half of the passes */
    public static double nsPerRecord(AuditRecord[] records, int passes) {
        AuditLineEncoder encoder = new AuditLineEncoder();
        JsonBuffer buffer = new JsonBuffer(1 << 20);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long best = Long.MAX_VALUE;
        long bytes = 0;
        for (int p = 0; p < passes; p++) {
            long c0 = mx.getCurrentThreadCpuTime();
            for (AuditRecord r : records) {
                buffer.count = 0;
                encoder.write(r, buffer);
                bytes += buffer.count;
            }
            long c = mx.getCurrentThreadCpuTime() - c0;
            if (p >= passes / 2) {
                best = Math.min(best, c);
            }
        }
        if (bytes < 0) {
            throw new IllegalStateException("unreachable: keeps the encoding alive");
        }
        return (double) best / records.length;
    }
}
