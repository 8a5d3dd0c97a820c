package org.myelin.sdr.anomaly;

/** A streaming anomaly detector: one record at a time, online (a score may use past records only). */
public interface AnomalyDetector {
    /**
     * Processes one record and returns its anomaly score in [0, 1].
     *
     * @param epochSecond seconds since 1970-01-01T00:00 of a local clock; normally non-decreasing
     *     (how a step back is handled is up to the implementation, and documented there)
     * @param value the metric value; must be finite
     * @throws IllegalArgumentException for a NaN or infinite value (the detector's state is then
     *     unchanged)
     */
    double feed(long epochSecond, double value);
}
