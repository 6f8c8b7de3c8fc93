package io.aria.mt5;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A protocol-level client for the hosted EA: sends exact frames (no client-side checks, unlike
 * Mt5Gateway) and reads replies by id and events from the PUB. Test thread only.
 */
final class RawEaClient implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private final ZContext ctx = new ZContext();
    private final ZMQ.Socket dealer;
    private final ZMQ.Socket sub;
    private final AtomicInteger ids = new AtomicInteger();
    final List<JsonNode> events = new ArrayList<>();
    private final List<JsonNode> strayReplies = new ArrayList<>();
    /** The size of the JSON frame of the last reply {@link #awaitReply} returned, in bytes. */
    int lastReplyBytes;

    RawEaClient(HostedEa ea) {
        dealer = ctx.createSocket(SocketType.DEALER);
        dealer.setLinger(0);
        dealer.connect(ea.commandEndpoint());
        sub = ctx.createSocket(SocketType.SUB);
        sub.setLinger(0);
        sub.subscribe(new byte[0]);
        sub.connect(ea.eventEndpoint());
        // the SUB joins late (ZeroMQ's slow joiner): wait for the first heartbeat
        awaitEvent(e -> true, Duration.ofSeconds(20), "a first PUB message");
    }

    static ObjectNode msg(String type) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", type);
        return o;
    }

    /** Sends the request with a fresh id and waits for its reply. */
    JsonNode request(ObjectNode m) {
        String id = String.valueOf(ids.incrementAndGet());
        m.put("id", id);
        dealer.send(m.toString().getBytes(StandardCharsets.UTF_8), 0);
        return awaitReply(id, Duration.ofSeconds(30));
    }

    /** Sends a frame as is (no id added). */
    void sendRaw(byte[] frame) {
        dealer.send(frame, 0);
    }

    /** Sends a request with a fresh id without waiting; returns the id. */
    String send(ObjectNode m) {
        String id = String.valueOf(ids.incrementAndGet());
        m.put("id", id);
        dealer.send(m.toString().getBytes(StandardCharsets.UTF_8), 0);
        return id;
    }

    JsonNode awaitReply(String id, Duration timeout) {
        for (JsonNode r : strayReplies) {
            if (id.equals(r.path("id").asText())) {
                strayReplies.remove(r);
                return r;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            dealer.setReceiveTimeOut(100);
            byte[] b = dealer.recv();
            if (b == null) {
                continue;
            }
            JsonNode r = parse(b);
            if (id.equals(r.path("id").asText())) {
                lastReplyBytes = b.length;
                return r;
            }
            strayReplies.add(r);
        }
        throw new AssertionError("no reply to request " + id + " within " + timeout);
    }

    /** Waits for the next reply of any id (e.g. an error_reply with id ""). */
    JsonNode awaitAnyReply(Duration timeout) {
        if (!strayReplies.isEmpty()) {
            return strayReplies.remove(0);
        }
        dealer.setReceiveTimeOut((int) timeout.toMillis());
        byte[] b = dealer.recv();
        if (b == null) {
            throw new AssertionError("no reply within " + timeout);
        }
        return parse(b);
    }

    /** Reads PUB messages until one matches (all are kept in {@link #events}). */
    JsonNode awaitEvent(Predicate<JsonNode> match, Duration timeout, String what) {
        for (JsonNode e : events) {
            if (match.test(e)) {
                return e;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            sub.setReceiveTimeOut(100);
            byte[] b = sub.recv();
            if (b == null) {
                continue;
            }
            JsonNode e = parse(b);
            events.add(e);
            if (match.test(e)) {
                return e;
            }
        }
        throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what + "; events: " + events);
    }

    /** Reads what the PUB has sent until now plus a window in which more may come. */
    void drainEvents(Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < deadline) {
            sub.setReceiveTimeOut(50);
            byte[] b = sub.recv();
            if (b != null) {
                events.add(parse(b));
            }
        }
    }

    List<JsonNode> trades() {
        return events.stream().filter(e -> "trade".equals(e.path("type").asText())).toList();
    }

    private static JsonNode parse(byte[] b) {
        try {
            return JSON.readTree(new String(b, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + new String(b, StandardCharsets.UTF_8), e);
        }
    }

    @Override
    public void close() {
        ctx.close();
    }
}
