package org.myelin.sdr.algorithms;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.myelin.sdr.Rng;
import org.myelin.sdr.Sdr;
import org.myelin.sdr.StateIo;

/**
 * The temporal memory with active dendrites (Hawkins and Ahmad 2016; htm.core's
 * {@code TemporalMemory}, same parameter names and learning rules).
 *
 * <p>Each column has {@code cellsPerColumn} cells; each cell has distal segments whose synapses come
 * from other cells. After the active cells of step t are known, a segment is <i>active</i> if at
 * least {@code activationThreshold} of its connected synapses (permanence {@code >=
 * connectedPermanence}) come from active cells, and <i>matching</i> if at least {@code minThreshold}
 * of all its synapses do. Cells with an active segment are predictive. At step t+1, in each active
 * column the predictive cells become active (the column was predicted); a column without predictive
 * cells <i>bursts</i>: all its cells become active, and one winner cell (the best-matching segment's,
 * or the least-used) learns the transition.
 *
 * <p>Learning reinforces correctly active segments (+{@code permanenceIncrement} to synapses from
 * previously active cells, -{@code permanenceDecrement} to the others), grows up to
 * {@code maxNewSynapseCount} synapses to previous winner cells, creates segments for unpredicted
 * transitions (removing the least recently used when a cell has {@code maxSegmentsPerCell}, and the
 * weakest synapses when a segment would exceed {@code maxSynapsesPerSegment}), punishes segments
 * that matched in inactive columns by {@code predictedSegmentDecrement}, and destroys synapses
 * whose permanence reaches 0 and segments left without synapses.
 *
 * <p>Storage is {@link Connections}: segment and synapse handles in flat arrays, and a presynaptic
 * index so that one step costs time proportional to the active cells' synapses and to the active
 * and matching segments, never to the total number of synapses.
 *
 * <p>Not thread-safe. Deterministic for a given seed; {@link #save}/{@link #load} continue
 * bit-identically.
 */
public final class TemporalMemory implements SequenceMemory {

    /** Configuration with htm.core's names and defaults; validated by {@link #conclude()}. */
    public static final class Context {
        private int numberOfColumns = 2048;
        private int cellsPerColumn = 32;
        private int activationThreshold = 13;
        private float initialPermanence = 0.21f;
        private float connectedPermanence = 0.5f;
        private int minThreshold = 10;
        private int maxNewSynapseCount = 20;
        private float permanenceIncrement = 0.1f;
        private float permanenceDecrement = 0.1f;
        private float predictedSegmentDecrement = 0.0f;
        private long seed = 42;
        private int maxSegmentsPerCell = 255;
        private int maxSynapsesPerSegment = 255;
        private boolean concluded;

        /** Number of columns (htm.core's product of {@code columnDimensions}; default 2048). */
        public Context columnDimensions(int... dims) {
            numberOfColumns = Topology.product(dims);
            return this;
        }

        /** Cells per column (default 32). */
        public Context cellsPerColumn(int v) {
            cellsPerColumn = v;
            return this;
        }

        /** Active connected synapses for a segment to be active (default 13). */
        public Context activationThreshold(int v) {
            activationThreshold = v;
            return this;
        }

        /** Permanence of new synapses (default 0.21). */
        public Context initialPermanence(double v) {
            initialPermanence = (float) v;
            return this;
        }

        /** Connection threshold (default 0.5). */
        public Context connectedPermanence(double v) {
            connectedPermanence = (float) v;
            return this;
        }

        /** Active potential synapses for a segment to be matching (default 10). */
        public Context minThreshold(int v) {
            minThreshold = v;
            return this;
        }

        /** Synapses grown per learning event (default 20). */
        public Context maxNewSynapseCount(int v) {
            maxNewSynapseCount = v;
            return this;
        }

        /** Reinforcement of correct synapses (default 0.1). */
        public Context permanenceIncrement(double v) {
            permanenceIncrement = (float) v;
            return this;
        }

        /** Decay of incorrect synapses (default 0.1). */
        public Context permanenceDecrement(double v) {
            permanenceDecrement = (float) v;
            return this;
        }

        /** Punishment of segments that predicted wrongly (default 0 = off). */
        public Context predictedSegmentDecrement(double v) {
            predictedSegmentDecrement = (float) v;
            return this;
        }

        /** Random seed (default 42). */
        public Context seed(long v) {
            seed = v;
            return this;
        }

        /** Segments per cell before the least recently used is removed (default 255). */
        public Context maxSegmentsPerCell(int v) {
            maxSegmentsPerCell = v;
            return this;
        }

        /** Synapses per segment before the weakest are removed (default 255). */
        public Context maxSynapsesPerSegment(int v) {
            maxSynapsesPerSegment = v;
            return this;
        }

        /** Validates; throws naming the parameter, its value and the allowed range. */
        public Context conclude() {
            req(numberOfColumns > 0, "columnDimensions", numberOfColumns, "> 0 columns");
            req(cellsPerColumn > 0, "cellsPerColumn", cellsPerColumn, "> 0");
            req((long) numberOfColumns * cellsPerColumn <= Integer.MAX_VALUE / 2, "cellsPerColumn",
                    cellsPerColumn, "numberOfColumns * cellsPerColumn < 2^30");
            req(activationThreshold > 0, "activationThreshold", activationThreshold, "> 0");
            req(minThreshold > 0, "minThreshold", minThreshold, "> 0");
            req(initialPermanence >= 0 && initialPermanence <= 1, "initialPermanence", initialPermanence,
                    "[0, 1]");
            req(connectedPermanence >= 0 && connectedPermanence <= 1, "connectedPermanence",
                    connectedPermanence, "[0, 1]");
            req(permanenceIncrement >= 0 && permanenceIncrement <= 1, "permanenceIncrement",
                    permanenceIncrement, "[0, 1]");
            req(permanenceDecrement >= 0 && permanenceDecrement <= 1, "permanenceDecrement",
                    permanenceDecrement, "[0, 1]");
            req(predictedSegmentDecrement >= 0 && predictedSegmentDecrement <= 1, "predictedSegmentDecrement",
                    predictedSegmentDecrement, "[0, 1]");
            req(maxNewSynapseCount > 0, "maxNewSynapseCount", maxNewSynapseCount, "> 0");
            req(maxSegmentsPerCell > 0, "maxSegmentsPerCell", maxSegmentsPerCell, "> 0");
            req(maxSynapsesPerSegment > 0 && maxSynapsesPerSegment <= 255, "maxSynapsesPerSegment",
                    maxSynapsesPerSegment, "[1, 255]");
            req(minThreshold <= 255 && activationThreshold <= 255, "minThreshold/activationThreshold",
                    minThreshold + "/" + activationThreshold, "<= 255");
            concluded = true;
            return this;
        }

        private static void req(boolean ok, String key, Object value, String range) {
            if (!ok) {
                throw new IllegalArgumentException("TemporalMemory parameter " + key + " = " + value
                        + " is invalid; allowed: " + range);
            }
        }
    }

    private static final float EPSILON = 1e-6f;

    private final int numColumns;
    private final int cellsPerColumn;
    private final int numCells;
    private final int activationThreshold;
    private final float initialPermanence;
    private final float connectedPermanence;
    private final int minThreshold;
    private final int maxNewSynapseCount;
    private final float permanenceIncrement;
    private final float permanenceDecrement;
    private final float predictedSegmentDecrement;
    private final long seed;
    private final int maxSegmentsPerCell;
    private final int maxSynapsesPerSegment;

    private final Rng rng;
    private final Connections conn;

    private int[] activeCells;
    private int activeCount;
    private int[] winnerCells;
    private int winnerCount;
    private int[] prevActive;
    private int prevActiveCount;
    private int[] prevWinner;
    private int prevWinnerCount;
    private final byte[] prevActiveMask;

    private int[] activeSegs = new int[64];
    private int[] activeSegCell = new int[64];
    private int activeSegCount;
    private int[] matchingSegs = new int[64];
    private int[] matchingSegCell = new int[64];
    private int matchingSegCount;

    private int[] activeSegPot = new int[64];
    private int[] matchingSegPot = new int[64];
    private final Connections.Activity activity;
    private long[] lastUsed = new long[0];
    private long iteration;
    private double anomaly;

    // scratch
    private long[] keys = new long[64];
    private int[] candidates;
    private final byte[] cellMark;
    private final byte[] columnMark;

    public TemporalMemory(Context c) {
        this(c.concluded ? c : c.conclude(), null);
    }

    private TemporalMemory(Context c, Connections loaded) {
        numColumns = c.numberOfColumns;
        cellsPerColumn = c.cellsPerColumn;
        numCells = numColumns * cellsPerColumn;
        activationThreshold = c.activationThreshold;
        initialPermanence = c.initialPermanence;
        connectedPermanence = c.connectedPermanence;
        minThreshold = c.minThreshold;
        maxNewSynapseCount = c.maxNewSynapseCount;
        permanenceIncrement = c.permanenceIncrement;
        permanenceDecrement = c.permanenceDecrement;
        predictedSegmentDecrement = c.predictedSegmentDecrement;
        seed = c.seed;
        maxSegmentsPerCell = c.maxSegmentsPerCell;
        maxSynapsesPerSegment = c.maxSynapsesPerSegment;
        rng = new Rng(seed);
        conn = loaded != null ? loaded : new Connections(numCells, maxSynapsesPerSegment, connectedPermanence - EPSILON);
        activeCells = new int[numCells];
        winnerCells = new int[numColumns];
        prevActive = new int[numCells];
        prevWinner = new int[numColumns];
        prevActiveMask = new byte[numCells];
        cellMark = new byte[numCells];
        columnMark = new byte[numColumns];
        candidates = new int[numColumns];
        activity = new Connections.Activity(conn);
        fitSegmentArrays();
    }

    @Override
    public int numberOfColumns() {
        return numColumns;
    }

    @Override
    public int cellsPerColumn() {
        return cellsPerColumn;
    }

    public int numberOfCells() {
        return numCells;
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

    /** Raw anomaly of the last compute. */
    public double anomaly() {
        return anomaly;
    }

    /** Sorted active cells of the last compute. */
    public int[] activeCells() {
        return Arrays.copyOf(activeCells, activeCount);
    }

    /** Sorted winner cells of the last compute. */
    public int[] winnerCells() {
        return Arrays.copyOf(winnerCells, winnerCount);
    }

    /** Sorted cells predicted for the next step (owners of active segments). */
    public int[] predictiveCells() {
        int[] out = new int[activeSegCount];
        int n = 0;
        for (int i = 0; i < activeSegCount; i++) {
            int cell = activeSegCell[i];
            if (n == 0 || out[n - 1] != cell) {
                out[n++] = cell;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Number of active segments after the last compute. */
    public int numActiveSegments() {
        return activeSegCount;
    }

    /** Number of matching segments after the last compute. */
    public int numMatchingSegments() {
        return matchingSegCount;
    }

    /** Computes one step from an SDR of active columns. */
    public double compute(Sdr activeColumns, boolean learn) {
        if (activeColumns.size() != numColumns) {
            throw new IllegalArgumentException("active columns SDR has size " + activeColumns.size()
                    + ", the temporal memory has " + numColumns + " columns");
        }
        return compute(activeColumns.sparse(), activeColumns.sum(), learn);
    }

    @Override
    public double compute(int[] activeColumns, int count, boolean learn) {
        for (int i = 0; i < count; i++) {
            int c = activeColumns[i];
            if (c < 0 || c >= numColumns || (i > 0 && c <= activeColumns[i - 1])) {
                throw new IllegalArgumentException("active columns must be strictly ascending in [0, "
                        + numColumns + "); found " + c + " at position " + i);
            }
        }
        conn.recycle();
        activateCells(activeColumns, count, learn);
        activateDendrites(learn);
        return anomaly;
    }

    @Override
    public void reset() {
        for (int i = 0; i < prevActiveCount; i++) {
            prevActiveMask[prevActive[i]] = 0;
        }
        activeCount = 0;
        winnerCount = 0;
        prevActiveCount = 0;
        prevWinnerCount = 0;
        activeSegCount = 0;
        matchingSegCount = 0;
    }

    private void activateCells(int[] cols, int n, boolean learn) {
        // previous <- current
        for (int i = 0; i < prevActiveCount; i++) {
            prevActiveMask[prevActive[i]] = 0;
        }
        int[] t = prevActive;
        prevActive = activeCells;
        activeCells = t;
        prevActiveCount = activeCount;
        activeCount = 0;
        t = prevWinner;
        prevWinner = winnerCells;
        winnerCells = t;
        prevWinnerCount = winnerCount;
        winnerCount = 0;
        for (int i = 0; i < prevActiveCount; i++) {
            prevActiveMask[prevActive[i]] = 1;
        }

        final int k = cellsPerColumn;
        int ai = 0;
        int mi = 0;
        int predicted = 0;
        for (int x = 0; x < n; x++) {
            int col = cols[x];
            int lo = col * k;
            int hi = lo + k;
            while (ai < activeSegCount && activeSegCell[ai] < lo) {
                ai++;
            }
            int aStart = ai;
            while (ai < activeSegCount && activeSegCell[ai] < hi) {
                ai++;
            }
            while (mi < matchingSegCount && matchingSegCell[mi] < lo) {
                mi++;
            }
            int mStart = mi;
            while (mi < matchingSegCount && matchingSegCell[mi] < hi) {
                mi++;
            }
            if (ai > aStart) {
                predicted++;
                activatePredictedColumn(aStart, ai, learn);
            } else {
                burstColumn(col, mStart, mi, learn);
            }
        }
        if (learn && predictedSegmentDecrement > 0) {
            for (int x = 0; x < n; x++) {
                columnMark[cols[x]] = 1;
            }
            for (int j = 0; j < matchingSegCount; j++) {
                int seg = matchingSegs[j];
                if (columnMark[matchingSegCell[j] / k] == 0 && conn.alive(seg)) {
                    adaptSegment(seg, -predictedSegmentDecrement, 0f);
                }
            }
            for (int x = 0; x < n; x++) {
                columnMark[cols[x]] = 0;
            }
        }
        anomaly = n == 0 ? 0.0 : (n - predicted) / (double) n;
    }

    private void activatePredictedColumn(int from, int to, boolean learn) {
        int previousCell = -1;
        for (int j = from; j < to; j++) {
            int seg = activeSegs[j];
            int cell = activeSegCell[j];
            if (cell != previousCell) {
                activeCells[activeCount++] = cell;
                winnerCells[winnerCount++] = cell;
                previousCell = cell;
            }
            if (learn && conn.alive(seg)) {
                adaptSegment(seg, permanenceIncrement, permanenceDecrement);
                if (conn.alive(seg)) {
                    int grow = maxNewSynapseCount - activeSegPot[j];
                    if (grow > 0) {
                        growSynapses(seg, grow);
                    }
                }
            }
        }
    }

    private void burstColumn(int col, int from, int to, boolean learn) {
        final int lo = col * cellsPerColumn;
        for (int i = 0; i < cellsPerColumn; i++) {
            activeCells[activeCount++] = lo + i;
        }
        int best = -1;
        int bestScore = -1;
        for (int j = from; j < to; j++) {
            int seg = matchingSegs[j];
            if (conn.alive(seg) && matchingSegPot[j] > bestScore) {
                best = seg;
                bestScore = matchingSegPot[j];
            }
        }
        int winner = best >= 0 ? conn.cell(best) : leastUsedCell(col);
        winnerCells[winnerCount++] = winner;
        if (!learn) {
            return;
        }
        if (best >= 0) {
            adaptSegment(best, permanenceIncrement, permanenceDecrement);
            if (conn.alive(best)) {
                int grow = maxNewSynapseCount - bestScore;
                if (grow > 0) {
                    growSynapses(best, grow);
                }
            }
        } else {
            int grow = Math.min(maxNewSynapseCount, prevWinnerCount);
            if (grow > 0) {
                int seg = createSegment(winner);
                growSynapses(seg, grow);
            }
        }
    }

    private int leastUsedCell(int col) {
        final int lo = col * cellsPerColumn;
        int min = Integer.MAX_VALUE;
        int tied = 0;
        for (int i = 0; i < cellsPerColumn; i++) {
            int s = conn.numSegments(lo + i);
            if (s < min) {
                min = s;
                tied = 1;
            } else if (s == min) {
                tied++;
            }
        }
        int pick = rng.nextInt(tied);
        for (int i = 0; i < cellsPerColumn; i++) {
            if (conn.numSegments(lo + i) == min && pick-- == 0) {
                return lo + i;
            }
        }
        throw new AssertionError("unreachable");
    }

    private int createSegment(int cell) {
        while (conn.numSegments(cell) >= maxSegmentsPerCell) {
            int[] segs = conn.segments(cell);
            int victim = segs[0];
            for (int j = 1, n = conn.numSegments(cell); j < n; j++) {
                if (lastUsed[segs[j]] < lastUsed[victim]) {
                    victim = segs[j];
                }
            }
            conn.destroySegment(victim);
        }
        int seg = conn.createSegment(cell);
        fitSegmentArrays();
        lastUsed[seg] = iteration;
        return seg;
    }

    private void fitSegmentArrays() {
        int n = conn.segmentArrayLength();
        if (lastUsed.length < n) {
            lastUsed = Arrays.copyOf(lastUsed, n);
        }
    }

    /** Adds {@code inc} to synapses from previously active cells and subtracts {@code dec} from others. */
    private void adaptSegment(int seg, float inc, float dec) {
        final byte[] mask = prevActiveMask;
        final int base = conn.firstSlot(seg);
        for (int k = conn.numSynapses(seg) - 1; k >= 0; k--) {
            int slot = base + k;
            float p = conn.permanence(slot);
            p = mask[conn.presynapticCell(slot)] != 0 ? p + inc : p - dec;
            if (p > 1f) {
                p = 1f;
            }
            if (p < EPSILON) {
                conn.destroySynapse(slot);
            } else {
                conn.permanence(slot, p);
            }
        }
        if (conn.numSynapses(seg) == 0) {
            conn.destroySegment(seg);
        }
    }

    private void growSynapses(int seg, int desired) {
        final int[] cand = candidates;
        final int base = conn.firstSlot(seg);
        final int ns = conn.numSynapses(seg);
        for (int k = 0; k < ns; k++) {
            cellMark[conn.presynapticCell(base + k)] = 1;
        }
        int nc = 0;
        for (int i = 0; i < prevWinnerCount; i++) {
            int c = prevWinner[i];
            if (cellMark[c] == 0) {
                cand[nc++] = c;
            }
        }
        for (int k = 0; k < ns; k++) {
            cellMark[conn.presynapticCell(base + k)] = 0;
        }
        int actual = Math.min(desired, nc);
        int overrun = conn.numSynapses(seg) + actual - maxSynapsesPerSegment;
        if (overrun > 0) {
            destroyMinPermanenceSynapses(seg, overrun);
        }
        actual = Math.min(actual, maxSynapsesPerSegment - conn.numSynapses(seg));
        rng.sample(cand, nc, actual);
        for (int i = 0; i < actual; i++) {
            conn.createSynapse(seg, cand[i], initialPermanence);
        }
    }

    /** Destroys the {@code n} weakest synapses whose presynaptic cell is not a previous winner. */
    private void destroyMinPermanenceSynapses(int seg, int n) {
        for (int i = 0; i < prevWinnerCount; i++) {
            cellMark[prevWinner[i]] = 1;
        }
        final int base = conn.firstSlot(seg);
        for (int r = 0; r < n; r++) {
            int victim = -1;
            for (int k = 0, ns = conn.numSynapses(seg); k < ns; k++) {
                int slot = base + k;
                int pre = conn.presynapticCell(slot);
                if (cellMark[pre] != 0) {
                    continue;
                }
                if (victim < 0 || conn.permanence(slot) < conn.permanence(victim)
                        || (conn.permanence(slot) == conn.permanence(victim)
                                && pre < conn.presynapticCell(victim))) {
                    victim = slot;
                }
            }
            if (victim < 0) {
                break;
            }
            conn.destroySynapse(victim);
        }
        for (int i = 0; i < prevWinnerCount; i++) {
            cellMark[prevWinner[i]] = 0;
        }
    }

    private void activateDendrites(boolean learn) {
        fitSegmentArrays();
        final Connections.Activity act = activity;
        final int nc = act.compute(activeCells, activeCount, Math.min(minThreshold, activationThreshold));
        final int[] cand = act.crossed();
        if (keys.length < nc) {
            keys = new long[Math.max(nc, keys.length * 2)];
        }
        int na = 0;
        for (int i = 0; i < nc; i++) {
            int s = cand[i];
            if (act.connected(s) >= activationThreshold) {
                keys[na++] = ((long) conn.cell(s) << 32) | s;
            }
        }
        Arrays.sort(keys, 0, na);
        if (activeSegs.length < na) {
            int m = Math.max(na, activeSegs.length * 2);
            activeSegs = new int[m];
            activeSegCell = new int[m];
            activeSegPot = new int[m];
        }
        for (int i = 0; i < na; i++) {
            int s = (int) keys[i];
            activeSegs[i] = s;
            activeSegCell[i] = (int) (keys[i] >>> 32);
            activeSegPot[i] = act.potential(s);
        }
        activeSegCount = na;
        int nm = 0;
        for (int i = 0; i < nc; i++) {
            int s = cand[i];
            if (act.potential(s) >= minThreshold) {
                keys[nm++] = ((long) conn.cell(s) << 32) | s;
            }
        }
        Arrays.sort(keys, 0, nm);
        if (matchingSegs.length < nm) {
            int m = Math.max(nm, matchingSegs.length * 2);
            matchingSegs = new int[m];
            matchingSegCell = new int[m];
            matchingSegPot = new int[m];
        }
        for (int i = 0; i < nm; i++) {
            int s = (int) keys[i];
            matchingSegs[i] = s;
            matchingSegCell[i] = (int) (keys[i] >>> 32);
            matchingSegPot[i] = act.potential(s);
        }
        matchingSegCount = nm;
        if (learn) {
            for (int i = 0; i < na; i++) {
                lastUsed[activeSegs[i]] = iteration;
            }
            iteration++;
        }
    }

    // ---------------------------------------------------------------- save / restore

    @Override
    public void save(DataOutput out) throws IOException {
        StateIo.header(out, "TemporalMemory", 1);
        out.writeInt(numColumns);
        out.writeInt(cellsPerColumn);
        out.writeInt(activationThreshold);
        out.writeFloat(initialPermanence);
        out.writeFloat(connectedPermanence);
        out.writeInt(minThreshold);
        out.writeInt(maxNewSynapseCount);
        out.writeFloat(permanenceIncrement);
        out.writeFloat(permanenceDecrement);
        out.writeFloat(predictedSegmentDecrement);
        out.writeLong(seed);
        out.writeInt(maxSegmentsPerCell);
        out.writeInt(maxSynapsesPerSegment);
        out.writeLong(rng.state());
        conn.save(out);
        StateIo.writeInts(out, activeCells, activeCount);
        StateIo.writeInts(out, winnerCells, winnerCount);
        StateIo.writeInts(out, prevActive, prevActiveCount);
        StateIo.writeInts(out, prevWinner, prevWinnerCount);
        StateIo.writeInts(out, activeSegs, activeSegCount);
        StateIo.writeInts(out, activeSegCell, activeSegCount);
        StateIo.writeInts(out, matchingSegs, matchingSegCount);
        StateIo.writeInts(out, matchingSegCell, matchingSegCount);
        StateIo.writeInts(out, activeSegPot, activeSegCount);
        StateIo.writeInts(out, matchingSegPot, matchingSegCount);
        StateIo.writeLongs(out, lastUsed, conn.segmentHandleBound());
        out.writeLong(iteration);
        out.writeDouble(anomaly);
    }

    /** Reads a temporal memory written by {@link #save}. */
    public static TemporalMemory load(DataInput in) throws IOException {
        StateIo.expect(in, "TemporalMemory", 1);
        Context c = new Context();
        c.numberOfColumns = in.readInt();
        c.cellsPerColumn(in.readInt());
        c.activationThreshold(in.readInt());
        c.initialPermanence = in.readFloat();
        c.connectedPermanence = in.readFloat();
        c.minThreshold(in.readInt());
        c.maxNewSynapseCount(in.readInt());
        c.permanenceIncrement = in.readFloat();
        c.permanenceDecrement = in.readFloat();
        c.predictedSegmentDecrement = in.readFloat();
        c.seed(in.readLong());
        c.maxSegmentsPerCell(in.readInt());
        c.maxSynapsesPerSegment(in.readInt());
        long rngState = in.readLong();
        TemporalMemory tm = new TemporalMemory(c.conclude(), Connections.load(in));
        tm.rng.state(rngState);
        int[] a = StateIo.readInts(in);
        System.arraycopy(a, 0, tm.activeCells, 0, a.length);
        tm.activeCount = a.length;
        a = StateIo.readInts(in);
        System.arraycopy(a, 0, tm.winnerCells, 0, a.length);
        tm.winnerCount = a.length;
        a = StateIo.readInts(in);
        System.arraycopy(a, 0, tm.prevActive, 0, a.length);
        tm.prevActiveCount = a.length;
        for (int cell : a) {
            tm.prevActiveMask[cell] = 1;
        }
        a = StateIo.readInts(in);
        System.arraycopy(a, 0, tm.prevWinner, 0, a.length);
        tm.prevWinnerCount = a.length;
        tm.activeSegs = StateIo.readInts(in);
        tm.activeSegCell = StateIo.readInts(in);
        tm.activeSegCount = tm.activeSegs.length;
        tm.matchingSegs = StateIo.readInts(in);
        tm.matchingSegCell = StateIo.readInts(in);
        tm.matchingSegCount = tm.matchingSegs.length;
        tm.activeSegPot = StateIo.readInts(in);
        tm.matchingSegPot = StateIo.readInts(in);
        tm.fitSegmentArrays();
        long[] lu = StateIo.readLongs(in);
        System.arraycopy(lu, 0, tm.lastUsed, 0, lu.length);
        tm.iteration = in.readLong();
        tm.anomaly = in.readDouble();
        return tm;
    }
}
