package org.myelin.core;

/**
 * A value that is constant or drawn per element (synapse weight or delay, initial state): constant,
 * uniform, normal, lognormal or exponential, optionally restricted to [low, high] by redrawing
 * (rejection, as NEST's {@code normal_clipped}: the result stays inside and keeps the shape of the
 * truncated distribution).
 */
public final class Dist {
    /** The distribution families. */
    public enum Kind { CONSTANT, UNIFORM, NORMAL, LOGNORMAL, EXPONENTIAL }

    private static final int MAX_REDRAWS = 10_000;

    private final Kind kind;
    private final double a;
    private final double b;
    private final double low;
    private final double high;

    private Dist(Kind kind, double a, double b, double low, double high) {
        this.kind = kind;
        this.a = a;
        this.b = b;
        this.low = low;
        this.high = high;
    }

    /** A constant. */
    public static Dist constant(double v) {
        return new Dist(Kind.CONSTANT, v, 0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** Uniform in [min, max). */
    public static Dist uniform(double min, double max) {
        return new Dist(Kind.UNIFORM, min, max, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** Normal with mean and standard deviation. */
    public static Dist normal(double mean, double std) {
        return new Dist(Kind.NORMAL, mean, std, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** Lognormal: exp of a normal with the given mu and sigma (parameters of the underlying normal). */
    public static Dist lognormal(double mu, double sigma) {
        return new Dist(Kind.LOGNORMAL, mu, sigma, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** Exponential with the given mean ({@code beta}, the inverse rate). */
    public static Dist exponential(double mean) {
        return new Dist(Kind.EXPONENTIAL, mean, 0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** This distribution restricted to [low, high] by redrawing. */
    public Dist clip(double low, double high) {
        return new Dist(kind, a, b, low, high);
    }

    public Kind kind() { return kind; }
    public boolean isConstant() { return kind == Kind.CONSTANT; }
    /** The constant value, or the first parameter (min, mean, mu). */
    public double a() { return a; }
    /** The second parameter (max, std, sigma). */
    public double b() { return b; }
    public double low() { return low; }
    public double high() { return high; }

    /** The smallest value this can produce. */
    public double lowerBound() {
        double s;
        switch (kind) {
            case CONSTANT: s = a; break;
            case UNIFORM: s = a; break;
            case NORMAL: s = Double.NEGATIVE_INFINITY; break;
            default: s = 0; break; // lognormal, exponential: (0, inf)
        }
        return Math.max(s, low);
    }

    /** The largest value this can produce. */
    public double upperBound() {
        double s;
        switch (kind) {
            case CONSTANT: s = a; break;
            case UNIFORM: s = b; break;
            default: s = Double.POSITIVE_INFINITY; break;
        }
        return Math.min(s, high);
    }

    /** Throws if the parameters are invalid; {@code what} names the owner and key. */
    public void validate(String element, String key) {
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            throw new ModelException(element, key, "distribution parameters must be finite, got " + this);
        }
        switch (kind) {
            case UNIFORM:
                if (!(b > a)) throw new ModelException(element, key, "uniform needs min < max, got " + this);
                break;
            case NORMAL:
            case LOGNORMAL:
                if (!(b >= 0)) throw new ModelException(element, key, "standard deviation must be >= 0, got " + this);
                break;
            case EXPONENTIAL:
                if (!(a > 0)) throw new ModelException(element, key, "exponential mean must be > 0, got " + this);
                break;
            default:
                break;
        }
        if (!(low <= high)) throw new ModelException(element, key, "clip bounds need low <= high, got " + this);
        if (kind == Kind.CONSTANT && (a < low || a > high)) {
            throw new ModelException(element, key, "constant " + a + " lies outside its clip bounds");
        }
        if (lowerBound() > upperBound()) {
            throw new ModelException(element, key, "clip bounds exclude every value of " + this);
        }
    }

    /** Draws one value from {@code s}. */
    public double sample(Rng.Stream s, String element, String key) {
        if (kind == Kind.CONSTANT) return a;
        for (int i = 0; i < MAX_REDRAWS; i++) {
            double v = raw(s);
            if (v >= low && v <= high) return v;
        }
        throw new ModelException(element, key, "clip bounds [" + low + ", " + high + "] rejected "
                + MAX_REDRAWS + " draws in a row of " + this + "; widen them");
    }

    private double raw(Rng.Stream s) {
        switch (kind) {
            case UNIFORM: return a + (b - a) * s.nextDouble();
            case NORMAL: return a + b * s.nextGaussian();
            case LOGNORMAL: return Math.exp(a + b * s.nextGaussian());
            case EXPONENTIAL: return -a * Math.log(s.nextPositive());
            default: return a;
        }
    }

    @Override
    public String toString() {
        String clip = (low == Double.NEGATIVE_INFINITY && high == Double.POSITIVE_INFINITY) ? ""
                : " clipped to [" + low + ", " + high + "]";
        switch (kind) {
            case CONSTANT: return Double.toString(a);
            case UNIFORM: return "uniform(" + a + ", " + b + ")" + clip;
            case NORMAL: return "normal(mean " + a + ", std " + b + ")" + clip;
            case LOGNORMAL: return "lognormal(mu " + a + ", sigma " + b + ")" + clip;
            default: return "exponential(mean " + a + ")" + clip;
        }
    }
}
