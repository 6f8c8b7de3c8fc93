package io.aria.mt5;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.zeromq.ZMQ;

/**
 * A client's CURVE keys (PROTOCOL.md section 13): the terminal's public key and the client's own
 * key pair, each a 40-character Z85 string. {@link #toString()} never shows them.
 *
 * @param serverPublicKey the terminal's public key
 * @param publicKey       the client's public key
 * @param secretKey       the client's secret key
 */
public record CurveKeys(String serverPublicKey, String publicKey, String secretKey) {

    /** Environment variable holding the terminal's public key. */
    public static final String ENV_SERVER_KEY = "ARIA_MT5_CURVE_SERVER_KEY";
    /** Environment variable holding the client's public key. */
    public static final String ENV_PUBLIC_KEY = "ARIA_MT5_CURVE_PUBLIC_KEY";
    /** Environment variable holding the client's secret key. */
    public static final String ENV_SECRET_KEY = "ARIA_MT5_CURVE_SECRET_KEY";

    public CurveKeys {
        check(serverPublicKey, "serverPublicKey");
        check(publicKey, "publicKey");
        check(secretKey, "secretKey");
    }

    private static void check(String key, String field) {
        Objects.requireNonNull(key, field);
        // the value is a secret: say what is wrong without showing it
        io.aria.mt5.internal.Z85Keys.check(key, field);
    }

    /**
     * Reads {@value #ENV_SERVER_KEY}, {@value #ENV_PUBLIC_KEY} and {@value #ENV_SECRET_KEY}.
     *
     * @return the keys when all three are set, empty when none is
     * @throws IllegalArgumentException when only some are set, or one is not a key
     */
    public static Optional<CurveKeys> fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * @param env environment variables
     * @return the keys when all three are set, empty when none is
     * @throws IllegalArgumentException when only some are set, or one is not a key
     */
    public static Optional<CurveKeys> fromEnvironment(Map<String, String> env) {
        String s = env.get(ENV_SERVER_KEY);
        String p = env.get(ENV_PUBLIC_KEY);
        String k = env.get(ENV_SECRET_KEY);
        int set = (s != null ? 1 : 0) + (p != null ? 1 : 0) + (k != null ? 1 : 0);
        if (set == 0) {
            return Optional.empty();
        }
        if (set != 3) {
            throw new IllegalArgumentException("CURVE needs all of " + ENV_SERVER_KEY + ", " + ENV_PUBLIC_KEY + " and "
                    + ENV_SECRET_KEY + "; set: " + (s != null ? ENV_SERVER_KEY + " " : "")
                    + (p != null ? ENV_PUBLIC_KEY + " " : "") + (k != null ? ENV_SECRET_KEY : ""));
        }
        return Optional.of(new CurveKeys(s, p, k));
    }

    /**
     * @param serverPublicKey the terminal's public key
     * @return keys with a freshly generated client pair
     */
    public static CurveKeys generateClient(String serverPublicKey) {
        ZMQ.Curve.KeyPair pair = ZMQ.Curve.generateKeyPair();
        return new CurveKeys(serverPublicKey, pair.publicKey, pair.secretKey);
    }

    @Override
    public String toString() {
        return "CurveKeys[redacted]";
    }
}
