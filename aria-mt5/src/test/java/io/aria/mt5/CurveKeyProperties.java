package io.aria.mt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.zeromq.ZMQ;

/**
 * CURVE keys are checked before use, and a refusal never shows the key. Before this check a key
 * with a character outside the Z85 alphabet was accepted (JeroMQ decodes it to some other key),
 * so the only symptom was a handshake that never answered.
 */
class CurveKeyProperties {

    private static final String SERVER = ZMQ.Curve.generateKeyPair().publicKey;
    private static final String PUBLIC = ZMQ.Curve.generateKeyPair().publicKey;

    @Property(tries = 300)
    void aKeyWithOneCharacterOutsideZ85_isRefusedNamingTheFieldNotTheKey(@ForAll("broken") String key) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CurveKeys(SERVER, PUBLIC, key));
        assertEquals(true, e.getMessage().startsWith("secretKey is not valid Z85"), e.getMessage());
        assertFalse(e.getMessage().contains(key.substring(0, 8)), e.getMessage());
    }

    @Property(tries = 100)
    void everyGeneratedKey_isAccepted(@ForAll("seeds") int ignored) {
        ZMQ.Curve.KeyPair k = ZMQ.Curve.generateKeyPair();
        new CurveKeys(SERVER, k.publicKey, k.secretKey);
    }

    @Provide
    Arbitrary<Integer> seeds() {
        return Arbitraries.integers();
    }

    @Provide
    Arbitrary<String> broken() {
        Arbitrary<Character> outside = Arbitraries.of(' ', '"', '\'', ',', ';', '\\', '_', '`', '|', '~', '\u00e9', '\t');
        return Combinators.combine(Arbitraries.integers().between(0, 39), outside).as((at, c) -> {
            char[] key = ZMQ.Curve.generateKeyPair().secretKey.toCharArray();
            key[at] = c;
            return new String(key);
        });
    }
}
