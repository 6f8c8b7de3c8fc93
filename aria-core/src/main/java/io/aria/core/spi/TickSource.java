package io.aria.core.spi;

import io.aria.core.source.CsvTickSource;
import io.aria.core.source.SyntheticTickSource;
import java.nio.file.Path;
import java.util.List;

/**
 * A stream of market ticks: synthetic, a file replay, or a live feed.
 *
 * <p>Contract: {@link #start(TickListener)} is called once and returns at once; the source then
 * delivers ticks from a thread of its own, in time order per symbol, and calls
 * {@link TickListener#onEnd(TickSource)} when a finite source is exhausted. A malformed input
 * record is reported (logged with its location and counted) and skipped; it never ends the
 * stream. {@link #close()} stops delivery and releases the thread; it is idempotent. A source
 * never delivers null.
 */
public interface TickSource extends AutoCloseable {

    /** @return the catalog symbols this source delivers */
    List<String> symbols();

    /**
     * Starts delivery.
     *
     * @param listener receives every tick
     * @throws IllegalStateException when already started
     */
    void start(TickListener listener);

    /** @return how many malformed input records were skipped so far */
    default long malformedCount() {
        return 0;
    }

    /**
     * Replays tick files (MT5 export, HistData ASCII or {@code time,symbol,bid,ask} CSV, detected
     * per file) merged in time order, as fast as the listener takes them, with the default catalog
     * and MT5 server time taken as UTC. {@link CsvTickSource#builder()} offers every option.
     *
     * @param files tick files
     * @return the source
     * @throws IllegalArgumentException     when no file is given or a file's layout or symbol cannot be told
     * @throws java.io.UncheckedIOException when a file cannot be read
     */
    static TickSource replay(Path... files) {
        return CsvTickSource.builder().files(files).build();
    }

    /**
     * Endless correlated random walks of all 21 default assets, as fast as the listener takes
     * them. {@link SyntheticTickSource#builder()} offers every option.
     *
     * @param seed the seed; the same seed gives the same ticks
     * @return the source
     */
    static TickSource synthetic(long seed) {
        return SyntheticTickSource.builder().seed(seed).build();
    }

    /** Stops delivery. Idempotent. */
    @Override
    void close();
}
