package io.aria.examples;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ends a command's run cleanly on Ctrl-C or SIGTERM: a JVM shutdown hook wakes the thread that
 * runs the command (by interrupting it while it waits in its status loop), then holds the JVM
 * until that thread has stopped the pipeline, closed the audit and printed the summary, for at
 * most a grace period. The summary is printed once, by the command's own thread, whether the run
 * ends by itself or by a signal.
 *
 * <p>Use: create on the command's thread just before the pipeline starts; in the status loop stop
 * when {@link #requested()} or on {@link InterruptedException}; call {@link #finishing()} when
 * leaving the loop (after it no interrupt arrives); {@link #close()} once the summary is printed.
 * Thread-safe.
 */
final class GracefulStop implements AutoCloseable {

    private final Thread worker = Thread.currentThread();
    private final Thread hook;
    private final Duration grace;
    private final CountDownLatch finished = new CountDownLatch(1);
    private boolean requested; // guarded by this
    private boolean finishing; // guarded by this

    /**
     * @param name  the command, for the hook thread's name
     * @param grace longest the JVM waits for the summary after a signal
     */
    GracefulStop(String name, Duration grace) {
        this.grace = grace;
        this.hook = new Thread(this::onSignal, "aria-" + name + "-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private void onSignal() {
        synchronized (this) {
            if (!finishing) {
                requested = true;
                worker.interrupt();
            }
        }
        try {
            finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return whether a signal asked the run to stop */
    synchronized boolean requested() {
        return requested;
    }

    /**
     * Marks the end of the run's loop: no interrupt is sent after this, and one already sent is
     * cleared, so closing the pipeline and the audit is not cut short.
     *
     * @return whether a signal asked the run to stop
     */
    synchronized boolean finishing() {
        finishing = true;
        Thread.interrupted();
        return requested;
    }

    /** Lets a signalled JVM exit (the summary is out) and removes the hook from a run that ended by itself. */
    @Override
    public void close() {
        synchronized (this) {
            finishing = true;
        }
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: it returns now that the latch is down
        }
    }
}
