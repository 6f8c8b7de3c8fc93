package io.aria.core.audit;

import io.aria.core.ClosedTrade;
import io.aria.core.Decision;
import io.aria.core.ExecutionReport;
import io.aria.core.ModelVote;
import io.aria.core.OrderIntent;
import io.aria.core.OrderRequest;
import io.aria.core.TradeEvent;
import io.aria.core.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one {@link AuditRecord} as one JSON object straight into a {@link JsonBuffer}: the
 * envelope ({@code v}, {@code type}, {@code ts}) first, then the record's components in
 * declaration order, nested values as Jackson databind writes them (record components in
 * declaration order, enums by name, a verdict with its {@code kind} first), so
 * {@link AuditReader} reads every line back into an equal record. Written by hand because the
 * trail must keep up with the engine: field names, enum names, symbols, model and indicator
 * names are encoded once, doubles are formatted without a generator, the timestamp from a
 * per-day cached date prefix, and nothing is allocated per record.
 *
 * <p>Not thread-safe: one instance per writer thread.
 */
final class AuditLineEncoder {

    static final long MILLIS_PER_DAY = 86_400_000L;

    private static final int MAX_CACHED_NAMES = 4096;

    private static final byte[] V = ascii("{\"v\":" + AuditRecord.SCHEMA_VERSION + ",\"type\":");
    private static final byte[] TS = ascii(",\"ts\":\"");
    private static final byte[] EPOCH_MILLIS = ascii("\",\"epochMillis\":");
    private static final byte[] DECISION = ascii(",\"decision\":");
    private static final byte[] DIRECTION_CHANGED = ascii(",\"directionChanged\":");
    private static final byte[] REQUEST = ascii(",\"request\":");
    private static final byte[] INTENT = ascii(",\"intent\":");
    private static final byte[] VERDICT = ascii(",\"verdict\":");
    private static final byte[] REPORT = ascii(",\"report\":");
    private static final byte[] EVENT = ascii(",\"event\":");
    private static final byte[] ACTION = ascii(",\"action\":");
    private static final byte[] BY = ascii(",\"by\":");
    private static final byte[] DETAIL = ascii(",\"detail\":");

    // Decision
    private static final byte[] D_SYMBOL = ascii("{\"symbol\":");
    private static final byte[] D_EPOCH_MILLIS = ascii(",\"epochMillis\":");
    private static final byte[] D_DIRECTION = ascii(",\"direction\":");
    private static final byte[] D_CONFIDENCE = ascii(",\"confidence\":");
    private static final byte[] D_SCORE = ascii(",\"score\":");
    private static final byte[] D_REGIME = ascii(",\"regime\":");
    private static final byte[] D_VOTES = ascii(",\"votes\":[");
    private static final byte[] D_INDICATORS = ascii("],\"indicators\":{");
    // ModelVote
    private static final byte[] MV_MODEL = ascii("{\"model\":");
    private static final byte[] MV_VOTE = ascii(",\"vote\":");
    private static final byte[] MV_CONFIDENCE = D_CONFIDENCE;
    private static final byte[] MV_WEIGHT = ascii(",\"weight\":");
    private static final byte[] MV_SHARE = ascii(",\"share\":");
    // OrderIntent
    private static final byte[] OI_SYMBOL = D_SYMBOL;
    private static final byte[] SIDE = ascii(",\"side\":");
    private static final byte[] VOLUME = ascii(",\"volume\":");
    private static final byte[] OI_REFERENCE_PRICE = ascii(",\"referencePrice\":");
    private static final byte[] STOP_LOSS = ascii(",\"stopLoss\":");
    private static final byte[] TAKE_PROFIT = ascii(",\"takeProfit\":");
    private static final byte[] OI_REDUCING = ascii(",\"reducing\":");
    private static final byte[] OI_SIZING_NOTE = ascii(",\"sizingNote\":");
    private static final byte[] OI_ORIGIN = ascii(",\"origin\":");
    // TradeClosed / ClosedTrade
    private static final byte[] TRADE = ascii(",\"trade\":");
    private static final byte[] CT_POSITION_TICKET = ascii(",\"positionTicket\":");
    private static final byte[] CT_ENTRY_EPOCH_MILLIS = ascii(",\"entryEpochMillis\":");
    private static final byte[] CT_ENTRY_PRICE = ascii(",\"entryPrice\":");
    private static final byte[] CT_EXIT_EPOCH_MILLIS = ascii(",\"exitEpochMillis\":");
    private static final byte[] CT_EXIT_PRICE = ascii(",\"exitPrice\":");
    private static final byte[] CT_PROFIT = ascii(",\"profit\":");
    private static final byte[] CT_HOLDING_MILLIS = ascii(",\"holdingMillis\":");
    private static final byte[] CT_MAE = ascii(",\"mae\":");
    private static final byte[] CT_MFE = ascii(",\"mfe\":");
    private static final byte[] CT_EXIT_REASON = ascii(",\"exitReason\":");
    private static final byte[] CT_PARTIAL = ascii(",\"partial\":");
    private static final byte[] CT_CLOSING_ORDER_ID = ascii(",\"closingOrderId\":");
    private static final byte[] CT_ENTRY_DECISION = ascii(",\"entryDecision\":");
    private static final byte[] NULL = ascii("null");
    // OrderBlockedSummary
    private static final byte[] BS_SYMBOL = ascii(",\"symbol\":");
    private static final byte[] BS_CODE = ascii(",\"code\":");
    private static final byte[] BS_REPEATS = ascii(",\"repeats\":");
    private static final byte[] BS_FIRST = ascii(",\"firstEpochMillis\":");
    private static final byte[] BS_LAST = ascii(",\"lastEpochMillis\":");
    // OrderRequest
    private static final byte[] CLIENT_ORDER_ID = ascii("{\"clientOrderId\":");
    private static final byte[] SYMBOL = ascii(",\"symbol\":");
    private static final byte[] REQUESTED_PRICE = ascii(",\"requestedPrice\":");
    private static final byte[] OR_MAX_DEVIATION_POINTS = ascii(",\"maxDeviationPoints\":");
    private static final byte[] OR_MAGIC = ascii(",\"magic\":");
    private static final byte[] OR_COMMENT = ascii(",\"comment\":");
    private static final byte[] POSITION_TICKET = ascii(",\"positionTicket\":");
    // ExecutionReport
    private static final byte[] ER_STATUS = ascii(",\"status\":");
    private static final byte[] ER_ORDER_TICKET = ascii(",\"orderTicket\":");
    private static final byte[] DEAL_TICKET = ascii(",\"dealTicket\":");
    private static final byte[] ER_REQUESTED_VOLUME = ascii(",\"requestedVolume\":");
    private static final byte[] ER_FILLED_VOLUME = ascii(",\"filledVolume\":");
    private static final byte[] ER_FILL_PRICE = ascii(",\"fillPrice\":");
    private static final byte[] ER_SLIPPAGE = ascii(",\"slippage\":");
    private static final byte[] ER_LATENCY_NANOS = ascii(",\"latencyNanos\":");
    private static final byte[] ER_RETURN_CODE = ascii(",\"returnCode\":");
    private static final byte[] MESSAGE = ascii(",\"message\":");
    // Verdict
    private static final byte[] VD_APPROVED = ascii("{\"kind\":\"approved\"");
    private static final byte[] VD_RESIZED = ascii("{\"kind\":\"resized\"");
    private static final byte[] VD_REJECTED = ascii("{\"kind\":\"rejected\"");
    private static final byte[] VD_CODE = ascii(",\"code\":");
    // TradeEvent
    private static final byte[] TE_KIND = ascii("{\"kind\":");
    private static final byte[] TE_PRICE = ascii(",\"price\":");
    private static final byte[] TE_PROFIT = ascii(",\"profit\":");
    private static final byte[] TE_CLIENT_ORDER_ID = ascii(",\"clientOrderId\":");

    private static final byte[][] DIRECTIONS = enumNames(io.aria.core.Direction.values());
    private static final byte[][] REGIMES = enumNames(io.aria.core.Regime.values());
    private static final byte[][] SIDES = enumNames(io.aria.core.Side.values());
    private static final byte[][] STATUSES = enumNames(io.aria.core.ExecutionStatus.values());
    private static final byte[][] EVENT_KINDS = enumNames(TradeEvent.Kind.values());
    private static final byte[][] ORIGINS = enumNames(OrderIntent.Origin.values());
    private static final byte[][] EXIT_REASONS = enumNames(ClosedTrade.ExitReason.values());

    /** Slots of the cache of formatted doubles (a power of two). */
    private static final int DOUBLE_SLOTS = 512;
    private static final int DECISION_SLOTS = 64;
    /** Room for the longest double text ({@code -2.2250738585072014E-308}, 24 bytes) or {@code "NaN"}. */
    private static final int DOUBLE_TEXT = 32;

    /**
     * Formatted doubles by their exact bits, direct-mapped: model weights, shares and
     * confidences, stops and many indicator values repeat from one record to the next, and a
     * copy is several times cheaper than formatting.
     */
    private final long[] doubleBits = new long[DOUBLE_SLOTS];
    private final byte[] doubleLength = new byte[DOUBLE_SLOTS];
    private final byte[] doubleText = new byte[DOUBLE_SLOTS * DOUBLE_TEXT];

    /** Symbols, model and indicator names, verdict codes, type names: they repeat on every record. */
    private final Map<String, byte[]> names = new HashMap<>();
    /**
     * The text of the last decisions written, by identity: an order's intent and a closed trade
     * carry the decision that was logged just before (the same immutable record), and its text is
     * most of their line. Direct-mapped by identity hash; a slot's buffer grows and is reused.
     */
    private final Decision[] decisionKeys = new Decision[DECISION_SLOTS];
    private final byte[][] decisionText = new byte[DECISION_SLOTS][];
    private final int[] decisionLength = new int[DECISION_SLOTS];

    private final byte[] tsBytes = new byte[40];
    private long tsDay = Long.MIN_VALUE;
    private int tsPrefixLength;

    /**
     * Appends the record's JSON object (no trailing newline).
     *
     * @param record the record
     * @param out    where to append it
     * @throws IllegalStateException for a record type this encoder does not know
     */
    void write(AuditRecord record, JsonBuffer out) {
        out.raw(V);
        out.raw(cached(AuditJson.typeName(record)));
        out.raw(TS);
        writeTs(record.epochMillis(), out);
        out.raw(EPOCH_MILLIS);
        out.number(record.epochMillis());
        if (record instanceof AuditRecord.DecisionLogged r) {
            out.raw(DECISION);
            writeDecision(r.decision(), out);
            out.raw(DIRECTION_CHANGED);
            out.bool(r.directionChanged());
        } else if (record instanceof AuditRecord.OrderSubmitted r) {
            out.raw(REQUEST);
            writeRequest(r.request(), out);
            out.raw(INTENT);
            writeIntent(r.intent(), out);
            out.raw(VERDICT);
            writeVerdict(r.verdict(), out);
        } else if (record instanceof AuditRecord.OrderBlocked r) {
            out.raw(INTENT);
            writeIntent(r.intent(), out);
            out.raw(VERDICT);
            writeVerdict(r.verdict(), out);
        } else if (record instanceof AuditRecord.OrderCompleted r) {
            out.raw(REPORT);
            writeReport(r.report(), out);
            out.raw(INTENT);
            writeIntent(r.intent(), out);
        } else if (record instanceof AuditRecord.TradeEventRecorded r) {
            out.raw(EVENT);
            writeEvent(r.event(), out);
        } else if (record instanceof AuditRecord.ControlAction r) {
            out.raw(ACTION);
            out.string(r.action());
            out.raw(BY);
            out.string(r.by());
            out.raw(DETAIL);
            out.string(r.detail());
        } else if (record instanceof AuditRecord.TradeClosed r) {
            out.raw(TRADE);
            writeClosedTrade(r.trade(), out);
        } else if (record instanceof AuditRecord.OrderBlockedSummary r) {
            out.raw(BS_SYMBOL);
            out.raw(cached(r.symbol()));
            out.raw(BS_CODE);
            out.raw(cached(r.code()));
            out.raw(BS_REPEATS);
            out.number(r.repeats());
            out.raw(BS_FIRST);
            out.number(r.firstEpochMillis());
            out.raw(BS_LAST);
            out.number(r.lastEpochMillis());
        } else {
            throw new IllegalStateException("unknown audit record type " + record.getClass().getName());
        }
        out.raw((byte) '}');
    }

    /** Writes a decision object, from the copy of its text when it was written lately. */
    private void writeDecision(Decision d, JsonBuffer out) {
        int slot = System.identityHashCode(d) & (DECISION_SLOTS - 1);
        if (decisionKeys[slot] == d) {
            int n = decisionLength[slot];
            out.ensure(n);
            System.arraycopy(decisionText[slot], 0, out.bytes, out.count, n);
            out.count += n;
            return;
        }
        int start = out.count;
        encodeDecision(d, out);
        int n = out.count - start;
        byte[] text = decisionText[slot];
        if (text == null || text.length < n) {
            text = new byte[Math.max(n, 2048)];
            decisionText[slot] = text;
        }
        System.arraycopy(out.bytes, start, text, 0, n);
        decisionLength[slot] = n;
        decisionKeys[slot] = d;
    }

    private void encodeDecision(Decision d, JsonBuffer out) {
        out.raw(D_SYMBOL);
        out.raw(cached(d.symbol()));
        out.raw(D_EPOCH_MILLIS);
        out.number(d.epochMillis());
        out.raw(D_DIRECTION);
        out.raw(DIRECTIONS[d.direction().ordinal()]);
        out.raw(D_CONFIDENCE);
        number(d.confidence(), out);
        out.raw(D_SCORE);
        number(d.score(), out);
        out.raw(D_REGIME);
        out.raw(REGIMES[d.regime().ordinal()]);
        out.raw(D_VOTES);
        List<ModelVote> votes = d.votes();
        for (int i = 0, n = votes.size(); i < n; i++) {
            ModelVote v = votes.get(i);
            if (i > 0) {
                out.raw((byte) ',');
            }
            out.raw(MV_MODEL);
            out.raw(cached(v.model()));
            out.raw(MV_VOTE);
            number(v.vote(), out);
            out.raw(MV_CONFIDENCE);
            number(v.confidence(), out);
            out.raw(MV_WEIGHT);
            number(v.weight(), out);
            out.raw(MV_SHARE);
            number(v.share(), out);
            out.raw((byte) '}');
        }
        out.raw(D_INDICATORS);
        Map<String, Double> indicators = d.indicators();
        if (!indicators.isEmpty()) { // an immutable map's iterator is an allocation, and one more per entry
            boolean first = true;
            for (Map.Entry<String, Double> e : indicators.entrySet()) {
                if (!first) {
                    out.raw((byte) ',');
                }
                first = false;
                out.raw(cached(e.getKey()));
                out.raw((byte) ':');
                number(e.getValue().doubleValue(), out);
            }
        }
        out.raw((byte) '}');
        out.raw((byte) '}');
    }

    private void writeIntent(OrderIntent i, JsonBuffer out) {
        out.raw(OI_SYMBOL);
        out.raw(cached(i.symbol()));
        out.raw(SIDE);
        out.raw(SIDES[i.side().ordinal()]);
        out.raw(VOLUME);
        number(i.volume(), out);
        out.raw(OI_REFERENCE_PRICE);
        number(i.referencePrice(), out);
        out.raw(STOP_LOSS);
        number(i.stopLoss(), out);
        out.raw(TAKE_PROFIT);
        number(i.takeProfit(), out);
        out.raw(OI_REDUCING);
        out.bool(i.reducing());
        out.raw(DECISION);
        writeDecision(i.decision(), out);
        out.raw(OI_SIZING_NOTE);
        out.string(i.sizingNote());
        out.raw(OI_ORIGIN);
        out.raw(ORIGINS[i.origin().ordinal()]);
        out.raw((byte) '}');
    }

    private void writeClosedTrade(ClosedTrade t, JsonBuffer out) {
        out.raw(D_SYMBOL);
        out.raw(cached(t.symbol()));
        out.raw(SIDE);
        out.raw(SIDES[t.side().ordinal()]);
        out.raw(CT_POSITION_TICKET);
        out.number(t.positionTicket());
        out.raw(VOLUME);
        number(t.volume(), out);
        out.raw(CT_ENTRY_EPOCH_MILLIS);
        out.number(t.entryEpochMillis());
        out.raw(CT_ENTRY_PRICE);
        number(t.entryPrice(), out);
        out.raw(CT_EXIT_EPOCH_MILLIS);
        out.number(t.exitEpochMillis());
        out.raw(CT_EXIT_PRICE);
        number(t.exitPrice(), out);
        out.raw(CT_PROFIT);
        number(t.profit(), out);
        out.raw(CT_HOLDING_MILLIS);
        out.number(t.holdingMillis());
        out.raw(CT_MAE);
        number(t.mae(), out);
        out.raw(CT_MFE);
        number(t.mfe(), out);
        out.raw(CT_EXIT_REASON);
        out.raw(EXIT_REASONS[t.exitReason().ordinal()]);
        out.raw(CT_PARTIAL);
        out.bool(t.partial());
        out.raw(CT_CLOSING_ORDER_ID);
        out.string(t.closingOrderId());
        out.raw(CT_ENTRY_DECISION);
        if (t.entryDecision() == null) {
            out.raw(NULL);
        } else {
            writeDecision(t.entryDecision(), out);
        }
        out.raw((byte) '}');
    }

    private void writeRequest(OrderRequest r, JsonBuffer out) {
        out.raw(CLIENT_ORDER_ID);
        out.string(r.clientOrderId());
        out.raw(SYMBOL);
        out.raw(cached(r.symbol()));
        out.raw(SIDE);
        out.raw(SIDES[r.side().ordinal()]);
        out.raw(VOLUME);
        number(r.volume(), out);
        out.raw(REQUESTED_PRICE);
        number(r.requestedPrice(), out);
        out.raw(STOP_LOSS);
        number(r.stopLoss(), out);
        out.raw(TAKE_PROFIT);
        number(r.takeProfit(), out);
        out.raw(OR_MAX_DEVIATION_POINTS);
        out.number(r.maxDeviationPoints());
        out.raw(OR_MAGIC);
        out.number(r.magic());
        out.raw(OR_COMMENT);
        out.string(r.comment());
        out.raw(POSITION_TICKET);
        out.number(r.positionTicket());
        out.raw((byte) '}');
    }

    private void writeReport(ExecutionReport r, JsonBuffer out) {
        out.raw(CLIENT_ORDER_ID);
        out.string(r.clientOrderId());
        out.raw(SYMBOL);
        out.raw(cached(r.symbol()));
        out.raw(SIDE);
        out.raw(SIDES[r.side().ordinal()]);
        out.raw(ER_STATUS);
        out.raw(STATUSES[r.status().ordinal()]);
        out.raw(ER_ORDER_TICKET);
        out.number(r.orderTicket());
        out.raw(DEAL_TICKET);
        out.number(r.dealTicket());
        out.raw(POSITION_TICKET);
        out.number(r.positionTicket());
        out.raw(ER_REQUESTED_VOLUME);
        number(r.requestedVolume(), out);
        out.raw(ER_FILLED_VOLUME);
        number(r.filledVolume(), out);
        out.raw(REQUESTED_PRICE);
        number(r.requestedPrice(), out);
        out.raw(ER_FILL_PRICE);
        number(r.fillPrice(), out);
        out.raw(ER_SLIPPAGE);
        number(r.slippage(), out);
        out.raw(ER_LATENCY_NANOS);
        out.number(r.latencyNanos());
        out.raw(ER_RETURN_CODE);
        out.number(r.returnCode());
        out.raw(MESSAGE);
        out.string(r.message());
        out.raw(D_EPOCH_MILLIS);
        out.number(r.epochMillis());
        out.raw((byte) '}');
    }

    private void writeVerdict(Verdict v, JsonBuffer out) {
        if (v instanceof Verdict.Approved) {
            out.raw(VD_APPROVED);
        } else if (v instanceof Verdict.Resized r) {
            out.raw(VD_RESIZED);
            out.raw(VOLUME);
            number(r.volume(), out);
        } else if (v instanceof Verdict.Rejected) {
            out.raw(VD_REJECTED);
        } else {
            throw new IllegalStateException("unknown verdict type " + v.getClass().getName());
        }
        out.raw(VD_CODE);
        out.raw(cached(v.code()));
        out.raw(MESSAGE);
        out.string(v.message());
        out.raw((byte) '}');
    }

    private void writeEvent(TradeEvent e, JsonBuffer out) {
        out.raw(TE_KIND);
        out.raw(EVENT_KINDS[e.kind().ordinal()]);
        out.raw(SYMBOL);
        out.raw(cached(e.symbol()));
        out.raw(POSITION_TICKET);
        out.number(e.positionTicket());
        out.raw(DEAL_TICKET);
        out.number(e.dealTicket());
        out.raw(SIDE);
        out.raw(SIDES[e.side().ordinal()]);
        out.raw(VOLUME);
        number(e.volume(), out);
        out.raw(TE_PRICE);
        number(e.price(), out);
        out.raw(TE_PROFIT);
        number(e.profit(), out);
        out.raw(TE_CLIENT_ORDER_ID);
        out.string(e.clientOrderId());
        out.raw(D_EPOCH_MILLIS);
        out.number(e.epochMillis());
        out.raw((byte) '}');
    }

    /** Writes a double as {@link JsonBuffer#number(double)} does, from the cache when it was written lately. */
    private void number(double v, JsonBuffer out) {
        long bits = Double.doubleToRawLongBits(v);
        int slot = (int) ((bits * 0x9E3779B97F4A7C15L) >>> 55); // top 9 bits of a Fibonacci hash: 512 slots
        int length = doubleLength[slot];
        int at = slot * DOUBLE_TEXT;
        if (length != 0 && doubleBits[slot] == bits) {
            out.ensure(length);
            System.arraycopy(doubleText, at, out.bytes, out.count, length);
            out.count += length;
            return;
        }
        int start = out.count;
        out.number(v);
        length = out.count - start;
        if (length <= DOUBLE_TEXT) {
            System.arraycopy(out.bytes, start, doubleText, at, length);
            doubleBits[slot] = bits;
            doubleLength[slot] = (byte) length;
        }
    }

    /** @return the JSON string form of a text that repeats, encoded once */
    private byte[] cached(String text) {
        byte[] s = names.get(text);
        if (s == null) {
            if (names.size() >= MAX_CACHED_NAMES) {
                names.clear(); // names are a small closed set in practice; never grow without bound
            }
            s = JsonBuffer.encodeString(text);
            names.put(text, s);
        }
        return s;
    }

    /** Writes {@code yyyy-MM-ddTHH:mm:ss.SSSZ} (no quotes). */
    private void writeTs(long epochMillis, JsonBuffer out) {
        long day = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
        byte[] ts = tsBytes;
        if (day != tsDay) {
            byte[] prefix = ascii(LocalDate.ofEpochDay(day) + "T");
            System.arraycopy(prefix, 0, ts, 0, prefix.length);
            tsPrefixLength = prefix.length;
            tsDay = day;
        }
        int ms = (int) Math.floorMod(epochMillis, MILLIS_PER_DAY);
        int i = tsPrefixLength;
        i = two(ts, ms / 3_600_000, i);
        ts[i++] = ':';
        i = two(ts, ms / 60_000 % 60, i);
        ts[i++] = ':';
        i = two(ts, ms / 1000 % 60, i);
        ts[i++] = '.';
        int milli = ms % 1000;
        ts[i++] = (byte) ('0' + milli / 100);
        ts[i++] = (byte) ('0' + milli / 10 % 10);
        ts[i++] = (byte) ('0' + milli % 10);
        ts[i++] = 'Z';
        out.ensure(i);
        System.arraycopy(ts, 0, out.bytes, out.count, i);
        out.count += i;
    }

    private static int two(byte[] ts, int v, int i) {
        ts[i] = (byte) ('0' + v / 10);
        ts[i + 1] = (byte) ('0' + v % 10);
        return i + 2;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[][] enumNames(Enum<?>[] values) {
        byte[][] names = new byte[values.length][];
        for (Enum<?> e : values) {
            names[e.ordinal()] = JsonBuffer.encodeString(e.name());
        }
        return names;
    }
}
