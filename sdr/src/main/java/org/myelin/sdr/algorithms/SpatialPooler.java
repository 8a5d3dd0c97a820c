package org.myelin.sdr.algorithms;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.myelin.sdr.Rng;
import org.myelin.sdr.Sdr;
import org.myelin.sdr.StateIo;

/**
 * The spatial pooler: maps a binary input to a fixed-sparsity set of active columns so that similar
 * inputs give similar outputs, learning which input bits each column responds to.
 *
 * <p>Each column has a potential pool (a random {@code potentialPct} of the inputs within
 * {@code potentialRadius} of its centre) with a permanence per potential synapse; synapses with
 * permanence {@code >= synPermConnected} are connected. A column's overlap is its number of
 * connected synapses to active inputs, multiplied by its boost factor while learning. Inhibition
 * (global, or local within {@code inhibitionRadius}) keeps the columns with the highest overlaps.
 * Learning raises the permanences of active columns' synapses to active inputs by
 * {@code synPermActiveInc} and lowers those to inactive inputs by {@code synPermInactiveDec};
 * columns whose overlap duty cycle falls below {@code minPctOverlapDutyCycles} of their
 * neighbourhood's best have all their permanences raised, and boosting (strength
 * {@code boostStrength}) favours columns that are active less often than the target density.
 * This follows htm.core's {@code SpatialPooler} and uses its parameter names.
 *
 * <p>Layout: permanences are stored column-major (learning touches the active columns' pools
 * sequentially), and each column also keeps a bitset of its connected synapses over the span of its
 * potential pool, so an overlap is a few {@code AND}s and {@code popcount}s per column.
 *
 * <p>Inhibition, as in htm.core: only columns whose boosted overlap is at least
 * {@code stimulusThreshold} can win. Global inhibition (also used when the local inhibition radius
 * exceeds every column dimension) keeps the {@code floor(density * numColumns)} best; ties between
 * equal overlaps are broken by a fixed tiny random value per column (below 1e-4, so never against a
 * real difference), as NuPIC did. Local inhibition follows {@code inhibitColumnsLocal_} exactly (see
 * {@link #inhibitionRadius()} and the rule on {@code inhibitLocal}): a column wins if fewer than
 * {@code (int) (0.5 + density * neighbourhoodSize)} of its neighbours within the inhibition radius
 * beat it, an equal neighbour beating it when already chosen. The inhibition radius is recomputed
 * every 50 steps of learning from the average connected span of the columns (htm.core's
 * {@code updateInhibitionRadius_}).
 *
 * <p>Not thread-safe. Deterministic for a given seed; {@link #save}/{@link #load} continue
 * bit-identically.
 */
public final class SpatialPooler implements StateIo.Saveable {

    /**
     * Configuration with htm.core's parameter names and defaults (except where noted); validated by
     * {@link #conclude()}.
     */
    public static final class Context {
        private int[] inputDimensions = {32, 32};
        private int[] columnDimensions = {64, 64};
        private int potentialRadius = 16;
        private double potentialPct = 0.5;
        private boolean globalInhibition = true;
        private double localAreaDensity = 0.02;
        private int numActiveColumnsPerInhArea = -1;
        private int stimulusThreshold = 0;
        private float synPermInactiveDec = 0.008f;
        private float synPermActiveInc = 0.05f;
        private float synPermConnected = 0.1f;
        private double minPctOverlapDutyCycles = 0.001;
        private int dutyCyclePeriod = 1000;
        private double boostStrength = 0.0;
        private long seed = 1;
        private boolean wrapAround = true;
        private boolean concluded;

        /** Shape of the input (default 32 x 32). */
        public Context inputDimensions(int... v) {
            inputDimensions = v.clone();
            return this;
        }

        /** Shape of the column array (default 64 x 64). */
        public Context columnDimensions(int... v) {
            columnDimensions = v.clone();
            return this;
        }

        /** Input radius a column can potentially connect to (default 16; use the input size for global). */
        public Context potentialRadius(int v) {
            potentialRadius = v;
            return this;
        }

        /** Fraction of the inputs within the radius in each potential pool (default 0.5). */
        public Context potentialPct(double v) {
            potentialPct = v;
            return this;
        }

        /** Global (default) or local inhibition. */
        public Context globalInhibition(boolean v) {
            globalInhibition = v;
            return this;
        }

        /** Target fraction of active columns (default 0.02); clears numActiveColumnsPerInhArea. */
        public Context localAreaDensity(double v) {
            localAreaDensity = v;
            numActiveColumnsPerInhArea = -1;
            return this;
        }

        /** NuPIC's alternative to the density: active columns per inhibition area; clears the density. */
        public Context numActiveColumnsPerInhArea(int v) {
            numActiveColumnsPerInhArea = v;
            localAreaDensity = -1;
            return this;
        }

        /** Minimum overlap for a column to be active (default 0). */
        public Context stimulusThreshold(int v) {
            stimulusThreshold = v;
            return this;
        }

        /** Permanence decrement for synapses to inactive inputs (default 0.008). */
        public Context synPermInactiveDec(double v) {
            synPermInactiveDec = (float) v;
            return this;
        }

        /** Permanence increment for synapses to active inputs (default 0.05). */
        public Context synPermActiveInc(double v) {
            synPermActiveInc = (float) v;
            return this;
        }

        /** Connection threshold (default 0.1). */
        public Context synPermConnected(double v) {
            synPermConnected = (float) v;
            return this;
        }

        /** Weak-column threshold as a fraction of the neighbourhood's best overlap duty cycle (0.001). */
        public Context minPctOverlapDutyCycles(double v) {
            minPctOverlapDutyCycles = v;
            return this;
        }

        /** Averaging period of the duty cycles (default 1000). */
        public Context dutyCyclePeriod(int v) {
            dutyCyclePeriod = v;
            return this;
        }

        /** Boosting strength, 0 = off (default 0). */
        public Context boostStrength(double v) {
            boostStrength = v;
            return this;
        }

        /** Random seed (default 1). */
        public Context seed(long v) {
            seed = v;
            return this;
        }

        /** Whether neighbourhoods wrap around the edges (default true). */
        public Context wrapAround(boolean v) {
            wrapAround = v;
            return this;
        }

        /** Validates; throws naming the parameter, its value and the allowed range. */
        public Context conclude() {
            if (inputDimensions.length == 0 || columnDimensions.length == 0) {
                throw new IllegalArgumentException("inputDimensions and columnDimensions must not be empty");
            }
            if (inputDimensions.length != columnDimensions.length) {
                throw new IllegalArgumentException("inputDimensions " + Arrays.toString(inputDimensions)
                        + " and columnDimensions " + Arrays.toString(columnDimensions)
                        + " must have the same number of dimensions");
            }
            for (int d : inputDimensions) {
                require(d > 0, "inputDimensions", Arrays.toString(inputDimensions), "all > 0");
            }
            for (int d : columnDimensions) {
                require(d > 0, "columnDimensions", Arrays.toString(columnDimensions), "all > 0");
            }
            require(potentialRadius >= 0, "potentialRadius", potentialRadius, ">= 0");
            require(potentialPct > 0 && potentialPct <= 1, "potentialPct", potentialPct, "(0, 1]");
            if (numActiveColumnsPerInhArea > 0) {
                require(localAreaDensity <= 0, "localAreaDensity", localAreaDensity,
                        "<= 0 when numActiveColumnsPerInhArea is set");
            } else {
                require(localAreaDensity > 0 && localAreaDensity <= 0.5, "localAreaDensity", localAreaDensity,
                        "(0, 0.5] (or set numActiveColumnsPerInhArea)");
            }
            require(stimulusThreshold >= 0, "stimulusThreshold", stimulusThreshold, ">= 0");
            require(synPermConnected > 0 && synPermConnected < 1, "synPermConnected", synPermConnected, "(0, 1)");
            require(synPermActiveInc >= 0 && synPermActiveInc <= 1, "synPermActiveInc", synPermActiveInc,
                    "[0, 1]");
            require(synPermInactiveDec >= 0 && synPermInactiveDec <= 1, "synPermInactiveDec",
                    synPermInactiveDec, "[0, 1]");
            require(minPctOverlapDutyCycles >= 0 && minPctOverlapDutyCycles <= 1, "minPctOverlapDutyCycles",
                    minPctOverlapDutyCycles, "[0, 1]");
            require(dutyCyclePeriod > 0, "dutyCyclePeriod", dutyCyclePeriod, "> 0");
            require(boostStrength >= 0, "boostStrength", boostStrength, ">= 0");
            concluded = true;
            return this;
        }

        private static void require(boolean ok, String key, Object value, String range) {
            if (!ok) {
                throw new IllegalArgumentException("SpatialPooler parameter " + key + " = " + value
                        + " is invalid; allowed: " + range);
            }
        }
    }

    private static final int UPDATE_PERIOD = 50;
    private static final double CONNECTED_PCT = 0.5;
    private static final float EPSILON = 1e-6f;

    // parameters
    private final int[] inputDims;
    private final int[] columnDims;
    private final int potentialRadius;
    private final double potentialPct;
    private final boolean globalInhibition;
    private final double localAreaDensity;
    private final int numActiveColumnsPerInhArea;
    private final int stimulusThreshold;
    private final float synPermInactiveDec;
    private final float synPermActiveInc;
    private final float synPermConnected;
    private final float synPermTrimThreshold;
    private final float synPermBelowStimulusInc;
    private final double minPctOverlapDutyCycles;
    private final int dutyCyclePeriod;
    private final double boostStrength;
    private final long seed;
    private final boolean wrapAround;

    // structure
    private final int numInputs;
    private final int numColumns;
    private final int[] colStart;
    private final int[] poolInput;
    private final int[] wordOffset;
    private final int[] wordCount;
    private final int[] bitsStart;
    private final long[] connectedBits;

    // state
    private final float[] perm;
    private final int[] connectedCount;
    private final double[] tieBreaker;
    private final double[] overlapDutyCycles;
    private final double[] activeDutyCycles;
    private final double[] minOverlapDutyCycles;
    private final double[] boostFactors;
    private int inhibitionRadius;
    private long iterationNum;
    private long iterationLearnNum;
    private final Rng rng;

    // scratch
    private final int[] overlaps;
    private final double[] boostedOverlaps;
    private final double[] rankScores;
    private final long[] inputWords;
    private final int[] heap;
    private final int[] columnScratch;
    private final boolean[] selected;
    private final Topology.Neighborhood columnHood;
    private final int[] radiusCoords;
    private final int[] radiusLo;
    private final int[] radiusHi;

    /** Builds a spatial pooler from a (concluded or not yet concluded) context. */
    public SpatialPooler(Context c) {
        if (!c.concluded) {
            c.conclude();
        }
        inputDims = c.inputDimensions.clone();
        columnDims = c.columnDimensions.clone();
        potentialRadius = c.potentialRadius;
        potentialPct = c.potentialPct;
        globalInhibition = c.globalInhibition;
        localAreaDensity = c.localAreaDensity;
        numActiveColumnsPerInhArea = c.numActiveColumnsPerInhArea;
        stimulusThreshold = c.stimulusThreshold;
        synPermInactiveDec = c.synPermInactiveDec;
        synPermActiveInc = c.synPermActiveInc;
        synPermConnected = c.synPermConnected;
        synPermTrimThreshold = c.synPermActiveInc / 2.0f;
        synPermBelowStimulusInc = c.synPermConnected / 10.0f;
        minPctOverlapDutyCycles = c.minPctOverlapDutyCycles;
        dutyCyclePeriod = c.dutyCyclePeriod;
        boostStrength = c.boostStrength;
        seed = c.seed;
        wrapAround = c.wrapAround;

        numInputs = Topology.product(inputDims);
        numColumns = Topology.product(columnDims);
        rng = new Rng(seed);

        // potential pools, column-major
        int[] hood = new int[numInputs];
        int[][] pools = new int[numColumns][];
        int total = 0;
        int[] cc = new int[columnDims.length];
        int[] ic = new int[inputDims.length];
        for (int col = 0; col < numColumns; col++) {
            Topology.coordinates(col, columnDims, cc);
            for (int d = 0; d < cc.length; d++) {
                ic[d] = (int) ((cc[d] + 0.5) * inputDims[d] / (double) columnDims[d]);
                ic[d] = Math.min(ic[d], inputDims[d] - 1);
            }
            int center = Topology.index(ic, inputDims);
            int n = Topology.neighborhood(center, potentialRadius, inputDims, wrapAround, hood);
            int k = (int) Math.round(n * potentialPct);
            k = Math.max(1, k);
            rng.sample(hood, n, k);
            int[] pool = Arrays.copyOf(hood, k);
            Arrays.sort(pool);
            pools[col] = pool;
            total += k;
        }
        colStart = new int[numColumns + 1];
        poolInput = new int[total];
        perm = new float[total];
        int s = 0;
        for (int col = 0; col < numColumns; col++) {
            colStart[col] = s;
            for (int input : pools[col]) {
                poolInput[s++] = input;
            }
        }
        colStart[numColumns] = s;
        wordOffset = new int[numColumns];
        wordCount = new int[numColumns];
        bitsStart = new int[numColumns + 1];
        connectedBits = new long[layoutBits(colStart, poolInput, wordOffset, wordCount, bitsStart)];
        connectedCount = new int[numColumns];
        for (int col = 0; col < numColumns; col++) {
            for (int k = colStart[col]; k < colStart[col + 1]; k++) {
                float p;
                if (rng.nextDouble() <= CONNECTED_PCT) {
                    p = (float) (synPermConnected + (1.0 - synPermConnected) * rng.nextDouble());
                } else {
                    p = (float) (synPermConnected * rng.nextDouble());
                }
                perm[k] = p < synPermTrimThreshold ? 0f : p;
            }
            updatePermanencesForColumn(col, true);
        }
        tieBreaker = new double[numColumns];
        for (int col = 0; col < numColumns; col++) {
            tieBreaker[col] = 1e-4 * rng.nextDouble();
        }
        overlapDutyCycles = new double[numColumns];
        activeDutyCycles = new double[numColumns];
        minOverlapDutyCycles = new double[numColumns];
        boostFactors = new double[numColumns];
        Arrays.fill(boostFactors, 1.0);
        overlaps = new int[numColumns];
        boostedOverlaps = new double[numColumns];
        rankScores = new double[numColumns];
        inputWords = new long[(numInputs + 63) >>> 6];
        heap = new int[numColumns];
        columnScratch = new int[numColumns];
        selected = new boolean[numColumns];
        columnHood = new Topology.Neighborhood(columnDims, wrapAround);
        radiusCoords = new int[inputDims.length];
        radiusLo = new int[inputDims.length];
        radiusHi = new int[inputDims.length];
        updateInhibitionRadius();
    }

    /** Lays out each column's connected-synapse bitset over the words its pool spans; returns the total. */
    private static int layoutBits(int[] colStart, int[] poolInput, int[] wordOffset, int[] wordCount, int[] bitsStart) {
        int n = wordOffset.length;
        int total = 0;
        for (int col = 0; col < n; col++) {
            int from = colStart[col];
            int to = colStart[col + 1];
            int first = poolInput[from] >>> 6;
            int last = poolInput[to - 1] >>> 6;
            wordOffset[col] = first;
            wordCount[col] = last - first + 1;
            bitsStart[col] = total;
            total += last - first + 1;
        }
        bitsStart[n] = total;
        return total;
    }

    public int numInputs() {
        return numInputs;
    }

    public int numColumns() {
        return numColumns;
    }

    public int[] columnDimensions() {
        return columnDims.clone();
    }

    public int[] inputDimensions() {
        return inputDims.clone();
    }

    public int inhibitionRadius() {
        return inhibitionRadius;
    }

    public long iterationNum() {
        return iterationNum;
    }

    /** The overlaps of the last compute (before boosting); read-only view. */
    public int[] overlaps() {
        return overlaps;
    }

    /**
     * The overlaps the last compute's inhibition compared: overlaps times boost factors when learning,
     * the plain overlaps otherwise (without the tie-breaker); read-only view.
     */
    public double[] boostedOverlaps() {
        return boostedOverlaps;
    }

    /** Current boost factors; read-only view. */
    public double[] boostFactors() {
        return boostFactors;
    }

    /** Current active duty cycles; read-only view. */
    public double[] activeDutyCycles() {
        return activeDutyCycles;
    }

    /** Number of connected synapses of each column; read-only view. */
    public int[] connectedCounts() {
        return connectedCount;
    }

    /** The potential inputs of {@code column}, sorted. */
    public int[] potentialPool(int column) {
        return Arrays.copyOfRange(poolInput, colStart[column], colStart[column + 1]);
    }

    /** The permanences of {@code column}'s potential synapses, in {@link #potentialPool} order. */
    public float[] permanences(int column) {
        return Arrays.copyOfRange(perm, colStart[column], colStart[column + 1]);
    }

    /** The number of columns active per step under global inhibition. */
    public int numActiveColumns() {
        return (int) Math.floor(density() * numColumns + 1e-9);
    }

    /** Computes the active columns for an input SDR into {@code activeColumns}. */
    public void compute(Sdr input, boolean learn, Sdr activeColumns) {
        if (input.size() != numInputs || activeColumns.size() != numColumns) {
            throw new IllegalArgumentException("SDR sizes " + input.size() + " -> " + activeColumns.size()
                    + " do not match the pooler's " + numInputs + " -> " + numColumns);
        }
        int n = compute(input.sparse(), input.sum(), learn, columnScratch);
        activeColumns.setSparse(columnScratch, n);
    }

    /**
     * Computes the active columns for the active inputs {@code activeInputs[0, count)} (distinct, any
     * order), writes their sorted indices into {@code activeColumnsOut} and returns how many.
     */
    public int compute(int[] activeInputs, int count, boolean learn, int[] activeColumnsOut) {
        final int[] ov = overlaps;
        final long[] in = inputWords;
        for (int a = 0; a < count; a++) {
            int i = activeInputs[a];
            if (i < 0 || i >= numInputs) {
                throw new IndexOutOfBoundsException("active input " + i + " outside [0, " + numInputs + ")");
            }
        }
        iterationNum++;
        if (learn) {
            iterationLearnNum++;
        }
        for (int a = 0; a < count; a++) {
            int i = activeInputs[a];
            in[i >>> 6] |= 1L << i;
        }
        final long[] bits = connectedBits;
        for (int c = 0; c < numColumns; c++) {
            int o = 0;
            int b = bitsStart[c];
            int w0 = wordOffset[c];
            for (int w = 0, nw = wordCount[c]; w < nw; w++) {
                o += Long.bitCount(bits[b + w] & in[w0 + w]);
            }
            ov[c] = o;
        }
        final double[] boosted = boostedOverlaps;
        final double[] rank = rankScores;
        final double[] tie = tieBreaker;
        final double[] bf = boostFactors;
        for (int c = 0; c < numColumns; c++) {
            double b = learn ? ov[c] * bf[c] : ov[c];
            boosted[c] = b;
            rank[c] = b + tie[c];
        }
        // htm.core: local inhibition whose radius exceeds every column dimension is global
        int n = globalInhibition || inhibitionRadius > maxColumnDimension() ? inhibitGlobal(activeColumnsOut)
                : inhibitLocal(activeColumnsOut);
        if (learn) {
            adaptSynapses(activeColumnsOut, n);
            updateDutyCycles(activeColumnsOut, n);
            bumpUpWeakColumns();
            updateBoostFactors();
            if (iterationNum % UPDATE_PERIOD == 0) {
                updateInhibitionRadius();
                updateMinDutyCycles();
            }
        }
        for (int a = 0; a < count; a++) {
            in[activeInputs[a] >>> 6] = 0;
        }
        return n;
    }

    private double density() {
        if (numActiveColumnsPerInhArea > 0) {
            int area;
            if (globalInhibition) {
                area = numColumns;
            } else {
                double a = Math.pow(2 * inhibitionRadius + 1, columnDims.length);
                area = (int) Math.min(a, numColumns);
            }
            return Math.min(numActiveColumnsPerInhArea / (double) area, 0.5);
        }
        return localAreaDensity;
    }

    private int inhibitGlobal(int[] out) {
        final int want = (int) Math.floor(density() * numColumns + 1e-9);
        final double[] score = rankScores;
        final double[] boosted = boostedOverlaps;
        final int[] h = heap;
        int size = 0;
        for (int c = 0; c < numColumns; c++) {
            if (boosted[c] < stimulusThreshold) {
                continue;
            }
            if (size < want) {
                // sift up
                int i = size++;
                h[i] = c;
                while (i > 0) {
                    int parent = (i - 1) >>> 1;
                    if (score[h[parent]] <= score[h[i]]) {
                        break;
                    }
                    int t = h[parent];
                    h[parent] = h[i];
                    h[i] = t;
                    i = parent;
                }
            } else if (want > 0 && score[c] > score[h[0]]) {
                h[0] = c;
                int i = 0;
                while (true) {
                    int l = 2 * i + 1;
                    if (l >= size) {
                        break;
                    }
                    int r = l + 1;
                    int m = (r < size && score[h[r]] < score[h[l]]) ? r : l;
                    if (score[h[i]] <= score[h[m]]) {
                        break;
                    }
                    int t = h[m];
                    h[m] = h[i];
                    h[i] = t;
                    i = m;
                }
            }
        }
        System.arraycopy(h, 0, out, 0, size);
        Arrays.sort(out, 0, size);
        return size;
    }

    /**
     * htm.core's {@code inhibitColumnsLocal_}: in column order, a column whose boosted overlap is at
     * least {@code stimulusThreshold} becomes active if fewer than
     * {@code numActive = (int) (0.5 + density * (numNeighbors + 1))} of its neighbours (the columns
     * within {@code inhibitionRadius}, itself excluded, wrapping if {@code wrapAround}) have a larger
     * boosted overlap, where a neighbour with an equal overlap counts as larger if it was already
     * selected in this step (so ties go to the lower index). Allocation-free: the neighbourhood is
     * enumerated into a reused array.
     */
    private int inhibitLocal(int[] out) {
        final double density = density();
        final double[] score = boostedOverlaps;
        final boolean[] sel = selected;
        final Topology.Neighborhood hood = columnHood;
        final int radius = inhibitionRadius;
        final double threshold = stimulusThreshold;
        int n = 0;
        for (int c = 0; c < numColumns; c++) {
            final double mine = score[c];
            if (mine < threshold) {
                continue;
            }
            final int m = hood.fill(c, radius);
            final int[] nb = hood.indices();
            int numBigger = 0;
            for (int k = 0; k < m; k++) {
                final int o = nb[k];
                final double other = score[o];
                if (o != c && (other > mine || (other == mine && sel[o]))) {
                    numBigger++;
                }
            }
            final int numActive = (int) (0.5 + density * m); // m = numNeighbors + 1
            if (numBigger < numActive) {
                out[n++] = c;
                sel[c] = true;
            }
        }
        for (int k = 0; k < n; k++) {
            sel[out[k]] = false;
        }
        return n;
    }

    /**
     * Raises the permanences of active columns' synapses to active inputs, lowers the others, then
     * trims, clips and refreshes the connected bitset, all in one pass per column.
     */
    private void adaptSynapses(int[] active, int n) {
        final float inc = synPermActiveInc;
        final float dec = -synPermInactiveDec;
        final float trim = synPermTrimThreshold;
        final float threshold = synPermConnected - EPSILON;
        final long[] in = inputWords;
        final long[] bits = connectedBits;
        final float[] p = perm;
        final int[] pool = poolInput;
        for (int a = 0; a < n; a++) {
            final int col = active[a];
            final int b = bitsStart[col];
            final int base = wordOffset[col] << 6;
            int connected = connectedCount[col];
            for (int k = colStart[col], end = colStart[col + 1]; k < end; k++) {
                final int input = pool[k];
                final float old = p[k];
                float v = old + ((in[input >>> 6] & (1L << input)) != 0 ? inc : dec);
                v = v < trim ? 0f : Math.min(v, 1f);
                p[k] = v;
                if ((old >= threshold) != (v >= threshold)) {
                    // rare: the synapse crossed the connection threshold
                    final int rel = input - base;
                    bits[b + (rel >>> 6)] ^= 1L << rel;
                    connected += v >= threshold ? 1 : -1;
                }
            }
            connectedCount[col] = connected;
            if (stimulusThreshold > 0 && connected < stimulusThreshold) {
                updatePermanencesForColumn(col, true);
            }
        }
    }

    /**
     * Raises to the stimulus threshold if asked, trims, clips, recounts connected synapses and
     * rebuilds the column's connected bitset.
     */
    private void updatePermanencesForColumn(int col, boolean raise) {
        final float[] p = perm;
        final int from = colStart[col];
        final int to = colStart[col + 1];
        final float threshold = synPermConnected - EPSILON;
        if (raise && stimulusThreshold > 0) {
            int guard = 0;
            while (true) {
                int connected = 0;
                for (int k = from; k < to; k++) {
                    if (p[k] >= threshold) {
                        connected++;
                    }
                }
                if (connected >= Math.min(stimulusThreshold, to - from) || guard++ > 1_000_000) {
                    break;
                }
                for (int k = from; k < to; k++) {
                    p[k] += synPermBelowStimulusInc;
                }
            }
        }
        final long[] bits = connectedBits;
        final int b = bitsStart[col];
        final int base = wordOffset[col] << 6;
        Arrays.fill(bits, b, b + wordCount[col], 0L);
        int connected = 0;
        for (int k = from; k < to; k++) {
            float v = p[k];
            if (v < synPermTrimThreshold) {
                v = 0f;
            } else if (v > 1f) {
                v = 1f;
            }
            p[k] = v;
            if (v >= threshold) {
                connected++;
                int rel = poolInput[k] - base;
                bits[b + (rel >>> 6)] |= 1L << rel;
            }
        }
        connectedCount[col] = connected;
    }

    private void updateDutyCycles(int[] active, int n) {
        final double period = Math.min(dutyCyclePeriod, iterationNum);
        final double keep = (period - 1) / period;
        final double add = 1.0 / period;
        for (int c = 0; c < numColumns; c++) {
            overlapDutyCycles[c] = overlapDutyCycles[c] * keep + (overlaps[c] > 0 ? add : 0.0);
            activeDutyCycles[c] = activeDutyCycles[c] * keep;
        }
        for (int a = 0; a < n; a++) {
            activeDutyCycles[active[a]] += add;
        }
    }

    private void bumpUpWeakColumns() {
        for (int c = 0; c < numColumns; c++) {
            if (overlapDutyCycles[c] >= minOverlapDutyCycles[c]) {
                continue;
            }
            for (int k = colStart[c]; k < colStart[c + 1]; k++) {
                perm[k] += synPermBelowStimulusInc;
            }
            updatePermanencesForColumn(c, false);
        }
    }

    private void updateBoostFactors() {
        if (boostStrength == 0) {
            return;
        }
        if (globalInhibition) {
            double target;
            if (numActiveColumnsPerInhArea > 0) {
                target = Math.min(numActiveColumnsPerInhArea / (double) numColumns, 0.5);
            } else {
                target = localAreaDensity;
            }
            for (int c = 0; c < numColumns; c++) {
                boostFactors[c] = Math.exp((target - activeDutyCycles[c]) * boostStrength);
            }
        } else {
            for (int c = 0; c < numColumns; c++) {
                int m = columnHood.fill(c, inhibitionRadius);
                int[] nb = columnHood.indices();
                double sum = 0;
                for (int k = 0; k < m; k++) {
                    sum += activeDutyCycles[nb[k]];
                }
                boostFactors[c] = Math.exp((sum / m - activeDutyCycles[c]) * boostStrength);
            }
        }
    }

    private void updateMinDutyCycles() {
        if (globalInhibition || inhibitionRadius > maxColumnDimension()) {
            double max = 0;
            for (int c = 0; c < numColumns; c++) {
                max = Math.max(max, overlapDutyCycles[c]);
            }
            Arrays.fill(minOverlapDutyCycles, minPctOverlapDutyCycles * max);
        } else {
            for (int c = 0; c < numColumns; c++) {
                int m = columnHood.fill(c, inhibitionRadius);
                int[] nb = columnHood.indices();
                double max = 0;
                for (int k = 0; k < m; k++) {
                    max = Math.max(max, overlapDutyCycles[nb[k]]);
                }
                minOverlapDutyCycles[c] = minPctOverlapDutyCycles * max;
            }
        }
    }

    private int maxColumnDimension() {
        int m = 0;
        for (int d : columnDims) {
            m = Math.max(m, d);
        }
        return m;
    }

    private void updateInhibitionRadius() {
        if (globalInhibition) {
            inhibitionRadius = maxColumnDimension();
            return;
        }
        double span = 0;
        int nd = inputDims.length;
        int[] coords = radiusCoords;
        int[] lo = radiusLo;
        int[] hi = radiusHi;
        for (int c = 0; c < numColumns; c++) {
            Arrays.fill(lo, Integer.MAX_VALUE);
            Arrays.fill(hi, Integer.MIN_VALUE);
            boolean any = false;
            for (int k = colStart[c]; k < colStart[c + 1]; k++) {
                if (perm[k] >= synPermConnected - EPSILON) {
                    any = true;
                    Topology.coordinates(poolInput[k], inputDims, coords);
                    for (int d = 0; d < nd; d++) {
                        lo[d] = Math.min(lo[d], coords[d]);
                        hi[d] = Math.max(hi[d], coords[d]);
                    }
                }
            }
            if (any) {
                double s = 0;
                for (int d = 0; d < nd; d++) {
                    s += hi[d] - lo[d] + 1;
                }
                span += s / nd;
            }
        }
        span /= numColumns;
        double columnsPerInput = 0;
        for (int d = 0; d < nd; d++) {
            columnsPerInput += columnDims[d] / (double) inputDims[d];
        }
        columnsPerInput /= nd;
        double radius = Math.max(1.0, (span * columnsPerInput - 1) / 2.0);
        inhibitionRadius = (int) Math.round(radius);
    }

    // ---------------------------------------------------------------- save / restore

    @Override
    public void save(DataOutput out) throws IOException {
        StateIo.header(out, "SpatialPooler", 1);
        StateIo.writeInts(out, inputDims);
        StateIo.writeInts(out, columnDims);
        out.writeInt(potentialRadius);
        out.writeDouble(potentialPct);
        out.writeBoolean(globalInhibition);
        out.writeDouble(localAreaDensity);
        out.writeInt(numActiveColumnsPerInhArea);
        out.writeInt(stimulusThreshold);
        out.writeFloat(synPermInactiveDec);
        out.writeFloat(synPermActiveInc);
        out.writeFloat(synPermConnected);
        out.writeDouble(minPctOverlapDutyCycles);
        out.writeInt(dutyCyclePeriod);
        out.writeDouble(boostStrength);
        out.writeLong(seed);
        out.writeBoolean(wrapAround);
        StateIo.writeInts(out, colStart);
        StateIo.writeInts(out, poolInput);
        StateIo.writeFloats(out, perm, poolInput.length);
        StateIo.writeDoubles(out, tieBreaker, numColumns);
        StateIo.writeDoubles(out, overlapDutyCycles, numColumns);
        StateIo.writeDoubles(out, activeDutyCycles, numColumns);
        StateIo.writeDoubles(out, minOverlapDutyCycles, numColumns);
        StateIo.writeDoubles(out, boostFactors, numColumns);
        out.writeInt(inhibitionRadius);
        out.writeLong(iterationNum);
        out.writeLong(iterationLearnNum);
        out.writeLong(rng.state());
    }

    /** Reads a pooler written by {@link #save}. */
    public static SpatialPooler load(DataInput in) throws IOException {
        StateIo.expect(in, "SpatialPooler", 1);
        Context c = new Context();
        c.inputDimensions(StateIo.readInts(in));
        c.columnDimensions(StateIo.readInts(in));
        c.potentialRadius(in.readInt());
        c.potentialPct(in.readDouble());
        c.globalInhibition(in.readBoolean());
        double density = in.readDouble();
        int numActive = in.readInt();
        if (numActive > 0) {
            c.numActiveColumnsPerInhArea(numActive);
        } else {
            c.localAreaDensity(density);
        }
        c.stimulusThreshold(in.readInt());
        c.synPermInactiveDec = in.readFloat();
        c.synPermActiveInc = in.readFloat();
        c.synPermConnected = in.readFloat();
        c.minPctOverlapDutyCycles(in.readDouble());
        c.dutyCyclePeriod(in.readInt());
        c.boostStrength(in.readDouble());
        c.seed(in.readLong());
        c.wrapAround(in.readBoolean());
        return new SpatialPooler(c.conclude(), in);
    }

    private SpatialPooler(Context c, DataInput in) throws IOException {
        inputDims = c.inputDimensions.clone();
        columnDims = c.columnDimensions.clone();
        potentialRadius = c.potentialRadius;
        potentialPct = c.potentialPct;
        globalInhibition = c.globalInhibition;
        localAreaDensity = c.localAreaDensity;
        numActiveColumnsPerInhArea = c.numActiveColumnsPerInhArea;
        stimulusThreshold = c.stimulusThreshold;
        synPermInactiveDec = c.synPermInactiveDec;
        synPermActiveInc = c.synPermActiveInc;
        synPermConnected = c.synPermConnected;
        synPermTrimThreshold = c.synPermActiveInc / 2.0f;
        synPermBelowStimulusInc = c.synPermConnected / 10.0f;
        minPctOverlapDutyCycles = c.minPctOverlapDutyCycles;
        dutyCyclePeriod = c.dutyCyclePeriod;
        boostStrength = c.boostStrength;
        seed = c.seed;
        wrapAround = c.wrapAround;
        numInputs = Topology.product(inputDims);
        numColumns = Topology.product(columnDims);
        colStart = StateIo.readInts(in);
        poolInput = StateIo.readInts(in);
        perm = StateIo.readFloats(in);
        wordOffset = new int[numColumns];
        wordCount = new int[numColumns];
        bitsStart = new int[numColumns + 1];
        connectedBits = new long[layoutBits(colStart, poolInput, wordOffset, wordCount, bitsStart)];
        tieBreaker = StateIo.readDoubles(in);
        overlapDutyCycles = StateIo.readDoubles(in);
        activeDutyCycles = StateIo.readDoubles(in);
        minOverlapDutyCycles = StateIo.readDoubles(in);
        boostFactors = StateIo.readDoubles(in);
        inhibitionRadius = in.readInt();
        iterationNum = in.readLong();
        iterationLearnNum = in.readLong();
        rng = new Rng(0);
        rng.state(in.readLong());
        connectedCount = new int[numColumns];
        for (int col = 0; col < numColumns; col++) {
            updatePermanencesForColumn(col, false);
        }
        overlaps = new int[numColumns];
        boostedOverlaps = new double[numColumns];
        rankScores = new double[numColumns];
        inputWords = new long[(numInputs + 63) >>> 6];
        heap = new int[numColumns];
        columnScratch = new int[numColumns];
        selected = new boolean[numColumns];
        columnHood = new Topology.Neighborhood(columnDims, wrapAround);
        radiusCoords = new int[inputDims.length];
        radiusLo = new int[inputDims.length];
        radiusHi = new int[inputDims.length];
    }
}
