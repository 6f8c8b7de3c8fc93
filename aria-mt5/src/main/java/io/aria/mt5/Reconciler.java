package io.aria.mt5;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aria.core.ExecutionReport;
import io.aria.core.Position;
import io.aria.mt5.internal.MalformedMessageException;
import io.aria.mt5.internal.Msg;
import io.aria.mt5.internal.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Mt5Gateway}'s reconciliation with the terminal (PROTOCOL.md 9 and 10), after a
 * handshake, an event sequence gap or an order of an earlier process: once no order or status
 * request is in flight, asks for every UNKNOWN order, reports the deals missed since the last
 * snapshot, then replaces the book with a positions snapshot. Orders submitted meanwhile wait
 * for it. Recovery after a restart completes an earlier process's order only after that
 * snapshot. I/O thread.
 */
final class Reconciler {

    private static final Logger LOG = LoggerFactory.getLogger(Mt5Gateway.class);

    private final Mt5Connection conn;
    private final OrderTable table;
    private final GatewayBook book;
    private final OrderFlow flow;
    private final TradeEventFeed events;
    /** Called once a positions snapshot is in (the gateway may become ready). */
    private final Runnable onSynced;
    /** Orders of an earlier process resolved, waiting for a positions snapshot taken after that. */
    private final List<OrderTask> recoveredAwaitingBook = new ArrayList<>();
    private boolean booksSynced;
    private boolean reconciling;
    private boolean reconcileAgain;
    private boolean waitingQuiet;
    private boolean askedUnknowns;
    private long syncedUtc;
    private long snapshotSeq;
    private String snapshotSession = "";
    private int heartbeats;

    Reconciler(Mt5Connection conn, OrderTable table, GatewayBook book, OrderFlow flow, TradeEventFeed events,
            Runnable onSynced) {
        this.conn = conn;
        this.table = table;
        this.book = book;
        this.flow = flow;
        this.events = events;
        this.onSynced = onSynced;
    }

    boolean reconciling() {
        return reconciling;
    }

    /** @return whether the first positions snapshot is in */
    boolean booksSynced() {
        return booksSynced;
    }

    /** @return whether a trade event of this sequence and session is already in the last positions snapshot */
    boolean inSnapshot(long seq, String session) {
        return session.equals(snapshotSession) && seq <= snapshotSeq;
    }

    /** An earlier process's order is resolved: its outcome is given after the next positions snapshot. */
    void awaitBook(OrderTask t) {
        recoveredAwaitingBook.add(t);
    }

    void onDisconnected(String reason) {
        reconciling = false;
        waitingQuiet = false;
        reconciled("link lost: " + reason);
    }

    /** Every fifth heartbeat refreshes the account, unless a reconciliation (which does) runs. */
    void onHeartbeat() {
        if (++heartbeats % 5 == 0 && !reconciling) {
            refreshAccount();
        }
    }

    void onInFlightChange() {
        if (waitingQuiet && flow.inFlight() == 0) {
            proceed();
        }
    }

    void reconcile(String why) {
        LOG.debug("reconciliation wanted: {}", why);
        if (reconciling) {
            reconcileAgain = true;
            return;
        }
        reconciling = true;
        askedUnknowns = false;
        proceed();
    }

    /** Runs the next step of reconciliation once no order or status request is in flight. */
    private void proceed() {
        if (!conn.isLinkUp()) {
            reconciling = false;
            waitingQuiet = false;
            return;
        }
        if (flow.inFlight() > 0) {
            waitingQuiet = true;
            return;
        }
        waitingQuiet = false;
        if (!askedUnknowns) {
            askedUnknowns = true;
            boolean any = false;
            for (OrderTask t : flow.all()) {
                if (t.state == OrderTask.State.UNKNOWN) {
                    flow.askStatus(t);
                    any = true;
                }
            }
            if (any) {
                waitingQuiet = flow.inFlight() > 0;
                if (waitingQuiet) {
                    return;
                }
            }
        }
        syncBook();
    }

    private void syncBook() {
        long from = syncedUtc > 0 ? syncedUtc - 60_000 : 0;
        if (from <= 0) {
            askPositions();
            return;
        }
        ObjectNode deals = Wire.request("deals", "");
        deals.put("from_utc_ms", from);
        // a long history comes in pages (PROTOCOL.md 5.11): every page's deals, in order
        Pages.fetch(conn, deals, conn.config().requestTimeout().toNanos(), new Pages.Handler() {
            @Override
            public void onPages(List<Msg> pages) {
                try {
                    for (Msg m : pages) {
                        if (m.bool("ok", false)) {
                            events.onDealsSince(m.objects("deals"));
                        }
                    }
                } catch (MalformedMessageException | IllegalArgumentException e) {
                    conn.badMessage("deals reply", e.getMessage());
                }
                askPositions();
            }

            @Override
            public void onFailure(Mt5Connection.Failure failure) {
                reconciled("deals got no reply (" + failure + ")");
            }
        });
    }

    private void askPositions() {
        conn.request(Wire.request("positions", ""), conn.config().requestTimeout().toNanos(),
                new Mt5Connection.ReplyHandler() {
                    @Override
                    public void onReply(Msg m) {
                        onPositionsSnapshot(m);
                    }

                    @Override
                    public void onFailure(Mt5Connection.Failure failure) {
                        reconciled("positions got no reply (" + failure + ")");
                    }
                });
    }

    private void onPositionsSnapshot(Msg m) {
        try {
            List<Position> list = Replies.positions(conn, m.objects("positions"));
            book.replaceAll(list);
            snapshotSeq = m.lng("pub_seq", 0);
            syncedUtc = m.lng("utc_ms", conn.utcNow());
            snapshotSession = conn.session().map(Mt5Session::session).orElse("");
            refreshAccount();
            booksSynced = true;
            for (OrderTask t : recoveredAwaitingBook) {
                CompletableFuture<ExecutionReport> f = table.last(t.request.clientOrderId());
                if (f != null) {
                    f.complete(t.outcome);
                }
            }
            recoveredAwaitingBook.clear();
            onSynced.run();
            retryUnresolvedRecoveries();
            reconciled("positions " + list.size());
        } catch (MalformedMessageException | IllegalArgumentException e) {
            conn.badMessage("positions reply", e.getMessage());
            reconciled("malformed positions reply");
        }
    }

    /** An earlier process's order whose status request got no answer is asked again a second later. */
    private void retryUnresolvedRecoveries() {
        for (OrderTask t : flow.all()) {
            if (t.recovered && t.state == OrderTask.State.UNKNOWN && !t.asking) {
                conn.loop().schedule(TimeUnit.SECONDS.toNanos(1), () -> {
                    if (conn.isLinkUp()) {
                        reconcile("orders of an earlier process still unresolved");
                    }
                });
                return;
            }
        }
    }

    private void reconciled(String how) {
        LOG.debug("reconciled: {}", how);
        reconciling = false;
        if (reconcileAgain && conn.isLinkUp()) {
            reconcileAgain = false;
            reconcile("again");
            return;
        }
        flow.sendWaiting();
    }

    void refreshAccount() {
        conn.request(Wire.request("account", ""), conn.config().requestTimeout().toNanos(), new Mt5Connection.ReplyHandler() {
            @Override
            public void onReply(Msg m) {
                book.applyAccount(m);
            }

            @Override
            public void onFailure(Mt5Connection.Failure failure) {
                // the next refresh tries again
            }
        });
    }
}
