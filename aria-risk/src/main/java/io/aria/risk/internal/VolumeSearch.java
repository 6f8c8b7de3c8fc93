package io.aria.risk.internal;

import io.aria.core.AssetSpec;
import java.util.function.DoublePredicate;

/** Finds the largest tradable volume that a limit allows. */
public final class VolumeSearch {

    private VolumeSearch() {
    }

    /**
     * The largest multiple of the volume step in [volumeMin, min(requested, volumeMax)] that
     * {@code allowed} accepts. {@code allowed} must be monotone: if it accepts a volume it accepts
     * every smaller one (true of every convex limit that held before the order).
     *
     * @param spec      the asset
     * @param requested the volume asked for
     * @param allowed   whether a volume keeps the limit
     * @return the volume, or 0 when not even volumeMin is allowed
     */
    public static double largestAllowed(AssetSpec spec, double requested, DoublePredicate allowed) {
        double top = spec.roundVolumeDown(requested);
        if (top <= 0) {
            return 0;
        }
        long lo = (long) Math.ceil(spec.volumeMin() / spec.volumeStep() - 1e-9);
        long hi = Math.round(top / spec.volumeStep());
        if (!allowed.test(volume(spec, lo))) {
            return 0;
        }
        while (lo < hi) {
            long mid = (lo + hi + 1) >>> 1;
            if (allowed.test(volume(spec, mid))) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return volume(spec, lo);
    }

    private static double volume(AssetSpec spec, long steps) {
        double v = Math.rint(steps * spec.volumeStep() * 1e8) / 1e8;
        return Math.max(v, spec.volumeMin());
    }
}
