/**
 * Content-addressable memory: {@link org.myelin.sdr.memory.AssociativeMemory}, a CA3-like recurrent
 * layer with binary Hebbian (Willshaw) weights that completes sparse patterns from fragments.
 */
package org.myelin.sdr.memory;
