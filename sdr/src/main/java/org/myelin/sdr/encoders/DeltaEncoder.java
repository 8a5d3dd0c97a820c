package org.myelin.sdr.encoders;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.myelin.sdr.Sdr;
import org.myelin.sdr.StateIo;

/**
 * Encodes the change {@code x[t] - x[t-1]} with an RDSE, so a stream is represented by its local
 * slope rather than its level. The first value has delta 0. Stateful: it remembers the previous
 * value ({@link #save}/{@link #load} keep it). NaN and infinities are rejected and do not change the
 * remembered value.
 */
public final class DeltaEncoder implements StateIo.Saveable {
    private final RandomDistributedScalarEncoder rdse;
    private double previous;
    private boolean hasPrevious;

    public DeltaEncoder(RandomDistributedScalarEncoder.Params params) {
        this.rdse = new RandomDistributedScalarEncoder(params);
    }

    public int size() {
        return rdse.size();
    }

    /** The delta that {@link #encodeInto} would encode for {@code value} now. */
    public double delta(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("DeltaEncoder cannot encode " + value);
        }
        return hasPrevious ? value - previous : 0.0;
    }

    /** Encodes the change from the previous value and remembers {@code value}. */
    public int encodeInto(double value, int[] out, int pos, int base) {
        double d = delta(value);
        int n = rdse.encodeInto(d, out, pos, base);
        previous = value;
        hasPrevious = true;
        return n;
    }

    public Sdr encode(double value, Sdr out) {
        int[] bits = new int[rdse.params().activeBits()];
        int n = encodeInto(value, bits, 0, 0);
        return out.setSparse(bits, n);
    }

    /** Forgets the previous value. */
    public void reset() {
        hasPrevious = false;
    }

    @Override
    public void save(DataOutput out) throws IOException {
        StateIo.header(out, "DeltaEncoder", 1);
        RandomDistributedScalarEncoder.Params p = rdse.params();
        out.writeInt(p.size());
        out.writeInt(p.activeBits());
        out.writeDouble(p.resolution());
        out.writeLong(p.seed());
        out.writeBoolean(hasPrevious);
        out.writeDouble(previous);
    }

    public static DeltaEncoder load(DataInput in) throws IOException {
        StateIo.expect(in, "DeltaEncoder", 1);
        DeltaEncoder e = new DeltaEncoder(new RandomDistributedScalarEncoder.Params(in.readInt(), in.readInt(),
                in.readDouble(), in.readLong()));
        e.hasPrevious = in.readBoolean();
        e.previous = in.readDouble();
        return e;
    }
}
