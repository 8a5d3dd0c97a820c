/** Statistics of spike trains: rates, irregularity (CV of ISI), population Fano factor, synchrony. */
package org.myelin.core.analysis;
