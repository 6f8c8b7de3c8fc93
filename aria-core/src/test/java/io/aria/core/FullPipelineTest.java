package io.aria.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.audit.AuditReader;
import io.aria.core.audit.AuditRecord;
import io.aria.core.audit.JsonlAuditSink;
import io.aria.core.paper.PaperBroker;
import io.aria.core.source.SyntheticTickSource;
import io.aria.core.spi.EnsembleModel;
import io.aria.core.spi.PositionSizer;
import io.aria.core.spi.RiskGuard;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline assembled from the builder, with small lambdas where later issues plug in the
 * real ensemble, sizer and guards: 100,000 synthetic ticks through the paper broker and the JSONL
 * audit, then orders, fills, positions and audit files checked against each other.
 */
class FullPipelineTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("100,000 synthetic ticks: orders, fills, positions and audit files agree")
    void ordersFillsPositionsAndAuditAgree() throws Exception {
        AssetCatalog catalog = AssetCatalog.defaults();
        SyntheticTickSource source = SyntheticTickSource.builder().catalog(catalog).seed(7)
                .startTime(Instant.parse("2025-03-04T08:00:00Z")).tickInterval(Duration.ofSeconds(1))
                .maxTicks(100_000).fullSpeed().build();

        // ensemble: a momentum toy, per symbol: long above the price 200 ticks ago, short below, flat near it
        Map<String, double[]> history = new HashMap<>();
        int[] counter = new int[1];
        EnsembleModel ensemble = (tick, out) -> {
            double[] h = history.computeIfAbsent(tick.symbol(), s -> new double[201]);
            int n = (int) h[200]++;
            h[n % 200] = tick.mid();
            if (n < 200 || ++counter[0] % 37 != 0) {
                return;
            }
            double past = h[(n + 1) % 200];
            double move = (tick.mid() - past) / past;
            Direction d = move > 2e-4 ? Direction.LONG : move < -2e-4 ? Direction.SHORT : Direction.FLAT;
            out.accept(new Decision(tick.symbol(), tick.epochMillis(), d, 0.6, d.sign() * 0.6, Regime.TREND,
                    List.of(new ModelVote("toy", d.sign(), 0.6, 1, d == Direction.FLAT ? 0 : 1)),
                    Map.of("toy.move", move)));
        };
        // sizer: the minimum volume, stops at 8 typical spreads
        PositionSizer sizer = (decision, view) -> {
            AssetSpec spec = view.catalog().spec(decision.symbol());
            Tick t = view.lastTick(decision.symbol()).orElseThrow();
            Side side = decision.direction().entrySide();
            double price = t.priceFor(side);
            double dist = Math.max(8 * spec.typicalSpread(), 2 * spec.minStopDistance() + t.spread());
            double sl = spec.normalizePrice(price - side.sign() * dist);
            double tp = spec.normalizePrice(price + side.sign() * dist);
            return Optional.of(new OrderIntent(decision.symbol(), side, spec.volumeMin(), price, sl, tp, false, decision,
                    "min volume"));
        };
        // guard: at most six open positions
        RiskGuard maxPositions = (intent, view) -> !intent.reducing() && view.positions().size() >= 6
                ? Verdict.reject("MAX_POSITIONS", "6 positions open") : Verdict.approve();

        PaperBroker broker = PaperBroker.builder().catalog(catalog).startingBalance(100_000).build();
        JsonlAuditSink audit = JsonlAuditSink.builder(dir).build();
        TradingPipeline pipeline = TradingPipeline.builder().catalog(catalog).tickSource(source).ensemble(ensemble)
                .sizer(sizer).riskGuard(maxPositions).gateway(broker).auditSink(audit).decisionLogSampleEvery(10)
                .build();
        pipeline.start();
        assertTrue(pipeline.awaitQuiescent(Duration.ofSeconds(60)), "pipeline did not finish in 60 s");
        PipelineSnapshot s = pipeline.snapshot();
        pipeline.close();

        PipelineCounters c = s.counters();
        assertEquals(100_000, c.ticksIn());
        assertEquals(100_000, c.ticksAccepted());
        assertTrue(c.ordersSent() > 50, "orders sent: " + c.ordersSent());
        assertEquals(c.ordersSent(), c.ordersFilled() + c.ordersRejected() + c.ordersErrored() + c.ordersUnknown()
                + c.ordersPartiallyFilled());
        assertTrue(c.ordersBlocked() > 0, "the position limit should have blocked something");

        // the pipeline's book is the broker's book
        assertEquals(signedBySymbol(broker.positions()), signedBySymbol(s.positions()));
        assertTrue(s.positions().size() <= 6);

        // the audit trail, read back from disk
        AuditReader.Result<AuditRecord> exec = AuditReader.readFolder(dir.resolve("audit_logs"));
        AuditReader.Result<AuditRecord> dec = AuditReader.readFolder(dir.resolve("live_logs"));
        assertTrue(exec.isClean(), "corrupt or torn audit lines: " + exec);
        assertTrue(dec.isClean(), "corrupt or torn decision lines: " + dec);
        List<AuditRecord.OrderSubmitted> submitted = only(exec.records(), AuditRecord.OrderSubmitted.class);
        List<AuditRecord.OrderCompleted> completed = only(exec.records(), AuditRecord.OrderCompleted.class);
        List<AuditRecord.OrderBlocked> blocked = only(exec.records(), AuditRecord.OrderBlocked.class);
        List<AuditRecord.TradeEventRecorded> events = only(exec.records(), AuditRecord.TradeEventRecorded.class);
        assertEquals(c.ordersSent(), submitted.size());
        assertEquals(c.ordersSent(), completed.size());
        // blocked intents are written once per symbol, reason and episode; the summaries count the repeats
        long repeats = only(exec.records(), AuditRecord.OrderBlockedSummary.class).stream()
                .mapToLong(AuditRecord.OrderBlockedSummary::repeats).sum();
        assertEquals(c.ordersBlocked(), blocked.size() + repeats);
        assertEquals(c.tradeEvents(), events.size());
        assertEquals(c.decisionsLogged(), dec.records().size());
        assertTrue(c.decisionsLogged() < c.decisions(), "only direction changes and a sample are logged");

        // every order submitted exactly once, completed exactly once, after its submission, with attribution
        Set<String> ids = new HashSet<>();
        for (AuditRecord.OrderSubmitted o : submitted) {
            assertTrue(ids.add(o.request().clientOrderId()));
            assertEquals("toy", o.intent().decision().votes().get(0).model());
        }
        long fills = 0;
        Map<String, Double> net = new HashMap<>();
        for (AuditRecord.OrderCompleted o : completed) {
            assertTrue(ids.remove(o.report().clientOrderId()), "completion without submission");
            assertEquals(o.report().clientOrderId(), o.report().clientOrderId());
            if (o.report().status().isFill()) {
                fills++;
                net.merge(o.report().symbol(), o.report().side().sign() * o.report().filledVolume(), Double::sum);
                assertEquals(1, o.intent().decision().votes().size(), "fills carry their decision's attribution");
            }
        }
        assertTrue(ids.isEmpty(), "submitted but never completed: " + ids);
        assertEquals(c.ordersFilled() + c.ordersPartiallyFilled(), fills);
        // broker-side closes (SL/TP) take volume off the book
        for (AuditRecord.TradeEventRecorded e : events) {
            net.merge(e.event().symbol(), e.event().side().sign() * e.event().volume(), Double::sum);
        }
        net.values().removeIf(v -> Math.abs(v) < 1e-9);
        Map<String, Double> book = signedBySymbol(broker.positions());
        assertEquals(book.keySet(), net.keySet(), "the audit trail rebuilds the broker's book");
        book.forEach((sym, v) -> assertEquals(v, net.get(sym), 1e-9, sym));
        assertTrue(events.size() > 0, "some stops should have been hit");

        // every closed trade is in the audit with its realised profit: together they are the broker's balance change
        List<AuditRecord.TradeClosed> closedTrades = only(exec.records(), AuditRecord.TradeClosed.class);
        long closingFills = completed.stream().filter(o -> o.report().status().isFill() && o.intent().reducing())
                .count();
        assertEquals(closingFills + events.size(), closedTrades.size(), "one trade_closed per closing deal");
        double realised = closedTrades.stream().mapToDouble(t -> t.trade().profit()).sum();
        assertEquals(broker.account().balance() - 100_000, realised, 1e-6, "realised P&L in the audit");
        for (AuditRecord.TradeClosed t : closedTrades) {
            Decision entry = t.trade().entryDecision();
            assertTrue(entry != null, "the pipeline opened every position: " + t);
            assertEquals(t.trade().side().sign(), entry.direction().sign(), "the ENTRY decision's attribution: " + t);
            assertEquals(t.trade().side().sign(), (int) entry.votes().get(0).vote(), "entry votes: " + t);
            assertTrue(t.trade().mae() >= 0 && t.trade().mfe() >= 0);
        }
    }

    private static Map<String, Double> signedBySymbol(List<Position> ps) {
        Map<String, Double> m = new HashMap<>();
        for (Position p : ps) {
            m.merge(p.symbol(), p.signedVolume(), Double::sum);
        }
        m.values().removeIf(v -> Math.abs(v) < 1e-9);
        return m;
    }

    private static <T> List<T> only(List<AuditRecord> rs, Class<T> type) {
        return rs.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
