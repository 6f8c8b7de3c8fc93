package io.aria.core.source.internal;

import java.io.Closeable;
import java.io.IOException;

/**
 * Reads lines ending in LF, CR LF or CR, like {@link java.io.BufferedReader#readLine()}, and also says
 * whether the last line returned ended with one (a last line without it may be cut short), and
 * whether it was longer than {@link TickFileReader#MAX_LINE} (then its start is returned and the rest skipped).
 */
final class LineReader implements Closeable {
    private final java.io.Reader in;
    private final char[] buf = new char[1 << 16];
    private final StringBuilder line = new StringBuilder(128);
    private int pos;
    private int limit;
    private boolean eof;
    private boolean skipLf;
    private boolean terminated = true;
    private boolean tooLong;

    LineReader(java.io.Reader in) {
        this.in = in;
    }

    /** @return the next line without its terminator, or null at the end */
    String readLine() throws IOException {
        line.setLength(0);
        tooLong = false;
        boolean any = false;
        while (true) {
            if (pos >= limit) {
                if (eof || !fill()) {
                    terminated = false;
                    return any ? line.toString() : null;
                }
            }
            if (skipLf) {
                skipLf = false;
                if (buf[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            int start = pos;
            int end = scan(start);
            pos = end;
            if (pos < limit && !any && pos - start <= TickFileReader.MAX_LINE) {
                // the whole line is in the buffer: one copy, as BufferedReader does
                String whole = new String(buf, start, pos - start);
                skipLf = buf[pos] == '\r';
                pos++;
                terminated = true;
                return whole;
            }
            any = true;
            append(start, pos);
            if (pos < limit) {
                skipLf = buf[pos] == '\r';
                pos++;
                terminated = true;
                return line.toString();
            }
        }
    }

    /** @return the index of the first CR or LF from {@code from}, or {@code limit} (locals: no field write per char) */
    private int scan(int from) {
        char[] b = buf;
        int end = limit;
        int i = from;
        while (i < end) {
            char c = b[i];
            if (c == '\n' || c == '\r') {
                break;
            }
            i++;
        }
        return i;
    }

    private void append(int from, int to) {
        int room = TickFileReader.MAX_LINE - line.length();
        if (to - from > room) {
            tooLong = true;
            to = from + Math.max(0, room);
        }
        line.append(buf, from, to - from);
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    /** @return whether the last line returned ended with a line terminator */
    boolean terminated() {
        return terminated;
    }

    /** @return whether the last line returned was longer than {@link TickFileReader#MAX_LINE} */
    boolean tooLong() {
        return tooLong;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
