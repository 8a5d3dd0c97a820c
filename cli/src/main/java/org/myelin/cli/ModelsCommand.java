package org.myelin.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.myelin.core.Models;
import org.myelin.core.NeuronModel;
import org.myelin.core.ParamSpec;
import org.myelin.io.Catalog;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code myelin models [NAME]}: every neuron, synapse, stimulus and connection model with its
 * parameters, units, defaults and valid ranges; or one model in full.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List neuron, synapse, stimulus and connection models with parameters, units and defaults.")
final class ModelsCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Show only this model or rule.")
    String name;

    @Override
    public Integer call() {
        StringBuilder sb = new StringBuilder();
        boolean found = false;
        if (name == null) sb.append("Neuron models (population 'model:')\n");
        for (String n : Models.neuronNames()) {
            if (name != null && !name.equals(n)) continue;
            found = true;
            NeuronModel m = Models.neuron(n);
            sb.append("\n  ").append(n).append("    state: ");
            List<String> vars = m.stateVariables();
            for (int i = 0; i < vars.size(); i++) {
                if (i > 0) sb.append(", ");
                sb.append(vars.get(i));
                String u = m.stateUnit(i);
                if (u != null && !u.isEmpty()) sb.append(" [").append(u).append(']');
            }
            String w = Catalog.weightUnit(m);
            if (w != null) {
                sb.append("\n    receptors: ").append(String.join(", ", m.receptorNames()))
                        .append("; weight unit: ").append(w.isEmpty() ? "dimensionless" : w);
            }
            sb.append('\n');
            params(sb, m.parameters());
        }
        if (name == null) sb.append("\nSynapse models (projection 'synapse:')\n");
        for (String n : Catalog.synapseModels()) {
            if (name != null && !name.equals(n)) continue;
            found = true;
            sb.append("\n  ").append(n).append("    (weight and delay given on the projection)\n");
            if (Catalog.usesVolumeTransmitter(n)) {
                sb.append("    needs 'volume_transmitter: {population: NAME, delay: 0 ms, interval: auto}' in its"
                        + " synapse block: the modulatory population\n");
            }
            params(sb, Catalog.synapseParameters(n));
        }
        if (name == null) sb.append("\nStimulus devices ('stimuli:')\n");
        for (String n : Catalog.stimulusModels()) {
            if (name != null && !name.equals(n)) continue;
            found = true;
            sb.append("\n  ").append(n).append('\n');
            params(sb, Catalog.stimulusParameters(n));
        }
        if (name == null) sb.append("\nConnection rules (projection 'connect:')\n\n");
        for (String n : Catalog.connectionRules()) {
            if (name != null && !name.equals(n)) continue;
            found = true;
            sb.append(String.format(Locale.ROOT, "  %-20s %s%n", n, String.join(", ", Catalog.ruleArguments(n))));
        }
        if (!found) {
            List<String> all = new java.util.ArrayList<>(Models.neuronNames());
            all.addAll(Catalog.synapseModels());
            all.addAll(Catalog.stimulusModels());
            all.addAll(Catalog.connectionRules());
            throw new Main.UserError("unknown model or rule '" + name + "'" + Models.suggestion(name, all)
                    + "; run 'myelin models' for the list", 1);
        }
        System.out.print(sb);
        return 0;
    }

    private static void params(StringBuilder sb, List<ParamSpec> ps) {
        for (ParamSpec p : ps) {
            String def = p.kind() == ParamSpec.Kind.BOOL ? (p.defaultValue() != 0 ? "true" : "false")
                    : fmt(p.defaultValue());
            sb.append(String.format(Locale.ROOT, "    %-22s %-8s default %-12s %-18s %s%n", p.name(),
                    p.unit() == null || p.unit().isEmpty() ? "-" : p.unit(), def, p.rangeText(), p.doc()));
        }
    }

    private static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }
}
