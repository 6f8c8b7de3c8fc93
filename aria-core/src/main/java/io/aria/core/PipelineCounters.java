package io.aria.core;

import java.util.Map;
import java.util.Objects;

/**
 * What the pipeline has counted since it was built. A consistent copy taken on the event loop:
 * {@code ticksIn == ticksAccepted + ticksRejected} and
 * {@code ordersSent == ordersFilled + ordersPartiallyFilled + ordersRejected + ordersErrored + ordersUnknown + ordersInFlight}.
 *
 * @param ticksIn               ticks taken from the sources
 * @param ticksAccepted         ticks that passed validation
 * @param ticksRejected         ticks refused by validation
 * @param rejectedByReason      refused ticks per reason
 * @param ticksConflated        ticks replaced by newer ones before the loop took them (CONFLATE mode)
 * @param decisions             decisions emitted by the ensemble
 * @param decisionsLogged       decisions written to the decision log
 * @param intents               order intents built (entries from the sizer, exits by the engine)
 * @param noTrade               entry decisions the sizer answered with "no trade"
 * @param ordersBlocked         intents stopped by the risk guards or the kill switch
 * @param blockedByKillSwitch   of those, stopped by the kill switch
 * @param ordersSent            orders handed to the gateway
 * @param ordersFilled          orders filled in full
 * @param ordersPartiallyFilled orders filled in part
 * @param ordersRejected        orders the broker or gateway rejected
 * @param ordersErrored         orders that failed in the gateway
 * @param ordersUnknown         orders whose outcome was unknown when reported
 * @param ordersInFlight        orders sent and not yet reported
 * @param tradeEvents           broker-side position changes received
 * @param componentErrors       exceptions thrown by plug-ins (model, sizer, guard, audit, listener), caught and logged
 * @param auditFailures         orders (and stop changes) not sent because their write-ahead audit record
 *                              could not be written (each also engaged the kill switch; counted in
 *                              {@code ordersBlocked} for orders)
 * @param blockedByCode         blocked intents per verdict reason code (a guard's rule, {@code KILL_SWITCH},
 *                              {@code ACCOUNT_NOT_READY}, ...): the values add up to {@code ordersBlocked}
 */
public record PipelineCounters(
        long ticksIn,
        long ticksAccepted,
        long ticksRejected,
        Map<TickRejectReason, Long> rejectedByReason,
        long ticksConflated,
        long decisions,
        long decisionsLogged,
        long intents,
        long noTrade,
        long ordersBlocked,
        long blockedByKillSwitch,
        long ordersSent,
        long ordersFilled,
        long ordersPartiallyFilled,
        long ordersRejected,
        long ordersErrored,
        long ordersUnknown,
        long ordersInFlight,
        long tradeEvents,
        long componentErrors,
        long auditFailures,
        Map<String, Long> blockedByCode) {

    public PipelineCounters {
        rejectedByReason = Map.copyOf(Objects.requireNonNull(rejectedByReason, "rejectedByReason"));
        blockedByCode = Map.copyOf(Objects.requireNonNull(blockedByCode, "blockedByCode"));
    }

    /** The counters without {@code blockedByCode} (empty), as before that component existed. */
    public PipelineCounters(long ticksIn, long ticksAccepted, long ticksRejected,
            Map<TickRejectReason, Long> rejectedByReason, long ticksConflated, long decisions, long decisionsLogged,
            long intents, long noTrade, long ordersBlocked, long blockedByKillSwitch, long ordersSent,
            long ordersFilled, long ordersPartiallyFilled, long ordersRejected, long ordersErrored, long ordersUnknown,
            long ordersInFlight, long tradeEvents, long componentErrors, long auditFailures) {
        this(ticksIn, ticksAccepted, ticksRejected, rejectedByReason, ticksConflated, decisions, decisionsLogged,
                intents, noTrade, ordersBlocked, blockedByKillSwitch, ordersSent, ordersFilled, ordersPartiallyFilled,
                ordersRejected, ordersErrored, ordersUnknown, ordersInFlight, tradeEvents, componentErrors,
                auditFailures, Map.of());
    }

    /** The counters without {@code auditFailures} (0), as before that component existed. */
    public PipelineCounters(long ticksIn, long ticksAccepted, long ticksRejected,
            Map<TickRejectReason, Long> rejectedByReason, long ticksConflated, long decisions, long decisionsLogged,
            long intents, long noTrade, long ordersBlocked, long blockedByKillSwitch, long ordersSent,
            long ordersFilled, long ordersPartiallyFilled, long ordersRejected, long ordersErrored, long ordersUnknown,
            long ordersInFlight, long tradeEvents, long componentErrors) {
        this(ticksIn, ticksAccepted, ticksRejected, rejectedByReason, ticksConflated, decisions, decisionsLogged,
                intents, noTrade, ordersBlocked, blockedByKillSwitch, ordersSent, ordersFilled, ordersPartiallyFilled,
                ordersRejected, ordersErrored, ordersUnknown, ordersInFlight, tradeEvents, componentErrors, 0);
    }

    /**
     * @return the counters as one readable line for a log, such as
     *     {@code "14,400 ticks in (0 rejected), 140 decisions, 29 orders sent (29 filled, 0 rejected, 0 unknown), 1 blocked, 0 component errors"};
     *     the conflated and audit-failure counts appear only when not zero
     */
    public String summary() {
        StringBuilder b = new StringBuilder(160);
        b.append(String.format(java.util.Locale.ROOT, "%,d ticks in (%,d rejected", ticksIn, ticksRejected));
        if (ticksConflated > 0) {
            b.append(String.format(java.util.Locale.ROOT, ", %,d conflated", ticksConflated));
        }
        b.append(String.format(java.util.Locale.ROOT,
                "), %,d decisions, %,d orders sent (%,d filled, %,d rejected, %,d unknown, %,d in flight), %,d blocked",
                decisions, ordersSent, ordersFilled + ordersPartiallyFilled, ordersRejected + ordersErrored, ordersUnknown,
                ordersInFlight, ordersBlocked));
        if (auditFailures > 0) {
            b.append(String.format(java.util.Locale.ROOT, ", %,d audit failures", auditFailures));
        }
        b.append(String.format(java.util.Locale.ROOT, ", %,d component errors", componentErrors));
        return b.toString();
    }
}
