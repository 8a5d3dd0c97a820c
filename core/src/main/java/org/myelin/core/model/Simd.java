package org.myelin.core.model;

/**
 * Whether the kernels may use the JDK's vector API ({@code jdk.incubator.vector}, an incubator
 * module of JDK 17). It is used when the module is in the boot layer (the JVM was started with
 * {@code --add-modules jdk.incubator.vector}, as the {@code myelin} launcher, the benchmarks and the
 * tests do) and the system property {@code myelin.simd} is not {@code false}. Without it the same
 * kernels run their scalar loops, with bit-identical results.
 */
final class Simd {
    static final boolean ENABLED = !"false".equals(System.getProperty("myelin.simd"))
            && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private Simd() {
    }

    /** An instance of the named class (in this package) if the vector API is enabled, else null. */
    static <T> T load(Class<T> type, String className) {
        if (!ENABLED) return null;
        try {
            return type.cast(Class.forName(Simd.class.getPackageName() + "." + className).getDeclaredConstructor()
                    .newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }
}
