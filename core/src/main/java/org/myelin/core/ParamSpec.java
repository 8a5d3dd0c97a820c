package org.myelin.core;

/**
 * One parameter of a model: its NEST name, unit, default and valid range.
 *
 * <p>All parameters are stored as {@code double}; booleans as 0/1 ({@link Kind#BOOL}), integers as
 * whole numbers ({@link Kind#INT}).
 */
public final class ParamSpec {
    /** What a parameter holds. */
    public enum Kind { REAL, BOOL, INT }

    private final String name;
    private final String unit;
    private final double defaultValue;
    private final double min;
    private final boolean minOpen;
    private final double max;
    private final boolean maxOpen;
    private final Kind kind;
    private final String doc;

    private ParamSpec(String name, String unit, double defaultValue, double min, boolean minOpen,
                      double max, boolean maxOpen, Kind kind, String doc) {
        this.name = name;
        this.unit = unit;
        this.defaultValue = defaultValue;
        this.min = min;
        this.minOpen = minOpen;
        this.max = max;
        this.maxOpen = maxOpen;
        this.kind = kind;
        this.doc = doc;
    }

    /** A real parameter with any finite value. */
    public static ParamSpec real(String name, String unit, double def, String doc) {
        return new ParamSpec(name, unit, def, Double.NEGATIVE_INFINITY, true, Double.POSITIVE_INFINITY, true,
                Kind.REAL, doc);
    }

    /** A real parameter that must be strictly positive (time constants, capacitances). */
    public static ParamSpec positive(String name, String unit, double def, String doc) {
        return new ParamSpec(name, unit, def, 0, true, Double.POSITIVE_INFINITY, true, Kind.REAL, doc);
    }

    /** A real parameter that must be zero or positive. */
    public static ParamSpec nonNegative(String name, String unit, double def, String doc) {
        return new ParamSpec(name, unit, def, 0, false, Double.POSITIVE_INFINITY, true, Kind.REAL, doc);
    }

    /** A real parameter in the closed range [min, max]. */
    public static ParamSpec range(String name, String unit, double def, double min, double max, String doc) {
        return new ParamSpec(name, unit, def, min, false, max, false, Kind.REAL, doc);
    }

    /** A boolean parameter (0 or 1). */
    public static ParamSpec bool(String name, boolean def, String doc) {
        return new ParamSpec(name, "", def ? 1 : 0, 0, false, 1, false, Kind.BOOL, doc);
    }

    public String name() { return name; }
    public String unit() { return unit; }
    public double defaultValue() { return defaultValue; }
    public double min() { return min; }
    public double max() { return max; }
    public Kind kind() { return kind; }
    public String doc() { return doc; }

    /** The valid range in words, e.g. {@code (0, inf) ms}. */
    public String rangeText() {
        if (kind == Kind.BOOL) return "true or false (1 or 0)";
        String lo = min == Double.NEGATIVE_INFINITY ? "(-inf" : (minOpen ? "(" : "[") + fmt(min);
        String hi = max == Double.POSITIVE_INFINITY ? "inf)" : fmt(max) + (maxOpen ? ")" : "]");
        String s = lo + ", " + hi;
        if (kind == Kind.INT) s = "whole number in " + s;
        return unit.isEmpty() ? s : s + " " + unit;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** Whether {@code v} is a valid value. */
    public boolean accepts(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return false;
        if (minOpen ? v <= min : v < min) return false;
        if (maxOpen ? v >= max : v > max) return false;
        if (kind != Kind.REAL && v != Math.rint(v)) return false;
        return true;
    }

    /** Throws a {@link ModelException} naming {@code element}, this key, the value and the range. */
    public void check(String element, double v) {
        if (!accepts(v)) {
            throw new ModelException(element, name, "value " + v + (unit.isEmpty() ? "" : " " + unit)
                    + " is invalid; valid: " + rangeText());
        }
    }

    @Override
    public String toString() {
        return name + " = " + fmt(defaultValue) + (unit.isEmpty() ? "" : " " + unit) + "  " + rangeText();
    }
}
