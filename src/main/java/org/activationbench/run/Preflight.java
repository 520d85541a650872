package org.activationbench.run;

import org.activationbench.data.DataFileException;
import org.activationbench.data.DatasetLoader;
import org.activationbench.data.DatasetSpec;
import org.activationbench.grid.GridChange;
import org.activationbench.grid.GridException;
import org.activationbench.grid.GridParser;
import org.activationbench.grid.GridSpec;
import org.activationbench.storage.OutputFolder;
import org.activationbench.storage.RefusedException;
import org.activationbench.train.Vocabularies;
import org.apache.hadoop.conf.Configuration;

/**
 * Everything a run checks before it starts Spark or writes a result: the data files, the grid against the data, the
 * options against the output folder, and that the folder can be written. Each refusal names what is wrong and the fix.
 */
final class Preflight {

    private Preflight() {}

    /** Returns the output folder, created and known writable; throws {@link RefusedException}. */
    static OutputFolder check(GridSpec grid, RunOptions options) {
        DatasetSpec spec = DatasetSpec.byId(grid.dataset());
        try {
            new DatasetLoader(options.dataRoot()).load(spec);
        } catch (DataFileException e) {
            throw new RefusedException(e.getMessage());
        }
        DataSizes.problem(grid, spec).ifPresent(p -> {
            throw new RefusedException(p);
        });
        OutputFolder out = new OutputFolder(options.output(), new Configuration());
        if (options.resume() && options.overwrite()) {
            throw new RefusedException("--resume and --overwrite exclude each other: resume continues "
                    + out.location() + ", overwrite replaces it");
        }
        switch (out.state()) {
            case NOT_A_FOLDER -> throw new RefusedException(out.location()
                    + " is a file, not a folder; choose another --output");
            case FOREIGN -> throw new RefusedException(out.location() + " holds files that are not an"
                    + " activation-bench run; choose another --output or empty it");
            case HOLDS_RUN -> {
                if (options.resume()) {
                    checkResumable(out, grid);
                } else if (!options.overwrite()) {
                    throw new RefusedException(out.location() + " already holds a run; pass --resume to finish"
                            + " it or --overwrite to replace it");
                }
            }
            case ABSENT, EMPTY -> {
                if (options.resume()) {
                    throw new RefusedException(out.location() + " holds no run to resume; run without --resume");
                }
            }
        }
        options.afterGrid().problem(out.location()).ifPresent(p -> {
            throw new RefusedException(p);
        });
        if (options.ui()) {
            Sessions.uiProblem().ifPresent(p -> {
                throw new RefusedException(p);
            });
        }
        out.probeWritable();
        return out;
    }

    /**
     * A resume with an edited grid is allowed when it only adds, removes or reorders trials (see {@link GridChange});
     * a stored grid this version cannot read is compared as text.
     */
    private static void checkResumable(OutputFolder out, GridSpec grid) {
        String stored = out.storedGrid();
        if (stored.equals(grid.render())) {
            return;
        }
        GridParser parser = new GridParser(Vocabularies.standard());
        GridSpec before;
        try {
            before = parser.parse(out.location() + "/" + OutputFolder.GRID_FILE, stored);
        } catch (GridException e) {
            throw new RefusedException(out.location() + " holds a run of a grid this version cannot read ("
                    + e.getMessage() + "); resume it with the version that wrote it, or use --overwrite or another --output");
        }
        GridChange.refusal(before, grid, parser).ifPresent(why -> {
            throw new RefusedException("--resume " + out.location() + ": " + why);
        });
    }

    /** The grid stored beside a run's output, read back; null if it is absent or this version cannot read it. */
    static GridSpec storedGrid(OutputFolder out) {
        try {
            return new GridParser(Vocabularies.standard()).parse(OutputFolder.GRID_FILE, out.storedGrid());
        } catch (GridException | java.io.UncheckedIOException e) {
            return null;
        }
    }
}
