package io.aria.core.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
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
 * the current day's file, the bytes encoded but not yet handed to the operating system, and the
 * generator that encodes into them. Bytes stay pending until a write succeeds, so a failed write
 * loses nothing; a partial write resumes where it stopped.
 *
 * <p>Not thread-safe: owned by the sink's writer thread.
 */
final class DailyLog {

    private static final Logger LOG = LoggerFactory.getLogger(DailyLog.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final Path dir;
    private final String prefix;
    private final Pending pending = new Pending();
    private final JsonFactory factory;
    private JsonGenerator gen;

    private long day = Long.MIN_VALUE;
    private FileChannel channel;
    private long pendingRecords;
    private long recordsWritten;
    private long bytesWritten;

    DailyLog(Path dir, String prefix, JsonFactory factory) throws IOException {
        this.dir = dir;
        this.prefix = prefix;
        this.factory = factory;
        this.gen = newGenerator();
    }

    static Path file(Path dir, String prefix, LocalDate date) {
        return dir.resolve(prefix + DAY.format(date) + ".jsonl");
    }

    private JsonGenerator newGenerator() throws IOException {
        JsonGenerator g = factory.createGenerator(pending);
        g.setCodec(AuditJson.MAPPER);
        return g;
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
     * @throws IOException (and the pending bytes are as before) when encoding fails
     */
    void append(AuditRecord record, AuditLineEncoder encoder) throws IOException {
        int mark = pending.count;
        try {
            encoder.write(record, gen);
            gen.writeRaw('\n');
            gen.flush();
        } catch (IOException | RuntimeException e) {
            pending.count = mark;
            gen = newGenerator(); // the old one may be in the middle of an object
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

    /** A growable byte array whose unwritten part is [start, count). */
    private static final class Pending extends OutputStream {
        byte[] bytes = new byte[64 * 1024];
        int start;
        int count;

        int size() {
            return count - start;
        }

        @Override
        public void write(int b) {
            ensure(1);
            bytes[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, bytes, count, len);
            count += len;
        }

        private void ensure(int more) {
            if (count + more > bytes.length) {
                byte[] bigger = new byte[Math.max(bytes.length * 2, count + more)];
                System.arraycopy(bytes, 0, bigger, 0, count);
                bytes = bigger;
            }
        }
    }
}
