package org.myelin.sdr.algorithms;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.myelin.sdr.StateIo;

/**
 * Dendritic segments and their synapses, stored as integer handles into flat arrays (the layout of
 * htm.core's {@code Connections}, without an object per segment or synapse).
 *
 * <ul>
 *   <li>A <b>segment</b> is an {@code int} handle; {@code segmentCell[s]} is its cell (or -1 once
 *       destroyed). Each cell keeps the list of its segments in creation order.</li>
 *   <li>Segment {@code s} owns the synapse slots {@code [s << shift, (s << shift) + numSynapses(s))},
 *       where {@code 1 << shift} is the capacity per segment rounded up to a power of two. A
 *       <b>synapse</b> is such a slot: its presynaptic cell and permanence are
 *       {@code presynapticCell(slot)} and {@code permanence(slot)}. Destroying a synapse moves the
 *       segment's last synapse into the freed slot, so slots (not presynaptic cells) change on
 *       removal.</li>
 *   <li>Each presynaptic cell keeps the list of slots it feeds, each entry carrying in its sign bit
 *       whether the synapse is connected (permanence {@code >= connectedThreshold}, kept up to date by
 *       {@link #permanence(int, float)}). {@link Activity#compute} therefore reads only these lists and
 *       one counter per touched segment ({@link Activity}): its cost is proportional to the synapses of
 *       active cells, never to the total number of synapses, and it never reads permanences.</li>
 * </ul>
 *
 * <p>Destroyed segment handles are reused only after {@link #recycle()}, which the temporal memories
 * call at the start of each step, so handles held in a step's active/matching lists never alias a
 * new segment within that step.
 */
public final class Connections implements StateIo.Saveable {
    private static final int CONNECTED = 0x8000_0000;
    private static final int SLOT = 0x7FFF_FFFF;

    private final int numCells;
    private final int capacity;
    private final int shift;
    private final float connectedThreshold;

    private int[] segmentCell;
    private int[] segmentSize;
    private int highWater;
    private int[] free = new int[16];
    private int freeCount;
    private int[] pending = new int[16];
    private int pendingCount;
    private int liveSegments;
    private long liveSynapses;

    private int[] synPresyn;
    private float[] synPerm;
    private int[] synPrePos;

    private final int[][] cellSegments;
    private final int[] cellSegmentCount;
    private final int[][] presynSlots;
    private final int[] presynCount;

    /**
     * @param numCells number of cells (segments' owners and synapses' sources)
     * @param maxSynapsesPerSegment fixed capacity of every segment (at most 255)
     * @param connectedThreshold permanence at or above which a synapse is connected
     */
    public Connections(int numCells, int maxSynapsesPerSegment, float connectedThreshold) {
        if (numCells <= 0 || maxSynapsesPerSegment <= 0 || maxSynapsesPerSegment > 255) {
            throw new IllegalArgumentException("Connections needs numCells > 0 and 0 < maxSynapsesPerSegment <= 255, got "
                    + numCells + ", " + maxSynapsesPerSegment);
        }
        this.numCells = numCells;
        this.capacity = maxSynapsesPerSegment;
        this.shift = 32 - Integer.numberOfLeadingZeros(Math.max(1, maxSynapsesPerSegment - 1));
        this.connectedThreshold = connectedThreshold;
        int initial = 256;
        segmentCell = new int[initial];
        segmentSize = new int[initial];
        synPresyn = new int[initial << shift];
        synPerm = new float[initial << shift];
        synPrePos = new int[initial << shift];
        cellSegments = new int[numCells][];
        cellSegmentCount = new int[numCells];
        presynSlots = new int[numCells][];
        presynCount = new int[numCells];
    }

    public int numCells() {
        return numCells;
    }

    /** Maximum synapses per segment. */
    public int capacity() {
        return capacity;
    }

    /** The permanence at or above which a synapse counts as connected. */
    public float connectedThreshold() {
        return connectedThreshold;
    }

    /** One more than the largest segment handle ever used: size per-segment arrays by this. */
    public int segmentHandleBound() {
        return highWater;
    }

    /** Length to give per-segment arrays so that every current handle fits. */
    public int segmentArrayLength() {
        return segmentCell.length;
    }

    public int numSegments() {
        return liveSegments;
    }

    public long numSynapses() {
        return liveSynapses;
    }

    public int numSegments(int cell) {
        return cellSegmentCount[cell];
    }

    /** Segments of {@code cell} in creation order, in entries {@code [0, numSegments(cell))}. */
    public int[] segments(int cell) {
        int[] s = cellSegments[cell];
        return s == null ? EMPTY : s;
    }

    private static final int[] EMPTY = new int[0];

    /** Number of synapses whose presynaptic cell is {@code cell} (its fan-out). */
    public int numOutgoing(int cell) {
        return presynCount[cell];
    }

    public boolean alive(int segment) {
        return segmentCell[segment] >= 0;
    }

    public int cell(int segment) {
        return segmentCell[segment];
    }

    public int numSynapses(int segment) {
        return segmentSize[segment];
    }

    /** First synapse slot of {@code segment}. */
    public int firstSlot(int segment) {
        return segment << shift;
    }

    public int presynapticCell(int slot) {
        return synPresyn[slot];
    }

    public float permanence(int slot) {
        return synPerm[slot];
    }

    /** Sets a permanence, keeping the connected flag of the presynaptic index in step. */
    public void permanence(int slot, float value) {
        float old = synPerm[slot];
        synPerm[slot] = value;
        boolean was = old >= connectedThreshold;
        boolean is = value >= connectedThreshold;
        if (was != is) {
            int pre = synPresyn[slot];
            presynSlots[pre][synPrePos[slot]] = is ? slot | CONNECTED : slot;
        }
    }

    /** Segment owning {@code slot}. */
    public int segmentOf(int slot) {
        return slot >>> shift;
    }

    /** Creates an empty segment on {@code cell}; returns its handle. */
    public int createSegment(int cell) {
        int s;
        if (freeCount > 0) {
            s = free[--freeCount];
        } else {
            if (highWater == segmentCell.length) {
                grow();
            }
            if (((long) highWater + 1) << shift > SLOT) {
                throw new IllegalStateException("too many segments for " + (1 << shift) + " synapse slots each");
            }
            s = highWater++;
        }
        segmentCell[s] = cell;
        segmentSize[s] = 0;
        int[] list = cellSegments[cell];
        int n = cellSegmentCount[cell];
        if (list == null) {
            list = new int[4];
            cellSegments[cell] = list;
        } else if (n == list.length) {
            list = Arrays.copyOf(list, n * 2);
            cellSegments[cell] = list;
        }
        list[n] = s;
        cellSegmentCount[cell] = n + 1;
        liveSegments++;
        return s;
    }

    private void grow() {
        int n = segmentCell.length * 2;
        segmentCell = Arrays.copyOf(segmentCell, n);
        segmentSize = Arrays.copyOf(segmentSize, n);
        synPresyn = Arrays.copyOf(synPresyn, n << shift);
        synPerm = Arrays.copyOf(synPerm, n << shift);
        synPrePos = Arrays.copyOf(synPrePos, n << shift);
    }

    /** Destroys {@code segment} and its synapses; the handle is reused after {@link #recycle()}. */
    public void destroySegment(int segment) {
        int cell = segmentCell[segment];
        if (cell < 0) {
            throw new IllegalStateException("segment " + segment + " is already destroyed");
        }
        int base = segment << shift;
        for (int k = segmentSize[segment] - 1; k >= 0; k--) {
            removeFromPresyn(base + k);
        }
        liveSynapses -= segmentSize[segment];
        segmentSize[segment] = 0;
        int[] list = cellSegments[cell];
        int n = cellSegmentCount[cell];
        int i = 0;
        while (list[i] != segment) {
            i++;
        }
        System.arraycopy(list, i + 1, list, i, n - i - 1);
        cellSegmentCount[cell] = n - 1;
        segmentCell[segment] = -1;
        liveSegments--;
        if (pendingCount == pending.length) {
            pending = Arrays.copyOf(pending, pendingCount * 2);
        }
        pending[pendingCount++] = segment;
    }

    /** Makes destroyed segment handles available for reuse. */
    public void recycle() {
        if (pendingCount == 0) {
            return;
        }
        if (freeCount + pendingCount > free.length) {
            free = Arrays.copyOf(free, Math.max(free.length * 2, freeCount + pendingCount));
        }
        // reuse the most recently destroyed handles last, lowest first: keeps order deterministic
        for (int i = pendingCount - 1; i >= 0; i--) {
            free[freeCount++] = pending[i];
        }
        pendingCount = 0;
    }

    /** Adds a synapse from {@code presynapticCell}; returns its slot. */
    public int createSynapse(int segment, int presynapticCell, float permanence) {
        int n = segmentSize[segment];
        if (n >= capacity) {
            throw new IllegalStateException("segment " + segment + " already has " + capacity + " synapses");
        }
        int slot = (segment << shift) + n;
        segmentSize[segment] = n + 1;
        synPresyn[slot] = presynapticCell;
        synPerm[slot] = permanence;
        int[] list = presynSlots[presynapticCell];
        int m = presynCount[presynapticCell];
        if (list == null) {
            list = new int[8];
            presynSlots[presynapticCell] = list;
        } else if (m == list.length) {
            list = Arrays.copyOf(list, m * 2);
            presynSlots[presynapticCell] = list;
        }
        list[m] = permanence >= connectedThreshold ? slot | CONNECTED : slot;
        synPrePos[slot] = m;
        presynCount[presynapticCell] = m + 1;
        liveSynapses++;
        return slot;
    }

    /**
     * Destroys the synapse in {@code slot}; the segment's last synapse moves into the slot. When
     * iterating a segment's synapses while destroying, iterate from the last slot down.
     */
    public void destroySynapse(int slot) {
        int segment = slot >>> shift;
        int last = (segment << shift) + segmentSize[segment] - 1;
        removeFromPresyn(slot);
        if (slot != last) {
            int pre = synPresyn[last];
            synPresyn[slot] = pre;
            synPerm[slot] = synPerm[last];
            int pos = synPrePos[last];
            synPrePos[slot] = pos;
            presynSlots[pre][pos] = (presynSlots[pre][pos] & CONNECTED) | slot;
        }
        segmentSize[segment]--;
        liveSynapses--;
    }

    private void removeFromPresyn(int slot) {
        int pre = synPresyn[slot];
        int pos = synPrePos[slot];
        int[] list = presynSlots[pre];
        int m = presynCount[pre] - 1;
        if (pos != m) {
            int moved = list[m];
            list[pos] = moved;
            synPrePos[moved & SLOT] = pos;
        }
        presynCount[pre] = m;
    }

    /** Slot of the synapse from {@code presynapticCell} on {@code segment}, or -1. */
    public int findSynapse(int segment, int presynapticCell) {
        int base = segment << shift;
        for (int k = base, end = base + segmentSize[segment]; k < end; k++) {
            if (synPresyn[k] == presynapticCell) {
                return k;
            }
        }
        return -1;
    }

    /**
     * Per-segment counts of synapses from a set of active cells, recomputed by {@link #compute} and
     * valid until the next compute.
     *
     * <p>Each count is one {@code int}: a 16-bit generation stamp, then the number of connected and
     * the number of all synapses from active cells (8 bits each, hence the limit of 255 synapses per
     * segment). A stale stamp reads as zero, so nothing is cleared between computes, and the
     * segments whose count reaches the threshold are collected while counting: one
     * read-modify-write per synapse of an active cell is the whole cost. The array is wiped only
     * when the stamp wraps, once every 65535 computes.
     */
    public static final class Activity {
        private final Connections conn;
        private int[] counts = new int[0];
        private int generation;
        private int[] crossed = new int[16];
        private int crossedCount;

        public Activity(Connections conn) {
            this.conn = conn;
        }

        /**
         * Counts the synapses from {@code activeCells[0, count)} on every segment and collects the
         * segments with at least {@code threshold} (>= 1) of them; returns how many were collected.
         */
        public int compute(int[] activeCells, int count, int threshold) {
            if (threshold < 1 || threshold > 255) {
                throw new IllegalArgumentException("threshold must be in [1, 255], got " + threshold);
            }
            final Connections c = conn;
            final int segs = c.segmentCell.length;
            if (counts.length < segs) {
                counts = Arrays.copyOf(counts, segs);
            }
            if (crossed.length < segs + 1) {
                crossed = Arrays.copyOf(crossed, segs + 1);
            }
            if (++generation > 0xFFFF) {
                Arrays.fill(counts, 0);
                generation = 1;
            }
            final int stamp = generation << 16;
            final int[] cnt = counts;
            final int[] out = crossed;
            final int sh = c.shift;
            final int[][] lists = c.presynSlots;
            final int[] sizes = c.presynCount;
            int t = 0;
            for (int a = 0; a < count; a++) {
                int cell = activeCells[a];
                int[] entries = lists[cell];
                int m = sizes[cell];
                for (int k = 0; k < m; k++) {
                    int e = entries[k];
                    int seg = (e & SLOT) >>> sh;
                    int v = cnt[seg];
                    v = (v & 0xFFFF_0000) == stamp ? v : stamp;
                    v += 1 + ((e >> 31) & 0x100);
                    cnt[seg] = v;
                    // branch-free: collect the segment when its count reaches the threshold
                    out[t] = seg;
                    t += ((v & 0xFF) == threshold) ? 1 : 0;
                }
            }
            crossedCount = t;
            return t;
        }

        /** Segments collected by the last compute, in entries {@code [0, count)}. */
        public int[] crossed() {
            return crossed;
        }

        /** Synapses of {@code segment} from active cells at the last compute. */
        public int potential(int segment) {
            if (segment >= counts.length) {
                return 0;
            }
            int v = counts[segment];
            return (v >>> 16) == generation ? v & 0xFF : 0;
        }

        /** Connected synapses of {@code segment} from active cells at the last compute. */
        public int connected(int segment) {
            if (segment >= counts.length) {
                return 0;
            }
            int v = counts[segment];
            return (v >>> 16) == generation ? (v >>> 8) & 0xFF : 0;
        }

        /** Overrides the counts of {@code segment} (for callers that adjust after changing a segment). */
        public void set(int segment, int potential, int connected) {
            if (segment >= counts.length) {
                counts = Arrays.copyOf(counts, Math.max(segment + 1, counts.length * 2));
            }
            counts[segment] = (generation << 16) | (connected << 8) | potential;
        }

        /** Number of segments collected by the last compute. */
        public int crossedCount() {
            return crossedCount;
        }
    }

    // ---------------------------------------------------------------- save / restore

    @Override
    public void save(DataOutput out) throws IOException {
        StateIo.header(out, "Connections", 2);
        out.writeInt(numCells);
        out.writeInt(capacity);
        out.writeFloat(connectedThreshold);
        out.writeInt(highWater);
        StateIo.writeInts(out, segmentCell, highWater);
        StateIo.writeInts(out, segmentSize, highWater);
        StateIo.writeInts(out, free, freeCount);
        StateIo.writeInts(out, pending, pendingCount);
        for (int s = 0; s < highWater; s++) {
            int base = s << shift;
            for (int k = 0; k < segmentSize[s]; k++) {
                out.writeInt(synPresyn[base + k]);
                out.writeFloat(synPerm[base + k]);
            }
        }
        for (int c = 0; c < numCells; c++) {
            StateIo.writeInts(out, cellSegments[c] == null ? EMPTY : cellSegments[c], cellSegmentCount[c]);
        }
        // presynaptic lists are rebuilt in their saved order, which fixes later swap-removals
        for (int c = 0; c < numCells; c++) {
            StateIo.writeInts(out, presynSlots[c] == null ? EMPTY : presynSlots[c], presynCount[c]);
        }
    }

    /** Reads connections written by {@link #save}. */
    public static Connections load(DataInput in) throws IOException {
        StateIo.expect(in, "Connections", 2);
        Connections c = new Connections(in.readInt(), in.readInt(), in.readFloat());
        int hw = in.readInt();
        int length = c.segmentCell.length;
        while (length < hw) {
            length *= 2;
        }
        c.segmentCell = Arrays.copyOf(StateIo.readInts(in), length);
        c.segmentSize = Arrays.copyOf(StateIo.readInts(in), length);
        c.highWater = hw;
        c.synPresyn = new int[length << c.shift];
        c.synPerm = new float[length << c.shift];
        c.synPrePos = new int[length << c.shift];
        int[] f = StateIo.readInts(in);
        c.free = Arrays.copyOf(f, Math.max(16, f.length));
        c.freeCount = f.length;
        int[] p = StateIo.readInts(in);
        c.pending = Arrays.copyOf(p, Math.max(16, p.length));
        c.pendingCount = p.length;
        for (int s = 0; s < hw; s++) {
            int base = s << c.shift;
            for (int k = 0; k < c.segmentSize[s]; k++) {
                c.synPresyn[base + k] = in.readInt();
                c.synPerm[base + k] = in.readFloat();
            }
            if (c.segmentCell[s] >= 0) {
                c.liveSegments++;
                c.liveSynapses += c.segmentSize[s];
            }
        }
        for (int cell = 0; cell < c.numCells; cell++) {
            int[] segs = StateIo.readInts(in);
            if (segs.length > 0) {
                c.cellSegments[cell] = Arrays.copyOf(segs, Math.max(4, segs.length));
            }
            c.cellSegmentCount[cell] = segs.length;
        }
        for (int cell = 0; cell < c.numCells; cell++) {
            int[] slots = StateIo.readInts(in);
            if (slots.length > 0) {
                c.presynSlots[cell] = Arrays.copyOf(slots, Math.max(8, slots.length));
                for (int k = 0; k < slots.length; k++) {
                    c.synPrePos[slots[k] & SLOT] = k;
                }
            }
            c.presynCount[cell] = slots.length;
        }
        return c;
    }
}
