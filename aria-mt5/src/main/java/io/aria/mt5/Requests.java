package io.aria.mt5;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aria.mt5.internal.IoLoop;
import io.aria.mt5.internal.Msg;
import io.aria.mt5.internal.Wire;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZMQ;

/**
 * A {@link Mt5Connection}'s requests on the command socket: ids, the pending table, timeouts, and
 * each reply matched to its request's handler exactly once (a reply after the timeout is counted
 * and dropped). I/O thread, except {@link #lateCount()}.
 */
final class Requests {

    private static final Logger LOG = LoggerFactory.getLogger(Mt5Connection.class);

    private final IoLoop loop;
    private final Map<String, Pending> pending = new HashMap<>();
    private final AtomicLong lateReplies = new AtomicLong();
    private long nextId = 1;

    Requests(IoLoop loop) {
        this.loop = loop;
    }

    /**
     * Sends a request on {@code dealer} (null: the link is down, the handler fails at once).
     *
     * @return the request id
     */
    String send(ZMQ.Socket dealer, ObjectNode body, long timeoutNanos, Mt5Connection.ReplyHandler handler) {
        String id = Long.toString(nextId++);
        body.put("id", id);
        if (dealer == null) {
            handler.onFailure(Mt5Connection.Failure.DISCONNECTED);
            return id;
        }
        Pending p = new Pending(handler);
        pending.put(id, p);
        p.timer = loop.schedule(timeoutNanos, () -> {
            if (pending.remove(id) != null) {
                handler.onFailure(Mt5Connection.Failure.TIMEOUT);
            }
        });
        if (!dealer.send(Wire.encode(body), ZMQ.DONTWAIT)) {
            pending.remove(id);
            p.timer.cancel();
            handler.onFailure(Mt5Connection.Failure.DISCONNECTED);
        }
        return id;
    }

    /**
     * Hands a reply to its request's handler.
     *
     * @return false when no request waits for it (unknown, or timed out already)
     */
    boolean onReply(Msg m) {
        Pending p = pending.remove(m.id());
        if (p == null) {
            if (!"error_reply".equals(m.type())) {
                lateReplies.incrementAndGet();
                LOG.debug("reply to an unknown or timed-out request dropped: {}", m);
            }
            return false;
        }
        p.timer.cancel();
        p.handler.onReply(m);
        return true;
    }

    /** Fails every pending request (the link is lost, or the connection closes). */
    void failAll(Mt5Connection.Failure f) {
        List<Pending> all = new ArrayList<>(pending.values());
        pending.clear();
        for (Pending p : all) {
            if (p.timer != null) {
                p.timer.cancel();
            }
            try {
                p.handler.onFailure(f);
            } catch (RuntimeException e) {
                LOG.error("failure handler threw", e);
            }
        }
    }

    /** @return replies that arrived after their request had timed out; any thread */
    long lateCount() {
        return lateReplies.get();
    }

    private static final class Pending {
        final Mt5Connection.ReplyHandler handler;
        IoLoop.Timer timer;

        Pending(Mt5Connection.ReplyHandler handler) {
            this.handler = handler;
        }
    }
}
