package io.aria.core.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One running audit sink per folder. Two pipelines writing one audit folder would interleave their
 * days' files, and the second one's crash recovery would take the first one's in-flight orders for
 * a dead process's and fence them. The sink therefore holds an exclusive operating-system lock on
 * {@code <folder>/.aria.lock} while it is open; the lock goes with the process, so a SIGKILL never
 * leaves a stale one behind. The file holds the owner's pid, for the error message only.
 */
final class FolderLock implements AutoCloseable {

    /** The lock file's name in the base folder. */
    static final String FILE = ".aria.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @param base the sink's base folder (exists)
     * @return the held lock
     * @throws AuditFailedException when another sink, in this or another process, holds it, or the
     *     lock file cannot be opened
     */
    static FolderLock acquire(Path base) {
        Path file = base.resolve(FILE);
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new AuditFailedException("cannot open the audit folder's lock file " + file + ": " + DailyLog.describe(e),
                    e);
        }
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null; // held by another sink of this JVM
        } catch (IOException e) {
            closeQuietly(ch);
            throw new AuditFailedException("cannot lock the audit folder " + base + ": " + DailyLog.describe(e), e);
        }
        if (l == null) {
            String owner = owner(ch);
            closeQuietly(ch);
            throw new AuditFailedException("audit folder " + base + " is in use by another running pipeline"
                    + (owner.isEmpty() ? "" : " (pid " + owner + ")") + ": give each pipeline its own data folder", null);
        }
        try {
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        } catch (IOException e) {
            // the lock is what counts; the pid is only for the message
        }
        return new FolderLock(ch, l);
    }

    private static String owner(FileChannel ch) {
        try {
            ByteBuffer b = ByteBuffer.allocate(32);
            ch.read(b, 0);
            return new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // nothing to add
        }
    }

    /** Releases the lock. Idempotent. */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }
}
