package io.aria.core.internal;

import io.aria.core.ExecutionStatus;
import io.aria.core.PipelineCounters;
import io.aria.core.TickRejectReason;
import java.util.EnumMap;
import java.util.Map;

/**
 * The pipeline's counters: plain fields the loop thread increments where the event happens. Not
 * safe for use from multiple threads; {@link #snapshot} copies them into an immutable
 * {@link PipelineCounters} for any other thread.
 */
final class Counters {
    long ticksIn;
    long ticksAccepted;
    final long[] rejectedByReason = new long[TickRejectReason.values().length];
    long decisions;
    long decisionsLogged;
    long intents;
    long noTrade;
    long ordersBlocked;
    long blockedByKillSwitch;
    long ordersSent;
    long ordersFilled;
    long ordersPartiallyFilled;
    long ordersRejected;
    long ordersErrored;
    long ordersUnknown;
    long tradeEvents;
    long componentErrors;
    long auditFailures;

    /** @return how many ticks were rejected for this reason, this one included */
    long rejected(TickRejectReason reason) {
        return ++rejectedByReason[reason.ordinal()];
    }

    /** Counts an order's outcome by its status. */
    void completed(ExecutionStatus status) {
        switch (status) {
            case FILLED -> ordersFilled++;
            case PARTIALLY_FILLED -> ordersPartiallyFilled++;
            case REJECTED -> ordersRejected++;
            case ERROR -> ordersErrored++;
            case UNKNOWN -> ordersUnknown++;
            default -> throw new IllegalStateException("unexpected status " + status);
        }
    }

    /**
     * @param conflated ticks replaced by a newer one in the queue
     * @param inFlight  orders waiting for their outcome
     * @return the counters, consistent with each other
     */
    /** Blocked intents per verdict code; a handful of codes, looked up only when an intent is blocked. */
    private final java.util.Map<String, long[]> blockedByCode = new java.util.HashMap<>();

    /** @param code the verdict code of an intent that was blocked */
    void blocked(String code) {
        ordersBlocked++;
        blockedByCode.computeIfAbsent(code, c -> new long[1])[0]++;
    }

    PipelineCounters snapshot(long conflated, int inFlight) {
        Map<TickRejectReason, Long> byReason = new EnumMap<>(TickRejectReason.class);
        long rejected = 0;
        for (TickRejectReason r : TickRejectReason.values()) {
            byReason.put(r, rejectedByReason[r.ordinal()]);
            rejected += rejectedByReason[r.ordinal()];
        }
        return new PipelineCounters(ticksIn, ticksAccepted, rejected, byReason, conflated, decisions,
                decisionsLogged, intents, noTrade, ordersBlocked, blockedByKillSwitch, ordersSent, ordersFilled,
                ordersPartiallyFilled, ordersRejected, ordersErrored, ordersUnknown, inFlight, tradeEvents,
                componentErrors, auditFailures, blockedCounts());
    }

    private Map<String, Long> blockedCounts() {
        Map<String, Long> m = new java.util.HashMap<>(blockedByCode.size() * 2);
        for (Map.Entry<String, long[]> e : blockedByCode.entrySet()) {
            m.put(e.getKey(), e.getValue()[0]);
        }
        return m;
    }
}
