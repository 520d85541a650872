package org.activationbench.data;

import java.nio.file.Path;

/** A dataset file that is missing or not what it should be; the message names the file, the fault and the fix. */
public final class DataFileException extends RuntimeException {

    public DataFileException(Path file, String problem, String fix) {
        super(file + ": " + problem + ". " + fix);
    }
}
