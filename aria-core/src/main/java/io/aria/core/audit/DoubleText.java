package io.aria.core.audit;

import java.math.BigInteger;

/**
 * The shortest decimal of a double (Raffaello Giulietti's Schubfach, the algorithm of Jackson's
 * {@code NumberOutput.toString(v, true)} and of {@code Double.toString} since JDK 19), written as
 * ASCII bytes straight into an array: the same text, without the {@code String} and its copy.
 *
 * <p>Text: as {@code Double.toString}: plain for {@code 10^-3 <= |v| < 10^7} ({@code 0.001},
 * {@code 1234.5}, {@code 1.0}), else computerized scientific notation ({@code 9.77352930112672E-5},
 * {@code 1.0E7}); {@code NaN}, {@code Infinity}, {@code -Infinity}, {@code 0.0}, {@code -0.0}.
 *
 * <p>The 126-bit approximations of {@code 10^-k} the algorithm multiplies by ({@code g1}, {@code g0}:
 * with {@code 10^-k = b 2^r}, {@code 2^125 <= b < 2^126}, {@code g = floor(b) + 1}) are computed once
 * with {@link BigInteger} when the class loads, instead of being a table in the source.
 *
 * <p>Stateless; any thread.
 */
final class DoubleText {

    /** Longest text: {@code -2.2250738585072014E-308} is 24 characters. */
    static final int MAX_LENGTH = 24;

    private static final int P = 53;
    private static final int Q_MIN = -1074;
    private static final long C_MIN = 1L << (P - 1);
    private static final long C_TINY = 3;
    private static final long T_MASK = (1L << (P - 1)) - 1;
    private static final int BQ_MASK = 0x7ff;
    private static final long MASK_63 = (1L << 63) - 1;
    private static final int K_MIN = -324;
    private static final int K_MAX = 292;

    private static final long[] G1 = new long[K_MAX - K_MIN + 1];
    private static final long[] G0 = new long[K_MAX - K_MIN + 1];
    private static final long[] POW10 = new long[19];

    private static final byte[] TENS = new byte[100];
    private static final byte[] ONES = new byte[100];
    private static final byte[] NAN = {'N', 'a', 'N'};
    private static final byte[] INFINITY = {'I', 'n', 'f', 'i', 'n', 'i', 't', 'y'};

    static {
        BigInteger mask63 = BigInteger.ONE.shiftLeft(63).subtract(BigInteger.ONE);
        for (int k = K_MIN; k <= K_MAX; k++) {
            BigInteger floor;
            if (k <= 0) {
                BigInteger n = BigInteger.TEN.pow(-k);
                int shift = 126 - n.bitLength();
                floor = shift >= 0 ? n.shiftLeft(shift) : n.shiftRight(-shift);
            } else {
                BigInteger d = BigInteger.TEN.pow(k); // never a power of two: 2^(125+L) / d is in (2^125, 2^126)
                floor = BigInteger.ONE.shiftLeft(125 + d.bitLength()).divide(d);
            }
            BigInteger g = floor.add(BigInteger.ONE);
            G1[k - K_MIN] = g.shiftRight(63).longValueExact();
            G0[k - K_MIN] = g.and(mask63).longValueExact();
        }
        for (int d = 0; d < 100; d++) {
            TENS[d] = (byte) ('0' + d / 10);
            ONES[d] = (byte) ('0' + d % 10);
        }
        long p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private DoubleText() {
    }

    /**
     * Writes the shortest decimal of {@code v}.
     *
     * @param v   the value
     * @param out the array, with at least {@link #MAX_LENGTH} bytes free from {@code pos}
     * @param pos where to write
     * @return the position after the text
     */
    static int write(double v, byte[] out, int pos) {
        long bits = Double.doubleToRawLongBits(v);
        long t = bits & T_MASK;
        int bq = (int) (bits >>> (P - 1)) & BQ_MASK;
        if (bq < BQ_MASK) {
            if (bits < 0) {
                out[pos++] = '-';
            }
            if (bq != 0) {
                int mq = -Q_MIN + 1 - bq;
                long c = C_MIN | t;
                if (0 < mq && mq < P) { // an integer below 2^53
                    long f = c >> mq;
                    if (f << mq == c) {
                        return text(f, 0, out, pos);
                    }
                }
                return decimal(-mq, c, 0, out, pos);
            }
            if (t != 0) {
                return t < C_TINY ? decimal(Q_MIN, 10 * t, -1, out, pos) : decimal(Q_MIN, t, 0, out, pos);
            }
            out[pos] = '0';
            out[pos + 1] = '.';
            out[pos + 2] = '0';
            return pos + 3;
        }
        byte[] word;
        if (t != 0) {
            word = NAN;
        } else {
            if (bits < 0) {
                out[pos++] = '-';
            }
            word = INFINITY;
        }
        System.arraycopy(word, 0, out, pos, word.length);
        return pos + word.length;
    }

    /** Schubfach's core for {@code c 2^q}; writes the decimal it selects. */
    private static int decimal(int q, long c, int dk, byte[] out, int pos) {
        int odd = (int) c & 0x1;
        long cb = c << 2;
        long cbr = cb + 2;
        long cbl;
        int k;
        if (c != C_MIN || q == Q_MIN) {
            cbl = cb - 2; // regular spacing
            k = flog10pow2(q);
        } else {
            cbl = cb - 1; // irregular spacing
            k = flog10threeQuartersPow2(q);
        }
        int h = q + flog2pow10(-k) + 2;
        long g1 = G1[k - K_MIN];
        long g0 = G0[k - K_MIN];
        long vb = rop(g1, g0, cb << h);
        long vbl = rop(g1, g0, cbl << h);
        long vbr = rop(g1, g0, cbr << h);
        long s = vb >> 2;
        if (s >= 100) {
            long sp10 = 10 * (s / 10);
            long tp10 = sp10 + 10;
            boolean upin = vbl + odd <= sp10 << 2;
            boolean wpin = (tp10 << 2) + odd <= vbr;
            if (upin != wpin) {
                return text(upin ? sp10 : tp10, k, out, pos);
            }
        }
        long tt = s + 1;
        boolean uin = vbl + odd <= s << 2;
        boolean win = (tt << 2) + odd <= vbr;
        if (uin != win) {
            return text(uin ? s : tt, k + dk, out, pos);
        }
        long cmp = vb - ((s + tt) << 1);
        return text(cmp < 0 || cmp == 0 && (s & 0x1) == 0 ? s : tt, k + dk, out, pos);
    }

    private static long rop(long g1, long g0, long cp) {
        long x1 = Math.multiplyHigh(g0, cp);
        long y0 = g1 * cp;
        long y1 = Math.multiplyHigh(g1, cp);
        long z = (y0 >>> 1) + x1;
        long vbp = y1 + (z >>> 63);
        return vbp | ((z & MASK_63) + MASK_63) >>> 63;
    }

    private static int flog10pow2(int e) {
        return (int) (e * 661_971_961_083L >> 41);
    }

    private static int flog10threeQuartersPow2(int e) {
        return (int) (e * 661_971_961_083L + -274_743_187_321L >> 41);
    }

    private static int flog2pow10(int e) {
        return (int) (e * 913_124_641_741L >> 38);
    }

    /** Writes {@code f 10^e} ({@code f > 0}) in the format of {@code Double.toString}. */
    private static int text(long f, int e, byte[] out, int pos) {
        while (f % 10 == 0) { // at most 17 digits: a few divisions by a constant
            f /= 10;
            e++;
        }
        int n = flog10pow2(64 - Long.numberOfLeadingZeros(f)); // 10^(n-1) <= f < 10^(n+1)
        if (f >= POW10[n]) {
            n++;
        }
        int x = n + e; // f 10^e = 0.d1...dn 10^x
        if (x > 0 && x <= 7) {
            if (n <= x) { // an integer: the digits, zeros, ".0"
                pos = digits(f, n, out, pos);
                for (int z = x - n; z > 0; z--) {
                    out[pos++] = '0';
                }
                out[pos] = '.';
                out[pos + 1] = '0';
                return pos + 2;
            }
            digits(f, n, out, pos + 1); // all one place to the right, then the integer part back
            System.arraycopy(out, pos + 1, out, pos, x);
            out[pos + x] = '.';
            return pos + n + 1;
        }
        if (x > -3 && x <= 0) {
            out[pos++] = '0';
            out[pos++] = '.';
            for (int z = -x; z > 0; z--) {
                out[pos++] = '0';
            }
            return digits(f, n, out, pos);
        }
        digits(f, n, out, pos + 1);
        out[pos] = out[pos + 1];
        out[pos + 1] = '.';
        if (n == 1) {
            out[pos + 2] = '0';
            pos += 3;
        } else {
            pos += n + 1;
        }
        out[pos++] = 'E';
        int exp = x - 1;
        if (exp < 0) {
            out[pos++] = '-';
            exp = -exp;
        }
        if (exp >= 100) {
            out[pos++] = (byte) ('0' + exp / 100);
            out[pos++] = (byte) ('0' + exp / 10 % 10);
        } else if (exp >= 10) {
            out[pos++] = (byte) ('0' + exp / 10);
        }
        out[pos++] = (byte) ('0' + exp % 10);
        return pos;
    }

    /** Writes the n digits of f; @return the position after them. */
    private static int digits(long f, int n, byte[] out, int pos) {
        int i = pos + n;
        while (f >= 100_000_000L) { // eight digits at a time in int arithmetic
            long q = f / 100_000_000L;
            int r = (int) (f - q * 100_000_000L);
            for (int j = 0; j < 4; j++) {
                int r2 = r / 100;
                int d = r - r2 * 100;
                out[--i] = ONES[d];
                out[--i] = TENS[d];
                r = r2;
            }
            f = q;
        }
        int m = (int) f;
        while (m >= 100) {
            int q = m / 100;
            int d = m - q * 100;
            out[--i] = ONES[d];
            out[--i] = TENS[d];
            m = q;
        }
        if (m >= 10) {
            out[--i] = ONES[m];
            out[--i] = TENS[m];
        } else {
            out[--i] = (byte) ('0' + m);
        }
        return pos + n;
    }
}
