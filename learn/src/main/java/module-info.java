/**
 * Myelin's plasticity rules: the STDP family (pair, nearest-neighbour, triplet, symmetric),
 * dopamine-modulated STDP, inhibitory (Vogels-Sprekeler) plasticity and astrocyte-modulated STDP
 * (NALSM), run by the kernel through {@link org.myelin.core.Plasticity} and
 * {@link org.myelin.core.PlasticKernel}.
 */
module org.myelin.learn {
    requires transitive org.myelin.core;

    exports org.myelin.learn;
    exports org.myelin.learn.astro;
}
