package org.myelin.sdr.algorithms;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.myelin.sdr.Rng;
import org.myelin.sdr.StateIo;

/**
 * NuPIC's backtracking temporal memory ({@code BacktrackingTM}, "TP" in older papers; the C++
 * {@code Cells4} used by the published NAB "numenta" detector), reimplemented on flat
 * {@link Connections}.
 *
 * <p>It keeps two sets of cell states. The <b>inference</b> state predicts: a cell is predictive when
 * one of its segments has {@code >= activationThreshold} active connected synapses; each such
 * segment, and each segment with that many active synapses of any permanence, adds its duty cycle to
 * its column's <i>confidence</i>. When the input was poorly predicted (fewer than half the active
 * columns had a predictive cell) or too few columns are predicted next, inference
 * <b>backtracks</b>: it replays the last {@code maxInfBacktrack} inputs starting from the "start
 * cells" (cell 0 of each column) at the oldest possible step, and keeps the first start point that
 * stays in sequence up to now. The <b>learning</b> state activates one cell per column: the predicted
 * one, or else the cell of the best-matching segment (at least {@code minThreshold} active synapses;
 * among equally matching cells the higher cell, as in Cells4) which is reinforced, or else a cell
 * (never cell 0) that gets a new segment with up to {@code newSynapseCount} synapses from the
 * previous learning cells. The cell predicted for the next step is, per column, the one with the
 * best segment of at least {@code activationThreshold} synapses from the learning cells (ties again
 * to the higher cell); its segment is queued and reinforced at the next step only if its column
 * becomes active. After {@code pamLength} steps out of sequence, or {@code maxSeqLength} steps in a
 * sequence, learning starts again from start cells, first trying to backtrack up to
 * {@code maxLrnBacktrack} steps.
 *
 * <p>The raw anomaly score of a step is the fraction of active columns whose confidence was zero
 * after the previous step (NuPIC's {@code TMRegion} in anomaly mode).
 *
 * <p>Supported is NuPIC's "fixed size" mode (the one NAB used): {@code maxSegmentsPerCell > 0}
 * (the lowest duty-cycle segment of a column is freed when all its cells are full) and
 * {@code maxSynapsesPerSegment > 0} (the weakest inactive synapses are freed first); global decay,
 * pooling and the statistics are left out. Synapse permanences are 32-bit floats, as in C++. All
 * per-step work is driven by the active cells' synapses (via the presynaptic index), not by scans
 * of all segments; only the nine duty-cycle tier boundaries (iterations 100, 320, ..., 320000)
 * touch every segment, as the original does.
 *
 * <p>Not thread-safe. Deterministic for a given seed; {@link #save}/{@link #load} continue
 * bit-identically.
 */
public final class BacktrackingTemporalMemory implements SequenceMemory {

    /**
     * Configuration with NuPIC's parameter names. The defaults are the parameters of the published
     * NAB detector (NuPIC's {@code best_single_metric_anomaly_params_cpp.json} plus the class
     * defaults it leaves unset: {@code connectedPerm 0.5}, {@code maxInfBacktrack 10},
     * {@code maxLrnBacktrack 5}, {@code maxSeqLength 32}, {@code permanenceMax 1}).
     */
    public static final class Context {
        private int numberOfCols = 2048;
        private int cellsPerColumn = 32;
        private float initialPerm = 0.21f;
        private float connectedPerm = 0.5f;
        private int minThreshold = 10;
        private int newSynapseCount = 20;
        private float permanenceInc = 0.1f;
        private float permanenceDec = 0.1f;
        private float permanenceMax = 1.0f;
        private int activationThreshold = 13;
        private int pamLength = 3;
        private int maxInfBacktrack = 10;
        private int maxLrnBacktrack = 5;
        private int maxSeqLength = 32;
        private int maxSegmentsPerCell = 128;
        private int maxSynapsesPerSegment = 32;
        private long seed = 1960;
        private boolean concluded;

        /** Number of columns (default 2048). */
        public Context numberOfCols(int v) {
            numberOfCols = v;
            return this;
        }

        /** Cells per column (default 32); cell 0 of each column is its start cell. */
        public Context cellsPerColumn(int v) {
            cellsPerColumn = v;
            return this;
        }

        /** Permanence of new synapses (default 0.21). */
        public Context initialPerm(double v) {
            initialPerm = (float) v;
            return this;
        }

        /** Connection threshold (default 0.5). */
        public Context connectedPerm(double v) {
            connectedPerm = (float) v;
            return this;
        }

        /** Active synapses for a best-matching segment (default 10). */
        public Context minThreshold(int v) {
            minThreshold = v;
            return this;
        }

        /** Synapses a learning segment grows to (default 20). */
        public Context newSynapseCount(int v) {
            newSynapseCount = v;
            return this;
        }

        /** Reinforcement (default 0.1). */
        public Context permanenceInc(double v) {
            permanenceInc = (float) v;
            return this;
        }

        /** Decay of inactive synapses of a reinforced segment (default 0.1). */
        public Context permanenceDec(double v) {
            permanenceDec = (float) v;
            return this;
        }

        /** Permanence cap (default 1). */
        public Context permanenceMax(double v) {
            permanenceMax = (float) v;
            return this;
        }

        /** Active synapses for a segment to predict (default 13). */
        public Context activationThreshold(int v) {
            activationThreshold = v;
            return this;
        }

        /** Steps to stay in "pay attention mode" out of sequence (default 3). */
        public Context pamLength(int v) {
            pamLength = v;
            return this;
        }

        /** Inputs kept for inference backtracking (default 10). */
        public Context maxInfBacktrack(int v) {
            maxInfBacktrack = v;
            return this;
        }

        /** Inputs kept for learning backtracking (default 5). */
        public Context maxLrnBacktrack(int v) {
            maxLrnBacktrack = v;
            return this;
        }

        /** Longest sequence learned before starting over, 0 = unbounded (default 32). */
        public Context maxSeqLength(int v) {
            maxSeqLength = v;
            return this;
        }

        /** Segments per cell (default 128). */
        public Context maxSegmentsPerCell(int v) {
            maxSegmentsPerCell = v;
            return this;
        }

        /** Synapses per segment (default 32). */
        public Context maxSynapsesPerSegment(int v) {
            maxSynapsesPerSegment = v;
            return this;
        }

        /** Random seed (default 1960). */
        public Context seed(long v) {
            seed = v;
            return this;
        }

        /** Validates; throws naming the parameter, its value and the allowed range. */
        public Context conclude() {
            req(numberOfCols > 0, "numberOfCols", numberOfCols, "> 0");
            req(cellsPerColumn > 0, "cellsPerColumn", cellsPerColumn, "> 0");
            req((long) numberOfCols * cellsPerColumn <= Integer.MAX_VALUE / 2, "cellsPerColumn", cellsPerColumn,
                    "numberOfCols * cellsPerColumn < 2^30");
            req(initialPerm >= 0 && initialPerm <= permanenceMax, "initialPerm", initialPerm, "[0, permanenceMax]");
            req(connectedPerm >= 0 && connectedPerm <= 1, "connectedPerm", connectedPerm, "[0, 1]");
            req(minThreshold > 0, "minThreshold", minThreshold, "> 0");
            req(activationThreshold > 0, "activationThreshold", activationThreshold, "> 0");
            req(newSynapseCount > 0, "newSynapseCount", newSynapseCount, "> 0");
            req(permanenceInc >= 0, "permanenceInc", permanenceInc, ">= 0");
            req(permanenceDec >= 0, "permanenceDec", permanenceDec, ">= 0");
            req(permanenceMax > 0, "permanenceMax", permanenceMax, "> 0");
            req(pamLength > 0, "pamLength", pamLength, "> 0");
            req(maxInfBacktrack >= 0, "maxInfBacktrack", maxInfBacktrack, ">= 0");
            req(maxLrnBacktrack >= 0, "maxLrnBacktrack", maxLrnBacktrack, ">= 0");
            req(maxSeqLength >= 0, "maxSeqLength", maxSeqLength, ">= 0 (0 = unbounded)");
            req(maxSegmentsPerCell > 0, "maxSegmentsPerCell", maxSegmentsPerCell, "> 0 (fixed-size mode)");
            req(maxSynapsesPerSegment >= newSynapseCount && maxSynapsesPerSegment <= 255, "maxSynapsesPerSegment",
                    maxSynapsesPerSegment, "[newSynapseCount (" + newSynapseCount + "), 255]");
            req(minThreshold <= 255 && activationThreshold <= 255, "minThreshold/activationThreshold",
                    minThreshold + "/" + activationThreshold, "<= 255");
            concluded = true;
            return this;
        }

        private static void req(boolean ok, String key, Object value, String range) {
            if (!ok) {
                throw new IllegalArgumentException("BacktrackingTemporalMemory parameter " + key + " = " + value
                        + " is invalid; allowed: " + range);
            }
        }
    }

    private static final int[] DUTY_CYCLE_TIERS = {0, 100, 320, 1000, 3200, 10000, 32000, 100000, 320000};
    private static final double[] DUTY_CYCLE_ALPHAS = {Double.NaN, 0.0032, 0.0010, 0.00032, 0.00010, 0.000032,
        0.00001, 0.0000032, 0.0000010};
    private static final int SEG_UPDATE_VALID_DURATION = 1;
    private static final float TRIM_PERMANENCE = 0.00001f;

    // parameters
    private final int numCols;
    private final int cellsPerColumn;
    private final int numCells;
    private final float initialPerm;
    private final float connectedPerm;
    private final int minThreshold;
    private final int newSynapseCount;
    private final float permanenceInc;
    private final float permanenceDec;
    private final float permanenceMax;
    private final int activationThreshold;
    private final int pamLength;
    private final int maxInfBacktrack;
    private final int maxLrnBacktrack;
    private final int maxSeqLength;
    private final int maxSegmentsPerCell;
    private final int maxSynapsesPerSegment;
    private final long seed;

    private final Rng rng;
    private final Connections conn;

    // per segment
    private int[] segLastActive = new int[0];
    private int[] segPositive = new int[0];
    private int[] segTotal = new int[0];
    private double[] segDutyCycle = new double[0];
    private int[] segDutyCycleIteration = new int[0];

    // states
    private CellSet infActiveT;
    private CellSet infActiveT1;
    private CellSet infPredT;
    private CellSet infPredT1;
    private final CellSet infActiveBackup;
    private final CellSet infPredBackup;
    private CellSet lrnActiveT;
    private CellSet lrnActiveT1;
    private CellSet lrnPredT;
    private CellSet lrnPredT1;
    private double[] colConfT;
    private double[] colConfT1;
    private int[] colConfList;
    private int colConfCount;
    private int[] colConfList1;
    private int colConfCount1;
    private final double[] cellConfT;
    private int[] cellConfList = new int[64];
    private int cellConfCount;

    private final PatternHistory infPatterns;
    private final PatternHistory lrnPatterns;

    private int lrnIterationIdx;
    private int iterationIdx;
    private int pamCounter;
    private int learnedSeqLength;
    private double avgLearnedSeqLength;
    private double avgInputDensity = Double.NaN;
    private boolean resetCalled;

    // queued segment updates (applied next step if their column becomes active)
    private int queueCount;
    private int[] qCell = new int[64];
    private int[] qSeg = new int[64];
    private int[] qCreated = new int[64];
    private int[] qActiveStart = new int[65];
    private int[] qNewStart = new int[65];
    private int[] qCells = new int[1024];
    private int qCellsCount;

    // scratch
    private final Connections.Activity inferActivity;
    private final Connections.Activity learnActivity;
    /** True when learnActivity holds the counts of the current lrnActiveT1 (from last step's learnPhase2). */
    private boolean learnActivityCached;
    private int[] modifiedSegs = new int[64];
    private int modifiedCount;
    private final int[] bestSeg;
    private final int[] bestAct;
    private final int[] bestCell;
    private final int[] bestCols;
    private final int[] colPredCell;
    private final byte[] colMark;
    private final byte[] cellMark;
    private int[] cand;
    private int[] updA = new int[64];
    private int[] updB = new int[64];
    private int[] inactiveScratch = new int[64];
    private int[] trimList = new int[64];
    private final boolean[] badStarts;

    public BacktrackingTemporalMemory(Context c) {
        this(c.concluded ? c : c.conclude(), null);
    }

    private BacktrackingTemporalMemory(Context c, Connections loaded) {
        numCols = c.numberOfCols;
        cellsPerColumn = c.cellsPerColumn;
        numCells = numCols * cellsPerColumn;
        initialPerm = c.initialPerm;
        connectedPerm = c.connectedPerm;
        minThreshold = c.minThreshold;
        newSynapseCount = c.newSynapseCount;
        permanenceInc = c.permanenceInc;
        permanenceDec = c.permanenceDec;
        permanenceMax = c.permanenceMax;
        activationThreshold = c.activationThreshold;
        pamLength = c.pamLength;
        maxInfBacktrack = c.maxInfBacktrack;
        maxLrnBacktrack = c.maxLrnBacktrack;
        maxSeqLength = c.maxSeqLength;
        maxSegmentsPerCell = c.maxSegmentsPerCell;
        maxSynapsesPerSegment = c.maxSynapsesPerSegment;
        seed = c.seed;
        rng = new Rng(seed);
        conn = loaded != null ? loaded : new Connections(numCells, maxSynapsesPerSegment, connectedPerm);
        infActiveT = new CellSet(numCells);
        infActiveT1 = new CellSet(numCells);
        infPredT = new CellSet(numCells);
        infPredT1 = new CellSet(numCells);
        infActiveBackup = new CellSet(numCells);
        infPredBackup = new CellSet(numCells);
        lrnActiveT = new CellSet(numCells);
        lrnActiveT1 = new CellSet(numCells);
        lrnPredT = new CellSet(numCells);
        lrnPredT1 = new CellSet(numCells);
        colConfT = new double[numCols];
        colConfT1 = new double[numCols];
        colConfList = new int[numCols];
        colConfList1 = new int[numCols];
        cellConfT = new double[numCells];
        infPatterns = new PatternHistory(maxInfBacktrack + 1, numCols);
        lrnPatterns = new PatternHistory(maxLrnBacktrack + 1, numCols);
        pamCounter = pamLength;
        bestSeg = new int[numCols];
        Arrays.fill(bestSeg, -1);
        bestAct = new int[numCols];
        bestCell = new int[numCols];
        bestCols = new int[numCols];
        colPredCell = new int[numCols];
        Arrays.fill(colPredCell, -1);
        colMark = new byte[numCols];
        cellMark = new byte[numCells];
        cand = new int[1024];
        badStarts = new boolean[Math.max(maxInfBacktrack, maxLrnBacktrack) + 2];
        inferActivity = new Connections.Activity(conn);
        learnActivity = new Connections.Activity(conn);
        fitSegmentArrays();
    }

    @Override
    public int numberOfColumns() {
        return numCols;
    }

    @Override
    public int cellsPerColumn() {
        return cellsPerColumn;
    }

    @Override
    public int numSegments() {
        return conn.numSegments();
    }

    @Override
    public long numSynapses() {
        return conn.numSynapses();
    }

    /** The segment and synapse store (read it, do not change it). */
    public Connections connections() {
        return conn;
    }

    /** Sorted cells active in the inference state. */
    public int[] activeCells() {
        return infActiveT.sortedMembers();
    }

    /** Sorted cells predicted (connected synapses) for the next step. */
    public int[] predictiveCells() {
        return infPredT.sortedMembers();
    }

    /** Sorted cells active in the learning state. */
    public int[] learnActiveCells() {
        return lrnActiveT.sortedMembers();
    }

    /** Confidence of each column for the next step (sums to 1 over columns, or all 0). */
    public double[] columnConfidences() {
        return colConfT.clone();
    }

    /** Sorted columns with non-zero confidence: NuPIC's {@code topDownCompute().nonzero()}. */
    public int[] predictedColumns() {
        int[] a = Arrays.copyOf(colConfList, colConfCount);
        Arrays.sort(a);
        return a;
    }

    /** Moving average of the learned sequence length (a diagnostic). */
    public double averageLearnedSequenceLength() {
        return avgLearnedSeqLength;
    }

    @Override
    public double compute(int[] activeColumns, int count, boolean learn) {
        for (int i = 0; i < count; i++) {
            int c = activeColumns[i];
            if (c < 0 || c >= numCols || (i > 0 && c <= activeColumns[i - 1])) {
                throw new IllegalArgumentException("active columns must be strictly ascending in [0, " + numCols
                        + "); found " + c + " at position " + i);
            }
        }
        int predicted = 0;
        for (int i = 0; i < count; i++) {
            if (colConfT[activeColumns[i]] > 0) {
                predicted++;
            }
        }
        double anomaly = count == 0 ? 0.0 : (count - predicted) / (double) count;

        conn.recycle();
        if (learn) {
            lrnIterationIdx++;
        }
        iterationIdx++;
        if (learn && Arrays.binarySearch(DUTY_CYCLE_TIERS, lrnIterationIdx) >= 0) {
            for (int s = 0, n = conn.segmentHandleBound(); s < n; s++) {
                if (conn.alive(s)) {
                    dutyCycle(s, false);
                }
            }
        }
        avgInputDensity = Double.isNaN(avgInputDensity) ? count : 0.99 * avgInputDensity + 0.01 * count;
        updateInferenceState(activeColumns, count);
        if (learn) {
            updateLearningState(activeColumns, count);
        } else {
            learnActivityCached = false;
        }
        resetCalled = false;
        return anomaly;
    }

    @Override
    public void reset() {
        infActiveT.clear();
        infActiveT1.clear();
        infPredT.clear();
        infPredT1.clear();
        lrnActiveT.clear();
        lrnActiveT1.clear();
        lrnPredT.clear();
        lrnPredT1.clear();
        clearColConf();
        for (int i = 0; i < colConfCount1; i++) {
            colConfT1[colConfList1[i]] = 0;
        }
        colConfCount1 = 0;
        clearCellConf();
        clearQueue();
        infPatterns.clear();
        lrnPatterns.clear();
        learnActivityCached = false;
        resetCalled = true;
    }

    // ---------------------------------------------------------------- duty cycles

    private double dutyCycle(int s, boolean active) {
        final int it = lrnIterationIdx;
        if (it <= DUTY_CYCLE_TIERS[1]) {
            double dc = segPositive[s] / (double) Math.max(1, it);
            segDutyCycle[s] = dc;
            segDutyCycleIteration[s] = it;
            return dc;
        }
        int age = it - segDutyCycleIteration[s];
        if (age == 0 && !active) {
            return segDutyCycle[s];
        }
        double alpha = 0;
        for (int tier = DUTY_CYCLE_TIERS.length - 1; tier > 0; tier--) {
            if (it > DUTY_CYCLE_TIERS[tier]) {
                alpha = DUTY_CYCLE_ALPHAS[tier];
                break;
            }
        }
        double dc = Math.pow(1.0 - alpha, age) * segDutyCycle[s];
        if (active) {
            dc += alpha;
        }
        segDutyCycle[s] = dc;
        segDutyCycleIteration[s] = it;
        return dc;
    }

    // ---------------------------------------------------------------- inference

    private void updateInferenceState(int[] cols, int n) {
        CellSet t = infActiveT1;
        infActiveT1 = infActiveT;
        infActiveT = t;
        t = infPredT1;
        infPredT1 = infPredT;
        infPredT = t;
        swapColConf();

        if (maxInfBacktrack > 0) {
            if (infPatterns.size() > maxInfBacktrack) {
                infPatterns.popFront();
            }
            infPatterns.append(cols, n);
        }
        boolean inSequence = inferPhase1(cols, n, resetCalled);
        if (!inSequence) {
            inferBacktrack();
            return;
        }
        inSequence = inferPhase2();
        if (!inSequence) {
            inferBacktrack();
        }
    }

    private void swapColConf() {
        for (int i = 0; i < colConfCount1; i++) {
            colConfT1[colConfList1[i]] = 0;
        }
        double[] d = colConfT1;
        colConfT1 = colConfT;
        colConfT = d;
        int[] l = colConfList1;
        colConfList1 = colConfList;
        colConfList = l;
        colConfCount1 = colConfCount;
        colConfCount = 0;
    }

    private void clearColConf() {
        for (int i = 0; i < colConfCount; i++) {
            colConfT[colConfList[i]] = 0;
        }
        colConfCount = 0;
    }

    private void clearCellConf() {
        for (int i = 0; i < cellConfCount; i++) {
            cellConfT[cellConfList[i]] = 0;
        }
        cellConfCount = 0;
    }

    private boolean inferPhase1(int[] cols, int n, boolean useStartCells) {
        final CellSet active = infActiveT;
        final int k = cellsPerColumn;
        active.clear();
        if (useStartCells) {
            for (int i = 0; i < n; i++) {
                active.add(cols[i] * k);
            }
            return true;
        }
        final byte[] predicted = infPredT1.mask;
        int numPredictedColumns = 0;
        for (int i = 0; i < n; i++) {
            int base = cols[i] * k;
            boolean any = false;
            for (int j = 0; j < k; j++) {
                if (predicted[base + j] != 0) {
                    active.add(base + j);
                    any = true;
                }
            }
            if (any) {
                numPredictedColumns++;
            } else {
                for (int j = 0; j < k; j++) {
                    active.add(base + j);
                }
            }
        }
        return numPredictedColumns >= 0.5 * n;
    }

    private boolean inferPhase2() {
        infPredT.clear();
        clearCellConf();
        clearColConf();
        fitSegmentArrays();
        final Connections.Activity act = inferActivity;
        final int t = act.compute(infActiveT.list, infActiveT.count, activationThreshold);
        final int[] crossed = act.crossed();
        final int k = cellsPerColumn;
        double sum = 0;
        for (int j = 0; j < t; j++) {
            int s = crossed[j];
            int cell = conn.cell(s);
            int col = cell / k;
            double dc = dutyCycle(s, false);
            if (cellConfT[cell] == 0) {
                addCellConf(cell);
            }
            cellConfT[cell] += dc;
            if (colMark[col] == 0) {
                colMark[col] = 1;
                colConfList[colConfCount++] = col;
            }
            colConfT[col] += dc;
            sum += dc;
            if (act.connected(s) >= activationThreshold) {
                infPredT.add(cell);
            }
        }
        for (int i = 0; i < colConfCount; i++) {
            colMark[colConfList[i]] = 0;
        }
        if (sum > 0) {
            for (int i = 0; i < colConfCount; i++) {
                colConfT[colConfList[i]] /= sum;
            }
            for (int i = 0; i < cellConfCount; i++) {
                cellConfT[cellConfList[i]] /= sum;
            }
        }
        int numPredictedCols = 0;
        for (int i = 0; i < infPredT.count; i++) {
            int col = infPredT.list[i] / k;
            if (colMark[col] == 0) {
                colMark[col] = 1;
                numPredictedCols++;
            }
        }
        for (int i = 0; i < infPredT.count; i++) {
            colMark[infPredT.list[i] / k] = 0;
        }
        return numPredictedCols >= 0.5 * avgInputDensity;
    }

    private void addCellConf(int cell) {
        if (cellConfCount == cellConfList.length) {
            cellConfList = Arrays.copyOf(cellConfList, cellConfCount * 2);
        }
        cellConfList[cellConfCount++] = cell;
    }

    private void inferBacktrack() {
        final int numPrev = infPatterns.size();
        if (numPrev <= 0) {
            // nothing to replay: keep the previous prediction, as NuPIC does
            infPredT.copyFrom(infPredT1);
            clearColConf();
            for (int i = 0; i < colConfCount1; i++) {
                int c = colConfList1[i];
                colConfT[c] = colConfT1[c];
                colConfList[colConfCount++] = c;
            }
            return;
        }
        final int current = numPrev - 1;
        infActiveBackup.copyFrom(infActiveT);
        infPredBackup.copyFrom(infPredT1);
        final boolean[] bad = badStarts;
        Arrays.fill(bad, false);
        int candidate = -1;
        for (int start = 0; start < numPrev; start++) {
            boolean inSequence = false;
            for (int off = start; off < numPrev; off++) {
                infPredT1.copyFrom(infPredT);
                inSequence = inferPhase1(infPatterns.get(off), infPatterns.length(off), off == start);
                if (!inSequence) {
                    break;
                }
                inSequence = inferPhase2();
                if (!inSequence) {
                    break;
                }
            }
            if (!inSequence) {
                bad[start] = true;
                continue;
            }
            candidate = start;
            break;
        }
        if (candidate < 0) {
            infActiveT.copyFrom(infActiveBackup);
            inferPhase2();
        }
        for (int i = 0; i < numPrev; i++) {
            if (bad[i] || (candidate >= 0 && i <= candidate)) {
                infPatterns.popFront();
            } else {
                break;
            }
        }
        infPredT1.copyFrom(infPredBackup);
        assert current >= 0;
    }

    // ---------------------------------------------------------------- learning

    private void updateLearningState(int[] cols, int n) {
        CellSet t = lrnPredT1;
        lrnPredT1 = lrnPredT;
        lrnPredT = t;
        t = lrnActiveT1;
        lrnActiveT1 = lrnActiveT;
        lrnActiveT = t;

        if (maxLrnBacktrack > 0) {
            if (lrnPatterns.size() > maxLrnBacktrack) {
                lrnPatterns.popFront();
            }
            lrnPatterns.append(cols, n);
        }
        processSegmentUpdates(cols, n);
        if (pamCounter > 0) {
            pamCounter--;
        }
        learnedSeqLength++;
        if (!resetCalled) {
            boolean inSequence = learnPhase1(cols, n, false, learnActivityCached);
            if (inSequence) {
                pamCounter = pamLength;
            }
        }
        if (resetCalled || pamCounter == 0 || (maxSeqLength != 0 && learnedSeqLength >= maxSeqLength)) {
            int seqLength = pamCounter == 0 ? learnedSeqLength - pamLength : learnedSeqLength;
            double alpha = lrnIterationIdx < 100 ? 0.5 : 0.1;
            avgLearnedSeqLength = (1.0 - alpha) * avgLearnedSeqLength + alpha * seqLength;
            int backSteps = 0;
            if (!resetCalled) {
                backSteps = learnBacktrack();
            }
            if (resetCalled || backSteps == 0) {
                backSteps = 0;
                lrnActiveT.clear();
                for (int i = 0; i < n; i++) {
                    lrnActiveT.add(cols[i] * cellsPerColumn);
                }
                lrnPatterns.clear();
            }
            pamCounter = pamLength;
            learnedSeqLength = backSteps;
            clearQueue();
        }
        learnPhase2(false);
        learnActivityCached = true;
    }

    /**
     * Counts the synapses from {@code state} on every segment (keeping the counts in
     * {@link #learnActivity}) and finds, per column, the best segment with at least
     * {@code bestThreshold} of them.
     */
    private int computeBests(CellSet state, int bestThreshold) {
        fitSegmentArrays();
        final Connections.Activity act = learnActivity;
        final int t = act.compute(state.list, state.count, Math.min(minThreshold, activationThreshold));
        return bests(act.crossed(), t, null, 0, bestThreshold);
    }

    /**
     * Finds, per column, the best segment among {@code a[0, na)} and {@code b[0, nb)} with at least
     * {@code threshold} synapses from the active cells counted in {@link #learnActivity}. Ties go to
     * the <b>higher</b> cell, as in Cells4 ({@code getBestMatchingCellT} scans the cells from the last
     * down and keeps the first strict maximum; {@code getBestMatchingCellT1} scans them upwards and
     * replaces the best on {@code >=}) and in NuPIC's Python {@code _getBestMatchingCell}; within one
     * cell the earlier segment wins (here the lower segment handle; Cells4 uses its slot order).
     */
    private int bests(int[] a, int na, int[] b, int nbs, int threshold) {
        final Connections.Activity act = learnActivity;
        final int k = cellsPerColumn;
        int nb = 0;
        for (int j = 0; j < na + nbs; j++) {
            int s = j < na ? a[j] : b[j - na];
            int act0 = act.potential(s);
            if (act0 < threshold || !conn.alive(s)) {
                continue;
            }
            int cell = conn.cell(s);
            int col = cell / k;
            int best = bestSeg[col];
            if (best < 0) {
                bestCols[nb++] = col;
            } else if (!(act0 > bestAct[col] || (act0 == bestAct[col]
                    && (cell > bestCell[col] || (cell == bestCell[col] && s < best))))) {
                continue;
            }
            bestSeg[col] = s;
            bestAct[col] = act0;
            bestCell[col] = cell;
        }
        return nb;
    }

    /**
     * The bests of learnPhase1 from the counts learnPhase2 made for the same cells at the previous
     * step, after recounting the segments the queued updates changed since.
     */
    private int cachedBests(int threshold) {
        final Connections.Activity act = learnActivity;
        final byte[] mask = lrnActiveT1.mask;
        for (int i = 0; i < modifiedCount; i++) {
            int s = modifiedSegs[i];
            if (!conn.alive(s)) {
                continue;
            }
            int base = conn.firstSlot(s);
            int pot = 0;
            for (int q = 0, ns = conn.numSynapses(s); q < ns; q++) {
                pot += mask[conn.presynapticCell(base + q)];
            }
            act.set(s, pot, 0);
        }
        return bests(act.crossed(), act.crossedCount(), modifiedSegs, modifiedCount, threshold);
    }

    private void clearBests(int nb) {
        for (int i = 0; i < nb; i++) {
            bestSeg[bestCols[i]] = -1;
        }
    }

    private boolean learnPhase1(int[] cols, int n, boolean readOnly, boolean cached) {
        lrnActiveT.clear();
        final int k = cellsPerColumn;
        for (int i = 0; i < lrnPredT1.count; i++) {
            int cell = lrnPredT1.list[i];
            colPredCell[cell / k] = cell;
        }
        int nb = readOnly ? 0 : cached ? cachedBests(minThreshold) : computeBests(lrnActiveT1, minThreshold);
        int numUnpredicted = 0;
        for (int i = 0; i < n; i++) {
            int c = cols[i];
            int pc = colPredCell[c];
            if (pc >= 0) {
                lrnActiveT.add(pc);
                continue;
            }
            numUnpredicted++;
            if (readOnly) {
                continue;
            }
            int s = bestSeg[c];
            if (s >= 0 && conn.alive(s)) {
                int cell = bestCell[c];
                lrnActiveT.add(cell);
                int nA = activeSynapses(s, lrnActiveT1, updA);
                int nB = chooseCellsToLearnFrom(s, newSynapseCount - nA, lrnActiveT1);
                segTotal[s]++;
                if (applyUpdate(cell, s, updA, 0, nA, updB, nB)) {
                    trimSegment(s);
                }
            } else {
                int cell = cellForNewSegment(c);
                lrnActiveT.add(cell);
                int nB = chooseCellsToLearnFrom(-1, newSynapseCount, lrnActiveT1);
                applyUpdate(cell, -1, updA, 0, 0, updB, nB);
            }
        }
        clearBests(nb);
        for (int i = 0; i < lrnPredT1.count; i++) {
            colPredCell[lrnPredT1.list[i] / k] = -1;
        }
        return numUnpredicted < n / 2;
    }

    private void learnPhase2(boolean readOnly) {
        lrnPredT.clear();
        int nb = computeBests(lrnActiveT, activationThreshold);
        Arrays.sort(bestCols, 0, nb);
        for (int i = 0; i < nb; i++) {
            int col = bestCols[i];
            int cell = bestCell[col];
            int s = bestSeg[col];
            lrnPredT.add(cell);
            if (readOnly) {
                continue;
            }
            int nA = activeSynapses(s, lrnActiveT, updA);
            int nB = nA < newSynapseCount ? chooseCellsToLearnFrom(s, newSynapseCount - nA, lrnActiveT) : 0;
            segTotal[s]++;
            if (nA + nB > 0) {
                enqueue(cell, s, updA, nA, updB, nB);
            }
        }
        clearBests(nb);
    }

    /** Presynaptic cells of {@code s}'s synapses that are in {@code state}; returns their number. */
    private int activeSynapses(int s, CellSet state, int[] out) {
        final int base = conn.firstSlot(s);
        int n = 0;
        for (int k = 0, ns = conn.numSynapses(s); k < ns; k++) {
            int pre = conn.presynapticCell(base + k);
            if (state.mask[pre] != 0) {
                out[n++] = pre;
            }
        }
        return n;
    }

    /**
     * Up to {@code n} random cells of {@code state} not yet on segment {@code s} (-1 for a new
     * segment), sorted, into {@link #updB}; returns how many.
     */
    private int chooseCellsToLearnFrom(int s, int n, CellSet state) {
        if (n <= 0 || state.count == 0) {
            return 0;
        }
        if (cand.length < state.count) {
            cand = new int[Math.max(state.count, cand.length * 2)];
        }
        int nc = 0;
        if (s >= 0) {
            final int base = conn.firstSlot(s);
            final int ns = conn.numSynapses(s);
            for (int k = 0; k < ns; k++) {
                cellMark[conn.presynapticCell(base + k)] = 1;
            }
            for (int i = 0; i < state.count; i++) {
                int c = state.list[i];
                if (cellMark[c] == 0) {
                    cand[nc++] = c;
                }
            }
            for (int k = 0; k < ns; k++) {
                cellMark[conn.presynapticCell(base + k)] = 0;
            }
        } else {
            System.arraycopy(state.list, 0, cand, 0, state.count);
            nc = state.count;
        }
        Arrays.sort(cand, 0, nc);
        if (updB.length < Math.min(n, nc)) {
            updB = new int[Math.max(Math.min(n, nc), updB.length * 2)];
        }
        if (nc <= n) {
            System.arraycopy(cand, 0, updB, 0, nc);
            return nc;
        }
        if (n == 1) {
            updB[0] = cand[rng.nextInt(nc)];
            return 1;
        }
        rng.sample(cand, nc, n);
        System.arraycopy(cand, 0, updB, 0, n);
        Arrays.sort(updB, 0, n);
        return n;
    }

    /**
     * Applies an update: reinforces synapses from {@code a[from, from+nA)}, decays the others, frees
     * the weakest if the new synapses {@code b[0, nB)} would not fit, and adds them. With
     * {@code s = -1} creates a new segment on {@code cell} (nothing if {@code nB == 0}). Returns
     * whether a permanence reached 0 (the segment then needs trimming).
     */
    private boolean applyUpdate(int cell, int s, int[] a, int from, int nA, int[] b, int nB) {
        if (s < 0) {
            if (nB == 0) {
                return false;
            }
            int seg = createSegment(cell);
            for (int i = 0; i < nB; i++) {
                conn.createSynapse(seg, b[i], initialPerm);
            }
            return false;
        }
        segLastActive[s] = lrnIterationIdx;
        segPositive[s]++;
        dutyCycle(s, true);
        for (int i = 0; i < nA; i++) {
            cellMark[a[from + i]] = 1;
        }
        boolean reached0 = false;
        final int base = conn.firstSlot(s);
        final int ns = conn.numSynapses(s);
        if (inactiveScratch.length < ns) {
            inactiveScratch = new int[Math.max(ns, inactiveScratch.length * 2)];
        }
        int nInactive = 0;
        for (int k = 0; k < ns; k++) {
            int slot = base + k;
            int pre = conn.presynapticCell(slot);
            float p = conn.permanence(slot);
            if (cellMark[pre] != 0) {
                p += permanenceInc;
                if (p > permanenceMax) {
                    p = permanenceMax;
                }
            } else {
                p -= permanenceDec;
                if (p <= 0f) {
                    p = 0f;
                    reached0 = true;
                }
                inactiveScratch[nInactive++] = pre;
            }
            conn.permanence(slot, p);
        }
        for (int i = 0; i < nA; i++) {
            cellMark[a[from + i]] = 0;
        }
        int overflow = ns + nB - maxSynapsesPerSegment;
        if (overflow > 0) {
            freeSynapses(s, overflow, nInactive);
        }
        for (int i = 0; i < nB; i++) {
            conn.createSynapse(s, b[i], initialPerm);
        }
        return reached0;
    }

    /** Frees {@code count} synapses of {@code s}: lowest-permanence inactive ones first, then active. */
    private void freeSynapses(int s, int count, int nInactive) {
        final int[] inactive = inactiveScratch;
        for (int i = 0; i < nInactive; i++) {
            cellMark[inactive[i]] = 1;
        }
        for (int r = 0; r < count; r++) {
            int victim = -1;
            boolean victimInactive = false;
            final int base = conn.firstSlot(s);
            for (int k = 0, ns = conn.numSynapses(s); k < ns; k++) {
                int slot = base + k;
                boolean isInactive = cellMark[conn.presynapticCell(slot)] != 0;
                if (victim < 0 || (isInactive && !victimInactive)
                        || (isInactive == victimInactive && (conn.permanence(slot) < conn.permanence(victim)
                                || (conn.permanence(slot) == conn.permanence(victim)
                                        && conn.presynapticCell(slot) < conn.presynapticCell(victim))))) {
                    victim = slot;
                    victimInactive = isInactive;
                }
            }
            if (victim < 0) {
                break;
            }
            cellMark[conn.presynapticCell(victim)] = 0;
            conn.destroySynapse(victim);
        }
        for (int i = 0; i < nInactive; i++) {
            cellMark[inactive[i]] = 0;
        }
    }

    /** Removes synapses with permanence below 1e-5, and the segment if none is left. */
    private void trimSegment(int s) {
        final int base = conn.firstSlot(s);
        for (int k = conn.numSynapses(s) - 1; k >= 0; k--) {
            if (conn.permanence(base + k) < TRIM_PERMANENCE) {
                conn.destroySynapse(base + k);
            }
        }
        if (conn.numSynapses(s) == 0) {
            destroySegment(s);
        }
    }

    private void destroySegment(int s) {
        conn.destroySegment(s);
        for (int i = 0; i < queueCount; i++) {
            if (qSeg[i] == s) {
                qSeg[i] = -2;
            }
        }
    }

    private int createSegment(int cell) {
        int s = conn.createSegment(cell);
        fitSegmentArrays();
        segLastActive[s] = lrnIterationIdx;
        segPositive[s] = 1;
        segTotal[s] = 1;
        segDutyCycle[s] = 1.0 / Math.max(1, lrnIterationIdx);
        segDutyCycleIteration[s] = lrnIterationIdx;
        return s;
    }

    /**
     * A cell of column {@code c} (never the start cell) for a new segment: a random one among those
     * below {@code maxSegmentsPerCell}, else the owner of the column's lowest duty-cycle segment,
     * which is freed.
     */
    private int cellForNewSegment(int c) {
        final int k = cellsPerColumn;
        final int lo = k > 1 ? 1 : 0;
        final int base = c * k;
        int nc = 0;
        for (int i = lo; i < k; i++) {
            if (conn.numSegments(base + i) < maxSegmentsPerCell) {
                cand[nc++] = base + i;
            }
        }
        if (nc > 0) {
            return cand[rng.nextInt(nc)];
        }
        int victim = -1;
        int victimCell = -1;
        double victimDc = 1.0;
        for (int i = lo; i < k; i++) {
            int cell = base + i;
            int[] segs = conn.segments(cell);
            for (int j = 0, m = conn.numSegments(cell); j < m; j++) {
                double dc = dutyCycle(segs[j], false);
                if (dc < victimDc) {
                    victimDc = dc;
                    victim = segs[j];
                    victimCell = cell;
                }
            }
        }
        if (victim < 0) {
            victimCell = base + lo;
            victim = conn.segments(victimCell)[0];
        }
        destroySegment(victim);
        return victimCell;
    }

    private void enqueue(int cell, int s, int[] a, int nA, int[] b, int nB) {
        if (queueCount == qCell.length) {
            int m = queueCount * 2;
            qCell = Arrays.copyOf(qCell, m);
            qSeg = Arrays.copyOf(qSeg, m);
            qCreated = Arrays.copyOf(qCreated, m);
            qActiveStart = Arrays.copyOf(qActiveStart, m + 1);
            qNewStart = Arrays.copyOf(qNewStart, m + 1);
        }
        if (qCellsCount + nA + nB > qCells.length) {
            qCells = Arrays.copyOf(qCells, Math.max(qCells.length * 2, qCellsCount + nA + nB));
        }
        qCell[queueCount] = cell;
        qSeg[queueCount] = s;
        qCreated[queueCount] = lrnIterationIdx;
        qActiveStart[queueCount] = qCellsCount;
        System.arraycopy(a, 0, qCells, qCellsCount, nA);
        qCellsCount += nA;
        qNewStart[queueCount] = qCellsCount;
        System.arraycopy(b, 0, qCells, qCellsCount, nB);
        qCellsCount += nB;
        queueCount++;
        qActiveStart[queueCount] = qCellsCount;
    }

    private void clearQueue() {
        queueCount = 0;
        qCellsCount = 0;
    }

    private void processSegmentUpdates(int[] cols, int n) {
        for (int i = 0; i < n; i++) {
            colMark[cols[i]] = 1;
        }
        modifiedCount = 0;
        int nt = 0;
        for (int q = 0; q < queueCount; q++) {
            int cell = qCell[q];
            int s = qSeg[q];
            if (colMark[cell / cellsPerColumn] == 0 || lrnIterationIdx - qCreated[q] > SEG_UPDATE_VALID_DURATION
                    || s < 0 || !conn.alive(s)) {
                continue;
            }
            int aStart = qActiveStart[q];
            int bStart = qNewStart[q];
            int end = qActiveStart[q + 1];
            int nB = end - bStart;
            if (updB.length < nB) {
                updB = new int[Math.max(nB, updB.length * 2)];
            }
            System.arraycopy(qCells, bStart, updB, 0, nB);
            if (modifiedCount == modifiedSegs.length) {
                modifiedSegs = Arrays.copyOf(modifiedSegs, modifiedCount * 2);
            }
            modifiedSegs[modifiedCount++] = s;
            if (applyUpdate(cell, s, qCells, aStart, bStart - aStart, updB, nB)) {
                if (nt == trimList.length) {
                    trimList = Arrays.copyOf(trimList, nt * 2);
                }
                trimList[nt++] = s;
            }
        }
        clearQueue();
        for (int i = 0; i < n; i++) {
            colMark[cols[i]] = 0;
        }
        for (int i = 0; i < nt; i++) {
            if (conn.alive(trimList[i])) {
                trimSegment(trimList[i]);
            }
        }
    }

    private int learnBacktrack() {
        final int numPrev = lrnPatterns.size() - 1;
        if (numPrev <= 0) {
            return 0;
        }
        final boolean[] bad = badStarts;
        Arrays.fill(bad, false);
        int found = -1;
        for (int start = 0; start < numPrev; start++) {
            if (learnBacktrackFrom(start, true)) {
                found = start;
                break;
            }
            bad[start] = true;
        }
        if (found < 0) {
            lrnPatterns.clear();
            return 0;
        }
        learnBacktrackFrom(found, false);
        for (int i = 0; i < numPrev; i++) {
            if (bad[i] || i <= found) {
                lrnPatterns.popFront();
            } else {
                break;
            }
        }
        return numPrev - found;
    }

    private boolean learnBacktrackFrom(int start, boolean readOnly) {
        final int numPrev = lrnPatterns.size();
        final int current = numPrev - 1;
        if (!readOnly) {
            clearQueue();
        }
        boolean inSequence = true;
        for (int off = start; off < numPrev; off++) {
            CellSet t = lrnPredT1;
            lrnPredT1 = lrnPredT;
            lrnPredT = t;
            t = lrnActiveT1;
            lrnActiveT1 = lrnActiveT;
            lrnActiveT = t;
            int[] pattern = lrnPatterns.get(off);
            int len = lrnPatterns.length(off);
            if (!readOnly) {
                processSegmentUpdates(pattern, len);
            }
            if (off == start) {
                lrnActiveT.clear();
                for (int i = 0; i < len; i++) {
                    lrnActiveT.add(pattern[i] * cellsPerColumn);
                }
                inSequence = true;
            } else {
                inSequence = learnPhase1(pattern, len, readOnly, false);
            }
            if (!inSequence || off == current) {
                break;
            }
            learnPhase2(readOnly);
        }
        return inSequence;
    }

    private void fitSegmentArrays() {
        int n = conn.segmentArrayLength();
        if (segLastActive.length < n) {
            segLastActive = Arrays.copyOf(segLastActive, n);
            segPositive = Arrays.copyOf(segPositive, n);
            segTotal = Arrays.copyOf(segTotal, n);
            segDutyCycle = Arrays.copyOf(segDutyCycle, n);
            segDutyCycleIteration = Arrays.copyOf(segDutyCycleIteration, n);
        }
    }

    // ---------------------------------------------------------------- save / restore

    @Override
    public void save(DataOutput out) throws IOException {
        StateIo.header(out, "BacktrackingTemporalMemory", 1);
        out.writeInt(numCols);
        out.writeInt(cellsPerColumn);
        out.writeFloat(initialPerm);
        out.writeFloat(connectedPerm);
        out.writeInt(minThreshold);
        out.writeInt(newSynapseCount);
        out.writeFloat(permanenceInc);
        out.writeFloat(permanenceDec);
        out.writeFloat(permanenceMax);
        out.writeInt(activationThreshold);
        out.writeInt(pamLength);
        out.writeInt(maxInfBacktrack);
        out.writeInt(maxLrnBacktrack);
        out.writeInt(maxSeqLength);
        out.writeInt(maxSegmentsPerCell);
        out.writeInt(maxSynapsesPerSegment);
        out.writeLong(seed);
        out.writeLong(rng.state());
        conn.save(out);
        int hw = conn.segmentHandleBound();
        StateIo.writeInts(out, segLastActive, hw);
        StateIo.writeInts(out, segPositive, hw);
        StateIo.writeInts(out, segTotal, hw);
        StateIo.writeDoubles(out, segDutyCycle, hw);
        StateIo.writeInts(out, segDutyCycleIteration, hw);
        for (CellSet s : new CellSet[] {infActiveT, infActiveT1, infPredT, infPredT1, lrnActiveT, lrnActiveT1,
            lrnPredT, lrnPredT1}) {
            StateIo.writeInts(out, s.list, s.count);
        }
        StateIo.writeInts(out, colConfList, colConfCount);
        for (int i = 0; i < colConfCount; i++) {
            out.writeDouble(colConfT[colConfList[i]]);
        }
        StateIo.writeInts(out, colConfList1, colConfCount1);
        for (int i = 0; i < colConfCount1; i++) {
            out.writeDouble(colConfT1[colConfList1[i]]);
        }
        StateIo.writeInts(out, cellConfList, cellConfCount);
        for (int i = 0; i < cellConfCount; i++) {
            out.writeDouble(cellConfT[cellConfList[i]]);
        }
        for (PatternHistory h : new PatternHistory[] {infPatterns, lrnPatterns}) {
            out.writeInt(h.size());
            for (int i = 0; i < h.size(); i++) {
                StateIo.writeInts(out, h.get(i), h.length(i));
            }
        }
        out.writeInt(lrnIterationIdx);
        out.writeInt(iterationIdx);
        out.writeInt(pamCounter);
        out.writeInt(learnedSeqLength);
        out.writeDouble(avgLearnedSeqLength);
        out.writeDouble(avgInputDensity);
        out.writeBoolean(resetCalled);
        out.writeInt(queueCount);
        StateIo.writeInts(out, qCell, queueCount);
        StateIo.writeInts(out, qSeg, queueCount);
        StateIo.writeInts(out, qCreated, queueCount);
        StateIo.writeInts(out, qActiveStart, queueCount + 1);
        StateIo.writeInts(out, qNewStart, queueCount);
        StateIo.writeInts(out, qCells, qCellsCount);
    }

    /** Reads a memory written by {@link #save}. */
    public static BacktrackingTemporalMemory load(DataInput in) throws IOException {
        StateIo.expect(in, "BacktrackingTemporalMemory", 1);
        Context c = new Context().numberOfCols(in.readInt()).cellsPerColumn(in.readInt());
        c.initialPerm = in.readFloat();
        c.connectedPerm = in.readFloat();
        c.minThreshold(in.readInt()).newSynapseCount(in.readInt());
        c.permanenceInc = in.readFloat();
        c.permanenceDec = in.readFloat();
        c.permanenceMax = in.readFloat();
        c.activationThreshold(in.readInt()).pamLength(in.readInt()).maxInfBacktrack(in.readInt())
                .maxLrnBacktrack(in.readInt()).maxSeqLength(in.readInt()).maxSegmentsPerCell(in.readInt())
                .maxSynapsesPerSegment(in.readInt()).seed(in.readLong());
        long rngState = in.readLong();
        BacktrackingTemporalMemory tm = new BacktrackingTemporalMemory(c.conclude(), Connections.load(in));
        tm.rng.state(rngState);
        tm.fitSegmentArrays();
        copyInto(StateIo.readInts(in), tm.segLastActive);
        copyInto(StateIo.readInts(in), tm.segPositive);
        copyInto(StateIo.readInts(in), tm.segTotal);
        double[] dc = StateIo.readDoubles(in);
        System.arraycopy(dc, 0, tm.segDutyCycle, 0, dc.length);
        copyInto(StateIo.readInts(in), tm.segDutyCycleIteration);
        for (CellSet s : new CellSet[] {tm.infActiveT, tm.infActiveT1, tm.infPredT, tm.infPredT1, tm.lrnActiveT,
            tm.lrnActiveT1, tm.lrnPredT, tm.lrnPredT1}) {
            s.setMembers(StateIo.readInts(in));
        }
        int[] cl = StateIo.readInts(in);
        for (int col : cl) {
            tm.colConfT[col] = in.readDouble();
            tm.colConfList[tm.colConfCount++] = col;
        }
        cl = StateIo.readInts(in);
        for (int col : cl) {
            tm.colConfT1[col] = in.readDouble();
            tm.colConfList1[tm.colConfCount1++] = col;
        }
        cl = StateIo.readInts(in);
        for (int cell : cl) {
            tm.cellConfT[cell] = in.readDouble();
            tm.addCellConf(cell);
        }
        for (PatternHistory h : new PatternHistory[] {tm.infPatterns, tm.lrnPatterns}) {
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                int[] p = StateIo.readInts(in);
                h.append(p, p.length);
            }
        }
        tm.lrnIterationIdx = in.readInt();
        tm.iterationIdx = in.readInt();
        tm.pamCounter = in.readInt();
        tm.learnedSeqLength = in.readInt();
        tm.avgLearnedSeqLength = in.readDouble();
        tm.avgInputDensity = in.readDouble();
        tm.resetCalled = in.readBoolean();
        int q = in.readInt();
        tm.qCell = Arrays.copyOf(StateIo.readInts(in), Math.max(64, q));
        tm.qSeg = Arrays.copyOf(StateIo.readInts(in), Math.max(64, q));
        tm.qCreated = Arrays.copyOf(StateIo.readInts(in), Math.max(64, q));
        tm.qActiveStart = Arrays.copyOf(StateIo.readInts(in), Math.max(65, q + 1));
        tm.qNewStart = Arrays.copyOf(StateIo.readInts(in), Math.max(65, q + 1));
        int[] cells = StateIo.readInts(in);
        tm.qCells = Arrays.copyOf(cells, Math.max(1024, cells.length));
        tm.qCellsCount = cells.length;
        tm.queueCount = q;
        return tm;
    }

    private static void copyInto(int[] src, int[] dst) {
        System.arraycopy(src, 0, dst, 0, src.length);
    }
}
