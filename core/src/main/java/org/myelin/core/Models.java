package org.myelin.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.myelin.core.model.AeifCondExp;
import org.myelin.core.model.HhCondExpTraub;
import org.myelin.core.model.HhPscAlpha;
import org.myelin.core.model.IafCondAlpha;
import org.myelin.core.model.IafCondExp;
import org.myelin.core.model.IafPscAlpha;
import org.myelin.core.model.IafPscDelta;
import org.myelin.core.model.IafPscExp;
import org.myelin.core.model.Izhikevich;
import org.myelin.core.model.ParrotNeuron;
import org.myelin.core.model.PoissonSource;

/**
 * The registry of neuron models by NEST name. {@code spike_generator} is not listed: it is made from
 * spike times, not parameters ({@code org.myelin.core.model.SpikeGenerator}).
 *
 * <p>Modules above the kernel add models through {@link ServiceLoader}: a public
 * {@link NeuronModel} subclass with a public no-argument constructor, listed in
 * {@code META-INF/services/org.myelin.core.NeuronModel} (and {@code provides} in its
 * module-info). They are read once, after the built-in models, when this class is first used; a
 * name defined twice is an error.
 */
public final class Models {
    private static final Map<String, NeuronModel> NEURONS = new LinkedHashMap<>();

    static {
        add(IafPscDelta.INSTANCE);
        add(IafPscExp.INSTANCE);
        add(IafPscAlpha.INSTANCE);
        add(IafCondExp.INSTANCE);
        add(IafCondAlpha.INSTANCE);
        add(AeifCondExp.INSTANCE);
        add(Izhikevich.INSTANCE);
        add(HhPscAlpha.INSTANCE);
        add(HhCondExpTraub.INSTANCE);
        add(ParrotNeuron.INSTANCE);
        add(PoissonSource.INSTANCE);
        for (NeuronModel m : ServiceLoader.load(NeuronModel.class, Models.class.getClassLoader())) add(m);
    }

    private Models() {
    }

    private static void add(NeuronModel m) {
        NeuronModel old = NEURONS.putIfAbsent(m.name(), m);
        if (old != null) {
            throw new IllegalStateException("neuron model " + m.name() + " is defined twice: "
                    + old.getClass().getName() + " and " + m.getClass().getName());
        }
    }

    /** The known neuron model names, in registration order. */
    public static List<String> neuronNames() {
        return Collections.unmodifiableList(new ArrayList<>(NEURONS.keySet()));
    }

    /** The model of the given NEST name; throws naming the closest known names if unknown. */
    public static NeuronModel neuron(String name) {
        NeuronModel m = NEURONS.get(name);
        if (m == null) {
            throw new ModelException(null, "model", "unknown neuron model '" + name + "'"
                    + suggestion(name, NEURONS.keySet()) + "; known: " + String.join(", ", NEURONS.keySet()));
        }
        return m;
    }

    /** {@code " (did you mean 'x'?)"} for the closest candidate within a small edit distance, else "". */
    public static String suggestion(String name, Iterable<String> candidates) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = editDistance(name.toLowerCase(), c.toLowerCase());
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        if (best == null || bestD > Math.max(2, name.length() / 3)) return "";
        return " (did you mean '" + best + "'?)";
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int c = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + c);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
