/**
 * Reference networks from the literature, built through the public API with their published
 * parameters: used by tests, benchmarks and as the default model of the command line.
 */
package org.myelin.core.networks;
