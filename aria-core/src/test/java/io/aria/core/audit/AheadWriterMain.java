package io.aria.core.audit;

import io.aria.core.OrderRequest;
import io.aria.core.Side;
import io.aria.core.Verdict;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The child process of {@link WriteAheadCrashTest}: writes records into a {@link JsonlAuditSink}
 * for ever, one asynchronous record then one write-ahead order per step, and prints
 * {@code ACK n} after {@code recordAhead} of step n returned. The test kills it with SIGKILL.
 *
 * <p>Arguments: the base folder, the run number.
 */
final class AheadWriterMain {

    private AheadWriterMain() {
    }

    /** @param args base folder, run number */
    public static void main(String[] args) {
        Path base = Path.of(args[0]);
        int run = Integer.parseInt(args[1]);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                StandardCharsets.US_ASCII);
        JsonlAuditSink sink = JsonlAuditSink.builder(base).build();
        out.println("READY");
        out.flush();
        for (int i = 0; ; i++) {
            long t = AuditFixtures.T0 + i;
            sink.record(AuditFixtures.control(t, "before " + run + ":" + i));
            sink.recordAhead(new AuditRecord.OrderSubmitted(t, order(run, i), AuditFixtures.intent(t),
                    Verdict.approve()));
            out.println("ACK " + i);
            out.flush();
        }
    }

    static String clientOrderId(int run, int i) {
        return "r" + run + "-" + i;
    }

    private static OrderRequest order(int run, int i) {
        return new OrderRequest(clientOrderId(run, i), "EURUSD", Side.BUY, 0.37, 1.08512, 1.0821, 1.0911, 15, 770077,
                "aria-42", 0);
    }
}
