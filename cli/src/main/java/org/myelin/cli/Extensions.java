package org.myelin.cli;

import java.util.List;

import org.myelin.reservoir.cli.ReservoirCommand;
import org.myelin.sdr.nab.NabCommand;

/** Subcommands contributed by other modules (HTM/NAB, reservoirs), registered in one place. */
final class Extensions {
    private Extensions() {
    }

    static List<Object> subcommands() {
        return List.of(new NabCommand(), new ReservoirCommand());
    }
}
