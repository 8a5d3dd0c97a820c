package org.myelin.sdr.encoders;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.myelin.sdr.Rng;
import org.myelin.sdr.Sdr;
import org.myelin.sdr.StateIo;

/**
 * NuPIC's random distributed scalar encoder, whose buckets are built incrementally (the encoder the
 * published NAB "numenta" detector used).
 *
 * <p>The first value encoded becomes the offset; value {@code x} falls in bucket
 * {@code maxBuckets/2 + round((x - offset) / resolution)}, clipped to {@code [0, maxBuckets)}. The
 * middle bucket gets {@code w} random bits. A new bucket next to an existing one copies its
 * neighbour's bits and replaces the one at position {@code index mod w} with a random bit, redrawn
 * until the new bucket shares exactly {@code w - d} bits with every bucket {@code d < w} away and at
 * most {@code maxOverlap} bits with every farther bucket. So neighbouring values overlap in
 * {@code w - 1} bits, and unrelated ones in at most {@code maxOverlap}.
 *
 * <p>Stateful (the buckets made so far); {@link #save}/{@link #load} continue bit-identically. NaN
 * and infinities are rejected; values beyond the outermost buckets are clipped to them.
 */
public final class IncrementalRdse implements StateIo.Saveable {
    private final int n;
    private final int w;
    private final double resolution;
    private final int maxOverlap;
    private final int maxBuckets;
    private final long seed;
    private final Rng rng;

    private double offset = Double.NaN;
    private int minIndex;
    private int maxIndex;
    private final int[][] buckets;

    // scratch
    private final byte[] mark;

    /**
     * @param n bits (NuPIC default 400)
     * @param w on bits (NuPIC default 21)
     * @param resolution bucket width
     * @param seed random seed (NuPIC's NAB setting: 42)
     */
    public IncrementalRdse(int n, int w, double resolution, long seed) {
        this(n, w, resolution, seed, 2, 1000);
    }

    public IncrementalRdse(int n, int w, double resolution, long seed, int maxOverlap, int maxBuckets) {
        if (w <= 0 || n <= 6 * w) {
            throw new IllegalArgumentException("IncrementalRdse needs w > 0 and n > 6 w (as NuPIC), got n=" + n
                    + " w=" + w);
        }
        if (!(resolution > 0) || !Double.isFinite(resolution)) {
            throw new IllegalArgumentException("resolution must be positive and finite, got " + resolution);
        }
        if (maxBuckets < 2 || maxOverlap < 0) {
            throw new IllegalArgumentException("maxBuckets >= 2 and maxOverlap >= 0 needed");
        }
        this.n = n;
        this.w = w;
        this.resolution = resolution;
        this.maxOverlap = maxOverlap;
        this.maxBuckets = maxBuckets;
        this.seed = seed;
        this.rng = new Rng(seed);
        this.buckets = new int[maxBuckets][];
        this.mark = new byte[n];
        int mid = maxBuckets / 2;
        minIndex = mid;
        maxIndex = mid;
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        rng.sample(all, n, w);
        buckets[mid] = Arrays.copyOf(all, w);
    }

    public int size() {
        return n;
    }

    public double resolution() {
        return resolution;
    }

    /** Number of buckets created so far. */
    public int numBuckets() {
        return maxIndex - minIndex + 1;
    }

    /** The bucket of {@code value} (the first value ever given sets the offset). */
    public int bucket(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("IncrementalRdse cannot encode " + value);
        }
        if (Double.isNaN(offset)) {
            offset = value;
        }
        double r = (value - offset) / resolution;
        double b = maxBuckets / 2 + Math.signum(r) * Math.floor(Math.abs(r) + 0.5); // round half away from 0
        if (b < 0) {
            return 0;
        }
        if (b > maxBuckets - 1) {
            return maxBuckets - 1;
        }
        return (int) b;
    }

    /** Writes the sorted on-bit indices (plus {@code base}) for {@code value}; returns {@code w}. */
    public int encodeInto(double value, int[] out, int pos, int base) {
        int index = bucket(value);
        while (index < minIndex) {
            buckets[minIndex - 1] = newBucket(minIndex, minIndex - 1);
            minIndex--;
        }
        while (index > maxIndex) {
            buckets[maxIndex + 1] = newBucket(maxIndex, maxIndex + 1);
            maxIndex++;
        }
        int[] bits = buckets[index];
        for (int k = 0; k < w; k++) {
            out[pos + k] = base + bits[k];
        }
        Arrays.sort(out, pos, pos + w);
        return w;
    }

    public Sdr encode(double value, Sdr out) {
        int[] bits = new int[w];
        encodeInto(value, bits, 0, 0);
        return out.setSparse(bits, w);
    }

    private int[] newBucket(int from, int index) {
        int[] rep = buckets[from].clone();
        int ri = index % w;
        int[] neighbour = buckets[from];
        for (int attempt = 0; ; attempt++) {
            int bit = rng.nextInt(n);
            rep[ri] = bit;
            if (!contains(neighbour, bit) && acceptable(rep, index)) {
                return rep;
            }
            if (attempt > 100_000) {
                throw new IllegalStateException("IncrementalRdse cannot place bucket " + index
                        + " within the overlap rules (n=" + n + ", w=" + w + ", maxOverlap=" + maxOverlap + ")");
            }
        }
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    /** NuPIC's rules: exactly w - d shared bits with buckets d < w away, at most maxOverlap beyond. */
    private boolean acceptable(int[] rep, int index) {
        for (int b : rep) {
            mark[b] = 1;
        }
        boolean ok = true;
        for (int i = minIndex; i <= maxIndex && ok; i++) {
            int overlap = 0;
            for (int b : buckets[i]) {
                overlap += mark[b];
            }
            int d = Math.abs(i - index);
            ok = d < w ? overlap == w - d : overlap <= maxOverlap;
        }
        for (int b : rep) {
            mark[b] = 0;
        }
        return ok;
    }

    @Override
    public void save(DataOutput out) throws IOException {
        StateIo.header(out, "IncrementalRdse", 1);
        out.writeInt(n);
        out.writeInt(w);
        out.writeDouble(resolution);
        out.writeLong(seed);
        out.writeInt(maxOverlap);
        out.writeInt(maxBuckets);
        out.writeLong(rng.state());
        out.writeDouble(offset);
        out.writeInt(minIndex);
        out.writeInt(maxIndex);
        for (int i = minIndex; i <= maxIndex; i++) {
            StateIo.writeInts(out, buckets[i]);
        }
    }

    public static IncrementalRdse load(DataInput in) throws IOException {
        StateIo.expect(in, "IncrementalRdse", 1);
        IncrementalRdse e = new IncrementalRdse(in.readInt(), in.readInt(), in.readDouble(), in.readLong(), in.readInt(),
                in.readInt());
        e.rng.state(in.readLong());
        e.offset = in.readDouble();
        e.buckets[e.minIndex] = null;
        e.minIndex = in.readInt();
        e.maxIndex = in.readInt();
        for (int i = e.minIndex; i <= e.maxIndex; i++) {
            e.buckets[i] = StateIo.readInts(in);
        }
        return e;
    }
}
