package org.activationbench.run;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to run a grid, built with {@link #builder}: every setting not named keeps its default.
 *
 * @param output    the output folder, a path or URI
 * @param dataRoot  the folder holding the datasets
 * @param resume    {@code --resume}: continue the run in {@code output}, skipping the trials that landed
 * @param overwrite {@code --overwrite}: replace the run in {@code output}
 * @param master    Spark's master; null: spark-submit's, else local[*]
 * @param afterGrid runs once the tables are compacted (the comparisons and the report, wired by the command line)
 * @param ui        serves the driver's Spark web UI
 * @param nextRound chooses each round's trials of a sequential or tuned grid
 * @param state     where trials keep their state
 */
public record RunOptions(String output, Path dataRoot, boolean resume, boolean overwrite, String master,
        AfterGrid afterGrid, boolean ui, NextRound nextRound, State state) {

    public RunOptions {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(dataRoot, "dataRoot");
        Objects.requireNonNull(afterGrid, "afterGrid");
        Objects.requireNonNull(nextRound, "nextRound");
        Objects.requireNonNull(state, "state");
    }

    /**
     * Where trials keep their state: {@code dir} is {@code --state-dir} (null: {@code <output>/state}), {@code keep} is
     * {@code --keep-state}, {@code off} is {@code --no-state}. See {@link org.activationbench.storage.StateFolder}.
     */
    public record State(String dir, boolean keep, boolean off) {
        public static final State DEFAULT = new State(null, false, false);
    }

    /** A new run of a grid into {@code output}, on the datasets under {@code dataRoot}, with every other default. */
    public static Builder builder(String output, Path dataRoot) {
        return new Builder(output, dataRoot);
    }

    /** The settings of a {@link RunOptions}, named one by one. */
    public static final class Builder {
        private final String output;
        private final Path dataRoot;
        private boolean resume;
        private boolean overwrite;
        private String master;
        private AfterGrid afterGrid = AfterGrid.NOTHING;
        private boolean ui;
        private NextRound nextRound = NextRound.ALL;
        private State state = State.DEFAULT;

        private Builder(String output, Path dataRoot) {
            this.output = output;
            this.dataRoot = dataRoot;
        }

        /** Continues the run in the output folder ({@code --resume}). */
        public Builder resume(boolean value) {
            this.resume = value;
            return this;
        }

        /** Replaces the run in the output folder ({@code --overwrite}). */
        public Builder overwrite(boolean value) {
            this.overwrite = value;
            return this;
        }

        /** Spark's master; null (the default) takes spark-submit's, else local[*]. */
        public Builder master(String value) {
            this.master = value;
            return this;
        }

        /** What runs once the tables are compacted; by default nothing. */
        public Builder afterGrid(AfterGrid value) {
            this.afterGrid = value;
            return this;
        }

        /** Serves the driver's Spark web UI. */
        public Builder ui(boolean value) {
            this.ui = value;
            return this;
        }

        /** Chooses each round's trials; by default every trial of the grid in one round. */
        public Builder nextRound(NextRound value) {
            this.nextRound = value;
            return this;
        }

        /** Where trials keep their state; by default {@code <output>/state}, removed as trials land. */
        public Builder state(State value) {
            this.state = value;
            return this;
        }

        /** The options named so far, the others at their defaults. */
        public RunOptions build() {
            return new RunOptions(output, dataRoot, resume, overwrite, master, afterGrid, ui, nextRound, state);
        }
    }
}
