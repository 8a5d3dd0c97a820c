package org.myelin.sdr.anomaly;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.myelin.sdr.StateIo;
import org.myelin.sdr.algorithms.BacktrackingTemporalMemory;
import org.myelin.sdr.algorithms.SequenceMemory;
import org.myelin.sdr.algorithms.SpatialPooler;
import org.myelin.sdr.algorithms.TemporalMemory;
import org.myelin.sdr.encoders.DateEncoder;
import org.myelin.sdr.encoders.IncrementalRdse;
import org.myelin.sdr.encoders.RandomDistributedScalarEncoder;

/**
 * The HTM anomaly detector of NAB, streaming: value (RDSE) and time of day (periodic scalar) are
 * encoded, pooled by a {@link SpatialPooler}, fed to a sequence memory whose raw anomaly score goes
 * through the {@link AnomalyLikelihood} and its log transform. As in NAB's "numenta" detector, a
 * value more than {@code spatialTolerance} (5 %) of the range seen so far beyond that range is a
 * <i>spatial anomaly</i> and scores 1.
 *
 * <p>{@link #numenta()} is the configuration of the published NAB "numenta" detector (NuPIC's
 * {@code getScalarMetricWithTimeOfDayAnomalyParams(tmImplementation="cpp")}: NuPIC's incremental RDSE
 * ({@link IncrementalRdse}) with n = 400, w = 21, resolution = max(0.001, padded range / 130); time of day w = 21, radius 9.49 h; spatial pooler of
 * 2048 columns, 40 active, potentialPct 0.8, synPermActiveInc 0.003, synPermInactiveDec 0.0005,
 * synPermConnected 0.2, no boosting; the backtracking temporal memory with 32 cells per column;
 * likelihood learning period and estimation samples half the probationary period each).
 * {@link #numentaTM()} swaps in the htm.core-style {@link TemporalMemory} with NuPIC's
 * {@code tm_cpp} parameters (NAB's "numentaTM").
 *
 * <h2>Bad input</h2>
 * A NaN or infinite value throws {@link IllegalArgumentException} and leaves the state unchanged.
 * A timestamp earlier than the previous one is, by default, accepted and encoded as given (counted
 * by {@link #outOfOrderRecords()}): the NAB corpus itself has such steps back, e.g. at clock
 * changes, in eight of its files, and NAB's detectors process them as they come. With
 * {@code rejectOutOfOrder(true)} such a record throws instead, leaving the state unchanged.
 * Values outside the declared input range are encoded as they are (the RDSE has no range) and are
 * flagged as spatial anomalies by the running-range rule.
 */
public final class HtmAnomalyDetector implements AnomalyDetector, StateIo.Saveable {

    /** Which sequence memory the detector uses. */
    public enum Memory {
        /** NuPIC's backtracking temporal memory ({@link BacktrackingTemporalMemory}), NAB "numenta". */
        BACKTRACKING,
        /** The htm.core temporal memory ({@link TemporalMemory}), NAB "numentaTM". */
        TEMPORAL_MEMORY
    }

    /** Configuration; see the class comment for the presets. */
    public static final class Context {
        private double inputMin = Double.NaN;
        private double inputMax = Double.NaN;
        private double rangePadding = 0.2;
        private double numBuckets = 130;
        private double minResolution = 0.001;
        private double resolution = Double.NaN;
        private int valueSize = 400;
        private int valueActiveBits = 21;
        private long valueSeed = 42;
        private boolean incrementalRdse = true;
        private int timeOfDayWidth = 21;
        private double timeOfDayRadius = 9.49;
        private int weekendWidth = 0;
        private Memory memory = Memory.BACKTRACKING;
        private int probationaryPeriod = 750;
        private boolean useLikelihood = true;
        private boolean useSpatialAnomaly = true;
        private boolean rejectOutOfOrder = false;
        private double spatialTolerance = 0.05;
        private long spSeed = 1956;
        private long tmSeed = 1960;
        private boolean concluded;

        /** Smallest and largest value expected; sets the RDSE resolution (NAB gives each file's range). */
        public Context inputRange(double min, double max) {
            inputMin = min;
            inputMax = max;
            return this;
        }

        /** RDSE resolution when no input range is given. */
        public Context resolution(double v) {
            resolution = v;
            return this;
        }

        /** Buckets across the padded range (default 130). */
        public Context numBuckets(double v) {
            numBuckets = v;
            return this;
        }

        /** RDSE size and active bits (default 400, 21). */
        public Context valueEncoder(int size, int activeBits) {
            valueSize = size;
            valueActiveBits = activeBits;
            return this;
        }

        /**
         * NuPIC's incremental RDSE (default, as the published detector) or the stateless hashed RDSE
         * of htm.core ({@link RandomDistributedScalarEncoder}).
         */
        public Context incrementalRdse(boolean v) {
            incrementalRdse = v;
            return this;
        }

        /** Time-of-day width and radius in hours (default 21, 9.49); width 0 leaves it out. */
        public Context timeOfDay(int width, double radiusHours) {
            timeOfDayWidth = width;
            timeOfDayRadius = radiusHours;
            return this;
        }

        /** Weekend flag width (default 0 = off). */
        public Context weekend(int width) {
            weekendWidth = width;
            return this;
        }

        /** The sequence memory (default backtracking). */
        public Context memory(Memory m) {
            memory = m;
            return this;
        }

        /** Records before the likelihood starts (default 750; NAB: min(15 % of the rows, 750)). */
        public Context probationaryPeriod(int v) {
            probationaryPeriod = v;
            return this;
        }

        /** Score with the log likelihood (default) or the raw anomaly. */
        public Context useLikelihood(boolean v) {
            useLikelihood = v;
            return this;
        }

        /** Flag out-of-range values (default on). */
        public Context useSpatialAnomaly(boolean v) {
            useSpatialAnomaly = v;
            return this;
        }

        /** Seed of the value encoder (default 42 as in NuPIC). */
        public Context valueSeed(long v) {
            valueSeed = v;
            return this;
        }

        /** Throw on a timestamp earlier than the previous one (default false: accept and count it). */
        public Context rejectOutOfOrder(boolean v) {
            rejectOutOfOrder = v;
            return this;
        }

        /** Seeds of the spatial pooler and the temporal memory (default 1956, 1960 as in NuPIC). */
        public Context seeds(long sp, long tm) {
            spSeed = sp;
            tmSeed = tm;
            return this;
        }

        /** Validates. */
        public Context conclude() {
            boolean hasRange = !Double.isNaN(inputMin) || !Double.isNaN(inputMax);
            if (hasRange && !(Double.isFinite(inputMin) && Double.isFinite(inputMax) && inputMin <= inputMax)) {
                throw new IllegalArgumentException("inputRange must be finite with min <= max, got [" + inputMin
                        + ", " + inputMax + "]");
            }
            if (!hasRange && !(resolution > 0)) {
                throw new IllegalArgumentException("give an inputRange or a positive resolution (got resolution="
                        + resolution + ")");
            }
            if (probationaryPeriod < 0) {
                throw new IllegalArgumentException("probationaryPeriod = " + probationaryPeriod + " must be >= 0");
            }
            if (!(numBuckets > 0)) {
                throw new IllegalArgumentException("numBuckets = " + numBuckets + " must be > 0");
            }
            concluded = true;
            return this;
        }

        /** The RDSE resolution this configuration gives (NuPIC's formula when a range is given). */
        public double effectiveResolution() {
            if (Double.isNaN(inputMin)) {
                return resolution;
            }
            double pad = Math.abs(inputMax - inputMin) * rangePadding;
            double min = inputMin - pad;
            double max = inputMax + pad;
            if (min == max) {
                max = min + 1;
            }
            return Math.max(minResolution, (max - min) / numBuckets);
        }
    }

    /** The published NAB "numenta" configuration (set the input range and probationary period). */
    public static Context numenta() {
        return new Context();
    }

    /** NAB's "numentaTM" configuration: the htm.core-style temporal memory. */
    public static Context numentaTM() {
        return new Context().memory(Memory.TEMPORAL_MEMORY);
    }

    private final Context ctx;
    private final RandomDistributedScalarEncoder valueEncoder;
    private final IncrementalRdse incrementalEncoder;
    private final DateEncoder dateEncoder;
    private final SpatialPooler sp;
    private final SequenceMemory tm;
    private final AnomalyLikelihood likelihood;
    private final int[] input;
    private final int[] activeColumns;

    private double minSeen = Double.NaN;
    private double maxSeen = Double.NaN;
    private long lastTimestamp = Long.MIN_VALUE;
    private long records;
    private long outOfOrder;
    private double lastRaw;

    public HtmAnomalyDetector(Context c) {
        this(c.concluded ? c : c.conclude(), null, null, null, null);
    }

    private HtmAnomalyDetector(Context c, SpatialPooler loadedSp, SequenceMemory loadedTm,
            AnomalyLikelihood loadedLikelihood, IncrementalRdse loadedEncoder) {
        this.ctx = c;
        valueEncoder = new RandomDistributedScalarEncoder(new RandomDistributedScalarEncoder.Params(c.valueSize,
                c.valueActiveBits, c.effectiveResolution(), c.valueSeed));
        incrementalEncoder = !c.incrementalRdse ? null : loadedEncoder != null ? loadedEncoder
                : new IncrementalRdse(c.valueSize, c.valueActiveBits, c.effectiveResolution(), c.valueSeed);
        DateEncoder.Builder db = DateEncoder.builder();
        if (c.timeOfDayWidth > 0) {
            db.timeOfDay(c.timeOfDayWidth, c.timeOfDayRadius);
        }
        if (c.weekendWidth > 0) {
            db.weekend(c.weekendWidth);
        }
        dateEncoder = db.build();
        int width = valueEncoder.size() + dateEncoder.size();
        sp = loadedSp != null ? loadedSp : new SpatialPooler(new SpatialPooler.Context()
                .inputDimensions(width)
                .columnDimensions(2048)
                .potentialRadius(width)
                .potentialPct(0.8)
                .globalInhibition(true)
                .numActiveColumnsPerInhArea(40)
                .synPermActiveInc(0.003)
                .synPermInactiveDec(0.0005)
                .synPermConnected(0.2)
                .boostStrength(0.0)
                .seed(c.spSeed)
                .conclude());
        if (loadedTm != null) {
            tm = loadedTm;
        } else if (c.memory == Memory.BACKTRACKING) {
            tm = new BacktrackingTemporalMemory(new BacktrackingTemporalMemory.Context().seed(c.tmSeed).conclude());
        } else {
            tm = new TemporalMemory(new TemporalMemory.Context()
                    .columnDimensions(2048)
                    .cellsPerColumn(32)
                    .activationThreshold(20)
                    .initialPermanence(0.24)
                    .connectedPermanence(0.5)
                    .minThreshold(13)
                    .maxNewSynapseCount(31)
                    .permanenceIncrement(0.04)
                    .permanenceDecrement(0.008)
                    .predictedSegmentDecrement(0.001)
                    .maxSegmentsPerCell(128)
                    .maxSynapsesPerSegment(128)
                    .seed(c.tmSeed)
                    .conclude());
        }
        int learning = c.probationaryPeriod / 2;
        likelihood = loadedLikelihood != null ? loadedLikelihood
                : new AnomalyLikelihood(learning, c.probationaryPeriod - learning);
        input = new int[width];
        activeColumns = new int[sp.numColumns()];
    }

    /** Feeds a record with a {@link LocalDateTime} timestamp (treated as zone-less local time). */
    public double feed(LocalDateTime timestamp, double value) {
        return feed(timestamp.toEpochSecond(ZoneOffset.UTC), value);
    }

    @Override
    public double feed(long epochSecond, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, got " + value + " at record " + records);
        }
        if (epochSecond < lastTimestamp) {
            if (ctx.rejectOutOfOrder) {
                throw new IllegalArgumentException("timestamp " + epochSecond + " is earlier than the previous one ("
                        + lastTimestamp + ") at record " + records);
            }
            outOfOrder++;
        }
        int n = incrementalEncoder != null ? incrementalEncoder.encodeInto(value, input, 0, 0)
                : valueEncoder.encodeInto(value, input, 0, 0);
        n += dateEncoder.encodeInto(epochSecond, input, n, valueEncoder.size());
        int nc = sp.compute(input, n, true, activeColumns);
        double raw = tm.compute(activeColumns, nc, true);

        boolean spatial = false;
        if (ctx.useSpatialAnomaly) {
            if (records > 0 && minSeen != maxSeen) {
                double tolerance = (maxSeen - minSeen) * ctx.spatialTolerance;
                if (value > maxSeen + tolerance || value < minSeen - tolerance) {
                    spatial = true;
                }
            }
            if (records == 0 || value > maxSeen) {
                maxSeen = value;
            }
            if (records == 0 || value < minSeen) {
                minSeen = value;
            }
        }
        double score;
        if (ctx.useLikelihood) {
            score = AnomalyLikelihood.logLikelihood(likelihood.anomalyProbability(value, raw));
        } else {
            score = raw;
        }
        if (spatial) {
            score = 1.0;
        }
        lastTimestamp = epochSecond;
        lastRaw = raw;
        records++;
        return Math.min(1.0, Math.max(0.0, score));
    }

    /** Records whose timestamp was earlier than the previous one (accepted unless rejectOutOfOrder). */
    public long outOfOrderRecords() {
        return outOfOrder;
    }

    /** Raw anomaly score of the last record. */
    public double lastRawScore() {
        return lastRaw;
    }

    /** Records fed so far. */
    public long records() {
        return records;
    }

    /** The resolution of the value encoder. */
    public double resolution() {
        return valueEncoder.params().resolution();
    }

    /** Whether the value encoder is NuPIC's incremental RDSE. */
    public boolean usesIncrementalRdse() {
        return incrementalEncoder != null;
    }

    public SpatialPooler spatialPooler() {
        return sp;
    }

    public SequenceMemory sequenceMemory() {
        return tm;
    }

    public AnomalyLikelihood likelihood() {
        return likelihood;
    }

    // ---------------------------------------------------------------- save / restore

    @Override
    public void save(DataOutput out) throws IOException {
        StateIo.header(out, "HtmAnomalyDetector", 1);
        out.writeDouble(ctx.inputMin);
        out.writeDouble(ctx.inputMax);
        out.writeDouble(ctx.rangePadding);
        out.writeDouble(ctx.numBuckets);
        out.writeDouble(ctx.minResolution);
        out.writeDouble(ctx.resolution);
        out.writeInt(ctx.valueSize);
        out.writeInt(ctx.valueActiveBits);
        out.writeLong(ctx.valueSeed);
        out.writeBoolean(ctx.incrementalRdse);
        out.writeInt(ctx.timeOfDayWidth);
        out.writeDouble(ctx.timeOfDayRadius);
        out.writeInt(ctx.weekendWidth);
        out.writeInt(ctx.memory.ordinal());
        out.writeInt(ctx.probationaryPeriod);
        out.writeBoolean(ctx.useLikelihood);
        out.writeBoolean(ctx.useSpatialAnomaly);
        out.writeBoolean(ctx.rejectOutOfOrder);
        out.writeDouble(ctx.spatialTolerance);
        out.writeLong(ctx.spSeed);
        out.writeLong(ctx.tmSeed);
        if (incrementalEncoder != null) {
            incrementalEncoder.save(out);
        }
        sp.save(out);
        tm.save(out);
        likelihood.save(out);
        out.writeDouble(minSeen);
        out.writeDouble(maxSeen);
        out.writeLong(lastTimestamp);
        out.writeLong(records);
        out.writeLong(outOfOrder);
        out.writeDouble(lastRaw);
    }

    /** Reads a detector written by {@link #save}. */
    public static HtmAnomalyDetector load(DataInput in) throws IOException {
        StateIo.expect(in, "HtmAnomalyDetector", 1);
        Context c = new Context();
        c.inputMin = in.readDouble();
        c.inputMax = in.readDouble();
        c.rangePadding = in.readDouble();
        c.numBuckets = in.readDouble();
        c.minResolution = in.readDouble();
        c.resolution = in.readDouble();
        c.valueSize = in.readInt();
        c.valueActiveBits = in.readInt();
        c.valueSeed = in.readLong();
        c.incrementalRdse = in.readBoolean();
        c.timeOfDayWidth = in.readInt();
        c.timeOfDayRadius = in.readDouble();
        c.weekendWidth = in.readInt();
        c.memory = Memory.values()[in.readInt()];
        c.probationaryPeriod = in.readInt();
        c.useLikelihood = in.readBoolean();
        c.useSpatialAnomaly = in.readBoolean();
        c.rejectOutOfOrder = in.readBoolean();
        c.spatialTolerance = in.readDouble();
        c.spSeed = in.readLong();
        c.tmSeed = in.readLong();
        c.conclude();
        IncrementalRdse enc = c.incrementalRdse ? IncrementalRdse.load(in) : null;
        SpatialPooler sp = SpatialPooler.load(in);
        SequenceMemory tm = c.memory == Memory.BACKTRACKING ? BacktrackingTemporalMemory.load(in)
                : TemporalMemory.load(in);
        AnomalyLikelihood l = AnomalyLikelihood.load(in);
        HtmAnomalyDetector d = new HtmAnomalyDetector(c, sp, tm, l, enc);
        d.minSeen = in.readDouble();
        d.maxSeen = in.readDouble();
        d.lastTimestamp = in.readLong();
        d.records = in.readLong();
        d.outOfOrder = in.readLong();
        d.lastRaw = in.readDouble();
        return d;
    }
}
