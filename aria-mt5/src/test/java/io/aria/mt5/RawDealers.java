package io.aria.mt5;

import java.nio.charset.StandardCharsets;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Bare DEALERs for the tests that speak the wire themselves. A JeroMQ DEALER was seen here to be
 * disconnected right after connecting and then never to reconnect (socket monitor: CONNECTED,
 * DISCONNECTED, CONNECT_RETRIED, then nothing for 30 s), a few times in a few hundred connections,
 * on a quiet machine and a loaded one alike. ARIA's client recovers from a silent link by its
 * heartbeat and reconnects; a raw test socket does the same here: it is only handed out once the
 * terminal has answered a ping on it, and a socket that stays silent is replaced.
 */
final class RawDealers {

    private RawDealers() {
    }

    /**
     * @param ctx      the context the socket belongs to
     * @param endpoint the terminal's command endpoint
     * @return a DEALER on which the terminal answered one ping (nothing else pending), with a
     *         15 s receive timeout
     */
    static ZMQ.Socket connected(ZContext ctx, String endpoint) {
        for (int attempt = 0; attempt < 8; attempt++) {
            ZMQ.Socket dealer = ctx.createSocket(SocketType.DEALER);
            dealer.setLinger(0);
            dealer.setReceiveTimeOut(3_000);
            dealer.connect(endpoint);
            dealer.send(("{\"type\":\"ping\",\"id\":\"link-" + attempt + "\"}").getBytes(StandardCharsets.UTF_8), 0);
            if (dealer.recv(0) != null) {
                dealer.setReceiveTimeOut(15_000);
                return dealer;
            }
            ctx.destroySocket(dealer);
        }
        throw new AssertionError("the terminal at " + endpoint + " answered no ping on 8 DEALERs");
    }
}
