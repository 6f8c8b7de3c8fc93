package io.aria.mt5.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import io.aria.mt5.IoWaitStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A single thread that owns ZeroMQ sockets. Other threads hand it work with {@link #execute}.
 * Sockets, timers and everything they touch belong to the loop thread. A task or handler that
 * throws is logged and the loop goes on.
 *
 * <p>How it waits is its {@link IoWaitStrategy}. {@link IoWaitStrategy#BLOCKING}: a ZeroMQ poll
 * over the sockets and a {@link Pipe}, and a byte on the pipe wakes it at once, so a hand-off
 * costs no polling delay (but a wake-up). {@link IoWaitStrategy#YIELDING} and
 * {@link IoWaitStrategy#BUSY_SPIN}: it never sleeps; each turn runs the queued tasks, reads every
 * socket whose ZeroMQ events say input is waiting, and runs due timers, then yields or spins when
 * there was nothing to do. A hand-off then writes nothing to the pipe: the queue is all.
 */
public final class IoLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IoLoop.class);
    private static final long MAX_POLL_MS = 50;

    private final String name;
    private final ZContext context;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Pipe pipe;
    private final AtomicBoolean signalled = new AtomicBoolean();
    private final ByteBuffer one = ByteBuffer.allocate(1);
    private final ByteBuffer drain = ByteBuffer.allocate(64);
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final List<Registration> registrations = new ArrayList<>();
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicLong failures = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean running = true;
    private volatile boolean started;
    private ZMQ.Poller poller;
    private boolean pollerStale = true;
    private long timerSeq;
    private Runnable onStop = () -> { };
    private final IoWaitStrategy wait;

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

    /** @return whether the loop thread is running */
    public boolean isAlive() {
        return thread.isAlive();
    }

    /** @return the ZeroMQ context */
    public ZContext context() {
        return context;
    }

    /** @return whether the caller is the loop thread */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** @param hook run on the loop thread when it stops (close sockets there) */
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
        if (wait == IoWaitStrategy.BLOCKING && signalled.compareAndSet(false, true)) {
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
        pollerStale = true;
    }

    /**
     * Stops polling a socket (the caller closes it). Loop thread only.
     *
     * @param socket the socket
     */
    public void unregister(ZMQ.Socket socket) {
        registrations.removeIf(r -> r.socket == socket);
        pollerStale = true;
    }

    /** @return how the loop waits */
    public IoWaitStrategy waitStrategy() {
        return wait;
    }

    private void run() {
        try {
            if (wait == IoWaitStrategy.BLOCKING) {
                runBlocking();
            } else {
                runPolling();
            }
        } catch (RuntimeException | Error e) {
            if (running) {
                LOG.error("{}: I/O loop died", name, e);
            }
        } finally {
            safely(onStop);
            if (poller != null) {
                poller.close();
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
     * The yielding and busy-spin loop: no poller, no pipe. A socket's ZeroMQ events
     * ({@code ZMQ_EVENTS}, which processes its pending commands) are levels, so reading them each
     * turn never misses input; with nothing there they cost no system call.
     */
    private void runPolling() {
        boolean yielding = wait == IoWaitStrategy.YIELDING;
        while (running) {
            pollerStale = false;
            boolean worked = runTasks() > 0;
            for (int i = 0; i < registrations.size() && !pollerStale; i++) {
                Registration r = registrations.get(i);
                if ((r.socket.getEvents() & ZMQ.Poller.POLLIN) != 0) {
                    worked = true;
                    read(r);
                }
            }
            Timer next = timers.peek();
            if (next != null && next.at - System.nanoTime() <= 0) {
                runTimers();
                worked = true;
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

    private void runBlocking() {
        {
            while (running) {
                if (pollerStale) {
                    rebuildPoller();
                }
                long timeout = MAX_POLL_MS;
                Timer next = timers.peek();
                if (next != null) {
                    // round up: rounding down would poll with 0 and spin for the last millisecond
                    // before every timer, taking a core from the threads a round trip waits on
                    long ms = Math.floorDiv(next.at - System.nanoTime() + 999_999, 1_000_000);
                    timeout = Math.max(0, Math.min(timeout, ms));
                }
                // Always poll, if only with 0 when tasks wait: a ZeroMQ socket's descriptor signals
                // edges, and input that arrived while the loop was sending shows only in the
                // socket's events. JeroMQ's poll reads every socket's events before it blocks and
                // again after each wake-up, so its pollin flags are levels, never stale.
                poller.poll(tasks.isEmpty() ? timeout : 0);
                if (poller.pollin(0)) {
                    drainPipe();
                }
                runTasks();
                for (int i = 1; i < poller.getSize() && !pollerStale; i++) {
                    Registration r = registrations.get(i - 1);
                    if (poller.pollin(i)) {
                        read(r);
                    }
                }
                runTimers();
            }
        }
    }

    private void rebuildPoller() {
        if (poller != null) {
            poller.close();
        }
        poller = context.createPoller(registrations.size() + 1);
        poller.register(pipe.source(), ZMQ.Poller.POLLIN);
        for (Registration r : registrations) {
            poller.register(r.socket, ZMQ.Poller.POLLIN);
        }
        pollerStale = false;
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

    private void runTimers() {
        long now = System.nanoTime();
        Timer t;
        while ((t = timers.peek()) != null && t.at - now <= 0) {
            timers.poll();
            if (!t.cancelled) {
                safely(t.task);
            }
        }
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
        execute(() -> { });
        if (!inLoop()) {
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
