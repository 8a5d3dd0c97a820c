package org.myelin.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.myelin.io.Inspection;
import org.myelin.io.ModelSpec;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code myelin check FILE}: validates a model file without building or running it. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validate a model file without running it; prints every problem with file:line:column.")
final class CheckCommand implements Callable<Integer> {
    @Mixin
    ModelOptions model = new ModelOptions();

    @Override
    public Integer call() {
        ModelSpec spec = model.load(List.of());
        Inspection in = spec.inspect();
        System.out.printf(Locale.ROOT, "%s: OK (%s: %d populations, %,d neurons, ~%,.0f synapses, %.1f ms at dt %.3g ms)%n",
                model.describe(), spec.name(), spec.populationNames().size(), in.neurons(), in.synapses(),
                spec.duration(), spec.dt());
        return 0;
    }
}
