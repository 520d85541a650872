package org.activationbench.cli;

import org.activationbench.train.Provenance;
import picocli.CommandLine;

/** Reports the project version and the libraries it trains with. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        Provenance p = Provenance.current();
        return new String[] {"activation-bench " + p.projectVersion() + " (" + p.gitCommit() + ")",
                "Deeplearning4j " + p.dl4jVersion() + ", Java " + p.javaVersion()};
    }
}
