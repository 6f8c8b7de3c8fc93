import io.aria.analytics.*;
import io.aria.core.*;
import io.aria.core.spi.PipelineListener;
import java.util.*;

/** Rough single-thread timing of the listener calls and of report(); not JMH. */
public class AnalyticsPerf {
    static volatile Object sink;
    public static void main(String[] a) {
        AssetCatalog cat = AssetCatalog.defaults();
        long t0 = 1_741_082_400_000L;
        Decision d = new Decision("EURUSD", t0, Direction.LONG, 0.7, 0.7, Regime.TREND,
                List.of(new ModelVote("m1", 1, .5, 1, .4), new ModelVote("m2", 1, .5, 1, .35), new ModelVote("m3", 1, .5, 1, .25), new ModelVote("m4", -1, .5, 1, 0)), Map.of());
        List<String> syms = cat.symbols();
        ExecutionReport[] reps = new ExecutionReport[1024];
        Random r = new Random(1);
        for (int i = 0; i < reps.length; i++) {
            String s = syms.get(i % syms.size());
            double px = 100;
            reps[i] = new ExecutionReport("c" + i, s, Side.BUY, ExecutionStatus.FILLED, 1, 1, 1, 1, 1, px, px + r.nextDouble() * 0.05, r.nextDouble() * 0.05, 20_000 + r.nextInt(200_000), TradeReturnCode.DONE, "", t0);
        }
        PipelineListener base = new PipelineListener() { };
        for (int round = 0; round < 3; round++) {
            HedgeFundAnalytics h = HedgeFundAnalytics.builder().build();
            int n = 2_000_000;
            long b0 = System.nanoTime();
            for (int i = 0; i < n; i++) { base.onExecution(reps[i & 1023], null); base.onEquity(1e5 + i, t0 + i * 1000L); }
            long b1 = System.nanoTime();
            for (int i = 0; i < n; i++) { h.onExecution(reps[i & 1023], null); }
            long b2 = System.nanoTime();
            for (int i = 0; i < n; i++) { h.onEquity(1e5 + (i % 1000) - (i % 37) * 3, t0 + i * 1000L); }
            long b3 = System.nanoTime();
            for (int i = 0; i < n; i++) { h.onTradeClosed("EURUSD", d, (i % 7) - 3, t0); }
            long b4 = System.nanoTime();
            var snap = new PipelineSnapshot(PipelineStatus.RUNNING, t0, new AccountSnapshot("USD", 1e5, 1e5, 0, 1e5, 100, t0),
                    List.of(new Position(1, "EURUSD", Side.BUY, 1, 1.1, t0, 0, 0, 1.1, 0, "", 1), new Position(2, "GER40", Side.SELL, 3, 18000, t0, 0, 0, 18000, 0, "", 1)),
                    Set.of(), new KillSwitch.State(false, "x", "", 0), new PipelineCounters(0,0,0,Map.of(),0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0));
            int reports = 200;
            long[] lat = new long[reports];
            AnalyticsReport rep = null;
            for (int i = 0; i < reports; i++) { long s = System.nanoTime(); rep = h.report(snap); lat[i] = System.nanoTime() - s; }
            long[] lockHeld = new long[reports];
            for (int i = 0; i < reports; i++) { long s = System.nanoTime(); sink = h.execution(); lockHeld[i] = System.nanoTime() - s; }
            Arrays.sort(lat); Arrays.sort(lockHeld);
            String json = null, html = null; long[] jt = new long[50]; long[] ht = new long[50];
            for (int i = 0; i < 50; i++) { long s = System.nanoTime(); json = rep.toJson(); long m = System.nanoTime(); html = rep.toHtml(); jt[i] = m - s; ht[i] = System.nanoTime() - m; }
            Arrays.sort(jt); Arrays.sort(ht); long j0 = 0, j1 = jt[25];
            System.out.printf("   toJson p50 %.0f us, toHtml p50 %.0f us%n", jt[25] / 1e3, ht[25] / 1e3);
            System.out.printf("round %d: baseline (no-op listener, exec+equity) %.1f ns/pair | onExecution %.1f ns | onEquity %.1f ns | onTradeClosed (4 votes) %.1f ns%n",
                    round, (b1 - b0) / (double) n, (b2 - b1) / (double) n, (b3 - b2) / (double) n, (b4 - b3) / (double) n);
            System.out.printf("   report(): p50 %.0f us, max %.0f us (equity points %d, 21 symbols) | execution() p50 %.0f us | toJson+toHtml %.0f us (%d + %d chars)%n",
                    lat[reports / 2] / 1e3, lat[reports - 1] / 1e3, rep.performance().returns() + 1, lockHeld[reports / 2] / 1e3, (j1 - j0) / 1e3, json.length(), html.length());
        }
    }
}
