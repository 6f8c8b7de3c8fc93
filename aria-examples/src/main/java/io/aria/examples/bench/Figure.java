package io.aria.examples.bench;

import java.util.Locale;
import java.util.Objects;

/**
 * One measured figure of a bench part: a value in a unit, optionally beside the id of its baseline
 * (another figure of the same part, measured in the same run) and a goal.
 *
 * <p>Goals are written {@code "<= 1.2x"} or {@code ">= 2x"} (the ratio value / baseline) or
 * {@code "<= 1000"} / {@code ">= 1000000"} (the value itself, in its unit).
 *
 * @param id       short stable id within the part, e.g. {@code "ema.aria"}
 * @param label    what was measured, for people
 * @param value    the figure
 * @param unit     its unit, e.g. {@code "ns/update"}, {@code "us"}, {@code "records/s"}
 * @param baseline id of the baseline figure in the same part, or null
 * @param goal     the goal, or null
 */
public record Figure(String id, String label, double value, String unit, String baseline, String goal) {

    /** Validates the fields. */
    public Figure {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(unit, "unit");
        if (id.isBlank() || id.contains(" ")) {
            throw new IllegalArgumentException("id must be a non-blank word, was '" + id + "'");
        }
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("value of " + id + " is NaN");
        }
        if (goal != null) {
            Goal.parse(goal);
        }
    }

    /**
     * @param id    id
     * @param label label
     * @param value value
     * @param unit  unit
     * @return a figure with no baseline and no goal
     */
    public static Figure of(String id, String label, double value, String unit) {
        return new Figure(id, label, value, unit, null, null);
    }

    /**
     * @param baselineId id of the baseline figure
     * @return this figure measured against that baseline
     */
    public Figure against(String baselineId) {
        return new Figure(id, label, value, unit, baselineId, goal);
    }

    /**
     * @param goalText the goal, see the class comment
     * @return this figure with that goal
     */
    public Figure goal(String goalText) {
        return new Figure(id, label, value, unit, baseline, goalText);
    }

    /** A parsed goal. */
    record Goal(boolean atMost, double bound, boolean ratio) {
        static Goal parse(String text) {
            String t = text.trim();
            boolean atMost;
            if (t.startsWith("<=")) {
                atMost = true;
            } else if (t.startsWith(">=")) {
                atMost = false;
            } else {
                throw new IllegalArgumentException("goal must start with <= or >=, was '" + text + "'");
            }
            String rest = t.substring(2).trim().replace(",", "").replace("_", "");
            boolean ratio = rest.endsWith("x");
            if (ratio) {
                rest = rest.substring(0, rest.length() - 1).trim();
            }
            try {
                return new Goal(atMost, Double.parseDouble(rest), ratio);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("goal bound must be a number, was '" + text + "'");
            }
        }

        /**
         * @param value the figure's value
         * @param ratio value / baseline, NaN when there is none
         * @return whether the goal holds, null when it cannot be judged
         */
        Boolean met(double value, double ratio) {
            double v = this.ratio ? ratio : value;
            if (Double.isNaN(v)) {
                return null;
            }
            return atMost ? v <= bound : v >= bound;
        }

        @Override
        public String toString() {
            return (atMost ? "<= " : ">= ") + String.format(Locale.ROOT, "%s", bound) + (ratio ? "x" : "");
        }
    }
}
