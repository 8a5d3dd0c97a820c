package org.myelin.io;

import java.util.ArrayList;
import java.util.List;

import org.myelin.core.Connect;
import org.myelin.core.Dist;
import org.myelin.core.Generator;
import org.myelin.core.NeuronModel;
import org.myelin.core.Plasticity;
import org.myelin.core.Synapse;

/**
 * Memory and size estimate of a {@link ModelSpec} without building it, mirroring the core's storage
 * (ConnectionBuilder and SynapseGroup.memoryBytes): per worker block of targets and per receptor port
 * used, one CSR group of {@code 16 + 4 (nSource + 1)} bytes plus per synapse 2 bytes of target (4 when
 * the block is wider than 65,536), 4 of weight if drawn, 2 of delay if drawn; Tsodyks synapses add 32
 * bytes per source and group; plastic synapses store double weights and their rule's state per synapse
 * and per source and group (the postsynaptic spike archive of plastic targets and the spike lists of
 * volume transmitters are not counted: both depend on activity).
 */
final class Estimator {
    /** Largest synapse group the core builds (ConnectionBuilder.MAX_GROUP). */
    private static final double MAX_GROUP = Integer.MAX_VALUE - 64;

    private Estimator() {
    }

    static Inspection inspect(ModelSpec spec) {
        int workers = spec.effectiveThreads();
        double dt = spec.dt();
        List<Inspection.ProjectionInfo> projs = new ArrayList<>();
        int maxDelay = 1;
        for (ProjectionSpec p : spec.projections) {
            PopulationSpec src = pop(spec, p.from());
            PopulationSpec tgt = pop(spec, p.to());
            Connect c = ModelSpec.connect(p);
            double e = c.expectedSynapses(src.size(), tgt.size(), src == tgt);
            boolean drawW = p.weights() != null || !p.weight().isConstant();
            boolean drawD = p.delays() != null || !p.delay().isConstant();
            int ports = ports(tgt.model(), p.receptor(), p.weight(), p.weights());
            int synVars = 0;
            int srcVars = 0;
            if (p.synapse() == Synapse.Model.PLASTIC) {
                VolumeTransmitterSpec v = p.volumeTransmitter();
                Plasticity rule = Catalog.rule(p.synapseName(), p.synapseParams(), v == null ? null : v.standIn(dt));
                synVars = rule.synapseVariables().length;
                srcVars = rule.sourceVariables().length;
                if (rule.weightSign() != 0 && p.receptor() == null) ports = 1;
            }
            long bytes = synapseBytes(c.rule(), src.size(), tgt.size(), e, p.targets(), workers, ports, drawW, drawD,
                    p.synapse() == Synapse.Model.TSODYKS, p.synapse() == Synapse.Model.PLASTIC, synVars, srcVars);
            projs.add(new Inspection.ProjectionInfo(p.from(), p.to(), c.toString(), p.synapseName(), e, bytes));
            if (e > 0) maxDelay = Math.max(maxDelay, maxDelaySteps(p, dt));
        }
        long stimBytes = 0;
        for (StimulusSpec s : spec.stimuli) {
            PopulationSpec tgt = pop(spec, s.to());
            int steps = (int) Math.round(s.delay() / dt);
            if (s.kind() == null) {
                int nS = s.sharedTrain() ? 1 : s.spikeTimes().length;
                Connect.Rule rule = s.sharedTrain() ? Connect.Rule.ALL_TO_ALL : Connect.Rule.ONE_TO_ONE;
                double e = s.sharedTrain() ? tgt.size() : nS;
                int ports = ports(tgt.model(), null, Dist.constant(s.weight()), null);
                long bytes = synapseBytes(rule, nS, tgt.size(), e, null, workers, ports, false, false, false, false, 0, 0);
                projs.add(new Inspection.ProjectionInfo("spike_generator (" + s.path() + ")", s.to(), rule.nestName(),
                        "static_synapse", e, bytes));
                for (double[] t : s.spikeTimes()) stimBytes += 8L * t.length;
            } else {
                if (s.kind() == Generator.Kind.POISSON) stimBytes += 8L * tgt.size();
                if (s.kind() == Generator.Kind.NOISE) stimBytes += 16L * tgt.size();
            }
            maxDelay = Math.max(maxDelay, steps);
        }
        int slots = maxDelay + 1;
        List<Inspection.PopulationInfo> pops = new ArrayList<>();
        for (PopulationSpec p : spec.populations) {
            long state;
            long input;
            if (p.isSpikeGenerator()) {
                state = 8L * p.size();
                input = 0;
                for (double[] t : p.spikeTimes()) stimBytes += 8L * t.length;
            } else {
                NeuronModel m = p.model();
                state = 8L * m.stateVariables().size() * p.size();
                int ports = m.hasInput() ? m.receptorCount() + 1 : 0;
                input = 8L * ports * slots * p.size();
            }
            pops.add(new Inspection.PopulationInfo(p.name(), p.modelName(), p.size(), state, input));
        }
        long rec = 0;
        for (RecordSpec.State r : spec.record.state()) {
            long samples = (long) Math.floor(spec.duration() / r.interval() + 1e-9);
            rec += samples * 8L * (1 + (long) r.variables().length * r.neurons().length);
        }
        return new Inspection(workers, pops, projs, stimBytes, rec, slots);
    }

    private static PopulationSpec pop(ModelSpec spec, String name) {
        for (PopulationSpec p : spec.populations) if (p.name().equals(name)) return p;
        throw new IllegalStateException("no population " + name);
    }

    /** Receptor ports a projection's synapses land on (groups per block). */
    private static int ports(NeuronModel m, String receptor, Dist weight, double[] weights) {
        if (receptor != null || m == null || !m.signRouted()) return 1;
        if (weights != null) {
            boolean pos = false;
            boolean neg = false;
            for (double w : weights) {
                if (w >= 0) pos = true;
                else neg = true;
            }
            return (pos ? 1 : 0) + (neg ? 1 : 0);
        }
        return weight.lowerBound() < 0 && weight.upperBound() >= 0 ? 2 : 1;
    }

    private static int maxDelaySteps(ProjectionSpec p, double dt) {
        if (p.delays() != null) {
            int m = 1;
            for (double d : p.delays()) m = Math.max(m, (int) Math.round(d / dt));
            return m;
        }
        return (int) Math.round(p.delay().upperBound() / dt);
    }

    static long synapseBytes(Connect.Rule rule, int nS, int nT, double expected, int[] explicitTargets, int workers,
                             int ports, boolean drawW, boolean drawD, boolean tso, boolean plastic, int synVars,
                             int srcVars) {
        boolean perTarget = rule == Connect.Rule.ALL_TO_ALL || rule == Connect.Rule.ONE_TO_ONE
                || rule == Connect.Rule.PAIRWISE_BERNOULLI || rule == Connect.Rule.FIXED_INDEGREE;
        // plastic synapses keep double weights and their state per synapse, and state per source and group
        double perSynapse = plastic ? 8.0 * (1 + synVars) + (drawD ? 2 : 0) : (drawW ? 4 : 0) + (drawD ? 2 : 0);
        double perT = expected / Math.max(1, nT);
        double total = 0;
        for (int w = 0; w < workers; w++) {
            int from = (int) ((long) nT * w / workers);
            int to = (int) ((long) nT * (w + 1) / workers);
            int width = to - from;
            double count;
            if (explicitTargets != null) {
                count = 0;
                for (int t : explicitTargets) if (t >= from && t < to) count++;
            } else {
                count = expected * width / Math.max(1, nT);
            }
            long groups;
            int chunkWidth;
            if (perTarget) {
                if (width == 0) continue;
                int chunk = (int) Math.max(1, Math.min(width, (MAX_GROUP * 0.8) / (perT * 1.1 + 1)));
                groups = (long) ((width + chunk - 1) / chunk) * ports;
                chunkWidth = chunk;
            } else {
                groups = ports;
                chunkWidth = width;
            }
            if (ports == 2 && count == 0) groups = 0;
            total += groups * (16.0 + 4.0 * (nS + 1)) + count * ((chunkWidth <= 65_536 ? 2 : 4) + perSynapse);
            if (tso) total += groups * 32.0 * nS;
            if (plastic) total += groups * 8.0 * srcVars * nS;
        }
        return Math.round(total);
    }
}
