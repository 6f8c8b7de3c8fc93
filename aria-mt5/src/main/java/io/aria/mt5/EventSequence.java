package io.aria.mt5;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sequence numbers of a {@link Mt5Connection}'s event stream (PROTOCOL.md 7): each event is
 * the last plus one within a session; a jump is a gap (events lost: the gateway reconciles), a
 * new session on the stream is checked on the command channel. I/O thread.
 */
final class EventSequence {

    private static final Logger LOG = LoggerFactory.getLogger(Mt5Connection.class);

    /** What an event's sequence number says. */
    enum Verdict {
        /** In order, repeated or late: nothing to do. */
        IN_ORDER,
        /** The stream names a session other than the one before or the handshake's: ask the terminal. */
        CHECK_SESSION,
        /** Events were lost. */
        GAP
    }

    private String pubSession = "";
    private long lastSeq;

    /** A new handshake: the next event starts the count. */
    void reset() {
        lastSeq = 0;
        pubSession = "";
    }

    Verdict onEvent(long seq, String sess, Mt5Session current) {
        if (!sess.equals(pubSession)) {
            boolean changed = !pubSession.isEmpty();
            pubSession = sess;
            lastSeq = seq;
            return changed || (current != null && !sess.equals(current.session())) ? Verdict.CHECK_SESSION
                    : Verdict.IN_ORDER;
        }
        Verdict v = Verdict.IN_ORDER;
        if (seq != lastSeq + 1 && seq > lastSeq) {
            LOG.warn("event sequence gap: {} after {}", seq, lastSeq);
            v = Verdict.GAP;
        } else if (seq <= lastSeq) {
            LOG.debug("event {} repeated or out of order after {}", seq, lastSeq);
        }
        lastSeq = Math.max(lastSeq, seq);
        return v;
    }
}
