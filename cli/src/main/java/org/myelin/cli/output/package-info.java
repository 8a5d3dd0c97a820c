/**
 * What a run leaves in its output directory, and how it is read back.
 *
 * <p>Every file is written by {@link org.myelin.cli.output.RunOutputs}: first to {@code NAME.partial},
 * then flushed to disk and renamed into place with an atomic move, so a file with its final name is
 * always complete. An interrupted run ({@link org.myelin.cli.output.RunOutputs#abort(String)})
 * deletes its partial files and leaves a note, {@code INCOMPLETE}, saying where it stopped.
 *
 * <h2>Files</h2>
 * <ul>
 * <li>{@code spikes.csv}: header {@code population,neuron,time_ms}; one row per spike, neuron index
 * within its population from 0, rows in time order, ties broken by population order (as declared)
 * and then neuron index. Times are printed by {@link org.myelin.cli.output.TimeFormat}: with as many
 * decimals as {@code dt} has (0.1 ms: {@code 12.3}), so every row is exact and reproducible.</li>
 * <li>{@code spikes.npy}: the same rows in the same order as one NumPy {@code .npy} (format 1.0)
 * structured array, dtype {@code [('population','<i2'),('neuron','<i4'),('time_ms','<f8')]}
 * (packed, 14 bytes a row); {@code population} is an index into the populations of
 * {@code spikes.json}. {@code time_ms} holds exactly the double that the CSV text parses to.
 * {@code numpy.load("spikes.npy")} and {@code pandas.DataFrame(numpy.load("spikes.npy"))} read it.</li>
 * <li>{@code spikes.json}: the sidecar of {@code spikes.npy}: format name and version, dtype, row
 * count, {@code dt_ms}, {@code duration_ms}, {@code time_decimals}, and the populations in index
 * order with {@code name}, {@code size} and {@code spikes}.</li>
 * <li>{@code state_<population>.csv}: header {@code time_ms,neuron,<variable>...}; one row per sample
 * and recorded neuron, in time order and then in the order the neurons were recorded. Values are
 * printed in Java's round-trip form ({@link java.lang.Double#toString(double)}). Characters of the
 * population name other than {@code [A-Za-z0-9_.-]} become {@code _} in the file name.</li>
 * <li>{@code rates.csv}: header {@code time_ms,<population>...}; one row per bin; {@code time_ms} is
 * the bin's left edge; a bin of n steps starting at step s holds the spikes of steps [s, s + n),
 * whose times are in (t, t + bin]; values are the population rate in Hz per neuron.</li>
 * <li>{@code run.json}: see {@link org.myelin.cli.output.RunInfo}.</li>
 * </ul>
 */
package org.myelin.cli.output;
