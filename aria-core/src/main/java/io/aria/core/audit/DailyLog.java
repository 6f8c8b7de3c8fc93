package io.aria.core.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One kind of audit log ({@code audit_logs/execution_audit_} or {@code live_logs/decisions_}):
 * the current day's file and the bytes encoded but not yet handed to the operating system.
 * Bytes stay pending until a write succeeds; a failed write leaves them pending (the sink then
 * fails and counts them as not written, {@link #discardPending()}).
 *
 * <p>Errors come out as {@link AuditFailedException} whose one-line message names the path and
 * the operating system's error ({@link #describe}).
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
    /** Whether bytes were written to the open file since it was last forced to the device. */
    private boolean unsynced;
    /** The identity of the open file ({@code (dev, inode)}), to see it removed or replaced. */
    private Object fileKey;
    /** {@link #recordsWritten} when the open file was last seen in place. */
    private long recordsWhenVerified;
    /** Whether the open file was found removed or replaced. */
    private boolean replaced;

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
     * Hands the pending bytes to the operating system ({@code write(2)}), opening the day's file
     * when needed.
     *
     * @throws AuditFailedException when the folder or file cannot be created, opened or written;
     *     what was not written stays pending
     */
    void writePending() {
        if (pending.size() == 0) {
            return;
        }
        FileChannel ch = channel();
        ByteBuffer buf = ByteBuffer.wrap(pending.bytes, pending.start, pending.size());
        try {
            while (buf.hasRemaining()) {
                int n = ch.write(buf);
                pending.start += n;
                bytesWritten += n;
                unsynced = true;
            }
        } catch (IOException e) {
            throw new AuditFailedException("cannot write audit file " + currentFile() + ": " + describe(e), e);
        }
        pending.start = 0;
        pending.count = 0;
        recordsWritten += pendingRecords;
        pendingRecords = 0;
    }

    /**
     * Forces the current file's content to the storage device ({@code fsync}), if a file is open and
     * something was written since the last time.
     *
     * @throws AuditFailedException when the device refuses
     */
    void sync() {
        if (channel != null && unsynced) {
            try {
                channel.force(false);
            } catch (IOException e) {
                throw new AuditFailedException("cannot sync audit file " + currentFile() + ": " + describe(e), e);
            }
            unsynced = false;
        }
    }

    /**
     * Drops the pending bytes, after a failure.
     *
     * @return how many records they held
     */
    long discardPending() {
        long n = pendingRecords;
        if (replaced) { // written, but into a file no path names any more
            long lost = recordsWritten - recordsWhenVerified;
            n += lost;
            recordsWritten -= lost;
            recordsWhenVerified = recordsWritten;
        }
        pending.start = 0;
        pending.count = 0;
        pendingRecords = 0;
        return n;
    }

    /**
     * Checks that the day's path still names the open file: a file removed ({@code rm -rf data}) or
     * replaced while open takes every later write with it, silently, unless someone looks.
     *
     * @throws AuditFailedException when the path names another file or none
     */
    void verifyInPlace() {
        if (channel == null || fileKey == null) {
            return;
        }
        Path file = currentFile();
        Object now;
        try {
            now = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            now = null;
        }
        if (!fileKey.equals(now)) {
            replaced = true;
            throw new AuditFailedException("audit file " + file + " was " + (now == null ? "removed" : "replaced")
                    + " while open; the records written since are in no file", null);
        }
        recordsWhenVerified = recordsWritten;
    }

    void closeChannel() throws IOException {
        FileChannel ch = channel;
        channel = null;
        unsynced = false;
        fileKey = null;
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

    /**
     * Creates the folder (and its parents) if needed and checks that a file can be created and
     * written in it, then removes the probe.
     *
     * @param dir the folder
     * @throws AuditFailedException naming the folder and the operating system's error
     */
    static void probe(Path dir) {
        createFolder(dir);
        Path probe;
        try {
            probe = Files.createTempFile(dir, ".aria-write-probe-", ".tmp");
        } catch (IOException e) {
            throw new AuditFailedException("cannot create a file in audit folder " + dir + ": " + describe(e), e);
        }
        try (FileChannel ch = FileChannel.open(probe, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(new byte[] {'\n'});
            while (b.hasRemaining()) {
                ch.write(b);
            }
        } catch (IOException e) {
            throw new AuditFailedException("cannot write in audit folder " + dir + ": " + describe(e), e);
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException e) {
                LOG.warn("could not remove the write probe {}: {}", probe, describe(e));
            }
        }
    }

    private static void createFolder(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new AuditFailedException("cannot create audit folder " + dir + ": Not a directory", e);
        } catch (IOException e) {
            throw new AuditFailedException("cannot create audit folder " + dir + ": " + describe(e), e);
        }
    }

    /**
     * @param e an I/O error
     * @return the operating system's words for it ({@code No space left on device}, {@code Not a
     *     directory}...), without the path the exception may repeat
     */
    static String describe(IOException e) {
        if (e instanceof FileSystemException f) {
            if (f.getReason() != null) {
                return f.getReason();
            }
            if (e instanceof NoSuchFileException) {
                return "No such file or directory";
            }
            if (e instanceof AccessDeniedException) {
                return "Permission denied";
            }
            if (e instanceof FileAlreadyExistsException) {
                return "File exists";
            }
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private FileChannel channel() {
        if (channel == null) {
            createFolder(dir);
            Path file = currentFile();
            FileChannel ch;
            try {
                ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new AuditFailedException("cannot open audit file " + file + ": " + describe(e), e);
            }
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
                try {
                    ch.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                if (e instanceof IOException io) {
                    throw new AuditFailedException("cannot write audit file " + file + ": " + describe(io), io);
                }
                throw (RuntimeException) e;
            }
            channel = ch;
            try {
                fileKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            } catch (IOException e) {
                fileKey = null; // checked no further; the writes themselves still report failures
            }
            recordsWhenVerified = recordsWritten;
            replaced = false;
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
