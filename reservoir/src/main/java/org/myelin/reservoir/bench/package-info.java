/** Benchmark runners (mains), run on demand, not by the tests. */
package org.myelin.reservoir.bench;
