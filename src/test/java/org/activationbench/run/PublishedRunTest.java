package org.activationbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.activationbench.storage.OutputFolder;
import org.activationbench.storage.RefusedException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing copies a run's own files, replaces only what an earlier publication wrote, and never a user's file. */
class PublishedRunTest {

    @TempDir
    Path dir;

    private Path run(String name, String accuracy) throws IOException {
        Path out = dir.resolve(name);
        Files.createDirectories(out.resolve("runs/experiment=e"));
        Files.createDirectories(out.resolve("epochs/experiment=e"));
        Files.writeString(out.resolve("grid.conf"), "experiment = \"e\"\n");
        Files.writeString(out.resolve(OutputFolder.MANIFEST), String.join("\n", OutputFolder.WRITTEN) + "\n");
        Files.writeString(out.resolve("runs/experiment=e/c-1-part-00000.parquet"), accuracy);
        Files.writeString(out.resolve("epochs/experiment=e/c-1-part-00000.parquet"), accuracy);
        Files.createDirectories(out.resolve("snapshot/runs"));
        return out;
    }

    @Test
    void theCopyHoldsTheGridManifestAndTablesAndAgainReplacesThem() throws IOException {
        Path copy = dir.resolve("report/tables");
        assertTrue(PublishedRun.problem(run("first", "0.97").toString(), copy.toString()).isEmpty());
        PublishedRun.copy(dir.resolve("first").toString(), copy.toString());
        assertEquals("0.97", Files.readString(copy.resolve("runs/experiment=e/c-1-part-00000.parquet")));
        assertTrue(Files.exists(copy.resolve("grid.conf")) && Files.exists(copy.resolve(OutputFolder.MANIFEST)));
        assertFalse(Files.exists(copy.resolve("snapshot")), "a snapshot is working state, not a result");

        Path second = run("second", "0.98");
        Files.delete(second.resolve("epochs/experiment=e/c-1-part-00000.parquet"));
        Files.writeString(second.resolve("epochs/experiment=e/c-2-part-00000.parquet"), "0.98");
        PublishedRun.copy(second.toString(), copy.toString());
        assertEquals("0.98", Files.readString(copy.resolve("runs/experiment=e/c-1-part-00000.parquet")));
        assertFalse(Files.exists(copy.resolve("epochs/experiment=e/c-1-part-00000.parquet")), "the earlier copy's file is gone");
    }

    @Test
    void aUsersFileIsNeverReplaced() throws IOException {
        Path copy = Files.createDirectories(dir.resolve("report/tables"));
        Files.writeString(copy.resolve("notes.md"), "mine");
        String problem = PublishedRun.problem(run("first", "0.97").toString(), copy.toString()).orElseThrow();
        assertTrue(problem.contains("holds files activation-bench did not write"), problem);

        Files.delete(copy.resolve("notes.md"));
        PublishedRun.copy(dir.resolve("first").toString(), copy.toString());
        Files.writeString(copy.resolve("runs/experiment=e/mine.parquet"), "mine");
        assertThrows(RefusedException.class, () -> PublishedRun.copy(dir.resolve("first").toString(), copy.toString()));
        assertEquals("mine", Files.readString(copy.resolve("runs/experiment=e/mine.parquet")));
    }

    @Test
    void aFolderWithoutARunIsNotPublished() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertTrue(PublishedRun.problem(empty.toString(), dir.resolve("copy").toString()).orElseThrow()
                .contains("holds no activation-bench run"));
    }
}
