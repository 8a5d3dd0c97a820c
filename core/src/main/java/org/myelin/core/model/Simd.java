package org.myelin.core.model;

/**
 * Whether the kernels may use the JDK's vector API ({@code jdk.incubator.vector}, an incubator
 * module of JDK 17). It is used when the module is in the boot layer (the JVM was started with
 * {@code --add-modules jdk.incubator.vector}, as the {@code myelin} launcher, the benchmarks and the
 * tests do) and the system property {@code myelin.simd} is not {@code false}. Without it the same
 * kernels run their scalar loops, with bit-identical results.
 */
public final class Simd {
    /** Whether the vectorised passes are used. */
    public static final boolean ENABLED = !"false".equals(System.getProperty("myelin.simd"))
            && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private Simd() {
    }

    /**
     * An instance of the named class (in {@code type}'s package, with a no-argument constructor) if
     * the vector API is enabled, else null. Internal to the kernels; the type and class are
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
