/**
 * The matching theory of sparse distributed representations (Ahmad and Hawkins 2016, "How do neurons
 * operate on sparse distributed representations? A mathematical theory of sparsity, neurons and
 * active dendrites"): probabilities of overlaps between random SDRs, of false matches of a dendritic
 * segment, of false matches against unions, and of recognition under noise.
 */
package org.myelin.sdr.theory;
