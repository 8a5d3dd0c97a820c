package org.myelin.core.model;

/**
 * Whether, and from when, the kernels use the JDK's vector API ({@code jdk.incubator.vector}, an
 * incubator module of JDK 17). The vectorised passes give results bit-identical to the scalar loops,
 * so this decides only speed and memory, never a spike.
 *
 * <p>They are available when the module is in the boot layer (the JVM was started with
 * {@code --add-modules jdk.incubator.vector}, as the {@code myelin} launcher, the benchmarks and the
 * tests do). System property {@code myelin.simd} then chooses when they run:
 * <ul>
 * <li>{@code auto} (the default): from the moment a run looks long enough to repay their start-up
 * cost, see {@link #worthEngaging}; once engaged, for the rest of the JVM's life;</li>
 * <li>{@code always}: from the first step (the tests, and warm benchmark runs, use this);</li>
 * <li>{@code false}: never.</li>
 * </ul>
 *
 * <p>System property {@code myelin.simd.bits} chooses the vectors' width: {@code auto} (the default)
 * lets each pass use its own ({@link #width}), {@code 128}, {@code 256} or {@code 512} forces one
 * width on all passes, capped at the platform's preferred width. Results are the same bits at
 * every width; the tests run the passes at all three.
 *
 * <p>Why not always: until C2 has compiled a vector-API method, it runs as plain Java that allocates
 * an object per vector operation, tens to hundreds of times slower than the scalar loop it replaces,
 * and the compiler threads compete with the workers for the cores. A fresh JVM pays about half a
 * second to a second of CPU for that and hundreds of megabytes of garbage (measured on this
 * project's 2-core machine, 1 s of biological time, cold: Brunel A on two threads 1.40 s with the
 * vector passes from the first step against 0.87 s with the scalar loops, peak RSS 607 against
 * 156 MB; COBA by RK4 on one thread 0.89 against 0.41 s). Warm, the passes make Brunel's step about
 * a fifth faster and COBA's forward-Euler step about twice as fast, which repays that only over
 * runs of several seconds.
 */
public final class Simd {
    /** The value of system property {@code myelin.simd}, {@code auto} when unset. */
    private static final String MODE = System.getProperty("myelin.simd", "auto");

    /** Whether the vectorised passes are available (the module is present and not switched off). */
    public static final boolean ENABLED = !MODE.equals("false")
            && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    /** Why the value of {@code myelin.simd} is invalid, or null; see {@link #checkProperty()}. */
    private static final String PROBLEM = problem(MODE);

    /** The value of system property {@code myelin.simd.bits}, {@code auto} when unset. */
    private static final String BITS = System.getProperty("myelin.simd.bits", "auto");

    /** Why the value of {@code myelin.simd.bits} is invalid, or null. */
    private static final String BITS_PROBLEM = bitsProblem(BITS);

    /** The width {@code myelin.simd.bits} forces on every pass; 0 when auto (or invalid). */
    private static final int FORCED_BITS = BITS_PROBLEM == null && !BITS.equals("auto") ? Integer.parseInt(BITS) : 0;

    /** {@code myelin.simd=always} (or {@code true}): engaged from the start. */
    static final boolean ALWAYS = ENABLED && (MODE.equals("always") || MODE.equals("true"));

    /** A run engages the passes when its projected remaining wall time exceeds this. */
    public static final long LONG_RUN_NS = 2_000_000_000L;
    /** ... or when this JVM's runs together have taken longer than this. */
    public static final long LONG_SESSION_NS = 4_000_000_000L;

    private static volatile boolean engaged = ALWAYS;
    private static long simulatedNs; // wall time of finished runs; written by the simulating thread

    private Simd() {
    }

    /** The value of {@code myelin.simd} in force: auto (also when unset), always, true or false. */
    public static String mode() {
        return MODE;
    }

    /** Why {@code v} is not a valid value of {@code myelin.simd}, or null if it is (package-private for tests). */
    static String problem(String v) {
        if (v == null || v.equals("auto") || v.equals("always") || v.equals("true") || v.equals("false")) return null;
        return "value '" + v + "' is invalid; valid: auto (the default), always, true (= always), false";
    }

    /** Why {@code v} is not a valid value of {@code myelin.simd.bits}, or null if it is (package-private for tests). */
    static String bitsProblem(String v) {
        if (v == null || v.equals("auto") || v.equals("128") || v.equals("256") || v.equals("512")) return null;
        return "value '" + v + "' is invalid; valid: auto (the default: each pass's own width), 128, 256, 512";
    }

    /**
     * Throws a {@link org.myelin.core.ModelException} if system property {@code myelin.simd} or
     * {@code myelin.simd.bits} has an invalid value (every network build calls this, so the mistake
     * is reported, not ignored).
     */
    public static void checkProperty() {
        if (PROBLEM != null) throw new org.myelin.core.ModelException("system property myelin.simd", null, PROBLEM);
        if (BITS_PROBLEM != null) {
            throw new org.myelin.core.ModelException("system property myelin.simd.bits", null, BITS_PROBLEM);
        }
    }

    /**
     * The vector width in bits a pass uses: {@code myelin.simd.bits} if set (to 128, 256 or 512),
     * else the pass's own {@code passBits} (0: the platform's preferred width), never wider than
     * {@code preferredBits}, the platform's preferred width (a wider vector would be emulated).
     *
     * <p>Why a pass may choose a narrower width than the preferred one: on this project's machine
     * (AMD Zen 4, AVX-512 executed as two 256-bit halves) JDK 17 builds the masked operations of
     * 512-bit vectors (blends, selects) from several instructions, where 256-bit ones are single
     * AVX2 blends; JDK 18 (JEP 417) keeps AVX-512 masks in mask registers. The passes' defaults
     * are measured, see {@code bench/README.md}.
     */
    public static int width(int preferredBits, int passBits) {
        int bits = FORCED_BITS > 0 ? FORCED_BITS : passBits;
        return bits <= 0 ? preferredBits : Math.min(bits, preferredBits);
    }

    /** The value of {@code myelin.simd.bits} in force: auto (also when unset or invalid), 128, 256 or 512. */
    public static String bits() {
        return FORCED_BITS > 0 ? BITS : "auto";
    }

    /** Whether the kernels run their vectorised passes now (a volatile read, once per kernel call). */
    public static boolean engaged() {
        return engaged;
    }

    /**
     * The {@code auto} policy: whether a run should engage the passes now, given that its latest
     * window of {@code windowSteps} steps took {@code windowNs}, that {@code left} steps are still to
     * go and that it has taken {@code elapsedNs} so far. Yes when the remaining steps, at the latest
     * window's pace, would take more than {@link #LONG_RUN_NS} (the caller passes no window before
     * the second, nor before 100 ms: the first steps include the scalar loops' own JIT start-up,
     * which would make a run of a second or two look long), or when this JVM's runs, this one
     * included, have taken more than {@link #LONG_SESSION_NS} (many short runs, e.g. one per
     * stimulus).
     */
    public static boolean worthEngaging(long windowNs, long windowSteps, long left, long elapsedNs, long earlierRunsNs) {
        if (earlierRunsNs + elapsedNs > LONG_SESSION_NS) return true;
        if (windowSteps <= 0 || elapsedNs < 100_000_000L) return false;
        return (double) windowNs / windowSteps * left > LONG_RUN_NS;
    }

    /**
     * Called by the simulating thread now and then during a run (see {@link #worthEngaging}); engages
     * the passes when the policy says so. Cheap when already engaged or unavailable.
     */
    public static void consider(long windowNs, long windowSteps, long left, long elapsedNs) {
        if (engaged || !ENABLED || ALWAYS) return;
        if (worthEngaging(windowNs, windowSteps, left, elapsedNs, simulatedNs)) engaged = true;
    }

    /** Called by the simulating thread at the end of a run: adds its wall time to this JVM's total. */
    public static void ran(long ns) {
        simulatedNs += ns;
    }

    /** For tests: sets the engagement (only if {@link #ENABLED}) and returns the previous value. */
    static boolean setEngagedForTest(boolean on) {
        boolean was = engaged;
        engaged = on && ENABLED;
        return was;
    }

    /**
     * An instance of the named class (in {@code type}'s package, with a no-argument constructor) if
     * the vector API is available, else null. Internal to the kernels; the type and class are
     * package-private there.
     */
    public static <T> T load(Class<T> type, String className) {
        if (!ENABLED) return null;
        try {
            var c = Class.forName(type.getPackageName() + "." + className).getDeclaredConstructor();
            c.setAccessible(true);
            return type.cast(c.newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }
}
