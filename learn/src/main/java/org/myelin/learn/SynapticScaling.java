package org.myelin.learn;

import org.myelin.core.ModelException;
import org.myelin.core.PlasticKernel;
import org.myelin.core.PlasticSynapses;
import org.myelin.core.Plasticity;
import org.myelin.core.PostArchive;

/**
 * Homeostatic synaptic scaling (van Rossum, Bi and Turrigiano 2000; Turrigiano et al. 1998): every
 * synapse of this rule onto a neuron is scaled multiplicatively by the slow error between a target
 * rate and the neuron's own rate, so the neuron's rate is driven to the target while the ratios of
 * its input weights are kept. Myelin's {@code synaptic_scaling_synapse}.
 *
 * <h2>Rule</h2>
 * With {@code a(t)} the postsynaptic activity trace ({@code tau da/dt = -a + tau sum delta(t - t_post)},
 * i.e. +1 per postsynaptic spike, decaying with {@code tau}), whose rate estimate is {@code a/tau},
 * <pre>
 *   dw/dt = eta * w * (r_target - a(t)/tau)
 * </pre>
 * which is van Rossum et al.'s proportional scaling term ({@code beta} there is {@code eta} here,
 * per spike). Since {@code integral of a/tau over (t0, t1] = a(t0) - a(t1) + N(t0, t1]}
 * ({@code N}: the postsynaptic spikes in the interval), the equation is solved exactly:
 * <pre>
 *   w(t1) = w(t0) * exp(eta * (r_target (t1 - t0) - (a(t0) - a(t1) + N(t0, t1])))
 * </pre>
 * So {@code eta} is the relative (logarithmic) weight change per spike of error: a neuron that fires
 * one spike fewer than {@code r_target} predicts gains {@code exp(eta)} in all these weights.
 * Over long times {@code tau} only shapes the transient: the rule integrates the spike count error.
 *
 * <h2>When it runs (lazily, exact)</h2>
 * The weight is brought up to date when a presynaptic spike is delivered, before it is transmitted,
 * over the interval since the previous update, with the postsynaptic spikes seen at the synapse
 * after its delay {@code d} (as for the STDP family: the interval {@code (t_last, t_pre]} of the
 * synapse covers the postsynaptic spikes in {@code (t_last - d, t_pre - d]}). Since the factors of
 * consecutive intervals multiply, a weight's value does not depend on how often it was updated: at
 * a presynaptic spike at {@code t} every synapse of the rule onto the same neuron (with equal delay)
 * has been scaled by the same total factor since time 0. Weights of silent inputs are updated when
 * their source next fires; until then they transmit nothing, so nothing depends on them.
 * Weights keep their sign (a weight of 0 stays 0); there are no bounds.
 *
 * <p>State: per source, the stamp of the last update ({@code t_last}, 0 at the start); per
 * synapse, {@code a} at that update ({@code a_last}). Cost: one {@code exp} per synapse and
 * presynaptic spike.
 *
 * <h2>Parameters</h2>
 * <table>
 * <caption>synaptic_scaling_synapse</caption>
 * <tr><th>name</th><th>default</th><th>unit</th><th></th></tr>
 * <tr><td>target_rate</td><td>5</td><td>Hz</td><td>postsynaptic target rate {@code r_target}</td></tr>
 * <tr><td>eta</td><td>0.01</td><td></td><td>log-weight change per spike of error</td></tr>
 * <tr><td>tau</td><td>1000</td><td>ms</td><td>time constant of the activity trace</td></tr>
 * </table>
 * To scale all excitatory inputs of a population, give every excitatory projection onto it this
 * rule (each scales its own weights by the same factor).
 *
 * <p>References: van Rossum, Bi, Turrigiano (2000) J Neurosci 20:8812; Turrigiano, Leslie, Desai,
 * Rutherford, Nelson (1998) Nature 391:892; Turrigiano (2008) Cell 135:422.
 */
public final class SynapticScaling extends Plasticity {
    private final double targetRate;
    private final double eta;
    private final double tau;

    private SynapticScaling(double targetRate, double eta, double tau) {
        this.targetRate = targetRate;
        this.eta = eta;
        this.tau = tau;
    }

    /** The defaults: 5 Hz, eta 0.01, tau 1 s. */
    public static SynapticScaling synapse() {
        return new SynapticScaling(5, 0.01, 1000);
    }

    /** The postsynaptic target rate (Hz). */
    public SynapticScaling targetRate(double hz) {
        return new SynapticScaling(hz, eta, tau);
    }

    /** The log-weight change per spike of rate error. */
    public SynapticScaling eta(double v) {
        return new SynapticScaling(targetRate, v, tau);
    }

    /** The time constant (ms) of the postsynaptic activity trace. */
    public SynapticScaling tau(double ms) {
        return new SynapticScaling(targetRate, eta, ms);
    }

    public double targetRate() {
        return targetRate;
    }

    public double eta() {
        return eta;
    }

    public double tau() {
        return tau;
    }

    @Override
    public String name() {
        return "synaptic_scaling_synapse";
    }

    @Override
    public void validate(String element, double dt) {
        Stdp.nonNegative(element, "target_rate", targetRate);
        Stdp.nonNegative(element, "eta", eta);
        Stdp.positive(element, "tau", tau);
    }

    @Override
    public void checkWeight(String element, double w) {
        if (!Double.isFinite(w)) {
            throw new ModelException(element, "weight", "value " + w + " is invalid; valid: finite");
        }
    }

    @Override
    public String[] sourceVariables() {
        return new String[] {"t_last"};
    }

    @Override
    public String[] synapseVariables() {
        return new String[] {"a_last"};
    }

    @Override
    public int postTraceCount() {
        return 1;
    }

    @Override
    public double postTraceTau(int i) {
        return tau;
    }

    @Override
    public PlasticKernel compile(double dt) {
        return new Kernel(this, dt);
    }

    @Override
    public String toString() {
        return name() + "(target_rate " + targetRate + " Hz, eta " + eta + ", tau " + tau + ")";
    }

    static final class Kernel implements PlasticKernel {
        final double eta;
        /** Expected spikes per step at the target rate. */
        final double perStep;

        Kernel(SynapticScaling r, double dt) {
            this.eta = r.eta;
            this.perStep = r.targetRate * 1e-3 * dt;
        }

        @Override
        public void learn(PlasticSynapses syn, int src, int stamp, int lo, int hi) {
            final double[] last = syn.source[0];
            final double[] aLast = syn.state[0];
            final int sLast = (int) last[src];
            final double expected = perStep * (stamp - sLast);
            final PostArchive post = syn.post();
            final int tr = syn.postTrace(0);
            final double[] w = syn.weight;
            final double eta = this.eta;
            for (int k = lo; k < hi; k++) {
                final int j = syn.target(k);
                final int d = syn.delay(k);
                final int t1 = stamp - d;
                double a1 = post.trace(j, tr, t1); // from the spikes strictly before t1
                int n = 0;
                if (post.newest(j) > sLast - d) {
                    final long r = post.range(j, sLast - d, t1);
                    final int a = (int) (r >>> 32);
                    final int b = (int) r;
                    n = b - a;
                    if (a < b) {
                        if (post.stamp(j, b - 1) == t1) a1 += 1.0; // a spike at t1 counts in a(t1)
                        post.access(j, a, b);
                    }
                }
                w[k] *= Math.exp(eta * (expected - (aLast[k] - a1 + n)));
                aLast[k] = a1;
            }
            last[src] = stamp;
        }
    }
}
