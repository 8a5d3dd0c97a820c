/** The {@code myelin reservoir} command and its plots and tables. */
package org.myelin.reservoir.cli;
