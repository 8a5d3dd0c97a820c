package org.myelin.io;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.myelin.core.Models;

/**
 * Physical quantities in model files: parsing {@code "10 ms"}, {@code "-65mV"}, {@code "0.5 nA"},
 * {@code "2e3 Hz"}, {@code "20 kHz"} and converting them to the kernel's internal units (ms, mV, pA,
 * pF, nS, Hz; see {@code org.myelin.core}), and writing internal values back with their unit.
 *
 * <p>Every unit is a power of ten times its dimension's base unit, and a conversion scales the
 * decimal text exactly before rounding once to {@code double}: {@code "100 us"} becomes exactly the
 * double nearest to 0.1 ms, the same value as the literal {@code 0.1}. Unit symbols are
 * case-sensitive ({@code mS} is millisiemens, {@code ms} milliseconds); {@code u}, {@code µ} and
 * {@code μ} all mean micro.
 *
 * <table>
 * <caption>Dimensions and units</caption>
 * <tr><th>dimension</th><th>internal unit</th><th>accepted units</th></tr>
 * <tr><td>time</td><td>ms</td><td>s, ms, us</td></tr>
 * <tr><td>voltage</td><td>mV</td><td>V, mV, uV</td></tr>
 * <tr><td>current</td><td>pA</td><td>A, mA, uA, nA, pA, fA</td></tr>
 * <tr><td>capacitance</td><td>pF</td><td>F, mF, uF, nF, pF, fF</td></tr>
 * <tr><td>conductance</td><td>nS</td><td>S, mS, uS, nS, pS</td></tr>
 * <tr><td>frequency</td><td>Hz</td><td>Hz, kHz, MHz, 1/s, 1/ms (also /s, /ms)</td></tr>
 * <tr><td>current rate</td><td>pA/ms</td><td>pA/ms, nA/ms</td></tr>
 * <tr><td>conductance rate</td><td>nS/ms</td><td>nS/ms, uS/ms</td></tr>
 * <tr><td>dimensionless, steps</td><td>(none)</td><td>a plain number</td></tr>
 * </table>
 *
 * <p>A dimensional value must carry its unit: a bare number for a time, voltage, ... is an error
 * that names the expected unit (no silent assumption of ms or mV). The number may be {@code inf},
 * {@code -inf} or {@code .inf} where a parameter allows it.
 */
public final class Units {
    /** Physical dimensions of parameters, state variables, weights and stimulus values. */
    public enum Dimension {
        TIME("a time", "ms"), VOLTAGE("a voltage", "mV"), CURRENT("a current", "pA"),
        CAPACITANCE("a capacitance", "pF"), CONDUCTANCE("a conductance", "nS"), FREQUENCY("a frequency", "Hz"),
        CURRENT_RATE("a current rate", "pA/ms"), CONDUCTANCE_RATE("a conductance rate", "nS/ms"),
        DIMENSIONLESS("dimensionless", ""), STEPS("a number of steps", "");

        private final String words;
        private final String base;

        Dimension(String words, String base) {
            this.words = words;
            this.base = base;
        }

        /** The dimension in words, e.g. {@code "a time"}. */
        public String words() {
            return words;
        }

        /** The kernel's unit for this dimension ({@code ""} for dimensionless values). */
        public String internalUnit() {
            return base;
        }

        /** Whether values of this dimension are written without a unit. */
        public boolean plain() {
            return base.isEmpty();
        }
    }

    private record Unit(Dimension dim, int pow10) {
    }

    private static final Map<String, Unit> UNITS = new LinkedHashMap<>();

    static {
        unit(Dimension.TIME, 3, "s");
        unit(Dimension.TIME, 0, "ms");
        unit(Dimension.TIME, -3, "us", "µs", "μs");
        unit(Dimension.VOLTAGE, 3, "V");
        unit(Dimension.VOLTAGE, 0, "mV");
        unit(Dimension.VOLTAGE, -3, "uV", "µV", "μV");
        unit(Dimension.CURRENT, 12, "A");
        unit(Dimension.CURRENT, 9, "mA");
        unit(Dimension.CURRENT, 6, "uA", "µA", "μA");
        unit(Dimension.CURRENT, 3, "nA");
        unit(Dimension.CURRENT, 0, "pA");
        unit(Dimension.CURRENT, -3, "fA");
        unit(Dimension.CAPACITANCE, 12, "F");
        unit(Dimension.CAPACITANCE, 9, "mF");
        unit(Dimension.CAPACITANCE, 6, "uF", "µF", "μF");
        unit(Dimension.CAPACITANCE, 3, "nF");
        unit(Dimension.CAPACITANCE, 0, "pF");
        unit(Dimension.CAPACITANCE, -3, "fF");
        unit(Dimension.CONDUCTANCE, 9, "S");
        unit(Dimension.CONDUCTANCE, 6, "mS");
        unit(Dimension.CONDUCTANCE, 3, "uS", "µS", "μS");
        unit(Dimension.CONDUCTANCE, 0, "nS");
        unit(Dimension.CONDUCTANCE, -3, "pS");
        unit(Dimension.FREQUENCY, 0, "Hz", "1/s", "/s");
        unit(Dimension.FREQUENCY, 3, "kHz", "1/ms", "/ms");
        unit(Dimension.FREQUENCY, 6, "MHz");
        unit(Dimension.CURRENT_RATE, 0, "pA/ms");
        unit(Dimension.CURRENT_RATE, 3, "nA/ms");
        unit(Dimension.CONDUCTANCE_RATE, 0, "nS/ms");
        unit(Dimension.CONDUCTANCE_RATE, 3, "uS/ms");
        unit(Dimension.DIMENSIONLESS, 0, "");
        unit(Dimension.STEPS, 0, "steps");
    }

    private static void unit(Dimension d, int pow10, String... symbols) {
        for (String s : symbols) UNITS.put(s, new Unit(d, pow10));
    }

    private static final Pattern QUANTITY = Pattern.compile(
            "\\s*([+-]?(?:(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?|\\.?(?i:infinity|inf)))\\s*(\\S*?)\\s*");

    private Units() {
    }

    /** The dimension of an internal unit as the kernel writes it ({@code "ms"}, {@code "1/ms"}, ...), or null. */
    public static Dimension dimensionOf(String unit) {
        Unit u = UNITS.get(unit);
        return u == null ? null : u.dim;
    }

    /** The unit symbols accepted for a dimension, largest first (one spelling of micro). */
    public static List<String> unitsOf(Dimension d) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Unit> e : UNITS.entrySet()) {
            String s = e.getKey();
            if (e.getValue().dim == d && !s.isEmpty() && !s.contains("µ") && !s.contains("μ") && !s.startsWith("/")) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * Converts {@code text} (a number with a unit) to {@code internalUnit}, one of the kernel's units
     * ({@code "ms"}, {@code "mV"}, {@code "pA"}, {@code "pF"}, {@code "nS"}, {@code "Hz"},
     * {@code "1/ms"}, {@code ""}, ...).
     *
     * @param what the quantity's name for messages, e.g. {@code "tau_m"}
     * @throws IllegalArgumentException naming the value, the dimension and the accepted units
     */
    public static double toInternal(String text, String internalUnit, String what) {
        Unit target = UNITS.get(internalUnit);
        if (target == null) throw new IllegalStateException("no such internal unit: '" + internalUnit + "'");
        String t = text == null ? "" : text.trim();
        Matcher m = QUANTITY.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + t + "' is not a quantity: " + expected(target.dim, what));
        }
        String num = m.group(1);
        String sym = m.group(2);
        Unit u = UNITS.get(sym);
        if (u == null) {
            String known = String.join(", ", target.dim.plain() ? List.of("(none)") : unitsOf(target.dim));
            throw new IllegalArgumentException(t + " has an unknown unit '" + sym + "'"
                    + Models.suggestion(sym, UNITS.keySet()) + "; " + what + " is " + target.dim.words
                    + (target.dim.plain() ? ", written as a plain number" : ", in " + known));
        }
        if (u.dim != target.dim) {
            boolean plainOk = target.dim == Dimension.STEPS && u.dim == Dimension.DIMENSIONLESS;
            if (!plainOk) {
                if (u.dim == Dimension.DIMENSIONLESS) {
                    throw new IllegalArgumentException(t + " has no unit: " + expected(target.dim, what));
                }
                throw new IllegalArgumentException(t + " has the wrong unit: " + sym + " is " + u.dim.words + ", but "
                        + expected(target.dim, what));
            }
        }
        return scale(num, u.pow10 - target.pow10);
    }

    private static String expected(Dimension d, String what) {
        if (d.plain()) return what + " is " + d.words + ", written as a plain number";
        return what + " is " + d.words + ", e.g. " + example(d) + " (units: " + String.join(", ", unitsOf(d)) + ")";
    }

    private static String example(Dimension d) {
        switch (d) {
            case TIME: return "10 ms";
            case VOLTAGE: return "-65 mV";
            case CURRENT: return "100 pA";
            case CAPACITANCE: return "250 pF";
            case CONDUCTANCE: return "10 nS";
            case FREQUENCY: return "20 Hz";
            case CURRENT_RATE: return "1 pA/ms";
            default: return "1 nS/ms";
        }
    }

    /** Whether {@code text} is a bare number (no unit). */
    static boolean isPlainNumber(String text) {
        Matcher m = QUANTITY.matcher(text == null ? "" : text.trim());
        return m.matches() && m.group(2).isEmpty();
    }

    private static double scale(String num, int pow10) {
        String n = num.startsWith("+") ? num.substring(1) : num;
        String bare = n.startsWith("-") ? n.substring(1) : n;
        if (bare.startsWith(".")) bare = bare.substring(1);
        if (bare.equalsIgnoreCase("inf") || bare.equalsIgnoreCase("infinity")) {
            return n.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        // exact decimal scaling, one rounding: "100 us" gives exactly the double of 0.1
        BigDecimal v = new BigDecimal(n);
        if (pow10 != 0) v = v.scaleByPowerOfTen(pow10);
        double d = v.doubleValue();
        if (d == 0 && n.startsWith("-")) return -0.0;
        return d;
    }

    /**
     * Writes an internal value with its unit, e.g. {@code 20 ms}, {@code 0.1 mV}, {@code -inf mV};
     * parsing the result with {@link #toInternal} gives back exactly {@code value}.
     */
    public static String format(double value, String internalUnit) {
        String num = number(value);
        return internalUnit.isEmpty() || "steps".equals(internalUnit) ? num : num + " " + internalUnit;
    }

    /** The shortest plain text of a double that reads back exactly ({@code inf}, {@code -inf} for infinities). */
    static String number(double v) {
        if (v == Double.POSITIVE_INFINITY) return "inf";
        if (v == Double.NEGATIVE_INFINITY) return "-inf";
        if (Double.isNaN(v)) return "nan";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            long l = (long) v;
            return (l == 0 && 1 / v < 0) ? "-0" : Long.toString(l);
        }
        String s = Double.toString(v);
        int e = s.indexOf('E');
        if (e > 0) {
            String mant = s.substring(0, e);
            if (mant.endsWith(".0")) mant = mant.substring(0, mant.length() - 2);
            return mant + "e" + s.substring(e + 1);
        }
        return s;
    }
}
