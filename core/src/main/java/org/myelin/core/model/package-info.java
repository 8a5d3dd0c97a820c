/**
 * The neuron models, with NEST's names, parameter names, units and defaults. Each model is one
 * small final class: a descriptor (parameters, state layout, ports) and a {@code compile} that
 * returns a kernel whose final fields are the propagators. See {@link org.myelin.core.Models} for the
 * registry by name.
 */
package org.myelin.core.model;
