package io.aria.mt5;

import java.util.Locale;

/**
 * How an {@link Mt5Connection}'s I/O thread and its tick delivery thread wait for work, as the
 * Disruptor's and Aeron's idle strategies do: the trade between the latency of a hand-off and the
 * CPU the waiting costs. Set with {@link Mt5Config.Builder#ioWaitStrategy}.
 *
 * <ul>
 *   <li>{@link #BLOCKING} (the default): both threads sleep in the kernel until there is work
 *       (a ZeroMQ poll, a queue's condition). No CPU while idle; every hand-off wakes a thread,
 *       which on a busy machine can wait for a scheduler slice.</li>
 *   <li>{@link #YIELDING}: both threads poll without sleeping and call {@link Thread#yield()} when
 *       there was nothing to do. A hand-off costs no wake-up, and other runnable threads still get
 *       the core; an idle connection takes up to two cores' spare time.</li>
 *   <li>{@link #BUSY_SPIN}: both threads poll in a tight loop ({@link Thread#onSpinWait()}). The
 *       lowest hand-off latency, for users who pin the two threads to cores of their own; on a
 *       machine with fewer free cores than spinning threads it is the slowest of the three.</li>
 * </ul>
 *
 * <p>The strategy changes only how the threads wait, never what they do: orders, ticks,
 * heartbeats, reconnects and {@link Mt5Connection#close()} behave the same under each.
 */
public enum IoWaitStrategy {
    /** Sleep in the kernel until there is work (default). */
    BLOCKING,
    /** Poll, yielding the core when idle. */
    YIELDING,
    /** Poll in a tight loop. */
    BUSY_SPIN;

    /**
     * @param text {@code blocking}, {@code yielding} or {@code busy-spin} (any case; {@code _} for
     *             {@code -} is accepted), as written in configuration or the environment
     * @return the strategy
     * @throws IllegalArgumentException naming the option and the value when it is none of them
     */
    public static IoWaitStrategy parse(String text) {
        if (text != null) {
            String t = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
            for (IoWaitStrategy s : values()) {
                if (s.name().equals(t)) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("ioWaitStrategy must be one of blocking, yielding, busy-spin, was "
                + (text == null ? "null" : "'" + text + "'"));
    }
}
