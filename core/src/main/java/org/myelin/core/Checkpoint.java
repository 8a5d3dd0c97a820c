package org.myelin.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Saves and restores everything that evolves in a built network, in an order that does not depend on
 * the number of worker threads: the step counter, every population's state arrays and input rings
 * (spikes in transit included), the noise generators' held currents, short-term synapse state,
 * plastic weights and per-synapse and per-source plastic state, the postsynaptic spike histories
 * (with their traces and access counters) and the volume transmitters' spike lists, and static
 * weights where {@link Projection#setWeights} changed them. Random numbers
 * are counter-based (keyed by seed, element, neuron and step) and carry no state. Recorders are not
 * included, nor the model itself: a snapshot is restored into a network built from the same
 * description (same populations, projections, stimuli, seed and dt), with any number of threads.
 *
 * <p>Plastic synapses are written in the canonical order (receptor port, target, source, creation
 * order), which every partition of the targets among workers reproduces.
 */
final class Checkpoint {
    private static final long MAGIC = 0x4D59454C494E5331L; // "MYELINS1"
    private static final int VERSION = 3;

    private Checkpoint() {
    }

    static void save(Network net, DataOutputStream out) throws IOException {
        out.writeLong(MAGIC);
        out.writeInt(VERSION);
        fingerprint(net, out);
        out.writeLong(net.step);
        out.writeLong(net.neuronUpdates);
        for (Population p : net.populations) {
            // by neuron number, not position, so that any thread count can read the snapshot back
            for (double[] a : p.state) writeArray(out, p.byNumber(a));
            for (double[] a : p.ring) writeArray(out, p.byNumber(a));
            out.writeLong(p.spikeCount());
            out.writeLong(p.updates);
        }
        for (Stimulation s : net.stimulations) {
            out.writeBoolean(s.noise != null);
            if (s.noise != null) writeArray(out, s.noise);
        }
        for (Projection p : net.projections) {
            out.writeLong(p.events());
            SynapseGroup first = first(p);
            out.writeBoolean(first != null);
            if (first == null) continue;
            if (first.tso) {
                writeArray(out, first.tx);
                writeArray(out, first.ty);
                writeArray(out, first.tu);
                writeArray(out, first.tlast);
            }
            if (first.plastic != null) {
                for (double[] a : first.plastic.source) writeArray(out, a);
                int vars = first.plastic.state.length;
                for (int[] h : canonical(net, p)) {
                    PlasticSynapses ps = p.groups[h[0]][h[1]].plastic;
                    out.writeDouble(ps.weight[h[2]]);
                    for (int v = 0; v < vars; v++) out.writeDouble(ps.state[v][h[2]]);
                }
            }
            out.writeBoolean(p.staticWeightsSet);
            if (p.staticWeightsSet) {
                for (int[] h : canonical(net, p)) out.writeDouble(p.groups[h[0]][h[1]].weight(h[2]));
            }
        }
        for (int t = 0; t < net.archives.length; t++) {
            PostArchive[] ar = net.archives[t];
            if (ar == null) continue;
            for (PostArchive a : ar) {
                for (int j = a.from; j < a.from + a.n; j++) {
                    int c = a.count(j);
                    out.writeInt(c);
                    for (int i = 0; i < c; i++) {
                        out.writeInt(a.stamp(j, i));
                        out.writeInt(a.accessCount(j, i));
                        for (int k = 0; k < a.traces; k++) out.writeDouble(a.before(j, i, k));
                    }
                }
            }
        }
        for (ModulatorSpikes[] ms : net.mods) {
            ModulatorSpikes m = ms[0];
            out.writeInt(m.size);
            for (int i = 0; i < m.size; i++) {
                out.writeInt(m.stamps[i]);
                out.writeDouble(m.mult[i]);
                for (int k = 0; k < m.traces; k++) out.writeDouble(m.after[i * m.traces + k]);
            }
        }
        out.writeLong(MAGIC);
        out.flush();
    }

    static void restore(Network net, DataInputStream in) throws IOException {
        if (in.readLong() != MAGIC) throw new IOException("not a Myelin network snapshot");
        int version = in.readInt();
        if (version != VERSION) throw new IOException("snapshot version " + version + "; this build reads " + VERSION);
        java.io.ByteArrayOutputStream fp = new java.io.ByteArrayOutputStream();
        fingerprint(net, new DataOutputStream(fp));
        byte[] mine = fp.toByteArray();
        byte[] theirs = new byte[mine.length];
        in.readFully(theirs);
        if (!java.util.Arrays.equals(mine, theirs)) {
            throw new IOException("the snapshot was taken from a network with a different structure (populations,"
                    + " projections, synapse counts, stimuli, dt or seed)");
        }
        net.step = in.readLong();
        net.neuronUpdates = in.readLong();
        for (Population p : net.populations) {
            for (double[] a : p.state) readByNumber(in, p, a);
            for (double[] a : p.ring) readByNumber(in, p, a);
            java.util.Arrays.fill(p.spikeCounts, 0);
            p.spikeCounts[0] = in.readLong();
            p.updates = in.readLong();
        }
        for (Stimulation s : net.stimulations) {
            boolean has = in.readBoolean();
            if (has != (s.noise != null)) throw new IOException("stimulus " + s.element() + " differs");
            if (has) readArray(in, s.noise);
        }
        for (Projection p : net.projections) {
            java.util.Arrays.fill(p.events, 0);
            p.events[0] = in.readLong();
            SynapseGroup first = first(p);
            boolean has = in.readBoolean();
            if (has != (first != null)) throw new IOException(p.element() + " differs");
            if (first == null) continue;
            if (first.tso) {
                double[][] src = new double[4][first.tx.length];
                for (double[] a : src) readArray(in, a);
                for (SynapseGroup[] gs : p.groups) {
                    for (SynapseGroup g : gs) {
                        System.arraycopy(src[0], 0, g.tx, 0, src[0].length);
                        System.arraycopy(src[1], 0, g.ty, 0, src[1].length);
                        System.arraycopy(src[2], 0, g.tu, 0, src[2].length);
                        System.arraycopy(src[3], 0, g.tlast, 0, src[3].length);
                    }
                }
            }
            if (first.plastic != null) {
                int sv = first.plastic.source.length;
                double[][] src = new double[sv][p.source.size];
                for (double[] a : src) readArray(in, a);
                for (SynapseGroup[] gs : p.groups) {
                    for (SynapseGroup g : gs) {
                        for (int v = 0; v < sv; v++) System.arraycopy(src[v], 0, g.plastic.source[v], 0, src[v].length);
                    }
                }
                int vars = first.plastic.state.length;
                for (int[] h : canonical(net, p)) {
                    PlasticSynapses ps = p.groups[h[0]][h[1]].plastic;
                    ps.weight[h[2]] = in.readDouble();
                    for (int v = 0; v < vars; v++) ps.state[v][h[2]] = in.readDouble();
                }
            }
            boolean set = in.readBoolean();
            if (set) {
                for (int[] h : canonical(net, p)) p.groups[h[0]][h[1]].setWeight(h[2], in.readDouble());
                p.staticWeightsSet = true;
            } else if (p.staticWeightsSet) {
                throw new IOException(p.element() + ": this network's static weights were changed by setWeights and"
                        + " the snapshot holds the weights as built; restore it into a freshly built network");
            }
        }
        for (int t = 0; t < net.archives.length; t++) {
            PostArchive[] ar = net.archives[t];
            if (ar == null) continue;
            for (PostArchive a : ar) {
                double[] vals = new double[a.traces];
                for (int j = a.from; j < a.from + a.n; j++) {
                    a.clear(j);
                    int c = in.readInt();
                    for (int i = 0; i < c; i++) {
                        int s = in.readInt();
                        int acc = in.readInt();
                        for (int k = 0; k < a.traces; k++) vals[k] = in.readDouble();
                        a.restoreEntry(j, s, acc, vals);
                    }
                }
            }
        }
        for (ModulatorSpikes[] ms : net.mods) {
            int size = in.readInt();
            int[] st = new int[size];
            double[] mu = new double[size];
            int traces = ms[0].traces;
            double[] af = new double[size * traces];
            for (int i = 0; i < size; i++) {
                st[i] = in.readInt();
                mu[i] = in.readDouble();
                for (int k = 0; k < traces; k++) af[i * traces + k] = in.readDouble();
            }
            for (ModulatorSpikes m : ms) {
                m.stamps = java.util.Arrays.copyOf(st, Math.max(16, size));
                m.mult = java.util.Arrays.copyOf(mu, Math.max(16, size));
                m.after = java.util.Arrays.copyOf(af, Math.max(16, size) * traces);
                m.size = size;
            }
        }
        if (in.readLong() != MAGIC) throw new IOException("snapshot is truncated or corrupt");
        for (SpikeRecorder r : net.spikeRecorders) r.invalidate();
    }

    /** The structure a snapshot must match (threads excluded). */
    private static void fingerprint(Network net, DataOutputStream out) throws IOException {
        out.writeDouble(net.dt());
        out.writeLong(net.seed());
        out.writeInt(net.ringSlots());
        out.writeInt(net.populations.size());
        for (Population p : net.populations) {
            out.writeUTF(p.name);
            out.writeUTF(p.model.name());
            out.writeInt(p.size);
            out.writeInt(p.state.length);
            out.writeInt(p.ring.length);
        }
        out.writeInt(net.stimulations.size());
        // which port each stimulus writes: kernels skip reading a port nothing writes to
        for (Stimulation s : net.stimulations) {
            out.writeInt(s.target.id);
            out.writeInt(s.port);
        }
        out.writeInt(net.projections.size());
        for (Projection p : net.projections) {
            out.writeInt(p.source.id);
            out.writeInt(p.target.id);
            out.writeLong(p.synapseCount);
            out.writeUTF(p.synapse.toString());
        }
    }

    private static SynapseGroup first(Projection p) {
        for (SynapseGroup[] gs : p.groups) for (SynapseGroup g : gs) return g;
        return null;
    }

    /**
     * Handles (worker, group, synapse) of a projection's synapses in canonical order: by receptor
     * port, then target, then source, then creation order.
     */
    private static List<int[]> canonical(Network net, Projection p) {
        int maxPort = 0;
        for (SynapseGroup[] gs : p.groups) for (SynapseGroup g : gs) maxPort = Math.max(maxPort, g.port);
        List<int[]> out = new ArrayList<>();
        for (int port = 0; port <= maxPort; port++) {
            for (int w = 0; w < p.groups.length; w++) {
                for (int gi = 0; gi < p.groups[w].length; gi++) {
                    SynapseGroup g = p.groups[w][gi];
                    if (g.port != port) continue;
                    for (int k : targetMajor(g)) out.add(new int[] {w, gi, k});
                }
            }
        }
        return out;
    }

    /** The group's synapse indices ordered by target, stable over the CSR (source, then creation) order. */
    private static int[] targetMajor(SynapseGroup g) {
        int n = (int) g.size();
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (int k = 0; k < n; k++) {
            lo = Math.min(lo, g.target(k));
            hi = Math.max(hi, g.target(k));
        }
        if (n == 0) return new int[0];
        int[] start = new int[hi - lo + 2];
        for (int k = 0; k < n; k++) start[g.target(k) - lo + 1]++;
        for (int i = 1; i < start.length; i++) start[i] += start[i - 1];
        int[] out = new int[n];
        for (int k = 0; k < n; k++) out[start[g.target(k) - lo]++] = k;
        return out;
    }

    /** Reads the values {@link Population#byNumber} wrote for {@code a} into {@code a}'s positions. */
    private static void readByNumber(DataInputStream in, Population p, double[] a) throws IOException {
        double[] v = new double[a.length / p.length * p.size];
        readArray(in, v);
        p.fromNumbers(v, a);
    }

    private static void writeArray(DataOutputStream out, double[] a) throws IOException {
        out.writeInt(a.length);
        for (double x : a) out.writeDouble(x);
    }

    private static void readArray(DataInputStream in, double[] a) throws IOException {
        int n = in.readInt();
        if (n != a.length) throw new IOException("array of " + n + " values where " + a.length + " are expected");
        for (int i = 0; i < n; i++) a[i] = in.readDouble();
    }
}
