package io.aria.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aria.core.ClosedTrade;
import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.ModelVote;
import io.aria.core.OrderIntent;
import io.aria.core.Regime;
import io.aria.core.Side;
import io.aria.core.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The encoder copies the text of a decision it wrote lately when the same decision object comes
 * again (in an order's intent, a blocked order, a closed trade): every line is still byte for byte
 * Jackson's, whether the decision is new, written just before, written long ago (its slot taken by
 * another since), or an equal but distinct object.
 */
class AuditDecisionReuseProperties {

    @Property(tries = 30)
    void linesThatRepeatADecisionAreWrittenAsJacksonDoes(@ForAll long seed) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        AuditLineEncoder encoder = new AuditLineEncoder();
        List<Decision> logged = new ArrayList<>();
        long t = AuditFixtures.T0;
        for (int i = 0; i < 300; i++) {
            AuditRecord rec;
            int kind = r.nextInt(6);
            if (kind < 2 || logged.isEmpty()) {
                Decision d = decision(r, t);
                logged.add(d);
                rec = new AuditRecord.DecisionLogged(t, d, r.nextBoolean());
            } else {
                // mostly the latest decisions (as the pipeline does), sometimes one long evicted
                int back = r.nextInt(4) == 0 ? r.nextInt(logged.size()) : r.nextInt(Math.min(3, logged.size()));
                Decision d = logged.get(logged.size() - 1 - back);
                if (r.nextInt(5) == 0) { // an equal decision, another object
                    d = new Decision(d.symbol(), d.epochMillis(), d.direction(), d.confidence(), d.score(),
                            d.regime(), d.votes(), d.indicators());
                }
                OrderIntent intent = new OrderIntent(d.symbol(), Side.BUY, 0.37, 1.08512, 1.0821, 1.0911, false, d,
                        "note " + i);
                rec = switch (kind) {
                    case 2 -> new AuditRecord.OrderSubmitted(t, AuditFixtures.request(), intent, Verdict.approve());
                    case 3 -> new AuditRecord.OrderBlocked(t, intent, Verdict.reject("KILL_SWITCH", "halted"));
                    case 4 -> new AuditRecord.OrderCompleted(t, AuditFixtures.report(t), intent);
                    default -> new AuditRecord.TradeClosed(t, new ClosedTrade(d.symbol(), Side.BUY, 7, 0.37, t - 60_000,
                            1.08512, t, 1.08612, 37.0, 60_000, 5, 12, ClosedTrade.ExitReason.SIGNAL, false, "c" + i, d));
                };
            }
            JsonBuffer out = new JsonBuffer(16);
            encoder.write(rec, out);
            assertEquals(AuditLineFormatProperties.jacksonLine(rec), new String(out.bytes, 0, out.count,
                    StandardCharsets.UTF_8), "record " + i);
            t += 1 + r.nextInt(1000);
        }
    }

    private static Decision decision(SplittableRandom r, long t) {
        double score = r.nextDouble() * 2 - 1;
        return new Decision(r.nextBoolean() ? "EURUSD" : "XAUUSD", t, score >= 0 ? Direction.LONG : Direction.SHORT,
                Math.abs(score), score, Regime.values()[r.nextInt(Regime.values().length)],
                List.of(new ModelVote("momentum", r.nextDouble(), r.nextDouble(), 0.15, r.nextDouble()),
                        new ModelVote("breakout", -r.nextDouble(), r.nextDouble(), 0.7, r.nextDouble())),
                r.nextBoolean() ? Map.of() : Map.of("atr", r.nextDouble() * 1e-3, "ema", 1 + r.nextDouble()));
    }
}
