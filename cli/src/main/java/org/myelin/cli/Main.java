package org.myelin.cli;

import java.io.PrintWriter;

import org.myelin.io.ModelFileException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code myelin} command: run a model file (or the built-in Brunel network), check or inspect
 * a file without running it, list the models, and redraw plots from saved outputs.
 *
 * <p>Exit codes: 0 success, 1 invalid model file or failed run, 2 bad command line, 130 interrupted.
 */
@Command(name = "myelin", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Spiking neural network simulation on the JVM.",
        subcommands = {RunCommand.class, CheckCommand.class, InspectCommand.class, ModelsCommand.class,
                PlotCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    /** Version printed by {@code --version} and written to {@code run.json}. */
    public static final String VERSION = versionFromJar();

    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of {@link #main}). */
    public static int execute(String... args) {
        CommandLine cl = commandLine();
        return cl.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        for (Object sub : Extensions.subcommands()) cl.addSubcommand(sub);
        cl.setExecutionExceptionHandler(Main::onException);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /** Model-file errors are the user's input: print every problem, no stack trace. */
    private static int onException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (e instanceof ModelFileException mfe) {
            printProblems(err, mfe);
            return 1;
        }
        if (e instanceof UserError u) {
            err.println("myelin: " + u.getMessage());
            return u.exitCode;
        }
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            err.println("myelin " + cl.getCommandName() + ": " + e.getMessage());
            err.flush();
            return 1;
        }
        throw new RuntimeException(e);
    }

    static void printProblems(PrintWriter err, ModelFileException e) {
        if (e.problems().size() > 1) err.println("myelin: " + e.problems().size() + " problems:");
        for (ModelFileException.Problem p : e.problems()) err.println(p.format());
        err.flush();
    }

    /** An error to report as one line without a stack trace. */
    static final class UserError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int exitCode;

        UserError(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"myelin " + VERSION, "Java " + Runtime.version()};
        }
    }

    private static String versionFromJar() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }
}
