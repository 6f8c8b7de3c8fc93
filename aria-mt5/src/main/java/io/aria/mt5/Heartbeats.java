package io.aria.mt5;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aria.mt5.internal.IoLoop;
import io.aria.mt5.internal.MalformedMessageException;
import io.aria.mt5.internal.Msg;
import io.aria.mt5.internal.Wire;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Mt5Connection}'s liveness (PROTOCOL.md 6): a ping every heartbeat interval, the link
 * declared lost after three intervals without a reply or without an event, and a terminal
 * restart detected by the session a ping's reply names. I/O thread.
 */
final class Heartbeats {

    private static final Logger LOG = LoggerFactory.getLogger(Mt5Connection.class);

    private final Mt5Connection conn;
    private final IoLoop loop;
    private final long interval;
    private final AtomicLong malformed;
    private IoLoop.Timer timer;
    private boolean verifying;
    private long lastDealerNanos;
    private long lastPubNanos;

    Heartbeats(Mt5Connection conn, IoLoop loop, AtomicLong malformed) {
        this.conn = conn;
        this.loop = loop;
        this.interval = conn.config().heartbeatInterval().toNanos();
        this.malformed = malformed;
    }

    /** A reply arrived on the command socket. */
    void heardDealer(long nanos) {
        lastDealerNanos = nanos;
    }

    /** An event arrived on the event socket. */
    void heardPub(long nanos) {
        lastPubNanos = nanos;
    }

    /** A handshake is done: both sockets count as heard now, and the beats (re)start. */
    void start(long nanos) {
        lastDealerNanos = nanos;
        lastPubNanos = nanos;
        stop();
        timer = loop.schedule(interval, this::beat);
    }

    void stop() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private void beat() {
        timer = null;
        if (!conn.isLinkUp()) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDealerNanos > 3 * interval) {
            conn.linkLost("no reply from the terminal for " + TimeUnit.NANOSECONDS.toMillis(now - lastDealerNanos) + " ms");
            return;
        }
        if (now - lastPubNanos > 3 * interval) {
            conn.linkLost("no event from the terminal for " + TimeUnit.NANOSECONDS.toMillis(now - lastPubNanos) + " ms");
            return;
        }
        sendPing();
        conn.heartbeat();
        timer = loop.schedule(interval, this::beat);
    }

    /** The event stream names another session: a ping asks the command channel, the authority, which is current. */
    void verifySession() {
        if (conn.isLinkUp() && !verifying) {
            verifying = true;
            sendPing();
        }
    }

    private void sendPing() {
        ObjectNode ping = Wire.request("ping", "");
        long sentUtc = conn.utcNow();
        ping.put("utc_ms", sentUtc);
        conn.request(ping, 3 * interval, new Mt5Connection.ReplyHandler() {
            @Override
            public void onReply(Msg reply) {
                verifying = false;
                try {
                    conn.learnClockOffset(sentUtc, reply);
                    String s = reply.str("session", "");
                    Mt5Session current = conn.session().orElse(null);
                    if (!s.isEmpty() && current != null && !s.equals(current.session())) {
                        conn.rehandshake("terminal restarted (session " + s + ")");
                    }
                } catch (MalformedMessageException e) {
                    malformed.incrementAndGet();
                    LOG.warn("malformed ping reply: {}", e.getMessage());
                }
            }

            @Override
            public void onFailure(Mt5Connection.Failure failure) {
                verifying = false; // liveness is judged by beat() from the time of the last message
            }
        });
    }
}
