/**
 * Benchmark tasks as reusable generators and evaluators: {@link
 * org.myelin.reservoir.task.MemoryCapacity} (Jaeger 2001), {@link org.myelin.reservoir.task.Narma10},
 * {@link org.myelin.reservoir.task.MackeyGlass} and {@link
 * org.myelin.reservoir.task.MackeyGlassPrediction} (one step and free running), {@link
 * org.myelin.reservoir.task.Mnist} and {@link org.myelin.reservoir.task.MnistLsm}; scores in {@link
 * org.myelin.reservoir.task.Metrics}; the benchmark settings in {@link
 * org.myelin.reservoir.task.Standard}. The memory-capacity and NARMA-10 evaluators take any
 * {@link org.myelin.reservoir.Reservoir}; series holding NaN or infinity are rejected with the step.
 */
package org.myelin.reservoir.task;
