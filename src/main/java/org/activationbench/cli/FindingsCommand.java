package org.activationbench.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.activationbench.report.Findings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints the findings table from the published reports, or writes it into the README. */
@Command(name = "findings", mixinStandardHelpOptions = true,
        description = {"The articles' claims answered from the published reports' comparisons (notebooks-out/*/tables).",
                "Exit codes: 0 done, 2 --reports is not a folder or the README has no findings section."})
final class FindingsCommand implements Callable<Integer> {

    @Option(names = "--reports", defaultValue = "notebooks-out", paramLabel = "DIR",
            description = "where the published reports are (default: ${DEFAULT-VALUE})")
    Path reports;

    @Option(names = "--write", paramLabel = "README", arity = "0..1", fallbackValue = "README.md",
            description = "replace the findings section of this file (default: README.md) instead of printing the table")
    Path readme;

    @Override
    public Integer call() {
        if (!Files.isDirectory(reports)) {
            System.err.println("findings: --reports: " + reports + " is not a folder; the published reports are in"
                    + " notebooks-out/ (each notebooks-out/<experiment>/tables)");
            return 2;
        }
        String table = Findings.generate(reports);
        if (readme == null) {
            System.out.print(table);
            return 0;
        }
        try {
            Optional<String> updated = Findings.replaced(Files.readString(readme), table);
            if (updated.isEmpty()) {
                System.err.println("findings: " + readme + " has no findings section; add the two lines\n" + Findings.START
                        + "\n" + Findings.END + "\nwhere the table goes");
                return 2;
            }
            Files.writeString(readme, updated.get());
            System.out.println("findings: " + readme + " updated");
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
