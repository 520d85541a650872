package org.activationbench.cli;

import org.activationbench.model.NativeBackend;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code activation-bench} command line: one subcommand per step of the pipeline. */
@Command(name = "activation-bench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Seeded, paired benchmarks of activation functions trained with Deeplearning4j.",
                "Exit codes: 2 without a command or with an unknown one; each command's --help lists its own."},
        subcommands = {TrainCommand.class, RunCommand.class, AnalyzeCommand.class, ReportCommand.class, PublishCommand.class, FindingsCommand.class,
                BenchCommand.class})
public final class Main implements java.util.concurrent.Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Without a command there is nothing to do: the usage, on standard error, and exit code 2. */
    @Override
    public Integer call() {
        System.err.println("activation-bench: name a command");
        spec.commandLine().usage(System.err);
        return 2;
    }

    /** Runs the command line and exits with its code (2 for bad input). */
    public static void main(String[] args) {
        NativeBackend.select();
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests execute it without exiting the JVM. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }
}
