package io.aria.mt5.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import io.aria.mt5.IoWaitStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A thread that owns ZeroMQ sockets, and the lock that says who may touch them. The loop's work
 * (tasks, socket handlers, timers) runs under one lock, so one thread at a time does it: the loop
 * thread, or a caller of {@link #executeInline} that found the loop idle and does its task itself
 * (an order is then sent from the caller's thread: no hand-off, no wake-up). Sockets, timers and
 * everything they touch are guarded by that lock; "loop thread only" below means "while doing the
 * loop's work" ({@link #inLoop()}). A task or handler that throws is logged and the loop goes on.
 *
 * <p>How the thread waits is its {@link IoWaitStrategy}. {@link IoWaitStrategy#BLOCKING}: a
 * {@link Selector} over the sockets' ZeroMQ descriptors and a {@link Pipe}; a byte on the pipe
 * wakes it at once, so a hand-off costs no polling delay (but a wake-up).
 * {@link IoWaitStrategy#YIELDING} and {@link IoWaitStrategy#BUSY_SPIN}: it never sleeps; each turn
 * runs the queued tasks, reads every socket whose ZeroMQ events say input is waiting, and runs due
 * timers, then yields or spins when there was nothing to do; a hand-off writes nothing to the pipe.
 *
 * <p>A ZeroMQ descriptor signals edges: any operation on a socket (a send too) may take the signal
 * of input that arrived. So whoever did the loop's work reads every socket's events
 * ({@code ZMQ_EVENTS}, levels) after its last socket operation and before it lets go of the lock,
 * and handles what is there; only then may the loop thread sleep.
 */
public final class IoLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IoLoop.class);
    private static final long MAX_POLL_MS = 50;
    /** Passes over tasks, sockets and timers before a turn lets go; more work left wakes the loop. */
    private static final int MAX_PASSES = 16;

    private final String name;
    private final ZContext context;
    private final IoWaitStrategy wait;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Pipe pipe;
    private final AtomicBoolean signalled = new AtomicBoolean();
    private final ByteBuffer one = ByteBuffer.allocate(1);
    private final ByteBuffer drain = ByteBuffer.allocate(64);
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final List<Registration> registrations = new ArrayList<>();
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicLong failures = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong inlined = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean running = true;
    private volatile boolean started;
    /** When the blocking loop wakes by itself next (System.nanoTime); a sooner timer from another thread wakes it. */
    private volatile long wakeAt;
    private Selector selector;
    private boolean keysStale = true;
    private long timerSeq;
    private Runnable onStop = () -> { };

    /**
     * A blocking loop.
     *
     * @param name    thread name
     * @param context the ZeroMQ context the loop's sockets come from; owned by the caller
     */
    public IoLoop(String name, ZContext context) {
        this(name, context, IoWaitStrategy.BLOCKING);
    }

    /**
     * @param name    thread name
     * @param context the ZeroMQ context the loop's sockets come from; owned by the caller
     * @param wait    how the thread waits for work
     */
    public IoLoop(String name, ZContext context, IoWaitStrategy wait) {
        this.name = name;
        this.context = context;
        this.wait = java.util.Objects.requireNonNull(wait, "wait");
        try {
            this.pipe = Pipe.open();
            pipe.source().configureBlocking(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the wake-up pipe of " + name, e);
        }
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    /** Starts the thread. */
    public void start() {
        started = true;
        thread.start();
    }

    /** @return how many tasks or handlers threw (a bug: handlers catch what they expect) */
    public long failures() {
        return failures.get();
    }

    /** @return how many {@link #executeInline} tasks ran on their caller's thread */
    public long inlinedCount() {
        return inlined.get();
    }

    /** @return whether the loop thread is running */
    public boolean isAlive() {
        return thread.isAlive();
    }

    /** @return the ZeroMQ context */
    public ZContext context() {
        return context;
    }

    /** @return how the loop waits */
    public IoWaitStrategy waitStrategy() {
        return wait;
    }

    /** @return whether the caller is doing the loop's work now (the loop thread, or an inline caller) */
    public boolean inLoop() {
        return lock.isHeldByCurrentThread();
    }

    /** @param hook run under the loop's lock, on the loop thread, when it stops (close sockets there) */
    public void onStop(Runnable hook) {
        this.onStop = hook;
    }

    /**
     * Runs a task on the loop thread. Any thread.
     *
     * @param task the task
     */
    public void execute(Runnable task) {
        tasks.add(task);
        // a polling loop sees the queue on its next turn: no wake-up to write
        if (wait == IoWaitStrategy.BLOCKING) {
            wake();
        }
    }

    /**
     * Runs a task at once on the calling thread when no other thread is doing the loop's work,
     * else as {@link #execute}. Either way it runs under the loop's lock, after the tasks handed
     * over before it (one thread's tasks keep their order), and the caller then handles any input
     * its socket operations took the signal of. For short, non-blocking work on the hot path
     * (sending an order): it saves the hand-off to the loop thread and its wake-up. A caller that
     * is interrupted, or is already doing the loop's work, hands the task over instead (ZeroMQ
     * operations would consume the interrupt and fail).
     *
     * @param task the task
     */
    public void executeInline(Runnable task) {
        Thread me = Thread.currentThread();
        if (started && running && me != thread && !lock.isHeldByCurrentThread() && !me.isInterrupted()
                && lock.tryLock()) {
            try {
                if (running) {
                    inlined.incrementAndGet();
                    runTasks();
                    safely(task);
                    if (!settle()) {
                        wake(); // more input than a caller should handle: the loop thread goes on
                    }
                    return;
                }
            } finally {
                lock.unlock();
            }
        }
        execute(task);
    }

    private void wake() {
        if (signalled.compareAndSet(false, true)) {
            try {
                synchronized (pipe) {
                    one.clear();
                    pipe.sink().write(one);
                }
            } catch (IOException e) {
                LOG.debug("{}: wake-up failed (closing?): {}", name, e.toString());
            }
        }
    }

    /**
     * Schedules a task on the loop thread. Loop thread only.
     *
     * @param delayNanos delay
     * @param task       the task
     * @return a handle to cancel it
     */
    public Timer schedule(long delayNanos, Runnable task) {
        Timer t = new Timer(System.nanoTime() + Math.max(0, delayNanos), timerSeq++, task);
        timers.add(t);
        if (wait == IoWaitStrategy.BLOCKING && Thread.currentThread() != thread && t.at - wakeAt < 0) {
            wake(); // scheduled by an inline caller while the loop sleeps longer than that
        }
        return t;
    }

    /**
     * Polls a socket for input. Loop thread only.
     *
     * @param socket   a socket of the loop
     * @param readable called on the loop thread while the socket has input
     */
    public void register(ZMQ.Socket socket, Consumer<ZMQ.Socket> readable) {
        registrations.add(new Registration(socket, readable));
        keysChanged();
    }

    /**
     * Stops polling a socket (the caller closes it). Loop thread only.
     *
     * @param socket the socket
     */
    public void unregister(ZMQ.Socket socket) {
        registrations.removeIf(r -> r.socket == socket);
        keysChanged();
    }

    private void keysChanged() {
        keysStale = true;
        if (wait == IoWaitStrategy.BLOCKING && Thread.currentThread() != thread) {
            wake(); // the sleeping loop must watch the new set
        }
    }

    private void run() {
        try {
            if (wait == IoWaitStrategy.BLOCKING) {
                runBlocking();
            } else {
                runPolling();
            }
        } catch (IOException | RuntimeException | Error e) {
            if (running) {
                LOG.error("{}: I/O loop died", name, e);
            }
        } finally {
            lock.lock();
            try {
                runTasks(); // what was handed over before close (failing what is pending) still runs
                safely(onStop);
            } finally {
                lock.unlock();
            }
            if (selector != null) {
                try {
                    selector.close();
                } catch (IOException e) {
                    LOG.debug("{}: closing selector: {}", name, e.toString());
                }
            }
            try {
                pipe.source().close();
                pipe.sink().close();
            } catch (IOException e) {
                LOG.debug("{}: closing pipe: {}", name, e.toString());
            }
            stopped.countDown();
        }
    }

    /**
     * The yielding and busy-spin loop: no selector, no pipe. A socket's ZeroMQ events are levels,
     * so reading them each turn never misses input; with nothing there they cost no system call.
     */
    private void runPolling() {
        boolean yielding = wait == IoWaitStrategy.YIELDING;
        while (running) {
            boolean worked;
            lock.lock();
            try {
                if (!running) {
                    return;
                }
                worked = runTasks() > 0;
                worked |= readReady();
                worked |= runDueTimers();
            } finally {
                lock.unlock();
            }
            if (!worked) {
                if (yielding) {
                    Thread.yield();
                } else {
                    Thread.onSpinWait();
                }
            }
        }
    }

    private void runBlocking() throws IOException {
        selector = Selector.open();
        pipeKey = pipe.source().register(selector, SelectionKey.OP_READ);
        boolean pipeReady = false;
        while (running) {
            long timeoutMs;
            lock.lock();
            try {
                if (!running) {
                    return;
                }
                if (pipeReady) {
                    drainPipe();
                }
                boolean settled = turn();
                if (keysStale) {
                    syncKeys();
                }
                timeoutMs = MAX_POLL_MS;
                Timer next = timers.peek();
                long now = System.nanoTime();
                if (next != null) {
                    // round up: rounding down would poll with 0 and spin for the last millisecond
                    // before every timer, taking a core from the threads a round trip waits on
                    long ms = Math.floorDiv(next.at - now + 999_999, 1_000_000);
                    timeoutMs = Math.max(0, Math.min(timeoutMs, ms));
                }
                if (!settled || !tasks.isEmpty()) {
                    timeoutMs = 0;
                }
                wakeAt = now + timeoutMs * 1_000_000;
            } finally {
                lock.unlock();
            }
            pipeSeen = false;
            // the consumer forms: no selected-key set to fill and clear on every wake-up
            if (timeoutMs == 0) {
                selector.selectNow(onReady);
            } else {
                selector.select(onReady, timeoutMs);
            }
            pipeReady = pipeSeen;
        }
    }

    /** Set by {@link #onReady} when the wake-up pipe was readable. Loop thread. */
    private boolean pipeSeen;
    private SelectionKey pipeKey;
    private final Consumer<SelectionKey> onReady = k -> {
        if (k == pipeKey) {
            pipeSeen = true;
        }
    };

    /** Watches the registered sockets' descriptors (and no others). Under the lock. */
    private void syncKeys() throws IOException {
        Set<SelectableChannel> wanted = new HashSet<>();
        for (Registration r : registrations) {
            wanted.add(r.socket.getFD());
        }
        for (SelectionKey k : selector.keys()) {
            if (k.channel() != pipe.source() && !wanted.contains(k.channel())) {
                k.cancel();
            }
        }
        selector.selectNow(onReady); // deregisters the cancelled keys; socket readiness is read from their events
        for (SelectableChannel ch : wanted) {
            if (ch.keyFor(selector) == null) {
                ch.register(selector, SelectionKey.OP_READ);
            }
        }
        keysStale = false;
    }

    /**
     * The loop's work until a pass finds none: tasks, sockets with input, due timers. Under the lock.
     *
     * @return true when the last pass did nothing (every socket's events were read after its last
     *     operation), false when work was left after {@value #MAX_PASSES} passes
     */
    private boolean turn() {
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            boolean worked = runTasks() > 0;
            worked |= readReady();
            worked |= runDueTimers();
            if (!worked) {
                return true;
            }
        }
        return false;
    }

    /** After an inline task: handle what its socket operations found. Under the lock. @return as {@link #turn()} */
    private boolean settle() {
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            boolean worked = runTasks() > 0;
            worked |= readReady();
            if (!worked) {
                return true;
            }
        }
        return false;
    }

    /** Calls the handler of every socket with input waiting. Under the lock. @return whether one ran */
    private boolean readReady() {
        boolean worked = false;
        for (int i = 0; i < registrations.size(); i++) {
            Registration r = registrations.get(i);
            if ((r.socket.getEvents() & ZMQ.Poller.POLLIN) != 0) {
                worked = true;
                read(r);
            }
        }
        return worked;
    }

    private void drainPipe() {
        signalled.set(false);
        try {
            drain.clear();
            while (pipe.source().read(drain) > 0) {
                drain.clear();
            }
        } catch (IOException e) {
            LOG.debug("{}: draining pipe: {}", name, e.toString());
        }
    }

    /** @return how many tasks ran */
    private int runTasks() {
        signalled.set(false);
        Runnable r;
        int n = 0;
        while (n < 10_000 && (r = tasks.poll()) != null) {
            n++;
            safely(r);
        }
        return n;
    }

    /** @return whether a timer was due */
    private boolean runDueTimers() {
        long now = System.nanoTime();
        Timer t;
        boolean ran = false;
        while ((t = timers.peek()) != null && t.at - now <= 0) {
            timers.poll();
            ran = true;
            if (!t.cancelled) {
                safely(t.task);
            }
        }
        return ran;
    }

    /** Calls a socket's handler (no lambda: a quiet turn allocates nothing). */
    private void read(Registration r) {
        try {
            r.readable.accept(r.socket);
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            LOG.error("{}: handler failed; the loop goes on", name, e);
        }
    }

    private void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            LOG.error("{}: task failed; the loop goes on", name, e);
        }
    }

    /** Stops the loop (running its stop hook on the loop thread) and waits up to 5 s. Idempotent. */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        if (!started) {
            try {
                pipe.source().close();
                pipe.sink().close();
            } catch (IOException e) {
                LOG.debug("{}: closing pipe: {}", name, e.toString());
            }
            return;
        }
        wake();
        if (Thread.currentThread() != thread && !lock.isHeldByCurrentThread()) {
            try {
                if (!stopped.await(5, TimeUnit.SECONDS)) {
                    LOG.warn("{}: I/O loop did not stop within 5 s", name);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A scheduled task. */
    public static final class Timer implements Comparable<Timer> {
        final long at;
        final long seq;
        final Runnable task;
        boolean cancelled;

        Timer(long at, long seq, Runnable task) {
            this.at = at;
            this.seq = seq;
            this.task = task;
        }

        /** Cancels it. Loop thread only. */
        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(at - o.at, 0);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private record Registration(ZMQ.Socket socket, Consumer<ZMQ.Socket> readable) {
    }
}
