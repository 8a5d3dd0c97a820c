package org.myelin.io;

import java.util.List;
import java.util.Locale;

/**
 * The size of a model before it is built: neurons, expected synapses per projection and in total, and
 * estimated memory in bytes, computed from the same storage layout the core uses (target-partitioned
 * CSR per worker: 4-byte row pointers per source, 2-byte targets within blocks of at most 65,536
 * neurons, 4-byte weights and 2-byte delays only where they are drawn, 32 bytes of Tsodyks state per
 * source; {@code double} state and input rings per neuron). Synapse counts of random rules are
 * expectations; spike recording is not included (it grows with activity, 8 bytes per spike).
 */
public final class Inspection {
    /** A population: state arrays and input rings in bytes. */
    public record PopulationInfo(String name, String model, int size, long stateBytes, long inputBytes) {
    }

    /** A projection (one per target; {@code from} is {@code spike_generator} for stimulus trains). */
    public record ProjectionInfo(String from, String to, String rule, String synapse, double expectedSynapses,
                                 long bytes) {
    }

    private final int threads;
    private final List<PopulationInfo> populations;
    private final List<ProjectionInfo> projections;
    private final long stimulusBytes;
    private final long recordingBytes;
    private final int ringSlots;

    Inspection(int threads, List<PopulationInfo> populations, List<ProjectionInfo> projections, long stimulusBytes,
               long recordingBytes, int ringSlots) {
        this.threads = threads;
        this.populations = List.copyOf(populations);
        this.projections = List.copyOf(projections);
        this.stimulusBytes = stimulusBytes;
        this.recordingBytes = recordingBytes;
        this.ringSlots = ringSlots;
    }

    /** Worker threads assumed (the estimate depends on them slightly: row pointers per worker). */
    public int threads() {
        return threads;
    }

    public List<PopulationInfo> populations() {
        return populations;
    }

    public List<ProjectionInfo> projections() {
        return projections;
    }

    /** Neurons in the declared populations. */
    public long neurons() {
        long n = 0;
        for (PopulationInfo p : populations) n += p.size();
        return n;
    }

    /** Expected synapses over all projections. */
    public double synapses() {
        double n = 0;
        for (ProjectionInfo p : projections) n += p.expectedSynapses();
        return n;
    }

    /** Estimated bytes of synapse storage. */
    public long synapseBytes() {
        long b = 0;
        for (ProjectionInfo p : projections) b += p.bytes();
        return b;
    }

    /** Bytes of neuron state and input rings. */
    public long neuronBytes() {
        long b = 0;
        for (PopulationInfo p : populations) b += p.stateBytes() + p.inputBytes();
        return b;
    }

    /** Bytes of per-target stimulus state (random-stream keys, noise values). */
    public long stimulusBytes() {
        return stimulusBytes;
    }

    /** Bytes of recorded state traces over the whole duration. */
    public long recordingBytes() {
        return recordingBytes;
    }

    /** Slots of each input ring (longest delay in steps + 1). */
    public int ringSlots() {
        return ringSlots;
    }

    /** Estimated total: synapses, neurons, stimuli and state recording. */
    public long memoryBytes() {
        return synapseBytes() + neuronBytes() + stimulusBytes + recordingBytes;
    }

    /** A plain-text report: one line per population and projection, then totals. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-24s %-20s %12s %12s%n", "population", "model", "neurons", "memory"));
        for (PopulationInfo p : populations) {
            b.append(String.format(Locale.ROOT, "%-24s %-20s %,12d %12s%n", p.name(), p.model(), p.size(),
                    bytes(p.stateBytes() + p.inputBytes())));
        }
        b.append(String.format(Locale.ROOT, "%n%-32s %-20s %14s %12s%n", "projection", "rule", "synapses", "memory"));
        for (ProjectionInfo p : projections) {
            b.append(String.format(Locale.ROOT, "%-32s %-20s %,14.0f %12s%n", p.from() + " -> " + p.to(), p.rule(),
                    p.expectedSynapses(), bytes(p.bytes())));
        }
        b.append(String.format(Locale.ROOT, "%ntotal: %,d neurons, %,.0f synapses, %s estimated (%d threads; "
                + "synapses %s, neurons %s, stimuli %s, state recording %s)%n", neurons(), synapses(),
                bytes(memoryBytes()), threads, bytes(synapseBytes()), bytes(neuronBytes()), bytes(stimulusBytes),
                bytes(recordingBytes)));
        return b.toString();
    }

    /** Bytes in binary units, e.g. {@code 12.3 MiB}. */
    static String bytes(long b) {
        if (b < 1024) return b + " B";
        String[] u = {"KiB", "MiB", "GiB", "TiB"};
        double v = b;
        int i = -1;
        while (v >= 1024 && i < u.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, u[i]);
    }
}
