package io.aria.examples.server;

import io.aria.core.AssetClass;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link AriaServer} listens and whom it lets in. Secure by default: loopback only, a bearer
 * token on every endpoint but {@code /health}, 16 KiB bodies, CORS off.
 *
 * @param host                  address to bind (default 127.0.0.1)
 * @param port                  port, 0 for any free one (default 8000, the seed's)
 * @param token                 the bearer token; null takes {@code ARIA_API_TOKEN} from the
 *                              environment, or generates one (printed once by the caller)
 * @param maxBodyBytes          largest request body, &gt; 0 (default 16,384)
 * @param corsOrigins           origins allowed to call from a browser page served elsewhere (default none: CORS off)
 * @param freeAuthFailures      bad tokens an address may send before it is slowed down, &gt;= 1 (default 3)
 * @param authBackoff           first back-off after that, doubling per failure, &gt; 0 (default 250 ms)
 * @param maxAuthBackoff        the longest back-off, &gt;= authBackoff (default 30 s)
 * @param statusTickInterval    how often the event stream sends a status tick, &gt; 0 (default 1 s)
 * @param maxStreams            event-stream clients at once, &gt; 0 (default 32)
 * @param classLimits           the risk layer's largest exposure of each asset class as a share of
 *                              equity, drawn by the dashboard against each class's exposure (default
 *                              none: "no limit"); each finite and &gt; 0
 */
public record ServerConfig(String host, int port, String token, int maxBodyBytes, List<String> corsOrigins,
        int freeAuthFailures, Duration authBackoff, Duration maxAuthBackoff, Duration statusTickInterval,
        int maxStreams, Map<AssetClass, Double> classLimits) {

    /** The seed's port. */
    public static final int DEFAULT_PORT = 8000;

    public ServerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank, was " + (host == null ? "null" : "'" + host + "'"));
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in [0, 65535], was " + port);
        }
        if (token != null && token.length() < 16) {
            throw new IllegalArgumentException("token must have at least 16 characters, had " + token.length());
        }
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be > 0, was " + maxBodyBytes);
        }
        corsOrigins = List.copyOf(Objects.requireNonNull(corsOrigins, "corsOrigins"));
        if (freeAuthFailures < 1) {
            throw new IllegalArgumentException("freeAuthFailures must be >= 1, was " + freeAuthFailures);
        }
        positive(authBackoff, "authBackoff");
        positive(maxAuthBackoff, "maxAuthBackoff");
        if (maxAuthBackoff.compareTo(authBackoff) < 0) {
            throw new IllegalArgumentException("maxAuthBackoff must be >= authBackoff (" + authBackoff + "), was "
                    + maxAuthBackoff);
        }
        positive(statusTickInterval, "statusTickInterval");
        if (maxStreams <= 0) {
            throw new IllegalArgumentException("maxStreams must be > 0, was " + maxStreams);
        }
        Objects.requireNonNull(classLimits, "classLimits");
        Map<AssetClass, Double> limits = new EnumMap<>(AssetClass.class);
        for (Map.Entry<AssetClass, Double> e : classLimits.entrySet()) {
            Double v = e.getValue();
            if (e.getKey() == null || v == null || !Double.isFinite(v) || v <= 0) {
                throw new IllegalArgumentException("classLimits." + e.getKey() + " must be finite and > 0, was " + v);
            }
            limits.put(e.getKey(), v);
        }
        classLimits = java.util.Collections.unmodifiableMap(limits);
    }

    /**
     * @param limits the risk layer's class limits, shares of equity
     * @return this config with those limits for the dashboard
     */
    public ServerConfig withClassLimits(Map<AssetClass, Double> limits) {
        return new ServerConfig(host, port, token, maxBodyBytes, corsOrigins, freeAuthFailures, authBackoff,
                maxAuthBackoff, statusTickInterval, maxStreams, limits);
    }

    /** Hides the token: a config printed or logged never shows it. */
    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", port=" + port + ", token=" + (token == null ? "(from environment or generated)"
                : "(set)") + ", maxBodyBytes=" + maxBodyBytes + ", corsOrigins=" + corsOrigins + "]";
    }

    private static void positive(Duration d, String field) {
        Objects.requireNonNull(d, field);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(field + " must be > 0, was " + d);
        }
    }

    /** @return a builder with the secure defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the secure defaults */
    public static ServerConfig defaults() {
        return builder().build();
    }

    /** Builds a {@link ServerConfig}; {@link #build()} checks every value. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = DEFAULT_PORT;
        private String token;
        private int maxBodyBytes = 16 * 1024;
        private List<String> corsOrigins = List.of();
        private int freeAuthFailures = 3;
        private Duration authBackoff = Duration.ofMillis(250);
        private Duration maxAuthBackoff = Duration.ofSeconds(30);
        private Duration statusTickInterval = Duration.ofSeconds(1);
        private int maxStreams = 32;
        private Map<AssetClass, Double> classLimits = Map.of();

        private Builder() {
        }

        /** @param v address to bind @return this */
        public Builder host(String v) {
            host = v;
            return this;
        }

        /** @param v port, 0 for any free one @return this */
        public Builder port(int v) {
            port = v;
            return this;
        }

        /** @param v the bearer token (at least 16 characters) @return this */
        public Builder token(String v) {
            token = v;
            return this;
        }

        /** @param v largest body in bytes @return this */
        public Builder maxBodyBytes(int v) {
            maxBodyBytes = v;
            return this;
        }

        /** @param v origins allowed by CORS @return this */
        public Builder corsOrigins(List<String> v) {
            corsOrigins = v;
            return this;
        }

        /**
         * @param free    bad tokens before the back-off
         * @param first   first back-off
         * @param longest longest back-off
         * @return this
         */
        public Builder authBackoff(int free, Duration first, Duration longest) {
            freeAuthFailures = free;
            authBackoff = first;
            maxAuthBackoff = longest;
            return this;
        }

        /** @param v status tick interval of the stream @return this */
        public Builder statusTickInterval(Duration v) {
            statusTickInterval = v;
            return this;
        }

        /** @param v stream clients at once @return this */
        public Builder maxStreams(int v) {
            maxStreams = v;
            return this;
        }

        /** @param v largest exposure of each asset class, a share of equity (shown by the dashboard) @return this */
        public Builder classLimits(Map<AssetClass, Double> v) {
            classLimits = v;
            return this;
        }

        /** @return the config @throws IllegalArgumentException naming the bad value */
        public ServerConfig build() {
            return new ServerConfig(host, port, token, maxBodyBytes, corsOrigins, freeAuthFailures, authBackoff,
                    maxAuthBackoff, statusTickInterval, maxStreams, classLimits);
        }
    }
}
