package io.aria.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.aria.core.ClosedTrade;
import io.aria.core.Decision;
import io.aria.core.Direction;
import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.ModelVote;
import io.aria.core.OrderIntent;
import io.aria.core.OrderRequest;
import io.aria.core.Regime;
import io.aria.core.Side;
import io.aria.core.TradeEvent;
import io.aria.core.Verdict;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The hand-written encoder writes, byte for byte, the line that Jackson databind writes for the
 * same record (the envelope, then every record component, found by reflection so a component
 * added later is checked too, through Jackson's Schubfach double writer).
 */
class AuditLineFormatProperties {

    private static final ObjectWriter JACKSON = AuditJson.MAPPER.writer()
            .with(StreamWriteFeature.USE_FAST_DOUBLE_WRITER);
    /** One encoder for all tries, as in the sink: its caches of names and doubles fill, collide and get hit. */
    private static final AuditLineEncoder ENCODER = new AuditLineEncoder();
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    @Property(tries = 300)
    void doublesAreWrittenAsJacksonDoes(@ForAll("doubles") double v) throws JsonProcessingException {
        JsonBuffer out = new JsonBuffer(8);
        out.number(v);
        String written = new String(out.bytes, 0, out.count, StandardCharsets.UTF_8);
        assertEquals(jackson(v), written, () -> "bits " + Long.toHexString(Double.doubleToRawLongBits(v)));
        if (Double.isFinite(v)) {
            assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(Double.parseDouble(written)), written);
        }
    }

    @Property(tries = 300)
    void shortDecimalsAreWrittenAsJacksonDoes(@ForAll @LongRange(min = -9_999_999_999_999_999L,
            max = 9_999_999_999_999_999L) long digits, @ForAll @IntRange(min = 0, max = 20) int decimals)
            throws JsonProcessingException {
        doublesAreWrittenAsJacksonDoes(digits / Math.pow(10, decimals));
    }

    @Property(tries = 200)
    void longsAreWrittenAsJavaDoes(@ForAll("longs") long v) {
        JsonBuffer out = new JsonBuffer(4);
        out.number(v);
        assertEquals(Long.toString(v), new String(out.bytes, 0, out.count, StandardCharsets.US_ASCII));
    }

    @Provide
    Arbitrary<Long> longs() {
        // every digit count, at its edges: 10^k - 1, 10^k, 10^k + 1 and their negatives
        Arbitrary<Long> edges = Arbitraries.integers().between(0, 18).flatMap(k -> {
            long p = (long) Math.pow(10, k);
            return Arbitraries.of(p - 1, p, p + 1, -p, 1 - p);
        });
        return Arbitraries.oneOf(Arbitraries.longs(), edges, Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L));
    }

    @Property(tries = 200)
    void stringsAreWrittenAsJacksonDoes(@ForAll("text") String s) throws JsonProcessingException {
        JsonBuffer out = new JsonBuffer(1);
        out.string(s);
        assertEquals(jackson(s), new String(out.bytes, 0, out.count, StandardCharsets.UTF_8));
    }

    @Property(tries = 200)
    void linesAreWrittenAsJacksonDoes(@ForAll("records") AuditRecord record) throws Exception {
        JsonBuffer out = new JsonBuffer(16);
        ENCODER.write(record, out);
        assertEquals(jacksonLine(record), new String(out.bytes, 0, out.count, StandardCharsets.UTF_8));
    }

    /** @return the value as the sink's Jackson generator wrote it (UTF-8 bytes: lone surrogates escaped) */
    private static String jackson(Object value) throws JsonProcessingException {
        return new String(JACKSON.writeValueAsBytes(value), StandardCharsets.UTF_8);
    }

    /** The line as Jackson writes it: the envelope, then each record component in declaration order. */
    static String jacksonLine(AuditRecord record) throws Exception {
        StringBuilder b = new StringBuilder("{\"v\":").append(AuditRecord.SCHEMA_VERSION)
                .append(",\"type\":").append(jackson(AuditJson.typeName(record)))
                .append(",\"ts\":\"").append(TS.format(Instant.ofEpochMilli(record.epochMillis()))).append('"');
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            b.append(",\"").append(c.getName()).append("\":")
                    .append(jackson(c.getAccessor().invoke(record)));
        }
        return b.append('}').toString();
    }

    @Provide
    Arbitrary<Double> doubles() {
        return Arbitraries.oneOf(
                Arbitraries.doubles(),
                Arbitraries.longs().map(Double::longBitsToDouble),
                Arbitraries.longs().between(-99_999_999, 99_999_999)
                        .flatMap(m -> Arbitraries.integers().between(0, 12).map(d -> m / Math.pow(10, d))),
                Arbitraries.of(0.0, -0.0, 1e-3, 9.999999999999998e-4, 1e7, 9_999_999.999999998, 0.1 + 0.2, 1.0 / 3,
                        Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY,
                        Double.NEGATIVE_INFINITY, 5e-324, 2e23, 1e23));
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(20),
                Arbitraries.strings().withChars("a\"\\\n\t\u00e9\u20ac\ud83d\ude00\u007f\u0001").ofMaxLength(20));
    }

    @Provide
    Arbitrary<AuditRecord> records() {
        Arbitrary<Long> t = Arbitraries.longs().between(-2_000_000_000_000L, 5_000_000_000_000L);
        Arbitrary<String> text = text();
        Arbitrary<Double> unit = Arbitraries.oneOf(Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(0, 1000).map(i -> i / 1000.0));
        Arbitrary<Double> positive = Arbitraries.oneOf(Arbitraries.doubles().between(1e-9, 1e9).ofScale(12),
                Arbitraries.integers().between(1, 10_000_000).map(i -> i / 100_000.0));
        Arbitrary<ModelVote> vote = Combinators.combine(text, unit, unit, positive, unit)
                .as((m, v, c, w, s) -> new ModelVote(m, v, c, w, s));
        Arbitrary<Map<String, Double>> indicators = Arbitraries.maps(text, doubles()).ofMaxSize(5)
                .map(LinkedHashMap::new);
        Arbitrary<Decision> decision = Combinators.combine(text, t, Arbitraries.of(Direction.class), unit,
                Arbitraries.of(Regime.class), vote.list().ofMaxSize(4), indicators)
                .as((sym, ms, dir, c, reg, votes, ind) -> new Decision(sym, ms, dir, c, dir.sign() * c, reg, votes, ind));
        Arbitrary<OrderIntent> intent = Combinators.combine(text, positive, positive, Arbitraries.of(true, false),
                decision, text, Arbitraries.of(OrderIntent.Origin.class)).as((sym, vol, price, reducing, d, note, o) ->
                        new OrderIntent(sym, Side.BUY, vol, price, price / 2, price * 2, reducing, d, note, o));
        Arbitrary<String> id = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(31);
        Arbitrary<OrderRequest> request = Combinators.combine(id, text.filter(s -> s.length() <= 31),
                Arbitraries.of(Side.class), positive, positive, Arbitraries.integers().between(0, 1000),
                Arbitraries.longs().greaterOrEqual(0))
                .as((cid, comment, side, vol, price, dev, magic) ->
                        new OrderRequest(cid, "XAUUSD", side, vol, price, 0, price * 3, dev, magic, comment, magic / 7));
        Arbitrary<ExecutionReport> report = Combinators.combine(id, Arbitraries.of(ExecutionStatus.class), positive,
                positive, Arbitraries.doubles(), Arbitraries.longs().greaterOrEqual(0), Arbitraries.integers(), text)
                .as((cid, st, vol, price, slip, lat, rc, msg) -> new ExecutionReport(cid, "US500", Side.SELL, st,
                        lat / 3, lat / 5, lat / 7, vol, st.isFill() ? vol / 2 : 0, price, st.isFill() ? price : 0, slip,
                        lat, rc, msg, lat / 11));
        Arbitrary<Verdict> verdict = Combinators.combine(id, text, positive).as((code, msg, vol) -> List.of(
                Verdict.approve(code, msg), Verdict.resize(vol, code, msg), Verdict.reject(code, msg)))
                .flatMap(Arbitraries::of);
        Arbitrary<TradeEvent> event = Combinators.combine(Arbitraries.of(TradeEvent.Kind.class), text,
                Arbitraries.longs().greaterOrEqual(1), Arbitraries.of(Side.class), positive, positive,
                Arbitraries.doubles(), t)
                .as((k, sym, ticket, side, vol, price, profit, ms) ->
                        new TradeEvent(k, sym, ticket, ticket / 2, side, vol, price, profit, sym, ms));
        Arbitrary<Double> amount = Arbitraries.oneOf(Arbitraries.doubles().between(-1e7, 1e7),
                Arbitraries.integers().between(-1_000_000, 1_000_000).map(i -> i / 100.0));
        Arbitrary<Long> ms = Arbitraries.longs().between(0, 5_000_000_000_000L);
        Arbitrary<ClosedTrade> closed = Combinators.combine(
                Combinators.combine(text, Arbitraries.of(Side.class), Arbitraries.longs().greaterOrEqual(0), positive,
                        ms, positive, Arbitraries.longs().between(0, 1_000_000_000L), positive)
                        .as((sym, side, ticket, vol, entry, open, hold, exit) -> new Object[] {sym, side, ticket, vol,
                                entry, open, hold, exit}),
                Combinators.combine(amount, positive, positive, Arbitraries.of(ClosedTrade.ExitReason.class),
                        Arbitraries.of(true, false), id, decision.injectNull(0.3))
                        .as((profit, mae, mfe, reason, partial, cid, d) -> new Object[] {profit, mae, mfe, reason,
                                partial, cid, d}))
                .as((a, b) -> new ClosedTrade((String) a[0], (Side) a[1], (Long) a[2], (Double) a[3], (Long) a[4],
                        (Double) a[5], (Long) a[4] + (Long) a[6], (Double) a[7], (Double) b[0], (Long) a[6],
                        (Double) b[1], (Double) b[2], (ClosedTrade.ExitReason) b[3], (Boolean) b[4], (String) b[5],
                        (Decision) b[6]));
        Arbitrary<AuditRecord.OrderBlockedSummary> summary = Combinators.combine(t, text, id,
                Arbitraries.longs().between(1, Long.MAX_VALUE), t, t).as(AuditRecord.OrderBlockedSummary::new);
        return Arbitraries.oneOf(
                Combinators.combine(t, closed).as(AuditRecord.TradeClosed::new),
                summary,
                Combinators.combine(t, decision, Arbitraries.of(true, false)).as(AuditRecord.DecisionLogged::new),
                Combinators.combine(t, request, intent, verdict).as(AuditRecord.OrderSubmitted::new),
                Combinators.combine(t, intent, verdict).as(AuditRecord.OrderBlocked::new),
                Combinators.combine(t, report, intent).as(AuditRecord.OrderCompleted::new),
                Combinators.combine(t, event).as(AuditRecord.TradeEventRecorded::new),
                Combinators.combine(t, text, text, text).as(AuditRecord.ControlAction::new));
    }
}
