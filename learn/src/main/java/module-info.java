/**
 * Myelin's plasticity rules: the STDP family (pair, nearest-neighbour, triplet, symmetric),
 * dopamine-modulated STDP and inhibitory (Vogels-Sprekeler) plasticity, run by the kernel through
 * {@link org.myelin.core.Plasticity} and {@link org.myelin.core.PlasticKernel}.
 */
module org.myelin.learn {
    requires transitive org.myelin.core;

    exports org.myelin.learn;
}
