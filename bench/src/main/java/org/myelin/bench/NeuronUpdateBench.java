package org.myelin.bench;

import java.util.concurrent.TimeUnit;

import org.myelin.core.Connect;
import org.myelin.core.Generator;
import org.myelin.core.Network;
import org.myelin.core.Population;
import org.myelin.core.Synapse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Kernel costs, one thread: one simulated millisecond (10 steps) of a population driven by Poisson
 * input, with or without recurrent synapses. Divide the time per operation by {@code 10 * size} for
 * ns per neuron-step. Run: {@code java -cp bench/target/myelin-bench.jar org.openjdk.jmh.Main NeuronUpdateBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NeuronUpdateBench {
    @Param({"iaf_psc_delta", "iaf_psc_exp", "iaf_psc_alpha", "iaf_cond_exp", "iaf_cond_alpha", "aeif_cond_exp",
        "izhikevich", "hh_psc_alpha", "hh_cond_exp_traub"})
    public String model;

    /** Neurons: the cost should grow linearly with it. */
    @Param({"1000", "10000"})
    public int size;

    @Param({"0", "100"})
    public int indegree;

    private Network net;

    @Setup(Level.Trial)
    public void setup() {
        net = new Network(new Network.Context().threads(1).seed(1));
        Population p = net.population("P", model, size);
        double w = model.startsWith("iaf_cond") || model.startsWith("aeif") || model.equals("hh_cond_exp_traub") ? 2.0
                : model.equals("iaf_psc_delta") || model.equals("izhikevich") ? 0.5 : 20.0;
        net.stimulate(Generator.poisson(5_000), p, w, 0.1);
        if (indegree > 0) net.connect(p, p, Connect.fixedIndegree(indegree), Synapse.statics(w * 0.1, 1.0));
        net.build();
        net.simulate(100); // past the initial transient
    }

    @Benchmark
    public long oneMillisecond() {
        net.simulate(1.0);
        return net.currentStep();
    }
}
