package io.aria.core.audit;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.nio.charset.StandardCharsets;

/**
 * A growable byte array that JSON is encoded into (UTF-8), and whose unwritten part is
 * {@code [start, count)}: the audit sink's pending bytes. It writes JSON values straight into
 * the array, byte for byte as Jackson's generator does with ARIA's settings (doubles as their
 * shortest round-trip decimal, NaN and infinities as strings, the same escapes), so the audit
 * lines keep their format without a generator and without allocating per value.
 *
 * <p>Not thread-safe: owned by the sink's writer thread.
 */
final class JsonBuffer {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

    /** Short escapes by character below 0x80 ({@code 0}: none; {@code -1}: {@code \}{@code u00XX}). */
    private static final int[] ESCAPES = new int[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = -1;
        }
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\f'] = 'f';
        ESCAPES['\n'] = 'n';
        ESCAPES['\r'] = 'r';
    }

    /** 10^0 .. 10^22: the powers of ten a double holds exactly. */
    private static final double[] POW10 = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    /** Most decimals the fast double path tries; beyond it the value goes to Schubfach. */
    private static final int MAX_FAST_DECIMALS = 12;
    /** Largest digit string the fast path prints: 15 digits, where a double's decimal is unique. */
    private static final long MAX_FAST_DIGITS = 999_999_999_999_999L;

    byte[] bytes;
    int start;
    int count;

    JsonBuffer(int initialCapacity) {
        bytes = new byte[initialCapacity];
    }

    /** @return the number of pending bytes */
    int size() {
        return count - start;
    }

    /** Makes room for {@code more} bytes after {@link #count}. */
    void ensure(int more) {
        if (count + more > bytes.length) {
            byte[] bigger = new byte[Math.max(bytes.length * 2, count + more)];
            System.arraycopy(bytes, 0, bigger, 0, count);
            bytes = bigger;
        }
    }

    void raw(byte b) {
        ensure(1);
        bytes[count++] = b;
    }

    void raw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, count, b.length);
        count += b.length;
    }

    void bool(boolean b) {
        raw(b ? TRUE : FALSE);
    }

    void number(long v) {
        if (v == Long.MIN_VALUE) {
            raw(MIN_LONG);
            return;
        }
        ensure(20);
        if (v < 0) {
            bytes[count++] = '-';
            v = -v;
        }
        count = digits(v, bytes, count);
    }

    /** Writes the decimal digits of {@code v >= 0} at {@code pos}; returns the position after them. */
    private static int digits(long v, byte[] out, int pos) {
        int n = 1;
        for (long t = v; t >= 10; t /= 10) {
            n++;
        }
        int end = pos + n;
        int i = end;
        do {
            out[--i] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        } while (v != 0);
        return end;
    }

    /**
     * Writes a double as Jackson's Schubfach writer does: the shortest decimal that reads back as
     * the same double, plain between 10^-3 and 10^7 ({@code 25.0}, {@code 0.00123}) and in
     * computerized scientific notation outside ({@code 1.0E7}, {@code 2.0E-5}); NaN and the
     * infinities as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
     *
     * <p>The fast path covers plain values of up to {@value #MAX_FAST_DECIMALS} decimals and 15
     * digits, which is what prices, volumes and most indicators are: it finds the fewest
     * decimals {@code d} whose rounding {@code m = round(|v| * 10^d)} gives back {@code |v|} as
     * {@code m / 10^d}. That check is exact: with {@code m < 2^53} and {@code 10^d} both exact,
     * IEEE division rounds the true quotient to the nearest double, which is what parsing the
     * decimal does. With at most 15 digits, no other decimal of the same length reads back as
     * {@code v}, so it is the one Schubfach picks. Everything else goes to Schubfach.
     */
    void number(double v) {
        ensure(32);
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e7) {
            for (int d = 0; d <= MAX_FAST_DECIMALS; d++) {
                double p = POW10[d];
                long m = Math.round(a * p);
                if (m / p == a) {
                    if (m > MAX_FAST_DIGITS) {
                        break;
                    }
                    if (v < 0) {
                        bytes[count++] = '-';
                    }
                    fixed(m, d);
                    return;
                }
            }
        } else if (a == 0) {
            if (Double.doubleToRawLongBits(v) != 0) {
                bytes[count++] = '-';
            }
            bytes[count++] = '0';
            bytes[count++] = '.';
            bytes[count++] = '0';
            return;
        }
        String s = NumberOutput.toString(v, true);
        boolean quote = !Double.isFinite(v);
        if (quote) {
            bytes[count++] = '"';
        }
        for (int i = 0, n = s.length(); i < n; i++) {
            bytes[count++] = (byte) s.charAt(i);
        }
        if (quote) {
            bytes[count++] = '"';
        }
    }

    /** Writes {@code m / 10^d} with {@code d} decimals, at least one ({@code 25.0}, {@code 0.005}). */
    private void fixed(long m, int d) {
        if (d == 0) {
            count = digits(m, bytes, count);
            bytes[count++] = '.';
            bytes[count++] = '0';
            return;
        }
        long p = (long) POW10[d];
        long intPart = m / p;
        long frac = m - intPart * p;
        count = digits(intPart, bytes, count);
        bytes[count++] = '.';
        // frac has at most d digits: pad with leading zeros to d
        int end = count + d;
        for (int i = end - 1; i >= count; i--) {
            bytes[i] = (byte) ('0' + (int) (frac % 10));
            frac /= 10;
        }
        count = end;
    }

    /** Writes a JSON string: quoted, escaped, UTF-8. */
    void string(String s) {
        int n = s.length();
        ensure(n * 6 + 2); // the worst case, \\u00XX or 3 bytes per char
        byte[] out = bytes;
        int pos = count;
        out[pos++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                int esc = ESCAPES[c];
                if (esc == 0) {
                    out[pos++] = (byte) c;
                } else if (esc > 0) {
                    out[pos++] = '\\';
                    out[pos++] = (byte) esc;
                } else {
                    pos = unicodeEscape(c, out, pos);
                }
            } else if (c < 0x800) {
                out[pos++] = (byte) (0xC0 | (c >> 6));
                out[pos++] = (byte) (0x80 | (c & 0x3F));
            } else if (!Character.isSurrogate(c)) {
                out[pos++] = (byte) (0xE0 | (c >> 12));
                out[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[pos++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out[pos++] = (byte) (0xF0 | (cp >> 18));
                out[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[pos++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                // a lone surrogate has no UTF-8 form; escaped, it stays valid JSON and reads back as itself
                pos = unicodeEscape(c, out, pos);
            }
        }
        out[pos++] = '"';
        count = pos;
    }

    private static int unicodeEscape(char c, byte[] out, int pos) {
        out[pos++] = '\\';
        out[pos++] = 'u';
        out[pos++] = HEX[c >> 12];
        out[pos++] = HEX[(c >> 8) & 0xF];
        out[pos++] = HEX[(c >> 4) & 0xF];
        out[pos++] = HEX[c & 0xF];
        return pos;
    }

    /**
     * @param s a text
     * @return its JSON string form (quoted, escaped, UTF-8), to be written later with {@link #raw(byte[])}
     */
    static byte[] encodeString(String s) {
        JsonBuffer b = new JsonBuffer(s.length() + 2);
        b.string(s);
        byte[] out = new byte[b.count];
        System.arraycopy(b.bytes, 0, out, 0, b.count);
        return out;
    }
}
