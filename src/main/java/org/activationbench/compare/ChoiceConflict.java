package org.activationbench.compare;

/**
 * The stored choice of a learning rate ({@code learning_rates}) disagrees with the tuning trials it was made from, or
 * its file does not record one choice: the tables were edited, or the grid's tuning design changed after the choice.
 * Nothing is compared or trained on it; the commands exit with code 2.
 */
public final class ChoiceConflict extends RuntimeException {

    /** A conflict described by {@code message}, which says what differs and how to go on. */
    public ChoiceConflict(String message) {
        super(message);
    }
}
