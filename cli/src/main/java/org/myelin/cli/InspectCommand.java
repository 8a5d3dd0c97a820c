package org.myelin.cli;

import java.util.List;
import java.util.concurrent.Callable;

import org.myelin.io.ModelSpec;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code myelin inspect FILE}: the network's size and estimated memory, before building it. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Print the network's size (neurons, synapses per projection, estimated memory) without building it.")
final class InspectCommand implements Callable<Integer> {
    @Mixin
    ModelOptions model = new ModelOptions();

    @Override
    public Integer call() {
        ModelSpec spec = model.load(List.of());
        System.out.print(spec.inspect().toText());
        return 0;
    }
}
