/**
 * The Myelin kernel: networks, neuron models, reference networks and spike statistics. No
 * dependencies outside {@code java.base}.
 */
module org.myelin.core {
    exports org.myelin.core;
    exports org.myelin.core.model;
    exports org.myelin.core.networks;
    exports org.myelin.core.analysis;

    uses org.myelin.core.NeuronModel;

    // optional: the vectorised kernels run only when the JVM resolves it (--add-modules)
    requires static jdk.incubator.vector;
}
