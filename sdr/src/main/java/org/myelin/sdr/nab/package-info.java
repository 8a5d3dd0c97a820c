/**
 * The Numenta Anomaly Benchmark (NAB v1.1): {@link org.myelin.sdr.nab.NabCorpus} reads the series and
 * label windows, {@link org.myelin.sdr.nab.NabRunner} runs a detector over every series (files in
 * parallel) and writes NAB-format result files, {@link org.myelin.sdr.nab.NabScorer} scores them
 * exactly as NAB's {@code sweeper.py}, {@code optimizer.py} and {@code runner.normalize} do (all
 * three profiles, corpus-wide threshold optimisation, normalisation against the null and perfect
 * detectors), and {@link org.myelin.sdr.nab.NabCommand} is the {@code myelin nab} command.
 */
package org.myelin.sdr.nab;
