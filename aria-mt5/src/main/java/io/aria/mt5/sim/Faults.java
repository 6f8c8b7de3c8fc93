package io.aria.mt5.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fault injection for a {@link SimulatedMt5Terminal}. Each method arms a fault for the next
 * requests; armed faults are consumed one request at a time. Thread-safe: tests arm faults from
 * their own thread while the terminal's I/O thread consumes them.
 */
public final class Faults {

    private final Map<String, AtomicInteger> dropReplies = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> ignoreRequests = new ConcurrentHashMap<>();
    private final Map<String, Delay> delayReplies = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> busyReplies = new ConcurrentHashMap<>();
    private final AtomicInteger requotes = new AtomicInteger();
    private final AtomicInteger rejects = new AtomicInteger();
    private volatile int rejectCode;
    private final AtomicReference<Double> partialFill = new AtomicReference<>();
    private final AtomicReference<Duration> disconnectOnOrder = new AtomicReference<>();
    private final AtomicInteger dropEvents = new AtomicInteger();
    private volatile boolean duplicateEvents;
    private volatile boolean ignoreConflicts;
    private final List<byte[]> malformedReplies = new ArrayList<>();
    private final Set<String> endlessPages = ConcurrentHashMap.newKeySet();
    private final AtomicInteger endlessPagesServed = new AtomicInteger();
    private final List<byte[]> malformedEvents = new ArrayList<>();

    Faults() {
    }

    private record Delay(AtomicInteger count, Duration delay) {
    }

    /**
     * Every later {@code ok:true} reply of a paged type ({@code deals}, {@code symbols}) says
     * {@code "more":true} with a new {@code next} cursor (PROTOCOL.md 2): a terminal whose pages
     * never end, which a client must stop following.
     *
     * @param type request type
     * @return this
     */
    public Faults endlessPages(String type) {
        endlessPages.add(type);
        return this;
    }

    /** @return how many replies {@link #endlessPages} has turned into a page with more to come */
    public int endlessPagesServed() {
        return endlessPagesServed.get();
    }

    boolean endlessPage(String type) {
        if (!endlessPages.contains(type)) {
            return false;
        }
        endlessPagesServed.incrementAndGet();
        return true;
    }

    /**
     * The next {@code n} requests of a type are carried out but get no reply.
     *
     * @param type request type, for example {@code order}
     * @param n    how many
     * @return this
     */
    public Faults dropReplies(String type, int n) {
        dropReplies.computeIfAbsent(type, k -> new AtomicInteger()).addAndGet(n);
        return this;
    }

    /**
     * The next {@code n} requests of a type are not carried out and are answered {@code ok:false},
     * {@code error:"busy"} (PROTOCOL.md 3): a refusal that says nothing about any order.
     *
     * @param type request type, for example {@code order_status}
     * @param n    how many
     * @return this
     */
    public Faults busy(String type, int n) {
        busyReplies.computeIfAbsent(type, k -> new AtomicInteger()).addAndGet(n);
        return this;
    }

    /**
     * The next {@code n} requests of a type are lost before the terminal sees them.
     *
     * @param type request type
     * @param n    how many
     * @return this
     */
    public Faults ignoreRequests(String type, int n) {
        ignoreRequests.computeIfAbsent(type, k -> new AtomicInteger()).addAndGet(n);
        return this;
    }

    /**
     * The next {@code n} replies to a type are sent late.
     *
     * @param type  request type
     * @param n     how many
     * @param delay how late
     * @return this
     */
    public Faults delayReplies(String type, int n, Duration delay) {
        delayReplies.put(type, new Delay(new AtomicInteger(n), delay));
        return this;
    }

    /**
     * The next {@code n} orders are answered with a requote (10004) and a moved price.
     *
     * @param n how many
     * @return this
     */
    public Faults requote(int n) {
        requotes.addAndGet(n);
        return this;
    }

    /**
     * The next {@code n} orders are refused with a return code.
     *
     * @param n       how many
     * @param retcode MT5 return code, for example 10019 (no money)
     * @return this
     */
    public Faults reject(int n, int retcode) {
        rejectCode = retcode;
        rejects.addAndGet(n);
        return this;
    }

    /**
     * The next order fills only a fraction of its volume (rounded down to the step, at least the
     * minimum) with return code 10010.
     *
     * @param fraction in (0, 1)
     * @return this
     */
    public Faults partialFill(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1), was " + fraction);
        }
        partialFill.set(fraction);
        return this;
    }

    /**
     * The next order is executed, then the terminal drops off the network for {@code downtime}
     * before answering (the reply is lost), keeping its session and positions.
     *
     * @param downtime how long the sockets stay closed
     * @return this
     */
    public Faults disconnectMidOrder(Duration downtime) {
        disconnectOnOrder.set(downtime);
        return this;
    }

    /**
     * The next {@code n} PUB messages are not published (their sequence numbers are used, so a
     * gap shows).
     *
     * @param n how many
     * @return this
     */
    public Faults dropEvents(int n) {
        dropEvents.addAndGet(n);
        return this;
    }

    /**
     * @param on whether every trade event is published twice
     * @return this
     */
    public Faults duplicateEvents(boolean on) {
        duplicateEvents = on;
        return this;
    }

    /**
     * Behaves like a terminal that predates the conflict rule (PROTOCOL.md 9): a known client
     * order id is answered with its stored outcome whatever the new request's contents. Clients
     * must still not take another order's fill as their own.
     *
     * @param on whether to skip the conflict check
     * @return this
     */
    public Faults ignoreConflicts(boolean on) {
        ignoreConflicts = on;
        return this;
    }

    /**
     * Sends raw bytes as a reply before the next reply, and publishes raw bytes before the next event.
     *
     * @param reply bytes sent to the next client that asks something, null for none
     * @param event bytes published before the next event, null for none
     * @return this
     */
    public Faults malformed(byte[] reply, byte[] event) {
        synchronized (malformedReplies) {
            if (reply != null) {
                malformedReplies.add(reply.clone());
            }
            if (event != null) {
                malformedEvents.add(event.clone());
            }
        }
        return this;
    }

    // --------------------------------------------------------------- consumed by the terminal

    boolean ignoreConflicts() {
        return ignoreConflicts;
    }

    boolean takeBusy(String type) {
        return take(busyReplies.get(type));
    }

    boolean takeDropReply(String type) {
        return take(dropReplies.get(type));
    }

    boolean takeIgnore(String type) {
        return take(ignoreRequests.get(type));
    }

    Duration takeDelay(String type) {
        Delay d = delayReplies.get(type);
        return d != null && take(d.count()) ? d.delay() : null;
    }

    boolean takeRequote() {
        return take(requotes);
    }

    int takeReject() {
        return take(rejects) ? rejectCode : 0;
    }

    Double takePartial() {
        return partialFill.getAndSet(null);
    }

    Duration takeDisconnect() {
        return disconnectOnOrder.getAndSet(null);
    }

    boolean takeDropEvent() {
        return take(dropEvents);
    }

    boolean duplicateEvents() {
        return duplicateEvents;
    }

    List<byte[]> takeMalformedReplies() {
        synchronized (malformedReplies) {
            List<byte[]> l = new ArrayList<>(malformedReplies);
            malformedReplies.clear();
            return l;
        }
    }

    List<byte[]> takeMalformedEvents() {
        synchronized (malformedReplies) {
            List<byte[]> l = new ArrayList<>(malformedEvents);
            malformedEvents.clear();
            return l;
        }
    }

    private static boolean take(AtomicInteger c) {
        if (c == null) {
            return false;
        }
        while (true) {
            int v = c.get();
            if (v <= 0) {
                return false;
            }
            if (c.compareAndSet(v, v - 1)) {
                return true;
            }
        }
    }
}
