package io.aria.risk.internal;

import io.aria.core.AssetSpec;
import io.aria.core.OrderIntent;
import io.aria.core.Verdict;
import java.util.function.DoubleFunction;
import java.util.function.DoublePredicate;

/**
 * Applies volume limits one after another to an order, shrinking it to the largest volume each
 * allows, and turns the outcome into one verdict that names the rule that decided.
 */
public final class Shrinker {

    private final OrderIntent intent;
    private final AssetSpec spec;
    private double volume;
    private String code;
    private String rejectCode;
    private final StringBuilder messages = new StringBuilder();

    /**
     * @param intent the order
     * @param spec   its asset
     */
    public Shrinker(OrderIntent intent, AssetSpec spec) {
        this.intent = intent;
        this.spec = spec;
        this.volume = intent.volume();
    }

    /** @return the volume allowed so far */
    public double volume() {
        return volume;
    }

    /**
     * @param ruleCode reason code of the limit
     * @param allowed  whether a volume keeps the limit (monotone, see {@link VolumeSearch})
     * @param explain  the limit and its numbers at a given volume
     * @return false when the order is rejected (not even the minimum volume is allowed)
     */
    public boolean apply(String ruleCode, DoublePredicate allowed, DoubleFunction<String> explain) {
        if (rejectCode != null) {
            return false;
        }
        if (allowed.test(volume)) {
            return true;
        }
        double v = VolumeSearch.largestAllowed(spec, volume, allowed);
        String why = explain.apply(volume);
        if (messages.length() > 0) {
            messages.append("; ");
        }
        if (v <= 0) {
            messages.append(why).append("; not even the minimum volume ").append(Fmt.lots(spec.volumeMin()))
                    .append(" fits");
            rejectCode = ruleCode;
            return false;
        }
        messages.append(why).append("; volume ").append(Fmt.lots(volume)).append(" -> ").append(Fmt.lots(v));
        volume = v;
        code = ruleCode;
        return true;
    }

    /**
     * @param ruleCode reason code
     * @param message  why
     */
    public void reject(String ruleCode, String message) {
        if (rejectCode == null) {
            rejectCode = ruleCode;
            if (messages.length() > 0) {
                messages.append("; ");
            }
            messages.append(message);
        }
    }

    /** @return approve when no limit cut the order, resize to the allowed volume, or reject */
    public Verdict verdict() {
        if (rejectCode != null) {
            return Verdict.reject(rejectCode, messages.toString());
        }
        if (code == null) {
            return Verdict.approve();
        }
        return Verdict.resize(volume, code, messages.toString());
    }

    /** @return the order */
    public OrderIntent intent() {
        return intent;
    }
}
