package org.activationbench.report;

import java.util.List;
import java.util.Objects;
import org.activationbench.compare.Snapshot;
import org.activationbench.compare.Snapshot.EpochRow;

/** The grid's activation functions and their derivatives, drawn by the DL4J code the trials trained with. */
final class ActivationFigures {

    private ActivationFigures() {}

    static void add(Page page, Snapshot snapshot) {
        List<String> activations = snapshot.epochs().stream().map(EpochRow::activation).distinct().sorted().toList();
        List<Double> alphas = snapshot.epochs().stream().map(EpochRow::alpha).filter(Objects::nonNull).distinct().sorted().toList();
        byte[][] pngs = page.charts().activations(activations, alphas);
        page.text("## The activations compared");
        page.figure("The activation functions of this grid over [−5, 5], computed by the DL4J code the trials trained with.",
                "activations.png", pngs[0]);
        page.figure("Their derivatives (the factor a unit's gradient is multiplied by).", "derivatives.png", pngs[1]);
    }
}
