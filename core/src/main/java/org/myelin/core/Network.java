package org.myelin.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.myelin.core.model.ParrotNeuron;
import org.myelin.core.model.Simd;

/**
 * A network of spiking point neurons: populations, projections, stimuli and recorders, simulated on
 * a fixed time grid by a fixed set of worker threads.
 *
 * <h2>The step loop</h2>
 * Each worker owns a contiguous slice of every population, and the synapses onto it
 * (target-partitioned CSR, see {@link SynapseGroup}). Time advances in intervals of
 * {@code k = min delay} steps: each worker updates its neurons for k steps (applying stimuli, running
 * the model kernels, recording), collecting the spikes of each step; one barrier; then every worker
 * delivers all spikes of the interval (in step, population, projection, neuron order) to its own
 * targets' ring buffers. Spike buffers are double-buffered, so one barrier per interval suffices.
 *
 * <h2>Determinism</h2>
 * Per-target sums are accumulated in global spike order and all random numbers come from
 * counter-based streams keyed by (seed, element, neuron, step), so one seed gives bit-identical
 * results for any number of threads.
 *
 * <h2>Errors</h2>
 * Invalid input throws {@link ModelException} naming the element, the key, the value and the valid
 * range: at once for single values, at {@link #build()} for relations. A failed build leaves the
 * network unbuilt (nothing allocated), so it can be corrected and built again.
 */
public final class Network {
    /** Longest delay a ring can hold, in steps (delays are stored as 16-bit unsigned). */
    public static final int MAX_DELAY_STEPS = 65535;
    /** Whether a delay of {@code ms} rounds to 1..MAX_DELAY_STEPS steps of {@code dt}. */
    static boolean validDelay(double ms, double dt) {
        return ms >= dt * (1 - 1e-9) && ms / dt <= MAX_DELAY_STEPS + 0.5;
    }

    /** The valid delay range in words, for messages. */
    static String delayRange(double dt) {
        return "[" + dt + ", " + MAX_DELAY_STEPS * dt + "] ms (1 to " + MAX_DELAY_STEPS + " steps of dt)";
    }

    /** Padding between per-worker counters, against false sharing. */
    static final int PAD = 8;

    /**
     * Unused entries (2 KiB of doubles) after each worker's slice of a population's state and ring
     * arrays when there are several workers ({@link Population}).
     */
    static final int SLICE_GAP = 256;

    /** Network configuration, validated once by {@link #conclude()}. */
    public static final class Context {
        private double dt = 0.1;
        private long seed = 12345;
        private int threads = Runtime.getRuntime().availableProcessors();

        /** Time step in ms (default 0.1). */
        public Context dt(double dt) {
            this.dt = dt;
            return this;
        }

        /** Master seed (default 12345). */
        public Context seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Worker threads (default: available processors). Results do not depend on it. */
        public Context threads(int threads) {
            this.threads = threads;
            return this;
        }

        public double dt() {
            return dt;
        }

        public long seed() {
            return seed;
        }

        public int threads() {
            return threads;
        }

        /** Validates the settings. */
        public Context conclude() {
            if (!(dt > 0) || Double.isInfinite(dt)) {
                throw new ModelException("network", "dt", "value " + dt + " ms is invalid; valid: (0, inf) ms");
            }
            if (threads < 1 || threads > 1024) {
                throw new ModelException("network", "threads", "value " + threads + " is invalid; valid: 1..1024");
            }
            return this;
        }
    }

    /** Receives progress reports from the simulating thread, at most once per exchange interval. */
    public interface ProgressListener {
        void progress(long stepsDone, long stepsTotal);
    }

    private final double dt;
    private final long seed;
    private final int workers;

    final List<Population> populations = new ArrayList<>();
    final List<Projection> projections = new ArrayList<>();
    final List<Stimulation> stimulations = new ArrayList<>();
    final List<SpikeRecorder> spikeRecorders = new ArrayList<>();
    final List<StateRecorder> stateRecorders = new ArrayList<>();
    final List<RateRecorder> rateRecorders = new ArrayList<>();
    final List<WeightRecorder> weightRecorders = new ArrayList<>();

    // built
    private boolean built;
    private volatile boolean running;
    private boolean broken;
    private int slots;
    private int interval;
    private int[][] from; // [pop][worker]
    private int[][] to;
    private Population[] pops;
    private Projection[][] outgoing; // [pop]
    private Stimulation[][] stims; // [pop]
    private SpikeRecorder[][] spikeRecs; // [pop]
    private StateRecorder[][] stateRecs; // [pop]
    private RateRecorder[][] rateRecs; // [pop]
    long step;
    private double buildSeconds;
    long neuronUpdates;
    // plasticity (built)
    PostArchive[][] archives; // [pop][worker], null for populations no plastic synapse targets
    VolumeTransmitter[] vts;
    ModulatorSpikes[][] mods; // [vt][worker]
    int[][] vtPops; // [vt][source]
    double[][] vtWeights; // [vt][source]
    int[] vtPeriod;
    int[] vtDelay;
    SynapseGroup[][][] vtGroups; // [vt][worker][]
    WeightRecorder[] wrecs;

    public Network(Context ctx) {
        ctx.conclude();
        this.dt = ctx.dt;
        this.seed = ctx.seed;
        this.workers = ctx.threads;
    }

    /** A network with default settings (dt 0.1 ms, seed 12345, all processors). */
    public Network() {
        this(new Context());
    }

    public double dt() {
        return dt;
    }

    public long seed() {
        return seed;
    }

    public int threads() {
        return workers;
    }

    // ------------------------------------------------------------------ construction

    void checkNotBuilt() {
        if (built) throw new IllegalStateException("the network is built; it can no longer be changed");
    }

    void checkNotRunning() {
        if (running) throw new IllegalStateException("the network is running");
    }

    /** A population of {@code size} neurons of the named model (NEST name). */
    public Population population(String name, String model, int size) {
        return population(name, Models.neuron(model), size);
    }

    /** A population of {@code size} neurons of {@code model}. */
    public Population population(String name, NeuronModel model, int size) {
        checkNotBuilt();
        String element = "population '" + name + "'";
        if (name == null || name.isEmpty()) throw new ModelException("population", "name", "must not be empty");
        for (Population p : populations) {
            if (p.name.equals(name)) throw new ModelException(element, "name", "duplicate population name");
        }
        if (size < 1) throw new ModelException(element, "size", "value " + size + " is invalid; valid: >= 1");
        Population p = new Population(this, populations.size(), name, model, size);
        populations.add(p);
        return p;
    }

    /** The population of the given name; throws if unknown. */
    public Population population(String name) {
        for (Population p : populations) if (p.name.equals(name)) return p;
        List<String> names = new ArrayList<>();
        for (Population p : populations) names.add(p.name);
        throw new ModelException(null, "population", "unknown population '" + name + "'"
                + Models.suggestion(name, names) + "; defined: " + String.join(", ", names));
    }

    public List<Population> populations() {
        return List.copyOf(populations);
    }

    public List<Projection> projections() {
        return List.copyOf(projections);
    }

    /** Connects {@code source} to {@code target} by {@code rule} with synapses {@code syn}. */
    public Projection connect(Population source, Population target, Connect rule, Synapse syn) {
        checkNotBuilt();
        checkOwn(source);
        checkOwn(target);
        Projection p = new Projection(this, projections.size(), source, target, rule, syn);
        validate(p);
        projections.add(p);
        return p;
    }

    /** Attaches a stimulus device to every neuron of {@code target}. */
    public Stimulation stimulate(Generator gen, Population target, double weight, double delayMs) {
        checkNotBuilt();
        checkOwn(target);
        Stimulation s = new Stimulation(stimulations.size(), gen, target, weight, delayMs);
        s.validate(dt);
        stimulations.add(s);
        return s;
    }

    /** Records the spikes of every neuron of {@code pop}. */
    public SpikeRecorder recordSpikes(Population pop) {
        checkNotBuilt();
        checkOwn(pop);
        SpikeRecorder r = new SpikeRecorder(pop, null, dt);
        spikeRecorders.add(r);
        return r;
    }

    /** Records the spikes of the given neurons (indices within {@code pop}). */
    public SpikeRecorder recordSpikes(Population pop, int... neurons) {
        checkNotBuilt();
        checkOwn(pop);
        boolean[] mask = new boolean[pop.size];
        for (int i : neurons) {
            checkIndex(pop, i, "spike recorder");
            mask[i] = true;
        }
        SpikeRecorder r = new SpikeRecorder(pop, mask, dt);
        spikeRecorders.add(r);
        return r;
    }

    /** Records state variables of the given neurons every {@code intervalMs} (a multiple of dt). */
    public StateRecorder recordState(Population pop, String[] variables, int[] neurons, double intervalMs) {
        checkNotBuilt();
        checkOwn(pop);
        String element = "state recorder of '" + pop.name + "'";
        int[] vars = new int[variables.length];
        for (int v = 0; v < variables.length; v++) {
            vars[v] = pop.model.stateIndex(variables[v]);
            if (vars[v] < 0) {
                throw new ModelException(element, variables[v], "unknown state variable; " + pop.model.name()
                        + " has: " + String.join(", ", pop.model.stateVariables()));
            }
        }
        for (int i : neurons) checkIndex(pop, i, element);
        long k = Math.round(intervalMs / dt);
        if (k < 1 || Math.abs(k * dt - intervalMs) > 1e-9 * Math.max(1, intervalMs)) {
            throw new ModelException(element, "interval", "value " + intervalMs + " ms is invalid; valid: a positive multiple of dt = " + dt + " ms");
        }
        StateRecorder r = new StateRecorder(pop, vars, variables.clone(), neurons.clone(), (int) k, dt);
        stateRecorders.add(r);
        return r;
    }

    /** Counts the spikes of {@code pop} per step. */
    public RateRecorder recordRate(Population pop) {
        checkNotBuilt();
        checkOwn(pop);
        RateRecorder r = new RateRecorder(pop, dt);
        rateRecorders.add(r);
        return r;
    }

    /**
     * Records the weights of every synapse of {@code proj} at the given times (ms, multiples of dt,
     * in any order; see {@link WeightRecorder} for what a snapshot holds).
     */
    public WeightRecorder recordWeights(Projection proj, double... timesMs) {
        checkNotBuilt();
        if (proj == null || proj.net != this) throw new IllegalArgumentException("projection belongs to another network");
        String element = "weight recorder of " + proj.element();
        long[] st = new long[timesMs.length];
        for (int i = 0; i < timesMs.length; i++) {
            double ms = timesMs[i];
            long k = Math.round(ms / dt);
            if (!(ms >= 0) || Math.abs(k * dt - ms) > 1e-9 * Math.max(1, ms) || k > Integer.MAX_VALUE) {
                throw new ModelException(element, "times", "value " + ms + " ms at position " + i
                        + " is invalid; valid: a non-negative multiple of dt = " + dt + " ms");
            }
            st[i] = k;
        }
        int[] stamps = Arrays.stream(st).sorted().distinct().mapToInt(x -> (int) x).toArray();
        WeightRecorder r = new WeightRecorder(proj, stamps, dt);
        weightRecorders.add(r);
        return r;
    }

    private void checkOwn(Population p) {
        if (p == null || p.net != this) throw new IllegalArgumentException("population belongs to another network");
    }

    private static void checkIndex(Population pop, int i, String element) {
        if (i < 0 || i >= pop.size) {
            throw new ModelException(element, "neurons", "index " + i + " is invalid; valid: 0.." + (pop.size - 1)
                    + " for population '" + pop.name + "'");
        }
    }

    private void validate(Projection p) {
        String e = p.element();
        p.synapse.validate(e, dt);
        NeuronModel tm = p.target.model;
        if (!tm.hasInput() || tm.receptorCount() == 0) {
            throw new ModelException(e, "to", "target model " + tm.name() + " takes no spike input");
        }
        if (p.synapse.receptor != null && ConnectionBuilder.portIndex(tm, p.synapse.receptor) < 0) {
            throw new ModelException(e, "receptor", "unknown receptor '" + p.synapse.receptor + "'; "
                    + tm.name() + " has: " + String.join(", ", tm.receptorNames()));
        }
        Plasticity rule = p.synapse.plasticity;
        if (rule != null && rule.volumeTransmitter() != null) {
            VolumeTransmitter vt = rule.volumeTransmitter();
            for (Population src : vt.sources) {
                if (src.net != this) {
                    throw new IllegalArgumentException("volume transmitter population " + src.name + " belongs to another network");
                }
            }
            vt.validate(e, dt);
        }
        if ("parrot_neuron".equals(tm.name()) && !ParrotNeuron.NO_REPEAT.equals(p.synapse.receptor)
                && !(p.synapse.weight.isConstant() && p.synapse.weight.a() == 1.0 && p.connect.weights == null)) {
            throw new ModelException(e, "weight", "value " + p.synapse.weight
                    + " is invalid for a parrot_neuron target; valid: 1 (a parrot repeats each spike)");
        }
        Connect c = p.connect;
        int nS = p.source.size;
        int nT = p.target.size;
        boolean same = p.source == p.target;
        int avail = (same && !c.autapses) ? nS - 1 : nS;
        switch (c.rule) {
            case ONE_TO_ONE:
                if (nS != nT) {
                    throw new ModelException(e, "rule", "one_to_one needs equal sizes, got " + nS + " and " + nT);
                }
                break;
            case PAIRWISE_BERNOULLI:
                if (!(c.p >= 0 && c.p <= 1)) {
                    throw new ModelException(e, "p", "value " + c.p + " is invalid; valid: [0, 1]");
                }
                break;
            case FIXED_INDEGREE:
                if (c.n < 0 || (!c.multapses && c.n > avail) || (c.multapses && c.n > 0 && avail == 0)) {
                    throw new ModelException(e, "indegree", "value " + c.n + " is invalid; valid: 0.."
                            + (c.multapses ? "any (with at least one allowed source)" : Integer.toString(avail))
                            + (c.multapses ? "" : " without multapses"));
                }
                break;
            case FIXED_OUTDEGREE: {
                int availT = (same && !c.autapses) ? nT - 1 : nT;
                if (c.n < 0 || (!c.multapses && c.n > availT) || (c.multapses && c.n > 0 && availT == 0)) {
                    throw new ModelException(e, "outdegree", "value " + c.n + " is invalid; valid: 0.."
                            + (c.multapses ? "any" : Integer.toString(availT)) + (c.multapses ? "" : " without multapses"));
                }
                break;
            }
            case FIXED_TOTAL_NUMBER: {
                long pairs = (long) nS * nT - ((same && !c.autapses) ? nT : 0);
                if (c.n < 0 || (!c.multapses && c.n > pairs) || (c.n > 0 && pairs == 0)) {
                    throw new ModelException(e, "N", "value " + c.n + " is invalid; valid: 0.." + pairs
                            + (c.multapses ? "" : " without multapses"));
                }
                break;
            }
            case EXPLICIT: {
                if (c.sources.length != c.targets.length) {
                    throw new ModelException(e, "targets", c.sources.length + " sources but " + c.targets.length + " targets");
                }
                for (int k = 0; k < c.sources.length; k++) {
                    if (c.sources[k] < 0 || c.sources[k] >= nS) {
                        throw new ModelException(e, "sources", "index " + c.sources[k] + " at position " + k + " is invalid; valid: 0.." + (nS - 1));
                    }
                    if (c.targets[k] < 0 || c.targets[k] >= nT) {
                        throw new ModelException(e, "targets", "index " + c.targets[k] + " at position " + k + " is invalid; valid: 0.." + (nT - 1));
                    }
                }
                if (c.weights != null) {
                    if (c.weights.length != c.sources.length) throw new ModelException(e, "weights", c.weights.length + " weights for " + c.sources.length + " pairs");
                    for (int k = 0; k < c.weights.length; k++) {
                        if (!Double.isFinite(c.weights[k])) throw new ModelException(e, "weights", "value " + c.weights[k] + " at position " + k + " is not finite");
                    }
                }
                if (c.delays != null) {
                    if (c.delays.length != c.sources.length) throw new ModelException(e, "delays", c.delays.length + " delays for " + c.sources.length + " pairs");
                    for (int k = 0; k < c.delays.length; k++) {
                        double d = c.delays[k];
                        if (!validDelay(d, dt)) {
                            throw new ModelException(e, "delays", "value " + d + " ms at position " + k
                                    + " is invalid; valid: " + delayRange(dt));
                        }
                    }
                }
                break;
            }
            default:
                break;
        }
    }

    // ------------------------------------------------------------------ build

    /** Whether {@link #build()} has completed. */
    public boolean isBuilt() {
        return built;
    }

    /**
     * Checks the whole network, then allocates state, ring buffers and synapses and draws the
     * connectivity (in parallel, one worker per target block). Called by the first
     * {@link #simulate}; call it directly to time construction. On failure nothing stays allocated.
     */
    public void build() {
        if (built) return;
        Simd.checkProperty();
        long t0 = System.nanoTime();
        for (Population p : populations) {
            p.model.validate(p.element(), p.params, dt);
            p.model.validateSize(p.element(), p.size);
        }
        try {
            allocate();
            built = true;
        } catch (RuntimeException | OutOfMemoryError e) {
            release();
            throw e;
        }
        buildSeconds = (System.nanoTime() - t0) * 1e-9;
    }

    private void release() {
        for (Population p : populations) {
            p.state = null;
            p.ring = null;
            p.kernel = null;
            p.spikeCounts = null;
            p.livePorts = null;
        }
        for (Projection p : projections) {
            p.groups = null;
            p.events = null;
            p.synapseCount = 0;
        }
        pops = null;
        archives = null;
        vts = null;
        mods = null;
        vtGroups = null;
        wrecs = null;
    }

    private void allocate() {
        int np = populations.size();
        pops = populations.toArray(new Population[0]);
        from = new int[np][workers];
        to = new int[np][workers];
        for (int p = 0; p < np; p++) {
            int n = pops[p].size;
            for (int w = 0; w < workers; w++) {
                from[p][w] = (int) ((long) n * w / workers);
                to[p][w] = (int) ((long) n * (w + 1) / workers);
            }
        }
        // connectivity first (the largest allocation), in parallel over workers
        buildSynapses();
        int maxDelay = 1;
        int minDelay = Integer.MAX_VALUE;
        for (Projection p : projections) {
            if (p.synapseCount == 0) continue;
            maxDelay = Math.max(maxDelay, p.maxDelaySteps);
            minDelay = Math.min(minDelay, p.minDelaySteps);
        }
        for (Stimulation s : stimulations) {
            s.prepare(seed, dt);
            maxDelay = Math.max(maxDelay, s.delaySteps);
        }
        slots = maxDelay + 1;
        interval = minDelay == Integer.MAX_VALUE ? 10 : minDelay;
        for (int q = 0; q < np; q++) {
            final Population p = pops[q];
            int nv = p.model.stateVariables().size();
            p.kernel = p.model.compile(p.params, dt, Rng.key(seed, Rng.KIND_MODEL, p.id, 0));
            p.bounds = new int[workers + 1];
            System.arraycopy(from[q], 0, p.bounds, 0, workers);
            p.bounds[workers] = p.size;
            // padding after each worker's slice (see Population): only where the slices are at least as
            // long as the padding, so that it at most doubles the arrays
            p.gap = workers > 1 && p.kernel.relocatable() && p.size / workers >= SLICE_GAP ? SLICE_GAP : 0;
            p.length = p.size + workers * p.gap;
            p.state = new double[nv][p.length];
            p.model.initialize(p.params, p.state, 0, p.length);
            initialState(p);
            p.model.validateState(p.element(), p.state, 0, p.length, dt);
            p.checkCounters(0, p.size);
            p.spikeCounts = new long[workers * PAD];
            int ports = p.model.hasInput() ? p.model.receptorCount() + 1 : 0;
            p.ring = new double[ports][];
            long len = (long) slots * p.length;
            if (len > Integer.MAX_VALUE - 16) {
                throw new ModelException(p.element(), "size", "ring of " + slots + " slots x " + p.length
                        + " entries (neurons and padding) exceeds 2^31 entries; shorten the longest delay or split"
                        + " the population");
            }
            for (int k = 0; k < ports; k++) p.ring[k] = new double[(int) len];
            // ports nothing writes to stay zero: the step loop need not clear them
            p.livePorts = new boolean[ports];
        }
        outgoing = new Projection[np][];
        stims = new Stimulation[np][];
        spikeRecs = new SpikeRecorder[np][];
        stateRecs = new StateRecorder[np][];
        rateRecs = new RateRecorder[np][];
        for (int p = 0; p < np; p++) {
            Population pop = pops[p];
            outgoing[p] = projections.stream().filter(x -> x.source == pop && x.synapseCount > 0).toArray(Projection[]::new);
            stims[p] = stimulations.stream().filter(x -> x.target == pop).toArray(Stimulation[]::new);
            spikeRecs[p] = spikeRecorders.stream().filter(x -> x.pop == pop).toArray(SpikeRecorder[]::new);
            stateRecs[p] = stateRecorders.stream().filter(x -> x.pop == pop).toArray(StateRecorder[]::new);
            rateRecs[p] = rateRecorders.stream().filter(x -> x.pop == pop).toArray(RateRecorder[]::new);
        }
        for (SpikeRecorder r : spikeRecorders) r.allocate(workers);
        for (RateRecorder r : rateRecorders) r.allocate(workers);
        for (Projection p : projections) {
            for (int w = 0; w < workers; w++) {
                for (SynapseGroup g : p.groups[w]) {
                    p.target.livePorts[g.port] = true;
                    g.ringOffset = p.target.offset(w);
                }
            }
        }
        for (Stimulation s : stimulations) s.target.livePorts[s.port] = true;
        for (Population p : pops) p.kernel.inputsWritten(p.livePorts.clone());
        buildPlasticity();
        wrecs = weightRecorders.toArray(new WeightRecorder[0]);
        for (WeightRecorder r : wrecs) r.allocate(workers);
    }

    /**
     * Wires plastic synapse groups to their kernels, to the spike archives of their targets (one per
     * worker slice, with the distinct postsynaptic traces their rules need) and to their volume
     * transmitters (one spike list per worker).
     */
    private void buildPlasticity() {
        int np = pops.length;
        archives = new PostArchive[np][];
        int[][] traceIndex = new int[projections.size()][];
        for (int t = 0; t < np; t++) {
            List<Double> taus = new ArrayList<>();
            List<Boolean> nearest = new ArrayList<>();
            int maxD = 0;
            for (Projection p : projections) {
                Plasticity rule = p.synapse.plasticity;
                if (rule == null || p.target != pops[t]) continue;
                maxD = Math.max(maxD, p.maxDelaySteps);
                int[] idx = new int[rule.postTraceCount()];
                for (int i = 0; i < idx.length; i++) {
                    double tau = rule.postTraceTau(i);
                    boolean nn = rule.postTraceNearest(i);
                    int found = -1;
                    for (int k = 0; k < taus.size(); k++) if (taus.get(k) == tau && nearest.get(k) == nn) found = k;
                    if (found < 0) {
                        taus.add(tau);
                        nearest.add(nn);
                        found = taus.size() - 1;
                    }
                    idx[i] = found;
                }
                traceIndex[p.id] = idx;
            }
            if (!targeted(pops[t])) continue;
            double[] ta = new double[taus.size()];
            boolean[] na = new boolean[taus.size()];
            for (int k = 0; k < ta.length; k++) {
                ta[k] = taus.get(k);
                na[k] = nearest.get(k);
            }
            archives[t] = new PostArchive[workers];
            for (int w = 0; w < workers; w++) archives[t][w] = new PostArchive(from[t][w], to[t][w], dt, ta, na, interval + maxD);
        }
        List<VolumeTransmitter> vtl = new ArrayList<>();
        for (Projection p : projections) {
            Plasticity rule = p.synapse.plasticity;
            if (rule != null && rule.volumeTransmitter() != null && !vtl.contains(rule.volumeTransmitter())) {
                vtl.add(rule.volumeTransmitter());
            }
        }
        int nv = vtl.size();
        vts = vtl.toArray(new VolumeTransmitter[0]);
        mods = new ModulatorSpikes[nv][workers];
        vtPops = new int[nv][];
        vtWeights = new double[nv][];
        vtPeriod = new int[nv];
        vtDelay = new int[nv];
        vtGroups = new SynapseGroup[nv][workers][];
        List<List<Double>> vtTaus = new ArrayList<>();
        for (int v = 0; v < nv; v++) {
            VolumeTransmitter vt = vts[v];
            vtPops[v] = new int[vt.sources.length];
            for (int k = 0; k < vt.sources.length; k++) vtPops[v][k] = vt.sources[k].id;
            vtWeights[v] = vt.weights.clone();
            vtDelay[v] = (int) Math.round(vt.delayMs / dt);
            vtPeriod[v] = vt.intervalMs == 0 ? interval : (int) Math.round(vt.intervalMs / dt);
            List<Double> taus = new ArrayList<>();
            for (Projection p : projections) {
                Plasticity rule = p.synapse.plasticity;
                if (rule != null && rule.volumeTransmitter() == vt && !taus.contains(rule.modulatorTau())) {
                    taus.add(rule.modulatorTau());
                }
            }
            vtTaus.add(taus);
            double[] ta = new double[taus.size()];
            for (int k = 0; k < ta.length; k++) ta[k] = taus.get(k);
            for (int w = 0; w < workers; w++) {
                mods[v][w] = new ModulatorSpikes(dt, ta);
                List<SynapseGroup> gs = new ArrayList<>();
                for (Projection p : projections) {
                    Plasticity rule = p.synapse.plasticity;
                    if (rule != null && rule.volumeTransmitter() == vt && p.groups != null) gs.addAll(Arrays.asList(p.groups[w]));
                }
                vtGroups[v][w] = gs.toArray(new SynapseGroup[0]);
            }
        }
        for (Projection p : projections) {
            Plasticity rule = p.synapse.plasticity;
            if (rule == null || p.groups == null) continue;
            PlasticKernel kernel = rule.compile(dt);
            int t = p.target.id;
            int v = rule.volumeTransmitter() == null ? -1 : vtl.indexOf(rule.volumeTransmitter());
            for (int w = 0; w < workers; w++) {
                PostArchive arch = archives[t][w];
                for (SynapseGroup g : p.groups[w]) {
                    PlasticSynapses ps = g.plastic;
                    ps.kernel = kernel;
                    ps.post = arch;
                    ps.postTrace = traceIndex[p.id];
                    if (v >= 0) {
                        ps.modulator = mods[v][w];
                        ps.modulatorTrace = vtTaus.get(v).indexOf(rule.modulatorTau());
                    }
                    for (int k = 0; k < ps.size(); k++) arch.incoming[ps.target(k) - arch.from]++;
                }
            }
        }
    }

    /** Whether a plastic projection targets {@code pop}. */
    private boolean targeted(Population pop) {
        for (Projection p : projections) if (p.synapse.plasticity != null && p.target == pop) return true;
        return false;
    }

    private void initialState(Population p) {
        for (java.util.Map.Entry<String, Dist> e : p.initial.entrySet()) {
            int v = p.model.stateIndex(e.getKey());
            Dist d = e.getValue();
            double[] a = p.state[v];
            if (d.isConstant()) {
                Arrays.fill(a, d.a());
            } else {
                long k = Rng.key(seed, Rng.KIND_INIT, p.id, v);
                for (int i = 0; i < p.size; i++) {
                    Rng.Stream s = new Rng.Stream(Rng.key(k, i));
                    a[p.index(i)] = d.sample(s, p.element(), e.getKey());
                }
            }
        }
    }

    private void buildSynapses() {
        if (projections.isEmpty()) return;
        SynapseGroup[][][] result = new SynapseGroup[projections.size()][workers][];
        RuntimeException[] failure = new RuntimeException[1];
        Error[] error = new Error[1];
        Thread[] threads = new Thread[workers];
        for (int w = 0; w < workers; w++) {
            final int ww = w;
            threads[w] = new Thread(() -> {
                try {
                    for (Projection p : projections) {
                        int t = p.target.id;
                        result[p.id][ww] = new ConnectionBuilder(p, dt, seed).build(from[t][ww], to[t][ww]);
                    }
                } catch (RuntimeException e) {
                    synchronized (failure) {
                        if (failure[0] == null) failure[0] = e;
                    }
                } catch (Error e) {
                    synchronized (failure) {
                        if (error[0] == null) error[0] = e;
                    }
                }
            }, "myelin-build-" + w);
            threads[w].start();
        }
        join(threads);
        if (error[0] != null) throw error[0];
        if (failure[0] != null) throw failure[0];
        for (Projection p : projections) {
            p.groups = result[p.id];
            p.events = new long[workers * PAD];
            long n = 0;
            int lo = Integer.MAX_VALUE;
            int hi = 0;
            for (SynapseGroup[] gs : p.groups) {
                for (SynapseGroup g : gs) {
                    n += g.size();
                    if (g.size() == 0) continue;
                    if (g.delays == null) {
                        lo = Math.min(lo, g.dConst);
                        hi = Math.max(hi, g.dConst);
                    } else {
                        for (char d : g.delays) {
                            lo = Math.min(lo, d);
                            hi = Math.max(hi, d);
                        }
                    }
                }
            }
            p.synapseCount = n;
            p.minDelaySteps = lo;
            p.maxDelaySteps = hi;
        }
    }

    private static void join(Thread[] threads) {
        for (Thread t : threads) {
            boolean interrupted = false;
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ simulation

    /** Simulates {@code ms} of biological time (a multiple of dt). */
    public void simulate(double ms) {
        simulate(ms, null);
    }

    /** Simulates {@code ms} of biological time, reporting progress to {@code listener}. */
    public void simulate(double ms, ProgressListener listener) {
        long n = Math.round(ms / dt);
        if (!(ms >= 0) || Math.abs(n * dt - ms) > 1e-9 * Math.max(1, ms)) {
            throw new ModelException("simulate", "duration", "value " + ms + " ms is invalid; valid: a non-negative multiple of dt = " + dt + " ms");
        }
        simulateSteps(n, listener);
    }

    /** Simulates {@code n} steps. */
    public void simulateSteps(long n, ProgressListener listener) {
        if (broken) throw new IllegalStateException("a previous run failed; the network state is undefined");
        build();
        if (n == 0) return;
        if (step + n > Integer.MAX_VALUE) throw new ModelException("simulate", "duration", "more than 2^31 steps in total");
        long t0 = step;
        long t1 = step + n;
        for (StateRecorder r : stateRecorders) r.reserve(t0, t1);
        for (SpikeRecorder r : spikeRecorders) r.invalidate();
        if (t0 == 0) {
            for (WeightRecorder r : wrecs) if (r.due(0)) for (int w = 0; w < workers; w++) r.sample(w, 0);
        }
        running = true;
        try {
            Worker[] ws = new Worker[workers];
            SpinBarrier barrier = new SpinBarrier(workers);
            for (int w = 0; w < workers; w++) ws[w] = new Worker(w, ws, barrier, t0, t1, w == 0 ? listener : null);
            Thread[] threads = new Thread[workers - 1];
            for (int w = 1; w < workers; w++) {
                threads[w - 1] = new Thread(ws[w], "myelin-worker-" + w);
                threads[w - 1].start();
            }
            // runs too short for a check of their own still count towards this JVM's total
            Simd.consider(0, 0, n, 0);
            final long started = System.nanoTime();
            try {
                ws[0].run();
                join(threads);
            } finally {
                Simd.ran(System.nanoTime() - started);
            }
            for (Worker w : ws) {
                if (w.failure != null) {
                    broken = true;
                    if (w.failure instanceof RuntimeException) throw (RuntimeException) w.failure;
                    if (w.failure instanceof Error) throw (Error) w.failure;
                    throw new IllegalStateException(w.failure);
                }
            }
            step = t1;
            neuronUpdates += n * totalNeurons();
            for (Population p : populations) p.updates += n * p.size;
            for (StateRecorder r : stateRecorders) r.commit();
        } finally {
            running = false;
        }
    }

    /**
     * Writes everything that evolves in this network (state, input rings with spikes in transit,
     * short-term and plastic synapse state, postsynaptic spike histories, volume-transmitter spikes,
     * the step counter) to {@code out}; builds the network first if needed. Recorders are not
     * included. A network built from the same description (any number of threads) that restores the
     * snapshot with {@link #restoreState} continues bit-identically to this one. Buffered: wrap
     * {@code out} as you like; it is flushed, not closed.
     */
    public void saveState(java.io.OutputStream out) throws java.io.IOException {
        checkNotRunning();
        if (broken) throw new IllegalStateException("a previous run failed; the network state is undefined");
        build();
        java.io.DataOutputStream d = new java.io.DataOutputStream(new java.io.BufferedOutputStream(out, 1 << 16));
        Checkpoint.save(this, d);
        d.flush();
    }

    /**
     * Replaces this network's evolving state with a snapshot written by {@link #saveState}; builds
     * the network first if needed. Throws {@link java.io.IOException} if the snapshot comes from a
     * network of another structure (populations, projections, synapse counts, stimuli, dt or seed)
     * or is damaged; the state is then undefined until a successful restore. Recorders keep what
     * they hold and record on from the restored step.
     */
    public void restoreState(java.io.InputStream in) throws java.io.IOException {
        checkNotRunning();
        build();
        java.io.DataInputStream d = new java.io.DataInputStream(new java.io.BufferedInputStream(in, 1 << 16));
        try {
            Checkpoint.restore(this, d);
            broken = false;
        } catch (java.io.IOException | RuntimeException e) {
            broken = true;
            throw e;
        }
    }

    /** Steps simulated so far. */
    public long currentStep() {
        return step;
    }

    /** Biological time simulated so far, in ms. */
    public double time() {
        return step * dt;
    }

    /** Seconds the last {@link #build()} took. */
    public double buildSeconds() {
        return buildSeconds;
    }

    /** Exchange interval in steps (the minimum delay); available after build. */
    public int exchangeInterval() {
        return interval;
    }

    /** Ring slots (longest delay + 1); available after build. */
    public int ringSlots() {
        return slots;
    }

    public long totalNeurons() {
        long n = 0;
        for (Population p : populations) n += p.size;
        return n;
    }

    public long totalSynapses() {
        long n = 0;
        for (Projection p : projections) n += p.synapseCount;
        return n;
    }

    /** Spikes emitted so far, over all populations. */
    public long totalSpikes() {
        long n = 0;
        for (Population p : populations) n += p.spikeCount();
        return n;
    }

    /** Synaptic events delivered so far, over all projections. */
    public long totalEvents() {
        long n = 0;
        for (Projection p : projections) n += p.events();
        return n;
    }

    /** Neuron updates so far (neurons times steps). */
    public long neuronUpdates() {
        return neuronUpdates;
    }

    /** One worker: owns a slice of every population and the synapses onto it. */
    private final class Worker implements Runnable {
        final int w;
        final Worker[] all;
        final SpinBarrier barrier;
        final long t0;
        final long t1;
        final ProgressListener listener;
        final SpikeBuffer[][] buf;
        final int[][][] stepEnd;
        Throwable failure;

        Worker(int w, Worker[] all, SpinBarrier barrier, long t0, long t1, ProgressListener listener) {
            this.w = w;
            this.all = all;
            this.barrier = barrier;
            this.t0 = t0;
            this.t1 = t1;
            this.listener = listener;
            int np = pops.length;
            buf = new SpikeBuffer[2][np];
            stepEnd = new int[2][np][interval];
            for (int par = 0; par < 2; par++) {
                for (int p = 0; p < np; p++) {
                    int slice = to[p][w] - from[p][w];
                    buf[par][p] = new SpikeBuffer(Math.max(64, slice / 8));
                }
            }
        }

        @Override
        public void run() {
            try {
                loop();
            } catch (Throwable e) {
                failure = e;
                barrier.abort();
            }
        }

        private void loop() {
            final int np = pops.length;
            final int k = interval;
            final int d = slots;
            int par = 0;
            long lastReport = System.nanoTime();
            final long started = lastReport;
            int sinceCheck = 0;
            long checkedAt = -1, checkedStep = t0;
            for (long t = t0; t < t1; t += k) {
                // worker 0 asks every 64 exchanges whether the run is long enough for the vector
                // passes, from the pace of the latest 64 (Simd's auto policy; the kernels switch at
                // their next call, with identical results)
                if (w == 0 && ++sinceCheck == 64 && !Simd.engaged()) {
                    sinceCheck = 0;
                    final long now = System.nanoTime();
                    if (checkedAt >= 0) Simd.consider(now - checkedAt, t - checkedStep, t1 - t, now - started);
                    checkedAt = now;
                    checkedStep = t;
                }
                final int len = (int) Math.min(k, t1 - t);
                final SpikeBuffer[] mine = buf[par];
                for (int p = 0; p < np; p++) mine[p].clear();
                for (int s = 0; s < len; s++) update(t + s, s, par, np, d);
                barrier.await();
                for (int s = 0; s < len; s++) deliver(t + s, s, par, np, d);
                par ^= 1;
                if (listener != null) {
                    long now = System.nanoTime();
                    if (now - lastReport > 200_000_000L || t + len >= t1) {
                        lastReport = now;
                        listener.progress(t + len - t0, t1 - t0);
                    }
                }
            }
        }

        private void update(long t, int s, int par, int np, int d) {
            final int slot = (int) (t % d);
            for (int p = 0; p < np; p++) {
                final Population pop = pops[p];
                final int lo = from[p][w];
                final int hi = to[p][w];
                final SpikeBuffer b = buf[par][p];
                final int before = b.size;
                final int off = pop.offset(w);
                if (lo < hi) {
                    final int base = slot * pop.length;
                    for (Stimulation st : stims[p]) st.apply(t, lo, hi, d, dt, off);
                    pop.kernel.update(t, pop.state, pop.ring, base, lo + off, hi + off, b);
                    if (off != 0) {
                        // the kernel reported positions; the rest of the loop deals in neuron numbers
                        final int[] ids = b.ids;
                        for (int q = before; q < b.size; q++) ids[q] -= off;
                    }
                    final double[][] ring = pop.ring;
                    final boolean[] live = pop.livePorts;
                    for (int k = 0; k < ring.length; k++) {
                        if (live[k]) Arrays.fill(ring[k], base + lo + off, base + hi + off, 0.0);
                    }
                }
                stepEnd[par][p][s] = b.size;
                final PostArchive[] ar = archives[p];
                if (ar != null && b.size > before) ar[w].record(b.ids, before, b.size, (int) (t + 1));
                pop.spikeCounts[w * PAD] += b.size - before;
                for (SpikeRecorder r : spikeRecs[p]) r.record(w, (int) t, b.ids, before, b.size);
                for (RateRecorder r : rateRecs[p]) r.counts[w].add(b.size - before);
                for (StateRecorder r : stateRecs[p]) r.record(t, lo, hi, off, pop.state);
            }
        }

        private void deliver(long t, int s, int par, int np, int d) {
            final int stamp = (int) (t + 1);
            final int nv = vts.length;
            for (int v = 0; v < nv; v++) modulate(v, s, par, stamp);
            for (int p = 0; p < np; p++) {
                final Projection[] out = outgoing[p];
                if (out.length == 0) continue;
                for (Projection proj : out) {
                    final Population tgt = proj.target;
                    final SynapseGroup[] groups = proj.groups[w];
                    long ev = 0;
                    for (SynapseGroup g : groups) {
                        final double[] ring = tgt.ring[g.port];
                        for (Worker src : all) {
                            final int[] se = src.stepEnd[par][p];
                            final int a = s == 0 ? 0 : se[s - 1];
                            final int b = se[s];
                            if (a < b) ev += g.deliver(src.buf[par][p].ids, a, b, t, ring, tgt.length, d, dt);
                        }
                    }
                    proj.events[w * PAD] += ev;
                }
            }
            for (int v = 0; v < nv; v++) if (stamp % vtPeriod[v] == 0) trigger(v, stamp);
            final WeightRecorder[] wr = wrecs;
            for (int r = 0; r < wr.length; r++) if (wr[r].due(stamp)) wr[r].sample(w, stamp);
        }

        /**
         * Appends the volume transmitter's event of step s (the weighted spike counts of its sources,
         * from every worker's buffer) to this worker's copy; a step whose multiplicity is 0 adds none.
         */
        private void modulate(int v, int s, int par, int stamp) {
            final int[] ps = vtPops[v];
            final double[] ws = vtWeights[v];
            double m = 0;
            for (int k = 0; k < ps.length; k++) {
                final int p = ps[k];
                int count = 0;
                for (Worker src : all) {
                    final int[] se = src.stepEnd[par][p];
                    count += se[s] - (s == 0 ? 0 : se[s - 1]);
                }
                if (count > 0) m += ws[k] * count;
            }
            if (m != 0) mods[v][w].add(stamp + vtDelay[v], m);
        }

        /** The volume transmitter's periodic update of this worker's synapses, then a fresh spike list. */
        private void trigger(int v, int stamp) {
            for (SynapseGroup g : vtGroups[v][w]) g.trigger(stamp);
            mods[v][w].rebase(stamp);
        }
    }

    @Override
    public String toString() {
        return "Network(" + populations.size() + " populations, " + projections.size() + " projections, dt " + dt
                + " ms, " + workers + " threads)";
    }
}
