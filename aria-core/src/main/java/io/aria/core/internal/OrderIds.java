package io.aria.core.internal;

import io.aria.core.OrderRequest;
import java.security.SecureRandom;

/**
 * Client order ids that stay unique across processes, restarts and strategies on one account
 * without any coordination: {@code <prefix>-<instance>-<counter>}.
 *
 * <ul>
 *   <li>{@code prefix}: the configured prefix ({@code TradingPipeline.Builder.clientOrderIdPrefix});</li>
 *   <li>{@code instance}: {@value #INSTANCE_LENGTH} characters drawn once per pipeline from
 *       {@link SecureRandom}, in a lower-case base-32 alphabet without {@code i l o u}
 *       ({@value #INSTANCE_BITS} bits: two instances share a tag with probability 2<sup>-60</sup>;
 *       among a million instances on one account, about 4 in 10<sup>7</sup>);</li>
 *   <li>{@code counter}: 1, 2, 3, ... in base 36.</li>
 * </ul>
 *
 * <p>The old tag, seconds since the epoch, gave two clients started in the same second the same
 * ids. A clock-free random tag has no such edge, survives a restart (a new tag is drawn) and needs
 * no state on disk. The whole id fits MT5's 31-character comment for every counter value up to
 * 36<sup>9</sup> - 1 (about 10<sup>14</sup> orders) with the longest prefix the builder accepts.
 */
public final class OrderIds {

    /** Characters of the random instance tag. */
    public static final int INSTANCE_LENGTH = 12;
    /** Random bits in the instance tag. */
    public static final int INSTANCE_BITS = INSTANCE_LENGTH * 5;
    /** Counter digits (base 36) every prefix must leave room for: 36^9 - 1 orders per instance. */
    static final int MIN_COUNTER_DIGITS = 9;
    /** Longest prefix that leaves room for the separators, the tag and the counter. */
    public static final int MAX_PREFIX_LENGTH = OrderRequest.MAX_COMMENT_LENGTH - 2 - INSTANCE_LENGTH - MIN_COUNTER_DIGITS;

    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

    private OrderIds() {
    }

    private static final class Random {
        static final SecureRandom INSTANCE = new SecureRandom();
    }

    /**
     * Checks the prefix and draws a fresh instance tag; called once when a pipeline is built.
     *
     * @param prefix the configured prefix, 1..{@value #MAX_PREFIX_LENGTH} letters or digits
     * @return a random tag of {@value #INSTANCE_LENGTH} characters
     * @throws IllegalArgumentException naming {@code clientOrderIdPrefix} and its value when the
     *     prefix is empty, not alphanumeric, or too long to leave room in a 31-character comment
     */
    public static String newInstanceTag(String prefix) {
        checkPrefix(prefix);
        long bits = Random.INSTANCE.nextLong();
        char[] out = new char[INSTANCE_LENGTH];
        for (int i = 0; i < INSTANCE_LENGTH; i++) {
            out[i] = ALPHABET[(int) (bits >>> (5 * i)) & 31];
        }
        return new String(out);
    }

    /**
     * @param prefix the configured prefix
     * @throws IllegalArgumentException when it cannot start client order ids (see {@link #newInstanceTag})
     */
    public static void checkPrefix(String prefix) {
        if (prefix == null || prefix.isEmpty() || prefix.length() > MAX_PREFIX_LENGTH
                || !prefix.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c))) {
            throw new IllegalArgumentException("clientOrderIdPrefix must be 1 to " + MAX_PREFIX_LENGTH
                    + " letters or digits (with '-', a " + INSTANCE_LENGTH + "-character instance tag and the counter it must"
                    + " fit MT5's " + OrderRequest.MAX_COMMENT_LENGTH + "-character comment), was '" + prefix + "'"
                    + (prefix == null ? "" : " (" + prefix.length() + " characters)"));
        }
    }

    /**
     * @param prefix  a prefix accepted by {@link #checkPrefix}
     * @param tag     a tag from {@link #newInstanceTag}
     * @param counter the order's number in this instance, &gt;= 1
     * @return {@code <prefix>-<tag>-<counter in base 36>}, at most 31 characters
     * @throws IllegalStateException when the counter no longer fits the comment (after about
     *     10<sup>14</sup> orders of one instance)
     */
    public static String format(String prefix, String tag, long counter) {
        String id = prefix + '-' + tag + '-' + Long.toString(counter, 36);
        if (counter < 1 || id.length() > OrderRequest.MAX_COMMENT_LENGTH) {
            throw new IllegalStateException("client order id counter " + counter + " does not fit a "
                    + OrderRequest.MAX_COMMENT_LENGTH + "-character comment after '" + prefix + "-" + tag
                    + "-'; start a new pipeline (it draws a new instance tag)");
        }
        return id;
    }
}
