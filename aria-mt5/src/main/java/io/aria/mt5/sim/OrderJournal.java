package io.aria.mt5.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aria.mt5.internal.Wire;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated terminal's optional order journal: one JSON line per order received and per
 * execution, handed to the operating system at once, so that it outlives a crash of any client
 * (the crash tests read it). I/O thread.
 */
final class OrderJournal {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedMt5Terminal.class);

    private final Path path;
    private final Clock clock;
    private final FileChannel channel;
    private long errors;

    /** @param path the journal file, or null for none */
    OrderJournal(Path path, Clock clock) {
        this.path = path;
        this.clock = clock;
        try {
            this.channel = path == null ? null : FileChannel.open(path, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalArgumentException("journal: cannot open " + path + ": " + e.getMessage(), e);
        }
    }

    boolean on() {
        return channel != null;
    }

    ObjectNode line(String event, String cid) {
        ObjectNode j = Wire.object();
        j.put("event", event);
        j.put("client_order_id", cid);
        j.put("wall_ms", System.currentTimeMillis());
        j.put("utc_ms", clock.millis());
        return j;
    }

    /** One line per call, handed to the operating system at once. */
    void write(ObjectNode line) {
        byte[] bytes = (line.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                channel.write(b);
            }
        } catch (IOException e) {
            if (errors++ == 0) {
                LOG.warn("order journal {} could not be written: {}", path, e.toString());
            }
        }
    }

    void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("closing the order journal failed", e);
            }
        }
    }
}
