/**
 * Plots of a run's outputs with JFreeChart, written as PNG and SVG (JFreeSVG): a spike raster with
 * the population rate underneath, histograms of per-neuron rates, and state-variable traces.
 * {@link org.myelin.cli.plot.Plots#drawAll(java.nio.file.Path)} redraws them all from a saved output
 * directory ({@code myelin plot DIR}). Everything runs headless ({@code java.awt.headless=true}).
 */
package org.myelin.cli.plot;
