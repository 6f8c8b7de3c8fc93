package io.aria.core.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One kind of audit log ({@code audit_logs/execution_audit_} or {@code live_logs/decisions_}):
 * the current day's file and the bytes encoded but not yet handed to the operating system.
 * Bytes stay pending until a write succeeds, so a failed write
 * loses nothing; a partial write resumes where it stopped.
 *
 * <p>Not thread-safe: owned by the sink's writer thread.
 */
final class DailyLog {

    private static final Logger LOG = LoggerFactory.getLogger(DailyLog.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final Path dir;
    private final String prefix;
    private final JsonBuffer pending = new JsonBuffer(64 * 1024);

    private long day = Long.MIN_VALUE;
    private FileChannel channel;
    private long pendingRecords;
    private long recordsWritten;
    private long bytesWritten;

    DailyLog(Path dir, String prefix) {
        this.dir = dir;
        this.prefix = prefix;
    }

    static Path file(Path dir, String prefix, LocalDate date) {
        return dir.resolve(prefix + DAY.format(date) + ".jsonl");
    }

    /** @return the epoch day whose file receives appended records ({@code Long.MIN_VALUE} before any) */
    long day() {
        return day;
    }

    /** Starts a new day. Pending bytes must have been written first. */
    void switchTo(long newDay) throws IOException {
        if (pending.size() > 0) {
            throw new IllegalStateException("pending bytes of day " + day + " not written");
        }
        closeChannel();
        day = newDay;
    }

    /**
     * Encodes one record and a newline into the pending bytes.
     *
     * @throws RuntimeException (and the pending bytes are as before) when encoding fails
     */
    void append(AuditRecord record, AuditLineEncoder encoder) {
        int mark = pending.count;
        try {
            encoder.write(record, pending);
            pending.raw((byte) '\n');
        } catch (RuntimeException e) {
            pending.count = mark;
            throw e;
        }
        pendingRecords++;
    }

    int pendingBytes() {
        return pending.size();
    }

    /**
     * Hands the pending bytes to the operating system, opening the day's file when needed.
     *
     * @throws IOException when the file cannot be opened or written; what was not written stays pending
     */
    void writePending() throws IOException {
        if (pending.size() == 0) {
            return;
        }
        FileChannel ch = channel();
        ByteBuffer buf = ByteBuffer.wrap(pending.bytes, pending.start, pending.size());
        while (buf.hasRemaining()) {
            int n = ch.write(buf);
            pending.start += n;
            bytesWritten += n;
        }
        pending.start = 0;
        pending.count = 0;
        recordsWritten += pendingRecords;
        pendingRecords = 0;
    }

    /** Forces the current file's content to the storage device, if a file is open. */
    void sync() throws IOException {
        if (channel != null) {
            channel.force(false);
        }
    }

    void closeChannel() throws IOException {
        FileChannel ch = channel;
        channel = null;
        if (ch != null) {
            ch.close();
        }
    }

    long pendingRecords() {
        return pendingRecords;
    }

    long recordsWritten() {
        return recordsWritten;
    }

    long bytesWritten() {
        return bytesWritten;
    }

    Path currentFile() {
        return file(dir, prefix, LocalDate.ofEpochDay(day));
    }

    private FileChannel channel() throws IOException {
        if (channel == null) {
            Files.createDirectories(dir);
            Path file = currentFile();
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            try {
                long size = ch.size();
                ch.position(size);
                if (size > 0 && !endsWithNewline(ch, size)) {
                    // a crash tore the last line: end it so it stays one (corrupt) line of its own
                    LOG.warn("audit file {} ended in a torn line; terminating it before appending", file);
                    ByteBuffer nl = ByteBuffer.wrap(new byte[] {'\n'});
                    while (nl.hasRemaining()) {
                        ch.write(nl);
                    }
                }
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
            channel = ch;
        }
        return channel;
    }

    private static boolean endsWithNewline(FileChannel ch, long size) throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        while (last.hasRemaining()) {
            if (ch.read(last, size - 1) < 0) {
                return false;
            }
        }
        return last.get(0) == '\n';
    }
}
