/**
 * The Myelin kernel: networks of spiking point neurons, simulated on a fixed time grid.
 *
 * <h2>Units</h2>
 * One internal system, used by every parameter, state variable and result of this package:
 * time in ms, membrane potential in mV, current in pA, capacitance in pF, conductance in nS,
 * rate in Hz. Model files carry explicit units and are converted at the edge (module {@code io}).
 *
 * <h2>Time</h2>
 * Time is an integer step counter; step {@code t} advances the state from {@code t*dt} to
 * {@code (t+1)*dt}. A spike emitted in step {@code t} has time {@code (t+1)*dt} (as in NEST). A spike
 * sent through a synapse with delay {@code d} steps is added to the target's input ring at slot
 * {@code t+d} and takes effect in step {@code t+d}, i.e. at time {@code (t+1+d)*dt}.
 *
 * <h2>Entry point</h2>
 * {@link org.myelin.core.Network}: create populations, connect them, attach stimuli and recorders,
 * then {@link org.myelin.core.Network#simulate(double)}.
 */
package org.myelin.core;
