package io.aria.core;

import java.util.Objects;

/**
 * A risk guard's answer to an order intent: approve it, resize it to a smaller volume, or reject
 * it. Every verdict names the rule that decided ({@code code}) and says why with the numbers.
 */
public sealed interface Verdict {

    /** @return the rule's reason code, for example {@code CLASS_LEVERAGE} */
    String code();

    /** @return the rule and the numbers, for people */
    String message();

    /**
     * @param code    reason code
     * @param message why
     * @return an approval
     */
    static Verdict approve(String code, String message) {
        return new Approved(code, message);
    }

    /** @return an approval with code {@code OK} */
    static Verdict approve() {
        return Approved.OK;
    }

    /**
     * @param volume  the allowed volume, &gt; 0
     * @param code    reason code
     * @param message why
     * @return a resize
     */
    static Verdict resize(double volume, String code, String message) {
        return new Resized(volume, code, message);
    }

    /**
     * @param code    reason code
     * @param message why
     * @return a rejection
     */
    static Verdict reject(String code, String message) {
        return new Rejected(code, message);
    }

    /**
     * The order may go as it is.
     *
     * @param code    reason code
     * @param message why
     */
    record Approved(String code, String message) implements Verdict {
        static final Approved OK = new Approved("OK", "all rules passed");

        public Approved {
            Values.text(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The order may go with a smaller volume.
     *
     * @param volume  allowed volume, &gt; 0
     * @param code    reason code
     * @param message why
     */
    record Resized(double volume, String code, String message) implements Verdict {
        public Resized {
            Values.positive(volume, "volume");
            Values.text(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The order must not go.
     *
     * @param code    reason code
     * @param message why
     */
    record Rejected(String code, String message) implements Verdict {
        public Rejected {
            Values.text(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }
}
