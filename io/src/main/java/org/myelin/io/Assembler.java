package org.myelin.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.myelin.core.Dist;
import org.myelin.core.Generator;
import org.myelin.core.ModelException;
import org.myelin.core.Network;
import org.myelin.core.NeuronModel;
import org.myelin.core.ParamSpec;
import org.myelin.core.Population;
import org.myelin.core.RateRecorder;
import org.myelin.core.SpikeRecorder;
import org.myelin.core.StateRecorder;
import org.myelin.core.Synapse;
import org.myelin.core.VolumeTransmitter;
import org.myelin.core.model.SpikeGenerator;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Builds a {@link ModelSpec} into a core {@link Network} through its public API, in file order:
 * populations, then one hidden population per {@code spike_generator} stimulus, projections, the
 * spike_generator stimuli's projections, the other stimuli, recorders. Element ids (which key the
 * random streams) follow that order, so a file and a Java builder making the same calls in the same
 * order give bit-identical results. A core {@link ModelException} is reported at the file position
 * of the entry that caused it. A modulated plastic synapse gets the volume transmitter of the
 * population its {@code volume_transmitter} names; projections whose blocks agree in population,
 * delay and interval share one volume transmitter (as synapses in NEST share one
 * {@code volume_transmitter} node), which gives the same results as one each.
 */
final class Assembler {
    private final ModelSpec spec;
    private final Network net;
    private final Map<String, Population> pops = new LinkedHashMap<>();
    /** Node and path of each core projection and stimulation, by core id, for build-time errors. */
    private final List<Node> projNodes = new ArrayList<>();
    private final List<String> projPaths = new ArrayList<>();
    private final List<Node> stimNodes = new ArrayList<>();
    private final List<String> stimPaths = new ArrayList<>();
    /** Volume transmitters by {@link VolumeTransmitterSpec#key()}: equal blocks share one. */
    private final Map<String, VolumeTransmitter> vts = new LinkedHashMap<>();

    private Assembler(ModelSpec spec) {
        this.spec = spec;
        this.net = new Network(new Network.Context().dt(spec.dt()).seed(spec.seed()).threads(spec.effectiveThreads()));
    }

    static BuiltModel build(ModelSpec spec) {
        return new Assembler(spec).build();
    }

    private interface Step {
        void run();
    }

    private void at(Node node, String path, Step s) {
        try {
            s.run();
        } catch (ModelException e) {
            throw new ModelFileException(spec.problem(node, path, e.getMessage()));
        }
    }

    private BuiltModel build() {
        for (PopulationSpec p : spec.populations) {
            at(p.node(), "populations." + p.name(), () -> pops.put(p.name(), population(p)));
        }
        List<Population> hidden = new ArrayList<>();
        for (StimulusSpec s : spec.stimuli) {
            if (s.kind() != null) continue;
            at(s.node(), s.path(), () -> {
                SpikeGenerator g = s.sharedTrain() ? SpikeGenerator.ofTrain(1, s.spikeTimes()[0])
                        : SpikeGenerator.of(s.spikeTimes());
                hidden.add(net.population("#" + s.path() + "->" + s.to(), g, g.size()));
            });
        }
        for (ProjectionSpec p : spec.projections) {
            at(p.node(), p.path(), () -> net.connect(pops.get(p.from()), pops.get(p.to()), ModelSpec.connect(p), synapse(p)));
            projNodes.add(p.node());
            projPaths.add(p.path());
        }
        int h = 0;
        for (StimulusSpec s : spec.stimuli) {
            if (s.kind() != null) continue;
            Population g = hidden.get(h++);
            Population t = pops.get(s.to());
            at(s.node(), s.path(), () -> net.connect(g, t, s.sharedTrain()
                    ? org.myelin.core.Connect.allToAll() : org.myelin.core.Connect.oneToOne(),
                    Synapse.statics(s.weight(), s.delay())));
            projNodes.add(s.node());
            projPaths.add(s.path());
        }
        for (StimulusSpec s : spec.stimuli) {
            if (s.kind() == null) continue;
            at(s.node(), s.path(), () -> net.stimulate(generator(s), pops.get(s.to()), s.weight(), s.delay()));
            stimNodes.add(s.node());
            stimPaths.add(s.path());
        }
        Map<String, SpikeRecorder> spikes = new LinkedHashMap<>();
        for (RecordSpec.Spikes r : spec.record.spikes()) {
            Population p = pops.get(r.population());
            at(r.node(), "record.spikes", () -> spikes.put(r.population(),
                    r.neurons() == null ? net.recordSpikes(p) : net.recordSpikes(p, r.neurons())));
        }
        List<StateRecorder> states = new ArrayList<>();
        for (RecordSpec.State r : spec.record.state()) {
            at(r.node(), r.path(), () -> states.add(net.recordState(pops.get(r.population()), r.variables(), r.neurons(),
                    r.interval())));
        }
        Map<String, RateRecorder> rates = new LinkedHashMap<>();
        for (RecordSpec.Rate r : spec.record.rate()) {
            at(r.node(), "record.rate", () -> rates.put(r.population(), net.recordRate(pops.get(r.population()))));
        }
        try {
            net.build();
        } catch (ModelException e) {
            throw new ModelFileException(locate(e));
        }
        return new BuiltModel(spec, net, pops, spikes, states, rates);
    }

    /** Maps a build-time error to the entry its element names ({@code population 'E'}, {@code projection #3}). */
    private ModelFileException.Problem locate(ModelException e) {
        String el = e.element() == null ? "" : e.element();
        for (PopulationSpec p : spec.populations) {
            if (el.startsWith("population '" + p.name() + "'")) {
                return spec.problem(p.node(), "populations." + p.name(), e.getMessage());
            }
        }
        for (int i = 0; i < projNodes.size(); i++) {
            if (el.startsWith("projection #" + i + " ")) return spec.problem(projNodes.get(i), projPaths.get(i), e.getMessage());
        }
        for (int i = 0; i < stimNodes.size(); i++) {
            if (el.startsWith("stimulus #" + i + " ")) return spec.problem(stimNodes.get(i), stimPaths.get(i), e.getMessage());
        }
        return spec.problem(null, "", e.getMessage());
    }

    private Population population(PopulationSpec p) {
        if (p.isSpikeGenerator()) {
            SpikeGenerator g = p.sharedTrain() ? SpikeGenerator.ofTrain(p.size(), p.spikeTimes()[0])
                    : SpikeGenerator.of(p.spikeTimes());
            return net.population(p.name(), g, p.size());
        }
        NeuronModel m = p.model();
        Population pop = net.population(p.name(), m, p.size());
        List<ParamSpec> specs = m.parameters();
        double[] def = m.defaults();
        for (int i = 0; i < specs.size(); i++) {
            // defaults are left alone: some (V_min = -inf) lie outside the settable range
            if (Double.compare(p.params()[i], def[i]) != 0) pop.param(specs.get(i).name(), p.params()[i]);
        }
        for (Map.Entry<String, Dist> e : p.initial().entrySet()) pop.initial(e.getKey(), e.getValue());
        return pop;
    }

    private Synapse synapse(ProjectionSpec p) {
        Synapse s;
        if (p.synapse() == Synapse.Model.TSODYKS) {
            double[] t = p.synapseParams();
            s = Synapse.tsodyks(p.weight(), p.delay()).tsodyksParams(t[0], t[1], t[2], t[3]).tsodyksState(t[4], t[5], t[6]);
        } else if (p.synapse() == Synapse.Model.PLASTIC) {
            VolumeTransmitterSpec v = p.volumeTransmitter();
            VolumeTransmitter vt = v == null ? null : vts.computeIfAbsent(v.key(), k -> v.build(pops));
            s = Synapse.plastic(p.weight(), p.delay(), Catalog.rule(p.synapseName(), p.synapseParams(), vt));
        } else {
            s = Synapse.statics(p.weight(), p.delay());
        }
        return p.receptor() == null ? s : s.receptor(p.receptor());
    }

    private static Generator generator(StimulusSpec s) {
        Generator g;
        switch (s.kind()) {
            case POISSON: g = Generator.poisson(s.a()); break;
            case DC: g = Generator.dc(s.a()); break;
            case STEP_CURRENT: g = Generator.stepCurrent(s.times(), s.values()); break;
            default: g = Generator.noise(s.a(), s.b(), s.c()); break;
        }
        if (s.start() != 0) g = g.start(s.start());
        if (s.stop() != Double.POSITIVE_INFINITY) g = g.stop(s.stop());
        return g;
    }
}
