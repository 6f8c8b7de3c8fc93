package io.aria.core.audit;

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

    /** 10^0 .. 10^18: the powers of ten a long holds. */
    private static final long[] POW10L = new long[19];
    /** Tens and ones digits of 0 .. 99. */
    private static final byte[] TENS = new byte[100];
    private static final byte[] ONES = new byte[100];

    static {
        long p = 1;
        for (int i = 0; i < POW10L.length; i++) {
            POW10L[i] = p;
            p *= 10;
        }
        for (int i = 0; i < 100; i++) {
            TENS[i] = (byte) ('0' + i / 10);
            ONES[i] = (byte) ('0' + i % 10);
        }
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

    /** Largest digit string of the fast double path: 15 digits, where a double's decimal is unique. */
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
        int n = b.length;
        ensure(n);
        byte[] out = bytes;
        int pos = count;
        // the arraycopy stub: about 9% less CPU for the whole line than a byte loop on the pipeline's lines
        // (JDK 17; aria-examples test AuditEncodeCost)
        System.arraycopy(b, 0, out, pos, n);
        count = pos + n;
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
        int end = pos + digitCount(v);
        writeDigitsBackwards(v, out, end);
        return end;
    }

    /** @return how many decimal digits {@code v >= 0} has */
    private static int digitCount(long v) {
        if (v < 10) {
            return 1;
        }
        // floor(log10(v)) is t or t - 1, where t = floor(log10(2^bits)) (1233 / 4096 is about log10(2))
        int t = ((64 - Long.numberOfLeadingZeros(v)) * 1233) >>> 12;
        return v >= POW10L[t] ? t + 1 : t;
    }

    /** Writes the digits of {@code v >= 0} so that the last one is just before {@code end}. */
    private static void writeDigitsBackwards(long v, byte[] out, int end) {
        int i = end;
        while (v >= 100_000_000) { // eight digits at a time in int arithmetic
            long q = v / 100_000_000;
            i = eightDigits((int) (v - q * 100_000_000), out, i);
            v = q;
        }
        int w = (int) v;
        while (w >= 100) {
            int q = w / 100;
            int r = w - q * 100;
            out[i - 1] = ONES[r];
            out[i - 2] = TENS[r];
            i -= 2;
            w = q;
        }
        if (w >= 10) {
            out[i - 1] = ONES[w];
            out[i - 2] = TENS[w];
        } else {
            out[i - 1] = (byte) ('0' + w);
        }
    }

    /** Writes exactly eight digits of {@code 0 <= w < 10^8} ending before {@code end}; returns their start. */
    private static int eightDigits(int w, byte[] out, int end) {
        int hi = w / 10_000;
        int lo = w - hi * 10_000;
        int a = hi / 100;
        int b = hi - a * 100;
        int c = lo / 100;
        int d = lo - c * 100;
        int i = end - 8;
        out[i] = TENS[a];
        out[i + 1] = ONES[a];
        out[i + 2] = TENS[b];
        out[i + 3] = ONES[b];
        out[i + 4] = TENS[c];
        out[i + 5] = ONES[c];
        out[i + 6] = TENS[d];
        out[i + 7] = ONES[d];
        return i;
    }

    /**
     * Writes a double as Jackson's Schubfach writer does: the shortest decimal that reads back as
     * the same double, plain between 10^-3 and 10^7 ({@code 25.0}, {@code 0.00123}) and in
     * computerized scientific notation outside ({@code 1.0E7}, {@code 2.0E-5}); NaN and the
     * infinities as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
     *
     * <p>The fast path covers plain values of at most 15 significant digits, which is what
     * prices, volumes and most indicators are. It scales {@code |v|} to a 15-digit integer
     * {@code m = round(|v| * 10^d)} and checks that {@code m / 10^d} gives back {@code |v|}. The
     * check is exact: {@code m < 2^53} and {@code 10^d} (d &lt;= 22) are exact doubles, so IEEE
     * division rounds the true quotient to the nearest double, as parsing the decimal does. Two
     * 15-digit decimals are further apart than the doubles that read back as {@code v}, so
     * {@code m} is the only one, and with its trailing zeros dropped it is the shortest decimal
     * and the one Schubfach picks. Everything else goes to Schubfach ({@link DoubleText}, which writes
     * the bytes in place: the same text as Jackson's {@code NumberOutput.toString(v, true)}).
     */
    void number(double v) {
        ensure(32);
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e7) {
            // u = floor((e + 1) * log10(2)) for a in [2^e, 2^(e+1)) (78913 / 2^18 is log10(2) to the
            // precision this small exponent range needs): a < 10^(u+1), so m = a * 10^(14-u) < 10^15
            int u = ((Math.getExponent(a) + 1) * 78913) >> 18;
            int d = 14 - u;
            double p = POW10[d];
            double scaled = a * p;
            if (scaled < 1e14 && d < POW10.length - 1) {
                d++; // a in [10^u / 2, 10^u): one more digit fits
                p = POW10[d];
                scaled = a * p;
            }
            long m = (long) (scaled + 0.5); // the nearest integer, or the check below fails
            if (m / p == a && m <= MAX_FAST_DIGITS) {
                // at most 15 digits: the fewest decimals that read back as |v| (at most d) give the shortest
                // decimal; trying each is cheaper than dropping trailing zeros from m (long divisions), and
                // the tries are independent of each other, so the processor overlaps them
                for (int k = 0; k < d; k++) {
                    double pk = POW10[k];
                    long mk = (long) (a * pk + 0.5);
                    if (mk / pk == a) {
                        m = mk;
                        d = k;
                        break;
                    }
                }
                if (v < 0) {
                    bytes[count++] = '-';
                }
                fixed(m, d);
                return;
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
        // the text of Jackson's NumberOutput.toString(v, true), written in place (no String)
        if (Double.isFinite(v)) {
            count = DoubleText.write(v, bytes, count);
        } else {
            bytes[count++] = '"';
            count = DoubleText.write(v, bytes, count);
            bytes[count++] = '"';
        }
    }

    /** Writes {@code m / 10^d} with {@code d} decimals, at least one ({@code 25.0}, {@code 0.005}). */
    private void fixed(long m, int d) {
        byte[] out = bytes;
        int pos = count;
        int n = digitCount(m);
        if (d == 0) {
            writeDigitsBackwards(m, out, pos + n);
            pos += n;
            out[pos++] = '.';
            out[pos++] = '0';
        } else if (n > d) {
            // all digits one place to the right, then the integer digits back one place before the point
            int intDigits = n - d;
            writeDigitsBackwards(m, out, pos + n + 1);
            System.arraycopy(out, pos + 1, out, pos, intDigits);
            out[pos + intDigits] = '.';
            pos += n + 1;
        } else {
            out[pos++] = '0';
            out[pos++] = '.';
            for (int z = d - n; z > 0; z--) {
                out[pos++] = '0';
            }
            writeDigitsBackwards(m, out, pos + n);
            pos += n;
        }
        count = pos;
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
            } else if (!Character.isSurrogate(c)) { // the rest of the basic plane: 3 bytes
                out[pos++] = (byte) (0xE0 | (c >> 12));
                out[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[pos++] = (byte) (0x80 | (c & 0x3F));
            } else {
                // surrogates, paired or not, escaped one by one as Jackson's UTF-8 generator does: valid JSON
                // that reads back as the same chars (a lone one has no UTF-8 form)
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
