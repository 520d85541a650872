package org.activationbench.train;

import org.activationbench.data.DatasetSpec;
import org.activationbench.grid.Vocabulary;
import org.activationbench.model.Activations;
import org.activationbench.model.Architectures;
import org.activationbench.model.Optimizers;

/** The vocabulary of everything this build can train. */
public final class Vocabularies {

    private Vocabularies() {}

    /** The names of the datasets, activations, architectures, optimizers and initialisations this build knows. */
    public static Vocabulary standard() {
        return new Vocabulary(DatasetSpec.ids(), Activations.names(), Activations.slopeNames(), Architectures::isKnown,
                Architectures.NAMES, Optimizers.optimizerNames(), Optimizers.weightInitNames(),
                Optimizers.biasDrawingInitNames());
    }
}
