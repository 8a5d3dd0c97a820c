/**
 * Myelin's plasticity and learning: the STDP family (pair, nearest-neighbour, triplet, symmetric),
 * dopamine-modulated STDP, inhibitory (Vogels-Sprekeler) plasticity, astrocyte-modulated STDP
 * (NALSM, package {@code org.myelin.learn.astro}) and homeostatic synaptic scaling, run by the
 * kernel through {@link org.myelin.core.Plasticity} and {@link org.myelin.core.PlasticKernel}; the
 * adaptive-threshold neuron of Diehl and Cook, added to core's model registry; and rate-based online learners (an error-modulated Hebbian readout and
 * Hebbian orthogonal projection). See the package documentation of {@code org.myelin.learn}.
 *
 * <p>Package {@code org.myelin.learn.io} names the rules for model files. It uses io's
 * {@code PlasticSynapseType}, which has no module descriptor: io stays on the class path (this
 * module reads the unnamed module, a compiler flag in the pom) and the names are registered in
 * {@code META-INF/services} only (the package is not exported), so they are found when learn and io
 * run on the class path (the {@code myelin} command, tests), not when learn runs as a named module.
 */
module org.myelin.learn {
    requires transitive org.myelin.core;

    exports org.myelin.learn;
    exports org.myelin.learn.astro;

    provides org.myelin.core.NeuronModel with org.myelin.learn.IafCondExpAdaptiveThreshold;
}
