package io.aria.mt5.internal;

import org.zeromq.ZMQ;

/** Checks CURVE keys in Z85 text without ever showing them. */
public final class Z85Keys {

    private static final String ALPHABET =
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

    private Z85Keys() {
    }

    /**
     * @param key   a CURVE key in Z85 text
     * @param field the option or variable it came from, named in the message
     * @throws IllegalArgumentException naming the field and what is wrong, never the value: not 40
     *     characters, or a character outside the Z85 alphabet (JeroMQ's decoder maps those to
     *     another key silently, so the handshake would just fail)
     */
    public static void check(String key, String field) {
        if (key.length() != ZMQ.Curve.KEY_SIZE_Z85) {
            throw new IllegalArgumentException(field + " must be a Z85 key of " + ZMQ.Curve.KEY_SIZE_Z85
                    + " characters, had " + key.length());
        }
        for (int i = 0; i < key.length(); i++) {
            if (ALPHABET.indexOf(key.charAt(i)) < 0) {
                throw new IllegalArgumentException(field + " is not valid Z85: character " + (i + 1)
                        + " is not in the Z85 alphabet");
            }
        }
        try {
            if (!ZMQ.Curve.z85Encode(ZMQ.Curve.z85Decode(key)).equals(key)) {
                throw new IllegalArgumentException(field + " is not valid Z85");
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(field + " is not valid Z85");
        }
    }
}
