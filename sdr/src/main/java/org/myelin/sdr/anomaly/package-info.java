/**
 * Anomaly scores: {@link org.myelin.sdr.anomaly.Anomaly#rawScore} (the fraction of active columns
 * that were not predicted), {@link org.myelin.sdr.anomaly.AnomalyLikelihood} (NuPIC's rolling
 * estimate of how unusual recent raw scores are, with the log transform used for NAB) and
 * {@link org.myelin.sdr.anomaly.HtmAnomalyDetector}, a streaming detector: feed (timestamp, value),
 * get a score in [0, 1] computed online.
 */
package org.myelin.sdr.anomaly;
