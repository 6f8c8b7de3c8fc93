package io.aria.examples.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bearer token check: compared in constant time (digests of both sides, so not even the
 * length leaks), and an address that keeps sending bad tokens is turned away without a check for
 * a back-off that doubles per failure up to a bound. A good token resets the address. Thread-safe;
 * remembers at most 10,000 addresses. Never logs or returns the token.
 */
final class AuthGuard {

    /** The outcome of a check. */
    enum Outcome { OK, MISSING, WRONG, BACKING_OFF }

    private static final int MAX_ADDRESSES = 10_000;

    private final byte[] expected;
    private final int free;
    private final long firstMillis;
    private final long maxMillis;
    private final Map<String, long[]> failures = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    AuthGuard(String token, int free, long firstMillis, long maxMillis) {
        this.expected = digest(token);
        this.free = free;
        this.firstMillis = firstMillis;
        this.maxMillis = maxMillis;
    }

    /** @return a new random token: 32 bytes from SecureRandom, URL-safe base64 */
    static String generateToken() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /**
     * @param address   the caller's address
     * @param presented the token presented, null when none
     * @param nowMillis the time
     * @return the outcome
     */
    Outcome check(String address, String presented, long nowMillis) {
        synchronized (failures) {
            long[] f = failures.get(address);
            if (f != null && nowMillis < f[1]) {
                return Outcome.BACKING_OFF;
            }
        }
        if (presented != null && MessageDigest.isEqual(expected, digest(presented))) {
            synchronized (failures) {
                failures.remove(address);
            }
            return Outcome.OK;
        }
        synchronized (failures) {
            long[] f = failures.computeIfAbsent(address, a -> new long[2]);
            f[0]++;
            if (f[0] >= free) {
                long exp = Math.min(30, f[0] - free);
                f[1] = nowMillis + Math.min(maxMillis, firstMillis << exp);
            }
        }
        return presented == null ? Outcome.MISSING : Outcome.WRONG;
    }

    /**
     * @param address   the caller's address
     * @param nowMillis the time
     * @return milliseconds until the address may try again, 0 when it may now
     */
    long retryAfterMillis(String address, long nowMillis) {
        synchronized (failures) {
            long[] f = failures.get(address);
            return f == null ? 0 : Math.max(0, f[1] - nowMillis);
        }
    }

    private static byte[] digest(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
