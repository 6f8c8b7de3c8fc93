package io.aria.examples.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Remembers the responses of POST commands by their {@code Idempotency-Key}, so a retried
 * emergency stop or recorded trade acts once: the retry gets the first response. Two requests
 * with one key at once: the second waits for the first's response. A key reused for another
 * request (another path or body) is refused. Keeps the last 1,000 keys for 24 hours. Thread-safe.
 */
final class Idempotency {

    /** A stored response. */
    record Response(int status, byte[] body) {
    }

    private record Entry(String fingerprint, CompletableFuture<Response> response, long createdMillis) {
    }

    private static final int MAX_KEYS = 1000;
    private static final long TTL_MILLIS = 24 * 3_600_000L;

    private final Map<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_KEYS;
        }
    };

    /**
     * @param key         the client's key
     * @param fingerprint what the request was (method, path, body)
     * @param nowMillis   the time
     * @param action      carries out the request the first time
     * @return the response of the first request with this key
     * @throws ApiException (422) when the key was used for another request
     */
    Response run(String key, String fingerprint, long nowMillis, Supplier<Response> action) {
        if (key.isBlank() || key.length() > 200) {
            throw ApiException.badField("Idempotency-Key", key.length() > 200 ? key.substring(0, 40) + "..." : key,
                    "Idempotency-Key must be 1 to 200 characters");
        }
        Entry mine = new Entry(fingerprint, new CompletableFuture<>(), nowMillis);
        Entry seen;
        synchronized (entries) {
            seen = entries.get(key);
            if (seen != null && nowMillis - seen.createdMillis() > TTL_MILLIS) {
                entries.remove(key);
                seen = null;
            }
            if (seen == null) {
                entries.put(key, mine);
            }
        }
        if (seen != null) {
            if (!seen.fingerprint().equals(fingerprint)) {
                throw new ApiException(422, "idempotency_key_reused", "Idempotency-Key", key,
                        "Idempotency-Key " + key + " was used for another request");
            }
            return seen.response().join();
        }
        try {
            Response r = action.get();
            mine.response().complete(r);
            return r;
        } catch (RuntimeException e) {
            synchronized (entries) {
                entries.remove(key); // a request that failed before answering may be retried
            }
            mine.response().completeExceptionally(e);
            throw e;
        }
    }
}
