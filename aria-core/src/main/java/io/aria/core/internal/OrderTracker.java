package io.aria.core.internal;

import io.aria.core.AssetCatalog;
import io.aria.core.Decision;
import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.KillSwitch;
import io.aria.core.OrderIntent;
import io.aria.core.OrderRequest;
import io.aria.core.Position;
import io.aria.core.Side;
import io.aria.core.Verdict;
import io.aria.core.audit.AuditRecord;
import io.aria.core.spi.AuditSink;
import io.aria.core.spi.OrderGateway;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An order's life from intent to outcome, and the rules on the way:
 * <ol>
 *   <li><b>Reducing classification</b> ({@link #classifyAndSend}): whether an order reduces
 *       exposure is decided here from the real book, never from {@link OrderIntent#reducing()}.
 *       An order reduces only when it names ({@link OrderRequest#positionTicket()}) an open
 *       position of the same symbol on the other side and is no larger than it. An intent that
 *       claims to reduce is matched against the open opposite positions of its symbol: the part
 *       that closes them goes as ticketed closes, the rest (a flip) as a new entry that the kill
 *       switch and the guards check; a claim with nothing to reduce is refused with
 *       {@link #CLAIMED_REDUCING_INCREASES}. An order without a ticket is always an entry.</li>
 *   <li><b>The gate</b> ({@link #send}): no order before the account is reported
 *       ({@link #ACCOUNT_NOT_READY}); the kill switch refuses every non-reducing order whatever
 *       the guards say; control orders skip the guards; the guard chain decides the rest.</li>
 *   <li><b>Write ahead, fail closed</b>: the {@code order_submitted} record goes through
 *       {@link AuditSink#recordAhead} before {@link OrderGateway#submit}. When it throws, the order
 *       is not sent and the kill switch engages ({@link #AUDIT_FAILED}); since no order can then
 *       be written ahead, none is sent, reducing or not, until the audit writes again.</li>
 *   <li><b>Blocked-intent episodes</b> ({@link #block}): the first block of a symbol for a reason
 *       code is written, repeats are counted until the episode ends (an order for the symbol
 *       goes, the kill switch changes, a new day, close).</li>
 *   <li><b>Ids</b>: client order ids from {@link OrderIds} (prefix, a random per-process tag, a
 *       sequence), unique across processes and restarts.</li>
 *   <li><b>UNKNOWN resolution</b> ({@link #completed}, {@link #resolved}): an order reported
 *       UNKNOWN may still trade, so its symbol stays closed to entries ({@link #busy}) until the
 *       gateway's resolution arrives.</li>
 * </ol>
 * Not safe for use from multiple threads: the loop thread only. Gateway completions come back
 * through the {@link EventQueue}.
 */
final class OrderTracker {

    private static final Logger log = LoggerFactory.getLogger(OrderTracker.class);
    private static final double EPS = 1e-9;

    /** Reason code of an intent that claims to reduce but has no open opposite position to reduce. */
    static final String CLAIMED_REDUCING_INCREASES = "CLAIMED_REDUCING_INCREASES";
    /** Reason code of an order refused because the gateway has not reported the account yet. */
    static final String ACCOUNT_NOT_READY = "ACCOUNT_NOT_READY";
    /** Reason code of an order not sent because its write-ahead record could not be written. */
    static final String AUDIT_FAILED = "AUDIT_FAILED";

    /** What the tracker is built from. */
    record Parts(AssetCatalog catalog, Portfolio portfolio, PlugIns plugIns, Counters counters, KillSwitch killSwitch,
            OrderGateway gateway, AuditSink audit, EventQueue events) {
    }

    private final AssetCatalog catalog;
    private final Portfolio portfolio;
    private final PlugIns plugIns;
    private final Counters counters;
    private final KillSwitch killSwitch;
    private final OrderGateway gateway;
    private final AuditSink audit;
    private final EventQueue events;
    private final String orderIdPrefix;
    private final String runTag;
    private final long magic;
    private final int maxDeviationPoints;
    private final BlockedEpisodes episodes;
    private final BlockedEpisodes.Summary summaryWriter = this::writeBlockedSummary;
    private final Map<String, SentOrder> pending = new HashMap<>();
    private final Map<String, SentOrder> unresolvedOrders = new HashMap<>();
    private final int[] inFlight;
    private final int[] unresolved;
    private long orderSeq;

    OrderTracker(Parts parts, String orderIdPrefix, String runTag, long magic, int maxDeviationPoints) {
        this.catalog = parts.catalog();
        this.portfolio = parts.portfolio();
        this.plugIns = parts.plugIns();
        this.counters = parts.counters();
        this.killSwitch = parts.killSwitch();
        this.gateway = parts.gateway();
        this.audit = parts.audit();
        this.events = parts.events();
        this.orderIdPrefix = orderIdPrefix;
        this.runTag = runTag;
        this.magic = magic;
        this.maxDeviationPoints = maxDeviationPoints;
        int n = catalog.size();
        this.episodes = new BlockedEpisodes(n);
        this.inFlight = new int[n];
        this.unresolved = new int[n];
    }

    // ------------------------------------------------------------------ classification

    /**
     * Decides from the real book whether an intent reduces, and sends each part for what it is:
     * ticketed closes of open opposite positions (reducing), and any rest as a checked entry.
     *
     * @param positionTicket the position a close names, 0 for none
     */
    void classifyAndSend(int i, OrderIntent intent, long positionTicket, OrderPurpose purpose) {
        if (positionTicket > 0) {
            Position p = portfolio.position(positionTicket);
            if (p == null || !p.symbol().equals(intent.symbol()) || p.side() != intent.side().opposite()) {
                counters.intents++;
                block(i, intent.withReducing(false), Verdict.reject(CLAIMED_REDUCING_INCREASES, "position "
                        + positionTicket + " is not an open " + intent.side().opposite() + " position of "
                        + intent.symbol() + ": a " + intent.side() + " for it would not reduce"), purpose);
                return;
            }
            double closing = Math.min(intent.volume(), p.volume());
            send(i, closing >= intent.volume() - EPS ? intent.withReducing(true)
                    : intent.withVolume(closing).withReducing(true), positionTicket, purpose);
            flipRest(i, intent, intent.volume() - closing, purpose);
            return;
        }
        if (!intent.reducing()) {
            send(i, intent, 0, purpose);
            return;
        }
        // a plug-in claims this reduces: match it against the open opposite positions of its symbol
        double left = intent.volume();
        boolean any = false;
        for (Position p : portfolio.positions()) {
            if (left <= EPS) {
                break;
            }
            if (p.symbol().equals(intent.symbol()) && p.side() == intent.side().opposite()) {
                any = true;
                double closing = Math.min(left, p.volume());
                send(i, intent.withVolume(closing).withReducing(true), p.ticket(), purpose);
                left -= closing;
            }
        }
        if (!any) {
            counters.intents++;
            block(i, intent.withReducing(false), Verdict.reject(CLAIMED_REDUCING_INCREASES, "the intent claims to reduce"
                    + " but " + intent.symbol() + " has no open " + intent.side().opposite() + " position: a "
                    + intent.side() + " of " + intent.volume() + " lots would increase exposure"), purpose);
            return;
        }
        flipRest(i, intent, left, purpose);
    }

    /** Sends a close for every open position of the symbol. */
    void closeSymbol(int i, Decision d, String note, OrderPurpose purpose) {
        OrderIntent.Origin origin = purpose.control() ? OrderIntent.Origin.CONTROL : OrderIntent.Origin.SIGNAL;
        String symbol = catalog.spec(i).symbol();
        for (Position p : portfolio.positions()) {
            if (p.symbol().equals(symbol)) {
                close(i, p, d, note, origin, purpose);
            }
        }
    }

    /** Sends a ticketed close of one open position at the market (its open or last price before a quote). */
    void close(int i, Position p, Decision d, String note, OrderIntent.Origin origin, OrderPurpose purpose) {
        Side side = p.side().opposite();
        double price = portfolio.priceFor(i, side);
        if (!(price > 0)) {
            price = p.currentPrice() > 0 ? p.currentPrice() : p.openPrice();
        }
        OrderIntent intent = new OrderIntent(p.symbol(), side, p.volume(), price, 0, 0, true, d, note, origin);
        classifyAndSend(i, intent, p.ticket(), purpose);
    }

    /** The part of a claimed reduction beyond the position: a new entry, checked like any other. */
    private void flipRest(int i, OrderIntent intent, double rest, OrderPurpose purpose) {
        if (rest <= EPS || purpose.control()) {
            return;
        }
        double lots = catalog.spec(i).roundVolumeDown(rest);
        if (lots <= 0) {
            return;
        }
        send(i, intent.withVolume(lots).withReducing(false), 0, OrderPurpose.ENTRY);
    }

    // ------------------------------------------------------------------ gate, write-ahead, send

    /** Checks and sends one order whose {@code reducing} flag is the engine's own classification. */
    private void send(int i, OrderIntent intent, long positionTicket, OrderPurpose purpose) {
        counters.intents++;
        Verdict verdict = gate(intent, purpose);
        if (verdict instanceof Verdict.Rejected) {
            block(i, intent, verdict, purpose);
            return;
        }
        if (verdict instanceof Verdict.Resized rs) {
            intent = intent.withVolume(rs.volume());
        }
        String id = OrderIds.format(orderIdPrefix, runTag, ++orderSeq);
        OrderRequest request = new OrderRequest(id, intent.symbol(), intent.side(), intent.volume(),
                intent.referencePrice(), intent.stopLoss(), intent.takeProfit(), maxDeviationPoints, magic, id,
                positionTicket);
        // write ahead: the record is in the audit file before the gateway sees the order
        try {
            audit.recordAhead(new AuditRecord.OrderSubmitted(portfolio.now(), request, intent, verdict));
        } catch (RuntimeException e) {
            notWrittenAhead(i, intent, request, e, purpose);
            return;
        }
        episodes.end(i, summaryWriter);
        pending.put(id, new SentOrder(intent, request, i, purpose,
                positionTicket > 0 ? portfolio.knownPosition(positionTicket) : null));
        inFlight[i]++;
        counters.ordersSent++;
        if (purpose.tracker() != null) {
            purpose.tracker().sent();
        }
        submit(request);
    }

    /** The account, the kill switch, then the guards (control orders skip the guards, never the switch). */
    private Verdict gate(OrderIntent intent, OrderPurpose purpose) {
        if (!portfolio.isAccountReady()) {
            return Verdict.reject(ACCOUNT_NOT_READY, "gateway " + gateway.name() + " has not reported the account yet");
        }
        if (!intent.reducing() && killSwitch.isEngaged()) {
            KillSwitch.State s = killSwitch.state();
            counters.blockedByKillSwitch++;
            return Verdict.reject("KILL_SWITCH", "kill switch engaged by " + s.by() + ": " + s.reason());
        }
        if (purpose.control()) {
            return Verdict.approve(purpose.verdictCode(), purpose.by() + ": " + purpose.reason());
        }
        return plugIns.check(intent, portfolio);
    }

    /** Hands the order to the gateway; its report comes back through the event queue, whatever happens. */
    private void submit(OrderRequest request) {
        CompletionStage<ExecutionReport> stage;
        try {
            stage = gateway.submit(request);
        } catch (RuntimeException e) {
            plugIns.error("gateway.submit", e);
            events.offer(new EventQueue.Report(ExecutionReport.notFilled(request, ExecutionStatus.ERROR, 0,
                    "gateway threw " + e, 0, portfolio.now())));
            return;
        }
        long sentAt = portfolio.now();
        stage.whenComplete((report, error) -> {
            ExecutionReport r = report;
            if (r == null) {
                r = ExecutionReport.notFilled(request, ExecutionStatus.ERROR, 0,
                        "gateway failed: " + (error == null ? "no report" : error.toString()), 0, sentAt);
            }
            events.offer(new EventQueue.Report(r));
        });
    }

    /**
     * A write-ahead record could not be written: counts it and engages the kill switch (fail closed).
     *
     * @return how many write-ahead failures so far
     */
    long auditFailed(String message) {
        long c = ++counters.auditFailures;
        killSwitch.engage("audit", AUDIT_FAILED + ": " + message);
        return c;
    }

    /** The order's write-ahead record could not be written: the order does not go, and the kill switch engages. */
    private void notWrittenAhead(int i, OrderIntent intent, OrderRequest request, RuntimeException e,
            OrderPurpose purpose) {
        String msg = String.valueOf(e.getMessage());
        long c = auditFailed(msg);
        if (c == 1 || c % 1000 == 0) {
            log.error("order {} {} {} {} lots not sent: its write-ahead audit record could not be written ({} so far): {}",
                    request.clientOrderId(), request.side(), request.symbol(), request.volume(), c, msg);
        }
        if (purpose.tracker() != null) {
            purpose.tracker().note("order " + request.clientOrderId() + " for " + request.symbol()
                    + " not sent: " + AUDIT_FAILED + ": " + msg);
        }
        block(i, intent, Verdict.reject(AUDIT_FAILED, msg), OrderPurpose.ENTRY);
    }

    // ------------------------------------------------------------------ blocked-intent episodes

    /**
     * Counts a blocked intent and writes it once per episode: the first block of a symbol for a
     * reason code is written, repeats are counted until the episode ends.
     */
    private void block(int i, OrderIntent intent, Verdict verdict, OrderPurpose purpose) {
        counters.blocked(verdict.code());
        plugIns.blocked(intent, verdict, portfolio.now());
        if (purpose.tracker() != null) {
            purpose.tracker().note(intent.symbol() + " " + intent.side() + " " + intent.volume() + " lots blocked: "
                    + verdict.code() + ": " + verdict.message());
        }
        long t = portfolio.now();
        if (episodes.onBlock(i, verdict.code(), t)) {
            plugIns.record(new AuditRecord.OrderBlocked(t, intent, verdict));
        }
    }

    private void writeBlockedSummary(int i, String code, long repeats, long first, long last) {
        plugIns.record(new AuditRecord.OrderBlockedSummary(portfolio.now(), catalog.spec(i).symbol(), code, repeats,
                first, last));
    }

    /** @return whether some blocked-intent episode is open (cheap: for the tick path) */
    boolean anyEpisode() {
        return episodes.any();
    }

    /** Ends every symbol's blocked-intent episodes, writing how many repeats each had. */
    void endAllEpisodes() {
        episodes.endAll(summaryWriter);
    }

    // ------------------------------------------------------------------ outcomes

    /**
     * Applies an order's report: counts and records it ({@code order_completed}), and when it is
     * UNKNOWN keeps the symbol closed to entries until the gateway resolves it.
     *
     * @return the order, or null when it was unknown or already reported
     */
    SentOrder completed(ExecutionReport r) {
        SentOrder p = pending.remove(r.clientOrderId());
        if (p == null) {
            log.warn("report for unknown or already reported order {}: {}", r.clientOrderId(), r.status());
            return null;
        }
        int i = p.symbolIndex();
        inFlight[i]--;
        counters.completed(r.status());
        if (r.status() == ExecutionStatus.REJECTED || r.status() == ExecutionStatus.ERROR) {
            log.info("order {} {} {} {} lots: {} {} ({})", r.clientOrderId(), r.side(), r.symbol(), r.requestedVolume(),
                    r.status(), r.returnCode(), r.message());
        }
        plugIns.record(new AuditRecord.OrderCompleted(portfolio.now(), r, p.intent()));
        if (r.status() == ExecutionStatus.UNKNOWN) {
            awaitResolution(i, p, r);
        }
        return p;
    }

    /** An UNKNOWN order may still trade: keep its symbol closed to entries until it is resolved. */
    private void awaitResolution(int i, SentOrder p, ExecutionReport unknown) {
        Optional<CompletionStage<ExecutionReport>> resolution;
        try {
            resolution = gateway.resolutionOf(unknown.clientOrderId());
        } catch (RuntimeException e) {
            plugIns.error("gateway.resolutionOf", e);
            return;
        }
        if (resolution.isEmpty()) {
            return;
        }
        unresolved[i]++;
        unresolvedOrders.put(unknown.clientOrderId(), p);
        resolution.get().whenComplete((report, error) -> events.offer(new EventQueue.Resolution(report != null ? report
                : ExecutionReport.notFilled(p.request(), ExecutionStatus.UNKNOWN, 0,
                        "resolution failed: " + error, 0, unknown.epochMillis()))));
    }

    /**
     * Applies how an order reported UNKNOWN was resolved: records it, and the symbol may reopen.
     *
     * @return the order, or null when it was not awaiting a resolution
     */
    SentOrder resolved(ExecutionReport r) {
        SentOrder p = unresolvedOrders.remove(r.clientOrderId());
        if (p == null) {
            log.warn("resolution for an order that was not awaiting one: {} {}", r.clientOrderId(), r.status());
            return null;
        }
        unresolved[p.symbolIndex()]--;
        log.info("order {} resolved after an UNKNOWN outcome: {} {} lots", r.clientOrderId(), r.status(), r.filledVolume());
        plugIns.record(new AuditRecord.OrderCompleted(portfolio.now(), r, p.intent()));
        return p;
    }

    /** @return whether the symbol has an order in flight or an UNKNOWN one unresolved (no new entry then) */
    boolean busy(int i) {
        return inFlight[i] > 0 || unresolved[i] > 0;
    }

    /** @return whether no order is waiting for its outcome */
    boolean idle() {
        return pending.isEmpty();
    }

    /** @return how many orders wait for their outcome */
    int inFlight() {
        return pending.size();
    }
}
